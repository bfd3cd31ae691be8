"""The standings of the active plans on a day: each task's light from its leads' latest reports.

A task's light is the worst light of its lead bodies (red over yellow over green or blue
over none), each judged on its own latest report made by the day (``lights.judge``); a
tie goes to the first lead in the order the table writes them. The row's status, report
date and period are that deciding body's, so that light, reason and status agree. The
lead bodies are those the lead cell names; a group naming its members (各区) stands for
each member; a group naming none (各相关委办局, 相关区) for the bodies of its scope that
reported on the task by the day (each has it on its form, marked 可能涉及), or for itself
while none has. A body that leads and has not reported counts: the task waits on it, and
once another lead has reported, its silence is a missing report. A body's own row
(``by_body``: ``status --by dept``, the 通报's lines per body) is lit by its own reports
alone: another lead's report changes nothing in it. A row no report stands behind (a
body's that sent none, a task's none of whose leads did) is lit by the task's dates, and
marked ``unreported``: the 通报 counts it as not reported, once, past due or not.

A report is made by the day when its ``reported`` date is on or before it; one without
a date, from its period's first day. The last period a report is expected for is the one
of the ledger's cadence (the kind of its latest period begun by the day) that ended
before the day, unless it ended before the ledger's first period began.

Without a ledger (no ``progress/`` folder, or no period file in it) nothing is judged:
every task's light is none. Deadlines are known without one: ``due`` and ``overdue``
list what is not reported done or cancelled.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from fenggong.catalog import Catalog
from fenggong.checks.scope import Scope
from fenggong.lights import RANK, Light, Settings, Span, Standing, Verdict, judge
from fenggong.messages import _, language, speaking
from fenggong.model import DeptKind, Entry, Task
from fenggong.periods import ReportingPeriod, containing
from fenggong.query.library import Library
from fenggong.store.ledger import Ledgers

# A task a body has finished with: never late, never due.
SETTLED = frozenset({"done", "cancelled"})

# The bodies of a task's rows (body, leads) → those shown: a department filter's (--by dept).
Narrow = Callable[[Catalog, Task, list[tuple[str, bool]]], list[tuple[str, bool]]]


class Row(msgspec.Struct, frozen=True, kw_only=True):
    """One task's standing (or one body's part in it) on the day ``as_of``."""

    catalog: Any  # Catalog: the plan of the task
    task: Task
    ref: int | str  # the task as the ledger names it: 47, or KEY:47 in a library
    body: str | None  # the deciding lead, or the body of a --by dept row; None: no body
    label: str | None  # the body as named across the library (JURISDICTION:NAME if needed)
    lead: bool  # whether the body leads the task
    period: ReportingPeriod | None  # the period of the report, when there is one
    entry: Entry | None  # the report
    verdict: Verdict
    days: int | None  # days until the due date; negative once past it
    # No report stands behind the row: its body sent none by the day (a task's row: none
    # of its leads did). The 通报 counts it as not reported, whatever its light.
    unreported: bool = False

    @property
    def status(self) -> str | None:
        return None if self.entry is None else str(self.entry.status)

    @property
    def reported(self) -> datetime.date | None:
        return None if self.entry is None else self.entry.reported

    @property
    def settled(self) -> bool:
        return self.status in SETTLED


class Book:
    """The ledger and the lights settings of the active plans, read once."""

    def __init__(self, ledgers: Ledgers | None, settings: Settings, keyed: bool) -> None:
        self.ledgers = ledgers if ledgers is not None and ledgers.periods else None
        self.settings = settings
        self.keyed = keyed  # a library names a task KEY:ID; a plan file alone by its id
        # Within one ``standings``: thousands of rows share a standing (the same day, due
        # date, status and period) and a body's label, each worked out once.
        self._judged: dict[Standing, Verdict] = {}
        self._labels: dict[tuple[int, str], str] = {}

    def judge(self, standing: Standing) -> Verdict:
        verdict = self._judged.get(standing)
        if verdict is None:
            verdict = self._judged[standing] = judge(standing, self.settings)
        return verdict

    def label(self, library: Library, catalog: Catalog, body: str) -> str:
        """The body as named across the library (Library.label), or as written when the
        plan's registry does not know it."""
        key = (id(catalog), body)
        label = self._labels.get(key)
        if label is None:
            known = body in catalog.departments
            label = self._labels[key] = library.label(catalog, body) if known else body
        return label

    def ref(self, catalog: Catalog, task: Task) -> int | str:
        return f"{catalog.key}:{task.id}" if self.keyed else task.id

    def reporters(self, ref: int | str) -> list[str]:
        """The bodies that have reported on the task, in the order first met."""
        return self.ledgers.reporters(ref) if self.ledgers else []

    def last_period(self, as_of: datetime.date) -> ReportingPeriod | None:
        """The last period ended before ``as_of`` that a report should answer, or None."""
        if self.ledgers is None:
            return None
        begun = [p for p in self.ledgers.periods if p.start <= as_of]
        if not begun:
            return None
        kind = max(begun, key=lambda p: (p.start, p.key)).kind
        last = containing(as_of, kind).previous()
        first = min(p.start for p in self.ledgers.periods)
        return last if last is not None and last.end >= first else None

    def latest(
        self,
        ref: int | str,
        body: str,
        as_of: datetime.date,
        through: ReportingPeriod | None = None,
    ) -> tuple[ReportingPeriod, Entry] | None:
        """The body's latest report on the task made by ``as_of``; with ``through``, the
        latest of a period ended by then, whenever it was made (a 通报 of a period counts
        the reports that answer it, sent in after it closed)."""
        if self.ledgers is None:
            return None
        # Latest first: the answer is nearly always the latest period's, and an earlier
        # period's reports are not made into entries to be passed over.
        if through is not None:
            end = through.end
            return self.ledgers.first(ref, body, lambda period, _entry: period.end <= end)
        return self.ledgers.first(ref, body, lambda period, entry: _made(period, entry, as_of))


def _made(period: ReportingPeriod, entry: Entry, as_of: datetime.date) -> bool:
    """Whether the report was made by ``as_of``: by its date, else its period's start."""
    return entry.reported <= as_of if entry.reported else period.start <= as_of


def book_of(path: Path, library: Library) -> Book:
    """The ledger beside the active plans (``path``, a plan file or library folder) and its
    lights settings; DataError when either is invalid."""
    from fenggong.store import ledger, lights

    keyed = library.folder is not None
    plans = [(c.key if keyed else None, c.dataset) for c in library.catalogs]
    folder = ledger.folder_of(path)
    scope = Scope(plans, library.digest if keyed else None)
    loaded = ledger.load(folder, scope) if folder.is_dir() else None
    return Book(loaded, lights.settings(folder.parent), keyed)


def lead_bodies(catalog: Catalog, task: Task, reporters: Sequence[str]) -> list[str]:
    """The bodies that lead the task, in the order its lead cell gives them."""
    return _bodies(catalog, task.lead, reporters, stand_in=True)


def support_bodies(catalog: Catalog, task: Task) -> list[str]:
    """The bodies the task's support cell gives a duty, in its order: each named, and
    the members of a group naming them (各区); a group naming no members (各相关委办局)
    gives none, as it is not known whom it concerns until one of them reports."""
    return _bodies(catalog, task.support, (), stand_in=False)


def _bodies(
    catalog: Catalog, names: Sequence[str], reporters: Sequence[str], *, stand_in: bool
) -> list[str]:
    """The bodies a cell's ``names`` give a duty: each named, a group's members in its
    place; for a group naming no members, those of its scope among ``reporters``, else
    the group itself if it is to ``stand_in``."""
    found: list[str] = []
    departments = catalog.departments
    for name in names:
        dept = departments.get(name)
        if dept is not None and dept.kind is DeptKind.GROUP and dept.members:
            found += dept.members
        elif dept is not None and dept.kind is DeptKind.GROUP:
            scope = set(dept.scope or ())
            near = [b for b in reporters if b in departments and departments[b].kind in scope]
            found += near or ([name] if stand_in else [])
        else:
            found.append(name)
    return list(dict.fromkeys(found))


def _led_by_scope(catalog: Catalog, task: Task) -> bool:
    """Whether a group naming no members (相关区) leads the task: its leads are those
    of its scope that reported."""
    departments = catalog.departments
    for name in task.lead:
        dept = departments.get(name)
        if dept is not None and dept.kind is DeptKind.GROUP and not dept.members:
            return True
    return False


def standings(
    library: Library,
    chosen: Iterable[tuple[Catalog, Sequence[Task]]],
    book: Book,
    as_of: datetime.date,
    *,
    by_body: bool = False,
    others: bool = True,
    through: ReportingPeriod | None = None,
    narrow: Narrow | None = None,
) -> list[Row]:
    """Each chosen task's standing on ``as_of``; with ``by_body``, one row per lead body and
    (unless not ``others``: deadlines are the leads') per supporting body (``support_bodies``,
    a silent one too: its form asked it) and other body that reported on it, leads first,
    each lit by its own reports alone; ``narrow`` keeps some of those bodies,
    and may add others (a department filter's, ``query.named``). ``through``: the standings
    a period's 通报 gives on ``as_of``, its last day: the reports of that period and
    earlier count, whenever they were sent in, and it is the period a report should answer."""
    last = through if through is not None else book.last_period(as_of)
    rows: list[Row] = []
    # Every verdict gives its reason in words: the reader's language is looked up once,
    # not in the environment for each of thousands of rows.
    with speaking(language()):
        book._judged, book._labels = {}, {}  # the language or the library may differ
        for catalog, tasks in chosen:
            for task in tasks:
                ref = book.ref(catalog, task)
                # Who reported matters to a task led by a group naming no members, and
                # to the other bodies' rows; found for those only. A body counts once it
                # has reported by the day: a replay of an earlier day knows no later one.
                asked = (by_body and others) or _led_by_scope(catalog, task)
                reporters = book.reporters(ref) if asked else []
                made = {b: book.latest(ref, b, as_of, through) for b in reporters}
                reported = [b for b in reporters if made[b] is not None]
                leads = lead_bodies(catalog, task, reported)
                bodies = [(b, True) for b in leads]
                if by_body and others:  # a task's row is its leads' alone
                    duty = [*support_bodies(catalog, task), *reported]
                    bodies += [(b, False) for b in dict.fromkeys(duty) if b not in leads]
                if by_body and narrow is not None:
                    bodies = narrow(catalog, task, bodies)
                for b, _lead in bodies:
                    if b not in made:
                        made[b] = book.latest(ref, b, as_of, through)
                # On the task's row, a lead's silence on a task another lead has reported
                # on is a missing report, not a task not yet begun (lights.Standing.begun);
                # a body's own row stands on its own reports alone.
                begun = set() if by_body else {b for b in leads if made[b] is not None}
                own = [
                    _row(
                        (library, catalog, task, ref),
                        (b, lead, made[b], bool(begun - {b})),
                        book,
                        (as_of, last, through is not None),
                    )
                    for b, lead in bodies
                ]
                if by_body:
                    rows += own
                else:
                    rows.append(_combined(own, catalog, task, ref, book, as_of))
    return rows


def _row(
    of: tuple[Library, Catalog, Task, int | str],
    part: tuple[str, bool, tuple[ReportingPeriod, Entry] | None, bool],
    book: Book,
    when: tuple[datetime.date, ReportingPeriod | None, bool],
) -> Row:
    """The standing of one body's part in a task: ``of`` (the library, the task's plan, the
    task and its reference), ``part`` (the body, whether it leads, its latest report, and
    whether another lead has reported), ``when`` (the day, the last period a report should
    answer, and whether that period is closed)."""
    library, catalog, task, ref = of
    body, lead, found, others = part
    as_of, last, closed = when
    period, entry = found if found else (None, None)
    if book.ledgers is None:
        verdict = Verdict(Light.NONE, _("no ledger: nothing reported"))
    else:
        standing = Standing(
            as_of=as_of,
            due=task.due,
            status=None if entry is None else str(entry.status),
            reported=None if entry is None else entry.reported,
            answered=None if period is None else Span(period.start, period.end),
            last_period=None if last is None else Span(last.start, last.end),
            closed=closed,
            begun=lead and others,
        )
        verdict = book.judge(standing)
    return Row(
        catalog=catalog,
        task=task,
        ref=ref,
        body=body,
        label=book.label(library, catalog, body),
        lead=lead,
        period=period,
        entry=entry,
        verdict=verdict,
        days=days_left(task, as_of),
        unreported=entry is None,
    )


def _combined(
    leads: list[Row], catalog: Catalog, task: Task, ref: int | str, book: Book, as_of: datetime.date
) -> Row:
    if not leads:  # a task with no lead body cannot be judged by anyone's report
        verdict = Verdict(Light.NONE, _("no lead body"))
        return Row(
            catalog=catalog,
            task=task,
            ref=ref,
            body=None,
            label=None,
            lead=False,
            period=None,
            entry=None,
            verdict=verdict,
            days=days_left(task, as_of),
            unreported=True,
        )
    # max keeps the first of equals: the first lead in the cell's order.
    worst = max(leads, key=lambda r: RANK[r.verdict.light])
    if worst.entry is not None or all(r.entry is None for r in leads):
        return worst
    # A lead silent where another has reported lit the task: the row says which one.
    said = _("{body}: {reason}").format(body=worst.label, reason=worst.verdict.reason)
    verdict = Verdict(worst.verdict.light, said)
    return msgspec.structs.replace(worst, verdict=verdict, unreported=False)


def days_left(task: Task, as_of: datetime.date) -> int | None:
    """Days from ``as_of`` to the task's due date (negative once past), or None."""
    if task.due is None or task.due.date is None:
        return None
    return (task.due.date - as_of).days


def deadlines(rows: Iterable[Row], *, within: int | None = None) -> list[Row]:
    """The lead bodies' rows not done or cancelled whose due date falls in the window:
    within ``within`` days of the day (due today and due in exactly that many included),
    or, with ``within`` None, past (due yesterday or before). Grouped by body in the
    registry's order, then by due date and task."""
    chosen = [
        r
        for r in rows
        if r.lead
        and not r.settled
        and r.days is not None
        and (r.days < 0 if within is None else 0 <= r.days <= within)
    ]
    order = _body_order(chosen)
    return sorted(chosen, key=lambda r: (order[r.label or ""], r.days, _position(r)))


def _body_order(rows: Sequence[Row]) -> dict[str, tuple[int, int]]:
    """Each body's place: its first plan's place, then its place in that plan's registry."""
    order: dict[str, tuple[int, int]] = {}
    plans: dict[str, int] = {}
    for row in rows:
        catalog = row.catalog
        plans.setdefault(catalog.key, len(plans))
        names = list(catalog.departments)
        place = names.index(row.body) if row.body in names else len(names)
        order.setdefault(row.label or "", (plans[catalog.key], place))
    return order


def _position(row: Row) -> tuple[str, int]:
    return (row.catalog.key, row.task.id)
