"""What an edit of a library changes: plans added, removed and changed, its registry.yaml,
and what every body gains and loses across the plans.

Each plan pair is compared as one file is (compare.compare), over its names read in its
jurisdiction; what a plan's diff says about bodies it does not define itself (registry.yaml's
entries, seen by every plan of their jurisdiction) is said once, for registry.yaml. A body
is (the jurisdiction defining it, its name): 区发改委 of 浦东新区 and of 闵行区 are counted
apart, and named JURISDICTION:NAME where both are in the libraries compared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import msgspec

from fenggong.diff.compare import Changes, FieldChange, RegistryChange, compare, departments
from fenggong.diff.impact import Impact, impact
from fenggong.diff.ledger import ReportChange, compare_ledgers
from fenggong.model import Dataset, Department, Registry, Shelf, Shelved

if TYPE_CHECKING:
    from fenggong.store.ledger import Ledgers
    from fenggong.store.library import LibraryReport

Body = tuple[str, str]  # (jurisdiction, registry name)


class Holding(NamedTuple):
    """One side of a library's diff: its plans, the names each plan's file defines itself,
    and its registry.yaml."""

    shelf: Shelf
    own: dict[str, frozenset[str]]  # plan key → the departments its own file defines
    registry: Registry | None
    ledger: Ledgers | None = None  # its 台账, when it has one

    @property
    def single(self) -> Dataset | None:
        """The plan of a library of one, which is diffed as that plan's file is."""
        return self.shelf.plans[0].dataset if len(self.shelf.plans) == 1 else None


def holding(report: LibraryReport) -> Holding:
    """A valid library as its diff reads it (LibraryReport.shelf must be set)."""
    assert report.shelf is not None
    files = {r.path.name: r.dataset for r in report.plans}
    own = {}
    for plan in report.shelf.plans:
        written = files.get(plan.file)
        own[plan.key] = frozenset(written.departments if written is not None else ())
    registry = report.registry.dataset if report.registry is not None else None
    return Holding(report.shelf, own, registry)


def alone(dataset: Dataset, file: str) -> Holding:
    """A plan file read on its own, as a library of one: its names are its own."""
    from fenggong.checks.library import plan_key
    from fenggong.checks.registry import jurisdiction_of

    key, where = plan_key(file, dataset), jurisdiction_of(dataset)
    shelved = Shelved(key, file, where, dataset, dict.fromkeys(dataset.departments, where))
    return Holding(Shelf((shelved,)), {key: frozenset(dataset.departments)}, None)


class PlanChange(msgspec.Struct, frozen=True):
    kind: str  # added | removed | changed
    old: Shelved | None = None
    new: Shelved | None = None
    changes: Changes | None = None  # a changed plan's own changes

    @property
    def plan(self) -> Shelved:
        found = self.new or self.old
        assert found is not None
        return found


class Counted(msgspec.Struct, frozen=True):
    """A body's gains and losses across the plans, under its label."""

    jurisdiction: str
    name: str
    impact: Impact


class Place(msgspec.Struct, frozen=True):
    """What changed in registry.yaml for one jurisdiction: itself (added, removed, the one
    it lies within), its entries added, removed or renamed, and their fields."""

    name: str
    itself: tuple[FieldChange, ...] = ()
    entries: tuple[RegistryChange, ...] = ()
    fields: tuple[FieldChange, ...] = ()


class LibraryChanges(msgspec.Struct, frozen=True):
    plans: tuple[PlanChange, ...] = ()
    registry: tuple[Place, ...] = ()  # in the registry's order, the new side's first
    impact: dict[str, Counted] = msgspec.field(default_factory=dict)
    ledger: tuple[ReportChange, ...] = ()  # the 台账's (a side without one is empty)

    @property
    def empty(self) -> bool:
        return not (self.plans or self.registry or self.ledger)

    @property
    def plan_empty(self) -> bool:
        """Whether the plans and registry are unchanged, whatever the 台账 says."""
        return not (self.plans or self.registry)


def compare_libraries(old: Holding, new: Holding) -> LibraryChanges:
    registry = _registry(old.registry, new.registry)
    plans: list[PlanChange] = []
    counts: dict[Body, Impact] = {}
    for before, after in _pairs(old.shelf, new.shelf):
        if after is None:
            assert before is not None
            plans.append(PlanChange("removed", old=before))
            _count(counts, before, _whole(before.dataset, gone=True))
        elif before is None:
            plans.append(PlanChange("added", new=after))
            _count(counts, after, _whole(after.dataset, gone=False))
        elif before.dataset != after.dataset:
            changes = compare(before.dataset, after.dataset)
            mine = old.own.get(before.key, frozenset()) | new.own.get(after.key, frozenset())
            own = _own(changes, mine)
            if not own.empty:
                plans.append(PlanChange("changed", before, after, own))
            _count(counts, after, changes.impact, before)
    return LibraryChanges(
        tuple(plans),
        registry,
        _labelled(counts, old.shelf, new.shelf),
        compare_ledgers(old.ledger, new.ledger),
    )


def _pairs(old: Shelf, new: Shelf) -> list[tuple[Shelved | None, Shelved | None]]:
    """Old and new plans by key; a plan whose key changed in the same file is one plan."""
    before = {p.key: p for p in old.plans}
    after = {p.key: p for p in new.plans}
    files = {p.file: p for p in old.plans if p.key not in after}
    pairs: list[tuple[Shelved | None, Shelved | None]] = []
    paired: set[str] = set()
    for plan in new.plans:
        match = before.get(plan.key)
        if match is None and (moved := files.get(plan.file)) is not None:
            match = moved if moved.key not in paired else None
        if match is not None:
            paired.add(match.key)
        pairs.append((match, plan))
    pairs += [(p, None) for p in old.plans if p.key not in paired]
    return pairs


def _own(changes: Changes, mine: frozenset[str]) -> Changes:
    """The plan's changes, less what they say of bodies registry.yaml defines."""
    return msgspec.structs.replace(
        changes,
        registry=tuple(r for r in changes.registry if r.name in mine or (r.new_name or "") in mine),
        fields=tuple(f for f in changes.fields if f.scope != "department" or f.key in mine),
    )


def _whole(dataset: Dataset, gone: bool) -> dict[str, Impact]:
    """What a plan added (or removed) whole gives (or takes from) each body."""
    pairs = [(t, None) if gone else (None, t) for t in dataset.tasks]
    return impact(dataset, dataset, {}, pairs)


def _count(
    counts: dict[Body, Impact],
    plan: Shelved,
    found: dict[str, Impact],
    before: Shelved | None = None,
) -> None:
    for name, change in found.items():
        # Named as on the new side; a body only the old side knew is defined there.
        if name in plan.homes or before is None:
            body = (plan.homes.get(name, plan.jurisdiction), name)
        else:
            body = (before.homes.get(name, before.jurisdiction), name)
        total = counts.setdefault(body, Impact())
        for field in Impact.__struct_fields__:
            setattr(total, field, getattr(total, field) + getattr(change, field))


def _labelled(counts: dict[Body, Impact], old: Shelf, new: Shelf) -> dict[str, Counted]:
    """The digest by label, in the order of the plans (new first) and their registries: a
    name is labelled JURISDICTION:NAME where two jurisdictions of the libraries define it."""
    order: dict[Body, int] = {}
    homes: dict[str, set[str]] = {}
    for plan in (*new.plans, *old.plans):
        for name in plan.dataset.departments:
            body = (plan.homes.get(name, plan.jurisdiction), name)
            order.setdefault(body, len(order))
            homes.setdefault(name, set()).add(body[0])
    out: dict[str, Counted] = {}
    for body in sorted(counts, key=lambda b: (order.get(b, len(order)), b)):
        home, name = body
        label = name if len(homes.get(name, ())) <= 1 else f"{home}:{name}"
        out[label] = Counted(home, name, counts[body])
    return out


def _registry(old: Registry | None, new: Registry | None) -> tuple[Place, ...]:
    """What changed in registry.yaml, per jurisdiction; its entries are compared as a
    plan's registry is."""
    before = old.jurisdictions if old is not None else {}
    after = new.jurisdictions if new is not None else {}
    out: list[Place] = []
    empty: dict[str, Department] = {}
    for name in [*after, *(n for n in before if n not in after)]:
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        itself: tuple[FieldChange, ...] = ()
        if was is None or now is None:
            itself = (FieldChange("jurisdiction", name, "*", was, now),)
        elif was.within != now.within:
            itself = (FieldChange("jurisdiction", name, "within", was.within, now.within),)
        entries, fields = departments(
            was.departments if was else empty, now.departments if now else empty
        )
        out.append(Place(name, itself, tuple(entries), tuple(fields)))
    return tuple(out)
