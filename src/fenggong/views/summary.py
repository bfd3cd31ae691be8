"""The document of ``report summary``: a period's 通报 numbers, in all, per body, per section."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from fenggong.messages import N_, _, ngettext
from fenggong.periods import ReportingPeriod
from fenggong.query.summary import Tally
from fenggong.render.document import Column, Document, Kind
from fenggong.views.contracts import Contract

Count = Annotated[int, Meta(ge=0)]


class SummaryObject(Contract, frozen=True):
    """One line of a period's 通报: the whole, a lead body or a section, and its counts.

    Each task falls in one bucket: done, cancelled (by status), else not reported (no
    report by the day), else red, yellow, on track (by light); the buckets add up to
    ``tasks``."""

    period: Annotated[str, Meta(description="The reporting period: 2026-Q1.")]
    as_of: Annotated[datetime.date, Meta(description="The day the standings are taken on.")]
    scope: Annotated[
        Literal["all", "body", "section"],
        Meta(description="all: every task; body: the tasks a body leads; section: a section's."),
    ]
    name: Annotated[str, Meta(description="The body or the section's label; empty for all.")]
    plan: Annotated[
        str | None, Meta(description="The plan key of a section, over a library; else null.")
    ]
    tasks: Count
    done: Count
    on_track: Annotated[Count, Meta(description="Lit green (or blue), not done.")]
    yellow: Count
    red: Count
    not_reported: Annotated[
        Count,
        Meta(
            description="No report by the body (for all and a section: by any lead), "
            "past due or not."
        ),
    ]
    cancelled: Count


SummaryColumn = Column[SummaryObject]

_GROUPS = {"all": N_("All tasks"), "body": N_("By lead body"), "section": N_("By section")}

COLUMNS = (
    SummaryColumn("period", N_("Period"), audience="machines"),
    SummaryColumn("as_of", N_("As of"), audience="machines", get=lambda r: r.as_of.isoformat()),
    SummaryColumn("scope", N_("Scope"), audience="machines"),
    SummaryColumn("plan", N_("Plan"), audience="machines"),
    SummaryColumn(
        "name",
        N_("Department or section"),
        audience="people",
        get=lambda r: r.name or _("All tasks"),
    ),
    SummaryColumn("name", N_("Department or section"), audience="machines"),
    SummaryColumn("tasks", N_("Tasks"), Kind.NUMBER),
    SummaryColumn("done", N_("Done"), Kind.NUMBER),
    SummaryColumn("on_track", N_("On track"), Kind.NUMBER),
    SummaryColumn("yellow", N_("Yellow"), Kind.NUMBER),
    SummaryColumn("red", N_("Red"), Kind.NUMBER),
    SummaryColumn("not_reported", N_("Not reported"), Kind.NUMBER),
    SummaryColumn("cancelled", N_("Cancelled"), Kind.NUMBER),
)


def summary_object(tally: Tally, period: ReportingPeriod, as_of: datetime.date) -> SummaryObject:
    # A line of the 通报 as counted, with the period and day it was counted for.
    return SummaryObject(period=period.name, as_of=as_of, **msgspec.structs.asdict(tally))


def counted(received: datetime.date | None) -> str:
    """Which reports a 通报 counts, said after its date: a period's own counts those of
    the period and before received by ``received`` (today), whenever made; taken on a day
    (``received`` None), those made by that day. Two 通报 of one date differ by this."""
    if received is None:
        return _("reports made by then")
    return _("reports of the period and before received by {today}").format(
        today=received.isoformat()
    )


def summary_view(
    tallies: Sequence[Tally],
    period: ReportingPeriod,
    as_of: datetime.date,
    received: datetime.date | None = None,
) -> Document:
    """``report summary``: the whole, then each lead body, then each section; ``received``:
    the day the period's own 通报 counts reports received by (None: taken on ``as_of``)."""
    objects = tuple(summary_object(t, period, as_of) for t in tallies)
    whole = objects[0] if objects else None
    caption = ngettext(
        "{period} as of {date}; {counted}: {tasks} task, {done} done, {red} red",
        "{period} as of {date}; {counted}: {tasks} tasks, {done} done, {red} red",
        whole.tasks if whole else 0,
    ).format(
        period=period.name,
        date=as_of.isoformat(),
        counted=counted(received),
        tasks=whole.tasks if whole else 0,
        done=whole.done if whole else 0,
        red=whole.red if whole else 0,
    )
    return Document(
        columns=COLUMNS,
        rows=objects,
        caption=caption,
        groups=tuple(_(_GROUPS[o.scope]) for o in objects),
    )
