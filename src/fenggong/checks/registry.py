"""A library's registry.yaml as a kind of checked file, and what a plan's jurisdiction sees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

from fenggong.checks.kind import Kind
from fenggong.messages import N_
from fenggong.model import Dataset, Department, Jurisdiction, Registry

if TYPE_CHECKING:
    from fenggong.checks.kind import Found
    from fenggong.checks.locate import Path
    from fenggong.checks.rules import Parts

# A plan without a jurisdiction lives in the unnamed one: its names are its own.
UNNAMED = ""


# Governments nest a few levels deep (国, 省, 市, 区, 街镇); a longer chain is no real
# one, and walking it for every name of every jurisdiction would cost its length cubed.
MAX_DEPTH = 8


def chain(registry: Registry | None, jurisdiction: str) -> list[str]:
    """The jurisdiction and those it lies within, nearest first (a cycle is cut, and so
    is a chain past MAX_DEPTH, which the registry's check refuses)."""
    if registry is None:
        return [jurisdiction]
    found = [jurisdiction]
    place = registry.jurisdictions.get(jurisdiction)
    while (
        place is not None and place.within and place.within not in found and len(found) <= MAX_DEPTH
    ):
        found.append(place.within)
        place = registry.jurisdictions.get(place.within)
    return found


def visible(registry: Registry | None, jurisdiction: str) -> dict[str, tuple[str, Department]]:
    """The registry entries a plan of the jurisdiction may name, with the jurisdiction
    each is defined in: its own first, then those of the governments it lies within."""
    seen: dict[str, tuple[str, Department]] = {}
    if registry is None:
        return seen
    for place in chain(registry, jurisdiction):
        entries = registry.jurisdictions.get(place)
        for name, dept in (entries.departments if entries else {}).items():
            seen.setdefault(name, (place, dept))
    return seen


def jurisdiction_of(dataset: Dataset) -> str:
    return dataset.plan.jurisdiction or UNNAMED


def _rules(registry: Registry) -> list[Found]:
    from fenggong.checks import rules
    from fenggong.checks.rulebook import problem
    from fenggong.messages import _
    from fenggong.names import did_you_mean

    found: list[Found] = []
    places = registry.jurisdictions
    for name, place in places.items():
        if place.within is not None and place.within not in places:
            found.append(
                problem(
                    "FG032",
                    _("{name} lies within {within}, which registry.yaml does not define").format(
                        name=name, within=place.within
                    ),
                    ("jurisdictions", name, "within"),
                    hint=did_you_mean(place.within, list(places))
                    or _("add {within} under jurisdictions, or remove within").format(
                        within=place.within
                    ),
                )
            )
        elif place.within is not None and len(chain(registry, name)) > MAX_DEPTH:
            found.append(
                problem(
                    "FG032",
                    _("{name} lies more than {depth} jurisdictions deep").format(
                        name=name, depth=MAX_DEPTH
                    ),
                    ("jurisdictions", name, "within"),
                    hint=_("a jurisdiction lies within a larger one, a few levels at most"),
                )
            )
            continue
        elif place.within is not None and name in chain(registry, place.within):
            found.append(
                problem(
                    "FG032",
                    _("{name} lies within itself through {within}").format(
                        name=name, within=place.within
                    ),
                    ("jurisdictions", name, "within"),
                    hint=_("a jurisdiction lies within a larger one: remove one within"),
                )
            )
        # The entries of each jurisdiction obey the rules of a plan's registry, its groups'
        # members found in the governments it lies within too.
        above = {
            key: dept
            for key, (home, dept) in visible(registry, name).items()
            if home != name and key not in place.departments
        }
        parts = rules.Parts(departments=dict(place.departments), shared=above)
        for issue, path in rules.check(parts):
            if path and path[0] == "departments":
                found.append((issue, ("jurisdictions", name, *path)))
    return found


def _lints(registry: Registry) -> list[Found]:
    from fenggong.checks import lints

    found: list[Found] = []
    for name, place in registry.jurisdictions.items():
        parts = _entries(place)
        for issue, path in lints.whitespace(parts):
            found.append((issue, ("jurisdictions", name, *path)))
    return found


def _entries(place: Jurisdiction) -> Parts:
    from fenggong.checks.rules import Parts

    return Parts(departments=dict(place.departments))


def _salvage(data: dict[str, Any]) -> Registry:
    from fenggong.checks.shape import record

    raw = data.get("jurisdictions")
    places: dict[str, Jurisdiction] = {}
    for name, value in (raw if isinstance(raw, dict) else {}).items():
        if not isinstance(value, dict):
            continue
        entries = value.get("departments")
        departments = {
            str(k): dept
            for k, v in (entries if isinstance(entries, dict) else {}).items()
            if (dept := record(Department, v)) is not None
        }
        within = value.get("within")
        places[str(name)] = Jurisdiction(departments, within if isinstance(within, str) else None)
    return Registry(places)


def _describe(registry: Registry) -> str:
    from fenggong.messages import _, ngettext

    places = len(registry.jurisdictions)
    count = sum(len(p.departments) for p in registry.jurisdictions.values())
    return _(", ").join(
        (
            ngettext("{count} jurisdiction", "{count} jurisdictions", places).format(count=places),
            ngettext("{count} department", "{count} departments", count).format(count=count),
        )
    )


def _consistent(registry: Registry) -> bool:
    return all(
        p.within is None or p.within in registry.jurisdictions
        for p in registry.jurisdictions.values()
    )


def _subject(data: dict[str, Any], path: Path) -> str | None:
    from fenggong.messages import _

    if len(path) >= 4 and path[0] == "jurisdictions" and path[2] == "departments":
        return _("{name} of {jurisdiction}").format(name=path[3], jurisdiction=path[1])
    return None


REGISTRY: Kind[Registry, Registry] = Kind(
    name="registry",
    noun=N_("a registry"),
    example="examples/library/registry.yaml",
    root=Registry,
    parts=lambda registry: registry,
    salvage=_salvage,
    rules=_rules,
    lints=_lints,
    describe=_describe,
    consistent=_consistent,
    namespace="registry",
    format=2,
    title="Registry",
    subject=_subject,
)


def in_library(registry: Registry | None) -> Kind[Dataset, Parts]:
    """The plan kind for a plan of a library: its names may be the registry's, as its
    jurisdiction sees them (the entries themselves are checked in registry.yaml)."""
    from fenggong.checks.plan import PLAN

    def shared(jurisdiction: Any, own: dict[str, Any]) -> dict[str, Department]:
        place = jurisdiction if isinstance(jurisdiction, str) and jurisdiction else UNNAMED
        return {k: d for k, (_home, d) in visible(registry, place).items() if k not in own}

    def parts(dataset: Dataset) -> Parts:
        found = PLAN.parts(dataset)
        found.shared = shared(dataset.plan.jurisdiction, dataset.departments)
        return found

    def salvage(data: dict[str, Any]) -> Parts:
        found = PLAN.salvage(data)
        plan = data.get("plan")
        place = plan.get("jurisdiction") if isinstance(plan, dict) else None
        found.shared = shared(place, dict.fromkeys(found.names))
        return found

    def rules(parts: Parts) -> list[Found]:
        return [*_unlisted(registry, parts), *PLAN.rules(parts)]

    def describe(dataset: Dataset) -> str:
        # Its bodies are mostly the registry's: count those its tasks and issuers name.
        from fenggong.names import fold

        seen = shared(dataset.plan.jurisdiction, dataset.departments)
        spelled = {fold(a): k for k, d in seen.items() for a in (k, *d.aliases)}
        written = [
            *dataset.plan.issuers,
            *(n for t in dataset.tasks for n in (*t.lead, *t.support, *t.others)),
        ]
        named = {n if n in dataset.departments else spelled.get(fold(n), n) for n in written}
        counted = msgspec.structs.replace(
            dataset, departments={**dict.fromkeys(named), **dataset.departments}
        )
        return PLAN.describe(counted)

    return msgspec.structs.replace(
        PLAN, parts=parts, salvage=salvage, rules=rules, describe=describe, namespace="libplan"
    )


def _unlisted(registry: Registry | None, parts: Parts) -> list[Found]:
    """A plan's jurisdiction that the registry does not define: said first, and among the
    file's own problems, since every name it then fails to find follows from it."""
    from fenggong.checks.rulebook import problem
    from fenggong.messages import _
    from fenggong.names import did_you_mean

    where = parts.plan.jurisdiction if parts.plan else None
    if registry is None or not where or where in registry.jurisdictions:
        return []
    return [
        problem(
            "FG106",
            _("jurisdiction {name} is not in {registry}").format(
                name=where, registry="registry.yaml"
            ),
            ("plan", "jurisdiction"),
            hint=did_you_mean(where, list(registry.jurisdictions))
            or _("its names are then only the plan's own departments"),
        )
    ]
