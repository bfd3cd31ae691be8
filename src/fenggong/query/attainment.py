"""Each quantified target's attainment on a day: its latest reported figure over its quantity.

A figure (``Entry.figures``) counts toward a target when its ``target`` names the target's
metric (compared forgivingly), or, naming none, when the task has one quantified target
only. Only the task's lead bodies' reports count (a supporting district's own figure is a
part, not the whole); of those made by the day (``reported`` on or before it, or, without a
date, from its period's first day), the latest wins: the latest period, then the latest
date, then the first lead in the order the lead cell names them. Figures are not summed.

A figure's quantity is its value × its unit (``model.UNITS``: 512 万人次 is 5,120,000), and
its attainment that quantity over the target's, in per cent. A figure in a unit the target
cannot be compared with (人 toward 所) is left out.

The light is 序时进度's (``lights.gap_verdict``): the share expected by the day is the
elapsed part of the plan's period (1 January of its first year to 31 December of its last;
a plan without one: its date to the task's due date), and the gap in percentage points
between it and the attainment decides, under the bands of ``lights.yaml`` (``bands``,
default green 0, yellow 10) whatever its preset. No figure, or no span: the light is none.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

import msgspec

from fenggong.catalog import Catalog
from fenggong.lights import Light, Standing, Verdict, expected_share, gap_verdict
from fenggong.messages import _
from fenggong.model import UNITS, Due, DueKind, Entry, Figure, Target, Task
from fenggong.names import fold
from fenggong.periods import ReportingPeriod
from fenggong.query.progress import Book, lead_bodies


class Attainment(msgspec.Struct, frozen=True, kw_only=True):
    """How far one quantified target is reached on the day ``as_of``."""

    task: Task
    target: Target
    body: str | None = None  # the lead body whose report gave the figure
    period: ReportingPeriod | None = None
    entry: Entry | None = None
    figure: float | None = None  # the figure's quantity: value × unit
    attainment: float | None = None  # per cent of the target's quantity
    expected: float | None = None  # per cent of the plan's period elapsed
    verdict: Verdict = Verdict(Light.NONE, "")

    @property
    def reported(self) -> datetime.date | None:
        return None if self.entry is None else self.entry.reported


def attainments(
    chosen: Iterable[tuple[Catalog, Sequence[Task]]], book: Book, as_of: datetime.date
) -> dict[tuple[str, int, str], Attainment]:
    """Each quantified target of the chosen tasks, keyed by (plan key, task id, metric)."""
    found: dict[tuple[str, int, str], Attainment] = {}
    for catalog, tasks in chosen:
        for task in tasks:
            quantified = [t for t in task.targets if _quantified(t)]
            for target in quantified:
                found[(catalog.key, task.id, target.metric)] = attainment(
                    catalog, task, target, len(quantified) == 1, book, as_of
                )
    return found


def attainment(
    catalog: Catalog, task: Task, target: Target, only: bool, book: Book, as_of: datetime.date
) -> Attainment:
    """The target's attainment on ``as_of``; ``only``: the task has no other quantified target."""
    if book.ledgers is None:
        return Attainment(
            task=task, target=target, verdict=Verdict(Light.NONE, _("no ledger: nothing reported"))
        )
    ref = book.ref(catalog, task)
    latest = None
    for place, body in enumerate(lead_bodies(catalog, task, book.reporters(ref))):
        for index, (period, entry) in enumerate(book.ledgers.history(ref, body)):
            made = entry.reported or period.start
            figure = _figure(entry, target, only)
            if made > as_of or figure is None:
                continue
            key = (period.end, made, -place, index)
            if latest is None or key > latest[0]:
                latest = (key, body, period, entry, figure)
    expected = expected_share(_span(catalog, task, as_of))
    if latest is None:
        return Attainment(
            task=task,
            target=target,
            expected=None if expected is None else _percent(expected),
            verdict=Verdict(Light.NONE, _("no figure reported toward it yet")),
        )
    _key, body, period, entry, quantity = latest
    share = quantity / target.quantity if target.quantity else None
    verdict = (
        gap_verdict(expected, share, book.settings.gaps)
        if expected is not None and share is not None
        else Verdict(Light.NONE, _("no plan period to measure it against"))
    )
    return Attainment(
        task=task,
        target=target,
        body=body,
        period=period,
        entry=entry,
        figure=quantity,
        attainment=None if share is None else _percent(share),
        expected=None if expected is None else _percent(expected),
        verdict=verdict,
    )


def _quantified(target: Target) -> bool:
    return not target.qualitative and target.quantity is not None


def _figure(entry: Entry, target: Target, only: bool) -> float | None:
    """The quantity of the entry's figure toward ``target``, or None when it has none."""
    metric = fold(target.metric)
    for figure in entry.figures:
        named = figure.target is not None and fold(figure.target) == metric
        if named or (figure.target is None and only):
            quantity = _quantity(figure, target)
            if quantity is not None:
                # 5120000, not 5120000.0: a whole number is written as one.
                return int(quantity) if float(quantity).is_integer() else quantity
    return None


def _quantity(figure: Figure, target: Target) -> float | None:
    if figure.unit == target.unit and target.value and target.quantity is not None:
        # The target's own unit: scaled as the target is, whatever the unit.
        return figure.value * target.quantity / target.value
    if figure.unit in UNITS and target.unit in UNITS and _kin(figure.unit, str(target.unit)):
        return figure.value * UNITS[figure.unit]
    return None


def _kin(one: str, other: str) -> bool:
    """Whether two units count the same thing (万人次 and 人次), not 人 and 所."""
    return one.removeprefix("万") == other.removeprefix("万")


def _span(catalog: Catalog, task: Task, as_of: datetime.date) -> Standing:
    """The plan's period as a span for ``expected_share``."""
    plan = catalog.dataset.plan
    if plan.period is not None:
        end = datetime.date(plan.period.end, 12, 31)
        start = datetime.date(plan.period.start, 1, 1)
        return Standing(as_of=as_of, start=start, due=Due(plan.period.name, DueKind.PERIOD, end))
    return Standing(as_of=as_of, start=plan.date, due=task.due)


def _percent(share: float) -> float:
    return round(share * 100, 1)
