"""Each quantified target's attainment on a day: its latest reported figure over its quantity.

A figure (``Entry.figures``) counts toward a target when its ``target`` names the target's
metric (compared forgivingly), or, naming none, when the task has one quantified target
only. Only the task's lead bodies' reports count (a supporting district's own figure is a
part, not the whole); of those made by the day (``reported`` on or before it, or, without a
date, from its period's first day), the latest wins: the latest period, then the latest
date, then the first lead in the order the lead cell names them. Figures are not summed.

Every other body that reported a figure toward the target (a supporter, named or through
a group) has its part: its own latest figure by the day, chosen by the same rules, shown
beside the lead's and never added to it. The parts come in the order the support cell
names the bodies, then those reaching the task another way (through 各区 or 相关区, or in
another role) in the registry's order.

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
from fenggong.query.library import Library
from fenggong.query.progress import Book, lead_bodies
from fenggong.store.ledger import Ledgers


class Attainment(msgspec.Struct, frozen=True, kw_only=True):
    """How far one quantified target is reached on the day ``as_of``."""

    task: Task
    target: Target
    body: str | None = None  # the lead body whose report gave the figure
    period: ReportingPeriod | None = None
    entry: Entry | None = None
    figure: float | None = None  # the figure's quantity: value × unit
    amount: float | None = None  # the same figure in the target's own unit: 480 (万人次)
    attainment: float | None = None  # per cent of the target's quantity
    expected: float | None = None  # per cent of the plan's period elapsed
    verdict: Verdict = Verdict(Light.NONE, "")
    parts: tuple[Part, ...] = ()  # the other bodies' own latest figures toward it

    @property
    def reported(self) -> datetime.date | None:
        return None if self.entry is None else self.entry.reported


class Part(msgspec.Struct, frozen=True, kw_only=True):
    """One other body's latest figure toward a target: a part of it, not the whole."""

    body: str  # as the registry names it; across a library as Library.label names it
    period: ReportingPeriod
    entry: Entry
    figure: float  # the figure's quantity: value × unit
    amount: float  # the same figure in the target's own unit: 12 (所), 30 (万人次)

    @property
    def reported(self) -> datetime.date | None:
        return self.entry.reported


def attainments(
    library: Library,
    chosen: Iterable[tuple[Catalog, Sequence[Task]]],
    book: Book,
    as_of: datetime.date,
) -> dict[tuple[str, int, str], Attainment]:
    """Each quantified target of the chosen tasks, keyed by (plan key, task id, metric);
    each part's body named as across the ``library``."""
    found: dict[tuple[str, int, str], Attainment] = {}
    for catalog, tasks in chosen:
        for task in tasks:
            quantified = [t for t in task.targets if _quantified(t)]
            for target in quantified:
                reached = attainment(catalog, task, target, len(quantified) == 1, book, as_of)
                parts = tuple(
                    msgspec.structs.replace(p, body=book.label(library, catalog, p.body))
                    for p in reached.parts
                )
                found[(catalog.key, task.id, target.metric)] = msgspec.structs.replace(
                    reached, parts=parts
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
    reporters = book.reporters(ref)
    leads = lead_bodies(catalog, task, reporters)
    latest = _latest(book.ledgers, ref, leads, (target, only), as_of)
    parts = _parts(
        book.ledgers,
        ref,
        (catalog, task),
        [b for b in reporters if b not in leads],
        (target, only),
        as_of,
    )
    expected = expected_share(_span(catalog, task, as_of))
    if latest is None:
        return Attainment(
            task=task,
            target=target,
            expected=None if expected is None else _percent(expected),
            verdict=Verdict(Light.NONE, _("no figure reported toward it yet")),
            parts=parts,
        )
    body, period, entry, quantity = latest
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
        amount=_amount(quantity, target),
        attainment=None if share is None else _percent(share),
        expected=None if expected is None else _percent(expected),
        verdict=verdict,
        parts=parts,
    )


Found = tuple[str, ReportingPeriod, Entry, float]


def _latest(
    ledgers: Ledgers,
    ref: int | str,
    bodies: Sequence[str],
    goal: tuple[Target, bool],
    as_of: datetime.date,
) -> Found | None:
    """The latest figure toward the target any of ``bodies`` made by ``as_of``: the
    latest period, then the latest date, then the first body in ``bodies``' order."""
    target, only = goal
    latest = None
    for place, body in enumerate(bodies):
        for index, (period, entry) in enumerate(ledgers.history(ref, body)):
            made = entry.reported or period.start
            figure = _figure(entry, target, only)
            if made > as_of or figure is None:
                continue
            key = (period.end, made, -place, index)
            if latest is None or key > latest[0]:
                latest = (key, (body, period, entry, figure))
    return None if latest is None else latest[1]


def _parts(
    ledgers: Ledgers,
    ref: int | str,
    of: tuple[Catalog, Task],
    others: Sequence[str],
    goal: tuple[Target, bool],
    as_of: datetime.date,
) -> tuple[Part, ...]:
    """Each of ``others``' latest figure toward the target made by ``as_of``, in the order
    the support cell names them, then the rest in the registry's order."""
    catalog, task = of
    target = goal[0]
    parts = []
    for body in _supporters_first(catalog, task, others):
        found = _latest(ledgers, ref, [body], goal, as_of)
        if found is not None:
            _body, period, entry, figure = found
            parts.append(
                Part(
                    body=body,
                    period=period,
                    entry=entry,
                    figure=figure,
                    amount=_amount(figure, target),
                )
            )
    return tuple(parts)


def _supporters_first(catalog: Catalog, task: Task, bodies: Sequence[str]) -> list[str]:
    """``bodies`` in the order the support cell names them; the others after, in the
    registry's order (a body the registry does not know last, as met)."""
    named = [b for b in task.support if b in bodies]
    registry = {name: place for place, name in enumerate(catalog.departments)}
    rest = [b for b in bodies if b not in named]
    rest.sort(key=lambda b: registry.get(b, len(registry)))
    return list(dict.fromkeys(named)) + rest


def _amount(quantity: float, target: Target) -> float:
    """A quantity in the target's own unit (5120000 toward 500 万人次 is 512)."""
    if not target.value or not target.quantity:
        return quantity
    # Rounded so that 12 所 is 12, not 11.999999999999998, after × and ÷.
    amount = round(quantity * target.value / target.quantity, 9)
    return int(amount) if float(amount).is_integer() else amount


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
