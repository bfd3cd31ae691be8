"""The rules across records (FG006 …): what the shape of the model alone cannot say."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import msgspec

from fenggong.checks import due, order
from fenggong.checks.explain import flow_list, split_names
from fenggong.checks.locate import Path, render
from fenggong.checks.rulebook import problem
from fenggong.errors import Problem
from fenggong.messages import N_, _
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
    # In a library: the registry entries the plan's jurisdiction sees (checked in
    # registry.yaml), which its names may use, by name or alias, as they use its own.
    shared: dict[str, Department] = msgspec.field(default_factory=dict)


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
    """Numbers unique (codes[0]) and running 1, 2, 3 … (codes[1], first break only).

    ``what`` is marked with N_() where it is named, and translated here.
    """
    seen: dict[int, int] = {}
    for index, number in items:
        if number in seen:
            yield problem(
                codes[0],
                _("{what} {number} is used twice (first at {first})").format(
                    what=_(what), number=number, first=render(where(seen[number]))
                ),
                where(index),
                hint=_("give each {what} its own number").format(what=_(what)),
            )
        seen.setdefault(number, index)
    if len(seen) < len(items):
        return  # a repeated number shifts every later one: one report is enough
    # Expect by position in the file, so a record dropped for a bad field shifts nothing.
    for index, number in items:
        if number != index + 1:
            yield problem(
                codes[1],
                _("{what} {number} stands where {what} {expected} is expected").format(
                    what=_(what), number=number, expected=index + 1
                ),
                where(index),
                hint=_(
                    "{what} numbers run 1, 2, 3 … in the order of the table, without gaps"
                ).format(what=_(what)),
            )
            return


def _ids(parts: Parts) -> Iterator[Found]:
    yield from _sequence(
        [(i, t.id) for i, t in parts.tasks],
        N_("task"),
        lambda i: ("tasks", i, "id"),
        ("FG006", "FG007"),
    )


def _numbers(parts: Parts) -> Iterator[Found]:
    yield from _sequence(
        [(i, s.number) for i, s in parts.sections],
        N_("section"),
        lambda i: ("sections", i, "number"),
        ("FG015", "FG015"),
    )
    yield from _sequence(
        [(i, t.number) for i, t in parts.topics],
        N_("topic"),
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
                _("numeral {numeral} does not match number {number}").format(
                    numeral=record.numeral, number=record.number
                ),
                (collection, index, "numeral"),
                hint=_("write numeral: {numeral}").format(numeral=numeral(record.number)),
            )


def _references(parts: Parts) -> Iterator[Found]:
    sections = {s.number for _, s in parts.sections} | parts.sections_named
    topics = {t.number for _, t in parts.topics} | parts.topics_named
    for index, topic in parts.topics:
        if parts.sections and topic.section not in sections:
            yield problem(
                "FG008",
                _("topic {number} names section {section}, which does not exist").format(
                    number=topic.number, section=topic.section
                ),
                ("topics", index, "section"),
                hint=_("sections are numbered {span}").format(span=_span(sections)),
            )
    for index, task in parts.tasks:
        if parts.topics and task.topic not in topics:
            yield problem(
                "FG009",
                _("task {id} names topic {topic}, which does not exist").format(
                    id=task.id, topic=task.topic
                ),
                ("tasks", index, "topic"),
                hint=_("topics are numbered {span}").format(span=_span(topics)),
            )


def _span(numbers: set[int]) -> str:
    return f"{min(numbers)}–{max(numbers)}" if numbers else _("(none)")


def _departments(parts: Parts) -> Iterator[Found]:
    registry = parts.departments
    owner = {spelling: key for key, d in registry.items() for spelling in (key, *d.aliases)}
    shared = {s: key for key, d in parts.shared.items() for s in (key, *d.aliases)}
    known = parts.names | set(registry) | set(shared)
    owner = {**shared, **owner}  # a did-you-mean may point to a shared body too
    folded = {fold(k): k for k in known}

    def unknown(name: str, path: Path, names: tuple[str, ...] = ()) -> Iterator[Found]:
        if name in known:
            return
        variant_of = folded.get(fold(name))
        if variant_of is not None:
            yield problem(
                "FG103",
                _("{name} is a width or space variant of {registered}").format(
                    name=repr(name), registered=variant_of
                ),
                path,
                hint=_("write {registered} exactly as registered").format(registered=variant_of),
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
            hint: str | None = _(
                "{name} is an alias of {registered}: write the registered name"
            ).format(name=name, registered=owner[name])
        else:
            hint = did_you_mean(name, owner, lambda spelling: owner[spelling])
        yield problem(
            "FG003",
            _("unknown department {name}").format(name=name),
            path,
            hint=hint or _("add it to departments, or use a registered name"),
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
                _("task {id} has no lead department").format(id=task.id),
                ("tasks", index, "lead"),
                hint=_("name at least one lead (牵头部门); the first is the principal lead"),
            )
        # TRANSLATORS: a task's lead and support lists, as in "named twice in the lead of task 3".
        for role, said in (("lead", _("lead")), ("support", _("support"))):
            names: tuple[str, ...] = getattr(task, role)
            seen: set[str] = set()  # not names[:pos]: a list of 20,000 names is quadratic
            for pos, name in enumerate(names):
                yield from unknown(name, ("tasks", index, role, pos), names)
                if name in seen:
                    yield problem(
                        "FG012",
                        _("{name} is named twice in the {role} of task {id}").format(
                            name=name, role=said, id=task.id
                        ),
                        ("tasks", index, role, pos),
                        hint=_("remove the repeated name"),
                    )
                seen.add(name)
        for number, part in enumerate(task.roles):
            names = part.departments
            seen = set()
            for pos, name in enumerate(names):
                where: Path = ("tasks", index, "roles", number, "departments", pos)
                yield from unknown(name, where, names)
                if name in seen:
                    yield problem(
                        "FG012",
                        _("{name} is named twice in the {role} of task {id}").format(
                            name=name, role=part.verb, id=task.id
                        ),
                        where,
                        hint=_("remove the repeated name"),
                    )
                seen.add(name)
        for pos, name in enumerate(task.support):
            if name in task.lead:
                yield problem(
                    "FG011",
                    _("{name} is both lead and support of task {id}").format(name=name, id=task.id),
                    ("tasks", index, "support", pos),
                    hint=_("keep it in one role: a lead already takes part"),
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
                    _("{name} stands for both {first} and {second}").format(
                        name=spelling, first=other, second=key
                    ),
                    ("departments", key, *where),
                    hint=_("a name or alias may stand for one registry entry only"),
                )
    for key, dept in parts.departments.items():
        is_group = dept.kind is DeptKind.GROUP
        if is_group and dept.members is None and dept.scope is None:
            yield problem(
                "FG018",
                _("group {name} has neither members nor scope").format(name=key),
                ("departments", key),
                hint=_("list its members, or its scope (the kinds of body it may stand for)"),
            )
        if not is_group and (dept.members is not None or dept.scope is not None):
            yield problem(
                "FG018",
                _("{name} is a {kind} but has members or scope").format(name=key, kind=dept.kind),
                ("departments", key, "members" if dept.members is not None else "scope"),
                hint=_("only kind: group takes members or scope"),
            )
        for pos, member in enumerate(dept.members or ()):
            target = parts.departments.get(member) or parts.shared.get(member)
            if target is not None and target.kind is DeptKind.GROUP:
                yield problem(
                    "FG018",
                    _("group {name} lists the group {member} as a member").format(
                        name=key, member=member
                    ),
                    ("departments", key, "members", pos),
                    hint=_("members are bodies, not groups"),
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
                        _("qualitative target of task {id} has {fields}").format(
                            id=task.id, fields=", ".join(given)
                        ),
                        (*where, given[0]),
                        hint=_("drop them, or remove qualitative: true"),
                    )
                continue
            lacking = [k for k, v in numbers.items() if v is None]
            if lacking:
                yield problem(
                    "FG019",
                    _("target of task {id} lacks {fields}").format(
                        id=task.id, fields=", ".join(lacking)
                    ),
                    where,
                    hint=_("give value, unit and quantity, or mark it qualitative: true"),
                )
                continue
            assert target.unit is not None and target.value is not None
            factor = UNITS.get(target.unit)
            if factor is None:
                yield problem(
                    "FG014",
                    _("unknown unit {unit}").format(unit=target.unit),
                    (*where, "unit"),
                    hint=did_you_mean(target.unit, UNITS)
                    or _("units: {units}").format(units=", ".join(UNITS)),
                )
                continue
            expected = target.value * factor
            if target.quantity is None or not math.isclose(target.quantity, expected, rel_tol=1e-9):
                shown = int(expected) if float(expected).is_integer() else expected
                yield problem(
                    "FG013",
                    _("quantity {quantity} is not {value} {unit} = {expected}").format(
                        quantity=target.quantity,
                        value=target.value,
                        unit=target.unit,
                        expected=shown,
                    ),
                    (*where, "quantity"),
                    hint=_("write quantity: {expected}").format(expected=shown),
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
    due.check,
)
