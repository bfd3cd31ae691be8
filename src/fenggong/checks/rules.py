"""The rules across records (FG006 …): what the shape of the model alone cannot say."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import msgspec

from fenggong.checks import order
from fenggong.checks.explain import flow_list, split_names
from fenggong.checks.locate import Path, render
from fenggong.checks.rulebook import problem
from fenggong.errors import Problem
from fenggong.messages import _
from fenggong.model import UNITS, Department, DeptKind, Plan, Section, Task, Topic
from fenggong.names import did_you_mean, fold, numeral


class Parts(msgspec.Struct):
    """The records that passed the shape check, each with its index in the file."""

    plan: Plan | None = None
    sections: list[tuple[int, Section]] = msgspec.field(default_factory=list)
    topics: list[tuple[int, Topic]] = msgspec.field(default_factory=list)
    departments: dict[str, Department] = msgspec.field(default_factory=dict)
    # Every registry key, including those whose record failed the shape check.
    names: set[str] = msgspec.field(default_factory=set)
    # Every section and topic number that parsed, including those whose record failed the
    # shape check: a task naming a topic dropped for its title does not name an unknown one.
    sections_named: set[int] = msgspec.field(default_factory=set)
    topics_named: set[int] = msgspec.field(default_factory=set)
    tasks: list[tuple[int, Task]] = msgspec.field(default_factory=list)


Found = tuple[Problem, Path]
Check = Callable[[Parts], Iterator[Found]]


def check(parts: Parts) -> list[Found]:
    """Every cross-record problem of the dataset, in file order of the checks."""
    return [found for rule in CHECKS for found in rule(parts)]


def _sequence(
    items: list[tuple[int, int]],
    what: str,
    where: Callable[[int], Path],
    codes: tuple[str, str],
) -> Iterator[Found]:
    """Numbers unique (codes[0]) and running 1, 2, 3 … (codes[1], first break only)."""
    seen: dict[int, int] = {}
    for index, number in items:
        if number in seen:
            yield problem(
                codes[0],
                f"{what} {number} is used twice (first at {render(where(seen[number]))})",
                where(index),
                hint=f"give each {what} its own number",
            )
        seen.setdefault(number, index)
    if len(seen) < len(items):
        return  # a repeated number shifts every later one: one report is enough
    # Expect by position in the file, so a record dropped for a bad field shifts nothing.
    for index, number in items:
        if number != index + 1:
            yield problem(
                codes[1],
                f"{what} {number} stands where {what} {index + 1} is expected",
                where(index),
                hint=f"{what} numbers run 1, 2, 3 … in the order of the table, without gaps",
            )
            return


def _ids(parts: Parts) -> Iterator[Found]:
    yield from _sequence(
        [(i, t.id) for i, t in parts.tasks],
        "task",
        lambda i: ("tasks", i, "id"),
        ("FG006", "FG007"),
    )


def _numbers(parts: Parts) -> Iterator[Found]:
    yield from _sequence(
        [(i, s.number) for i, s in parts.sections],
        "section",
        lambda i: ("sections", i, "number"),
        ("FG015", "FG015"),
    )
    yield from _sequence(
        [(i, t.number) for i, t in parts.topics],
        "topic",
        lambda i: ("topics", i, "number"),
        ("FG015", "FG015"),
    )


def _numerals(parts: Parts) -> Iterator[Found]:
    records: list[tuple[str, int, Section | Topic]] = [
        *(("sections", i, s) for i, s in parts.sections),
        *(("topics", i, t) for i, t in parts.topics),
    ]
    for collection, index, record in records:
        if record.number < 100 and record.numeral != numeral(record.number):
            yield problem(
                "FG016",
                f"numeral {record.numeral} does not match number {record.number}",
                (collection, index, "numeral"),
                hint=f"write numeral: {numeral(record.number)}",
            )


def _references(parts: Parts) -> Iterator[Found]:
    sections = {s.number for _, s in parts.sections} | parts.sections_named
    topics = {t.number for _, t in parts.topics} | parts.topics_named
    for index, topic in parts.topics:
        if parts.sections and topic.section not in sections:
            yield problem(
                "FG008",
                f"topic {topic.number} names section {topic.section}, which does not exist",
                ("topics", index, "section"),
                hint=f"sections are numbered {_span(sections)}",
            )
    for index, task in parts.tasks:
        if parts.topics and task.topic not in topics:
            yield problem(
                "FG009",
                f"task {task.id} names topic {task.topic}, which does not exist",
                ("tasks", index, "topic"),
                hint=f"topics are numbered {_span(topics)}",
            )


def _span(numbers: set[int]) -> str:
    return f"{min(numbers)}–{max(numbers)}" if numbers else "(none)"


def _departments(parts: Parts) -> Iterator[Found]:
    registry = parts.departments
    owner = {spelling: key for key, d in registry.items() for spelling in (key, *d.aliases)}

    known = parts.names | set(registry)
    folded = {fold(k): k for k in known}

    def unknown(name: str, path: Path, names: tuple[str, ...] = ()) -> Iterator[Found]:
        if name in known:
            return
        variant_of = folded.get(fold(name))
        if variant_of is not None:
            yield problem(
                "FG103",
                f"{name!r} is a width or space variant of {variant_of}",
                path,
                hint=f"write {variant_of} exactly as registered",
            )
            return
        joined = split_names(name)
        if len(joined) > 1 and any(fold(part) in folded for part in joined):
            # One item holding several names (市教委，市财政局): a "did you mean" on one
            # half would hide the fix, which is to split the item.
            pos = path[-1] if isinstance(path[-1], int) else 0
            fixed = [*names[:pos], *joined, *names[pos + 1 :]] if names else joined
            yield problem(
                "FG023",
                _("{name} is {count} names in one item").format(name=name, count=len(joined)),
                path,
                hint=_("separate names with `,` or one per line: {fixed}").format(
                    fixed=flow_list(fixed)
                ),
            )
            return
        if name in owner:
            hint: str | None = f"{name} is an alias of {owner[name]}: write the registered name"
        else:
            hint = did_you_mean(name, owner, lambda spelling: owner[spelling])
        yield problem(
            "FG003",
            f"unknown department {name}",
            path,
            hint=hint or "add it to departments, or use a registered name",
        )

    if parts.plan is not None:
        for pos, name in enumerate(parts.plan.issuers):
            yield from unknown(name, ("plan", "issuers", pos), parts.plan.issuers)
    for key, dept in registry.items():
        members = dept.members or ()
        for pos, member in enumerate(members):
            yield from unknown(member, ("departments", key, "members", pos), members)
    for index, task in parts.tasks:
        if not task.lead:
            yield problem(
                "FG010",
                f"task {task.id} has no lead department",
                ("tasks", index, "lead"),
                hint="name at least one lead (牵头部门); the first is the principal lead",
            )
        for role in ("lead", "support"):
            names: tuple[str, ...] = getattr(task, role)
            for pos, name in enumerate(names):
                yield from unknown(name, ("tasks", index, role, pos), names)
                if name in names[:pos]:
                    yield problem(
                        "FG012",
                        f"{name} is named twice in the {role} of task {task.id}",
                        ("tasks", index, role, pos),
                        hint="remove the repeated name",
                    )
        for pos, name in enumerate(task.support):
            if name in task.lead:
                yield problem(
                    "FG011",
                    f"{name} is both lead and support of task {task.id}",
                    ("tasks", index, "support", pos),
                    hint="keep it in one role: a lead already takes part",
                )


def _registry(parts: Parts) -> Iterator[Found]:
    owners: dict[str, str] = {}
    for key, dept in parts.departments.items():
        for spelling, where in (
            (key, ()),
            *((a, ("aliases", i)) for i, a in enumerate(dept.aliases)),
        ):
            folded = fold(spelling)
            other = owners.setdefault(folded, key)
            if other != key:
                yield problem(
                    "FG017",
                    f"{spelling} stands for both {other} and {key}",
                    ("departments", key, *where),
                    hint="a name or alias may stand for one registry entry only",
                )
    for key, dept in parts.departments.items():
        is_group = dept.kind is DeptKind.GROUP
        if is_group and dept.members is None and dept.scope is None:
            yield problem(
                "FG018",
                f"group {key} has neither members nor scope",
                ("departments", key),
                hint="list its members, or its scope (the kinds of body it may stand for)",
            )
        if not is_group and (dept.members is not None or dept.scope is not None):
            yield problem(
                "FG018",
                f"{key} is a {dept.kind} but has members or scope",
                ("departments", key, "members" if dept.members is not None else "scope"),
                hint="only kind: group takes members or scope",
            )
        for pos, member in enumerate(dept.members or ()):
            target = parts.departments.get(member)
            if target is not None and target.kind is DeptKind.GROUP:
                yield problem(
                    "FG018",
                    f"group {key} lists the group {member} as a member",
                    ("departments", key, "members", pos),
                    hint="members are bodies, not groups",
                )


def _targets(parts: Parts) -> Iterator[Found]:
    for index, task in parts.tasks:
        for pos, target in enumerate(task.targets):
            where: Path = ("tasks", index, "targets", pos)
            numbers = {"value": target.value, "unit": target.unit, "quantity": target.quantity}
            if target.qualitative:
                given = [k for k, v in numbers.items() if v is not None]
                if given:
                    yield problem(
                        "FG019",
                        f"qualitative target of task {task.id} has {', '.join(given)}",
                        (*where, given[0]),
                        hint="drop them, or remove qualitative: true",
                    )
                continue
            lacking = [k for k, v in numbers.items() if v is None]
            if lacking:
                yield problem(
                    "FG019",
                    f"target of task {task.id} lacks {', '.join(lacking)}",
                    where,
                    hint="give value, unit and quantity, or mark it qualitative: true",
                )
                continue
            assert target.unit is not None and target.value is not None
            factor = UNITS.get(target.unit)
            if factor is None:
                yield problem(
                    "FG014",
                    f"unknown unit {target.unit}",
                    (*where, "unit"),
                    hint=did_you_mean(target.unit, UNITS) or "units: " + ", ".join(UNITS),
                )
                continue
            expected = target.value * factor
            if target.quantity is None or not math.isclose(target.quantity, expected, rel_tol=1e-9):
                shown = int(expected) if float(expected).is_integer() else expected
                yield problem(
                    "FG013",
                    f"quantity {target.quantity} is not {target.value} {target.unit} = {shown}",
                    (*where, "quantity"),
                    hint=f"write quantity: {shown}",
                )


CHECKS: tuple[Check, ...] = (
    _ids,
    _numbers,
    _numerals,
    _references,
    order.check,
    _registry,
    _departments,
    _targets,
)
