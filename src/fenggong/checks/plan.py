"""The plan file, a 分工表 dataset, as the first kind of checked file: PLAN."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fenggong.checks.kind import Kind
from fenggong.model import Dataset

if TYPE_CHECKING:
    from fenggong.checks.kind import Found
    from fenggong.checks.rules import Parts

# The rules, lints, Pydantic and the catalogue are imported inside the functions: a query
# answered from the cache imports this module (the default kind) and none of them.


def _parts(dataset: Dataset) -> Parts:
    from fenggong.checks.rules import Parts

    return Parts(
        plan=dataset.plan,
        sections=list(enumerate(dataset.sections)),
        topics=list(enumerate(dataset.topics)),
        departments=dict(dataset.departments),
        tasks=list(enumerate(dataset.tasks)),
    )


def _salvage(data: dict[str, Any]) -> Parts:
    from fenggong.checks.rules import Parts
    from fenggong.checks.shape import record, records
    from fenggong.model import Department, Plan, Section, Task, Topic

    registry = data.get("departments")
    registry = registry if isinstance(registry, dict) else {}
    departments = {str(k): record(Department, v) for k, v in registry.items()}
    return Parts(
        plan=record(Plan, data.get("plan")),
        sections=records(Section, data.get("sections")),
        topics=records(Topic, data.get("topics")),
        departments={k: v for k, v in departments.items() if v is not None},
        names=set(departments),
        tasks=records(Task, data.get("tasks")),
    )


def _rules(parts: Parts) -> list[Found]:
    from fenggong.checks import rules

    return rules.check(parts)


def _lints(parts: Parts) -> list[Found]:
    from fenggong.checks import lints

    return lints.check(parts)


def _describe(dataset: Dataset) -> str:
    from fenggong.catalog import Catalog

    s = Catalog(dataset).summary()
    return (
        f"{s['tasks']} tasks, {s['sections']} sections, {s['topics']} topics, "
        f"{s['departments']} departments, {s['targets']} targets ({s['quantified']} quantified)"
    )


def _consistent(dataset: Dataset) -> bool:
    """Every reference of a dataset resolves, as validation left it: topics, sections,
    ids, and every name (or its width or space variant, FG103) in the registry."""
    from fenggong.names import fold

    sections = {s.number for s in dataset.sections}
    topics = {t.number for t in dataset.topics}
    if len(sections) != len(dataset.sections) or len(topics) != len(dataset.topics):
        return False
    if any(t.section not in sections for t in dataset.topics):
        return False
    registry = dataset.departments
    folded = {fold(key) for key in registry}

    def known(name: str) -> bool:
        return name in registry or fold(name) in folded

    names = [*dataset.plan.issuers, *(m for d in registry.values() for m in d.members or ())]
    ids: set[int] = set()
    for task in dataset.tasks:
        if task.topic not in topics or task.id in ids or not task.lead:
            return False
        ids.add(task.id)
        names += [*task.lead, *task.support]
    return all(known(name) for name in names)


PLAN: Kind[Dataset, Parts] = Kind(
    name="plan",
    noun="a dataset",
    example="data/tasks.yaml",
    root=Dataset,
    parts=_parts,
    salvage=_salvage,
    rules=_rules,
    lints=_lints,
    describe=_describe,
    consistent=_consistent,
    namespace="plan",
    format=3,  # 3: records as msgspec encodes them
    title="Dataset",
)
