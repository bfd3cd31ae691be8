"""``targets --progress``: the targets' document with each goal's latest figure and light."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import msgspec

from fenggong.messages import N_, _
from fenggong.query.attainment import Attainment
from fenggong.render.document import Column, Document, Kind
from fenggong.render.document import Status as Lit
from fenggong.render.text import number
from fenggong.views.status import LIGHT_WORDS
from fenggong.views.targets import TargetRow

ProgressColumn = Column[TargetRow]

_COLOURS = {"green": "green", "yellow": "amber", "red": "red", "none": "grey"}


def _percent(value: object) -> str:
    return f"{number(value)}%" if isinstance(value, int | float) else ""


def _light(row: TargetRow) -> Lit:
    light = str(row.light)
    return Lit(_(LIGHT_WORDS[light]), _COLOURS[light])  # type: ignore[arg-type]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


_PROGRESS = (
    ProgressColumn("reported", N_("Reported"), get=lambda r: _text(r.reported)),
    ProgressColumn("figure", N_("Figure"), Kind.NUMBER),
    ProgressColumn(
        "attainment", N_("Attained"), audience="people", get=lambda r: _percent(r.attainment)
    ),
    ProgressColumn(
        "expected", N_("Expected"), audience="people", get=lambda r: _percent(r.expected)
    ),
    ProgressColumn("light", N_("Light"), Kind.STATUS, audience="people", get=_light),
    ProgressColumn("attainment", N_("Attained"), Kind.NUMBER, "machines"),
    ProgressColumn("expected", N_("Expected"), Kind.NUMBER, "machines"),
    ProgressColumn("light", N_("Light"), audience="machines"),
)


def with_progress(
    document: Document,
    found: Mapping[tuple[str, int, str], Attainment],
    as_of: datetime.date,
) -> Document:
    """``document`` (``targets``'s) with each row's attainment on ``as_of``; a qualitative
    goal, which has no figure to reach, is written with nulls and light none."""
    rows = []
    for row in document.rows:
        key = (row.plan.key if row.plan else "", row.task, row.metric)
        reached = found.get(key)
        rows.append(
            msgspec.structs.replace(
                row,
                reported=None if reached is None else reached.reported,
                figure=None if reached is None else reached.figure,
                attainment=None if reached is None else reached.attainment,
                expected=None if reached is None else reached.expected,
                light="none" if reached is None else str(reached.verdict.light),
            )
        )
    caption = _("{caption}; as of {date}").format(caption=document.caption, date=as_of.isoformat())
    return msgspec.structs.replace(
        document,
        columns=(*document.columns, *_PROGRESS),
        rows=tuple(rows),
        caption=caption,
    )
