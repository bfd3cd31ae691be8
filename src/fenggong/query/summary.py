"""The 通报 numbers of a reporting period: the standings counted in all, per lead body, per section.

Each task falls in exactly one bucket, so that a line's buckets add up to its tasks:
its status settles it first (``done``, ``cancelled``), then whether anything was reported
(not reported: no report by the day, past due or not), then its light (red, yellow;
green or the 督办单 preset's blue: on track). A row no report stands behind is still lit
red past its due date in ``status``, its reason saying it was not reported; the 通报
counts it once, as not reported: what a 督查室 chases first is the missing report, and
"late" is not known of work no one has reported on. A body that reported for an earlier
period and not this one is yellow (no report for the period), as ``status`` lights it.

The whole and the sections count each task once, by its worst-lit lead (``status``'s
row): not reported when none of its leads has reported; the bodies count each task they
lead by their own reports alone (``status --by dept``'s lead rows), so a task led by two
bodies is counted under each, and a body that sent nothing is not reported, whatever a
co-lead did and whatever the task's dates. A group naming no members (各相关委办局) has
no line: it is no office to answer for one. Its tasks are on the forms of the bodies it
may stand for, and count under each that reported on them; until one has, they count in
the whole and their sections alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import msgspec

from fenggong.lights import Light
from fenggong.matching import How, Role
from fenggong.model import DeptKind
from fenggong.query.progress import Row
from fenggong.query.select import matcher_of

BUCKETS = ("done", "on_track", "yellow", "red", "not_reported", "cancelled")


class Tally(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the 通报: what it counts (the whole, a body, a section) and its buckets."""

    scope: str  # "all", "body" or "section"
    name: str  # the body's label or the section's label; "" for the whole
    plan: str | None  # the plan of a section, in a library; None otherwise
    tasks: int
    done: int
    on_track: int
    yellow: int
    red: int
    not_reported: int
    cancelled: int


def bucket(row: Row) -> str:
    """The one bucket a standing falls in."""
    if row.status == "done":
        return "done"
    if row.status == "cancelled":
        return "cancelled"
    if row.unreported:
        return "not_reported"
    light = row.verdict.light
    if light is Light.RED:
        return "red"
    if light is Light.YELLOW:
        return "yellow"
    if light in (Light.GREEN, Light.BLUE):
        return "on_track"
    return "not_reported"


def _tally(scope: str, name: str, plan: str | None, rows: Sequence[Row]) -> Tally:
    counts = dict.fromkeys(BUCKETS, 0)
    for row in rows:
        counts[bucket(row)] += 1
    return Tally(scope=scope, name=name, plan=plan, tasks=len(rows), **counts)


def _named(row: Row) -> bool:
    """Whether the row's body is named to lead the task, or is a member of a group named
    so (各区). A group naming no members (各相关委办局) has no line of its own (no office
    answers under its name), nor do the bodies it may stand for: their lines would come
    and go with who reported."""
    dept = None if row.body is None else row.catalog.departments.get(row.body)
    if row.body is None or (dept is not None and dept.kind is DeptKind.GROUP):
        return False
    found = matcher_of(row.catalog).match(row.task, row.body, Role.LEAD)
    return found is not None and found.how is not How.POSSIBLE


def summary(tasks: Sequence[Row], bodies: Iterable[Row], *, across: bool) -> list[Tally]:
    """The whole (from ``tasks``, a row per task), then each lead body (from ``bodies``,
    the rows per task and body) in the order first met, then each section in the plans'
    order; ``across``: sections are named per plan."""
    lines = [_tally("all", "", None, tasks)]
    by_body: dict[str, list[Row]] = {}
    for row in bodies:
        if row.lead and row.label is not None and _named(row):
            by_body.setdefault(row.label, []).append(row)
    lines += [_tally("body", name, None, rows) for name, rows in by_body.items()]
    by_section: dict[tuple[str, int], list[Row]] = {}
    labels: dict[tuple[str, int], str] = {}
    for row in tasks:
        section = row.catalog.section_of(row.task)
        key = (row.catalog.key, section.number)
        by_section.setdefault(key, []).append(row)
        labels[key] = section.label
    lines += [
        _tally("section", labels[key], key[0] if across else None, rows)
        for key, rows in by_section.items()
    ]
    return lines
