"""The plan file, a 分工表 dataset, as the first kind of checked file: PLAN."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fenggong.checks.kind import Kind
from fenggong.messages import N_
from fenggong.model import Dataset

if TYPE_CHECKING:
    from fenggong.checks.kind import Found
    from fenggong.checks.locate import Path
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
        sections_named=_numbers(data.get("sections")),
        topics_named=_numbers(data.get("topics")),
        tasks=records(Task, data.get("tasks")),
    )


def _numbers(items: Any) -> set[int]:
    """The numbers of a list of raw records that are whole numbers, whatever else failed."""
    if not isinstance(items, list):
        return set()
    numbers = (item.get("number") for item in items if isinstance(item, dict))
    return {n for n in numbers if type(n) is int and n > 0}


def _rules(parts: Parts) -> list[Found]:
    from fenggong.checks import rules

    return rules.check(parts)


def _lints(parts: Parts) -> list[Found]:
    from fenggong.checks import lints

    return lints.check(parts)


def _subject(data: dict[str, Any], path: Path) -> str | None:
    """``tasks[2]`` → ``task 3``: the number a maintainer knows a record by, if it parsed."""
    from fenggong.messages import _

    if len(path) < 2 or not isinstance(path[1], int):
        return None
    collection, index = path[0], path[1]
    items = data.get(str(collection))
    item = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
    if not isinstance(item, dict):
        return None
    number = item.get("id" if collection == "tasks" else "number")
    if type(number) is not int or number <= 0:  # true is an int to Python, not an id
        return None
    if collection == "tasks":
        return _("task {id}").format(id=number)
    if collection == "topics":
        return _("topic {number}").format(number=number)
    if collection == "sections":
        return _("section {number}").format(number=number)
    return None


def _describe(dataset: Dataset) -> str:
    from fenggong.catalog import Catalog
    from fenggong.messages import _, ngettext

    s = Catalog(dataset).summary()
    return _(", ").join(
        (
            ngettext("{count} task", "{count} tasks", s["tasks"]).format(count=s["tasks"]),
            ngettext("{count} section", "{count} sections", s["sections"]).format(
                count=s["sections"]
            ),
            ngettext("{count} topic", "{count} topics", s["topics"]).format(count=s["topics"]),
            ngettext("{count} department", "{count} departments", s["departments"]).format(
                count=s["departments"]
            ),
            ngettext(
                "{count} target ({quantified} quantified)",
                "{count} targets ({quantified} quantified)",
                s["targets"],
            ).format(count=s["targets"], quantified=s["quantified"]),
        )
    )


def _consistent(dataset: Dataset) -> bool:
    """Every reference of a dataset resolves, as validation left it: topics, sections,
    ids, and every name (or its width or space variant, FG103) in the registry."""
    from itertools import chain

    from fenggong.names import fold

    sections = {s.number for s in dataset.sections}
    topics = {t.number for t in dataset.topics}
    if len(sections) != len(dataset.sections) or len(topics) != len(dataset.topics):
        return False
    if any(t.section not in sections for t in dataset.topics):
        return False
    registry = dataset.departments
    tasks = dataset.tasks
    # Set operations over the whole table rather than a loop per task: this runs on every
    # warm start, over 100,000 tasks at the benchmark's size.
    if not {t.topic for t in tasks} <= topics or len({t.id for t in tasks}) != len(tasks):
        return False
    if not all(t.lead for t in tasks):
        return False
    names = {*dataset.plan.issuers, *(m for d in registry.values() for m in d.members or ())}
    names.update(chain.from_iterable(t.lead for t in tasks))
    names.update(chain.from_iterable(t.support for t in tasks))
    names.update(chain.from_iterable(t.others for t in tasks if t.roles))
    # A table names a few dozen bodies over and over: each distinct name is looked at once.
    unknown = names.difference(registry)
    if not unknown:
        return True
    folded = {fold(key) for key in registry}
    return all(fold(name) in folded for name in unknown)


PLAN: Kind[Dataset, Parts] = Kind(
    name="plan",
    noun=N_("a dataset"),
    example="data/tasks.yaml",
    root=Dataset,
    parts=_parts,
    salvage=_salvage,
    rules=_rules,
    lints=_lints,
    describe=_describe,
    consistent=_consistent,
    namespace="plan",
    format=4,  # 3: records as msgspec encodes them; 4: plans of a library
    title="Dataset",
    subject=_subject,
)
