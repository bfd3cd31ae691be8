"""``targets --progress``: the targets' document with each goal's latest figure, light and parts."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

import msgspec

from fenggong.messages import N_, _
from fenggong.query.attainment import Attainment, Part
from fenggong.render.document import Column, Document, Kind
from fenggong.render.document import Status as Lit
from fenggong.render.text import number
from fenggong.views.status import LIGHT_WORDS
from fenggong.views.targets import PartObject, TargetRow

ProgressColumn = Column[TargetRow]

_COLOURS = {"green": "green", "yellow": "amber", "red": "red", "none": "grey"}


def _percent(value: object) -> str:
    return f"{number(value)}%" if isinstance(value, int | float) else ""


def _light(row: TargetRow) -> Lit:
    light = str(row.light)
    return Lit(_(LIGHT_WORDS[light]), _COLOURS[light])  # type: ignore[arg-type]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _progress_columns(
    amounts: Mapping[tuple[str, int, str], float | None],
) -> tuple[ProgressColumn, ...]:
    def figure(row: TargetRow) -> str:
        """The figure as the target is written (480万人次 beside 力争500万人次, 80% beside
        力争达80%), not as its quantity (4,800,000; 0.8), which machines keep."""
        amount = amounts.get((row.plan.key if row.plan else "", row.task, row.metric))
        return "" if amount is None else f"{number(amount)}{row.unit or ''}"

    return (
        ProgressColumn("reported", N_("Reported"), get=lambda r: _text(r.reported)),
        ProgressColumn("figure", N_("Figure"), Kind.NUMBER, "machines"),
        ProgressColumn("figure", N_("Figure"), audience="people", get=figure),
        *_PROGRESS,
    )


_PROGRESS = (
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


class _Said(msgspec.Struct, frozen=True):
    """A part in words, as a cell of kind MATCH shows it: one per line in a terminal
    table, joined by ； elsewhere."""

    text: str

    def describe(self) -> str:
        return self.text


def _said(part: Part, unit: str | None) -> _Said:
    """浦东新区 12所（2026-04-15）: the figure in the target's own unit as written, and the
    date of the report (its period, when it has none)."""
    when = part.reported.isoformat() if part.reported else part.period.name
    return _Said(f"{part.body} {number(part.amount)}{unit or ''}（{when}）")


def _parts_columns(
    said: Mapping[tuple[str, int, str], tuple[_Said, ...]],
) -> tuple[ProgressColumn, ...]:
    def words(row: TargetRow) -> tuple[_Said, ...]:
        return said.get((row.plan.key if row.plan else "", row.task, row.metric), ())

    def encoded(row: TargetRow) -> str:
        return msgspec.json.encode(row.parts or ()).decode()

    return (
        ProgressColumn("parts", N_("Parts"), Kind.MATCH, audience="people", get=words),
        # A csv cell holds the list as JSON: the same array json writes.
        ProgressColumn("parts", N_("Parts"), audience="machines", get=encoded),
    )


def _part_object(part: Part) -> PartObject:
    return PartObject(body=part.body, figure=part.figure, reported=part.reported)


def with_progress(
    document: Document,
    found: Mapping[tuple[str, int, str], Attainment],
    as_of: datetime.date,
) -> Document:
    """``document`` (``targets``'s) with each row's attainment on ``as_of``; a qualitative
    goal, which has no figure to reach, is written with nulls and light none."""
    rows = []
    said: dict[tuple[str, int, str], tuple[_Said, ...]] = {}
    amounts: dict[tuple[str, int, str], float | None] = {}
    for row in document.rows:
        key = (row.plan.key if row.plan else "", row.task, row.metric)
        reached = found.get(key)
        parts = () if reached is None else reached.parts
        said[key] = tuple(_said(p, row.unit) for p in parts)
        amounts[key] = None if reached is None else reached.amount
        rows.append(
            msgspec.structs.replace(
                row,
                reported=None if reached is None else reached.reported,
                figure=None if reached is None else reached.figure,
                attainment=None if reached is None else reached.attainment,
                expected=None if reached is None else reached.expected,
                light="none" if reached is None else str(reached.verdict.light),
                parts=tuple(_part_object(p) for p in parts),
            )
        )
    caption = _("{caption}; as of {date}").format(caption=document.caption, date=as_of.isoformat())
    return msgspec.structs.replace(
        document,
        columns=(*document.columns, *_progress_columns(amounts), *_parts_columns(said)),
        rows=tuple(rows),
        caption=caption,
    )
