"""What an edit of a dataset changes in meaning: tasks, departments, targets, registry."""

from __future__ import annotations

from typing import Any

import msgspec

from fenggong.diff.impact import Impact, impact
from fenggong.diff.ledger import ReportChange
from fenggong.model import Dataset, Department, Target, Task, Topic

_SIMILAR = 0.5  # below this, an edited text is a removed task and an added one
_PAIRING_LIMIT = 300  # leftover tasks beyond this are not paired by similarity (O(n²))

Ops = tuple[tuple[str, str, str], ...]  # (equal|insert|delete|replace, old, new)


# Character-level matching costs the product of the two lengths: past this many pairs of
# characters, the changed middle of a text is shown as replaced whole.
_CHARACTER_PAIRS = 4_000_000


def text_ops(old: str, new: str) -> Ops:
    """Character-level differences, as a reviewer reads Chinese text (no word breaks).

    The common beginning and end are set aside first, in linear time, so that an edit of
    a few characters in a long text is matched on the few; a middle too long for that
    (two long texts that differ throughout) is one replacement, never minutes of work.
    """
    import difflib

    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    ops: list[tuple[str, str, str]] = [("equal", old[:head], new[:head])] if head else []
    if len(a) * len(b) <= _CHARACTER_PAIRS:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        ops += [(op, a[i:j], b[k:m]) for op, i, j, k, m in matcher.get_opcodes()]
    else:
        ops.append(("replace", a, b))
    if tail:
        ops.append(("equal", old[len(old) - tail :], new[len(new) - tail :]))
    return tuple(ops)


def _similarity(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1; for long texts, an upper bound computed in
    linear time (the characters they share), since the exact ratio is quadratic."""
    import difflib

    matcher = difflib.SequenceMatcher(None, a, b)
    if len(a) * len(b) > _CHARACTER_PAIRS:
        return matcher.quick_ratio()
    return matcher.ratio()


class TargetChange(msgspec.Struct, frozen=True):
    metric: str
    kind: str  # added | removed | changed
    old: Target | None = None
    new: Target | None = None


class TaskChange(msgspec.Struct, frozen=True):
    kind: str  # added | removed | changed
    old: Task | None = None
    new: Task | None = None
    text: Ops = ()
    lead_added: tuple[str, ...] = ()
    lead_removed: tuple[str, ...] = ()
    support_added: tuple[str, ...] = ()
    support_removed: tuple[str, ...] = ()
    lead_reordered: bool = False
    targets: tuple[TargetChange, ...] = ()
    topics: tuple[Topic, Topic] | None = None  # the old topic and the new, when it moved
    # What an imported plan records besides the columns (number, due, leaders, roles,
    # clause), each changed field as a FieldChange of scope "task".
    fields: tuple[FieldChange, ...] = ()

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old.id != self.new.id

    @property
    def moved(self) -> bool:
        return self.topics is not None


class FieldChange(msgspec.Struct, frozen=True):
    scope: str  # plan | section | topic | department
    key: int | str | None  # the section's or topic's number, the department's name
    field: str  # the YAML key, or "*" for the record as a whole
    old: Any
    new: Any

    @property
    def where(self) -> str:
        """Where, as the JSON report names it: plan, section 3, department 市教委."""
        return self.scope if self.key is None else f"{self.scope} {self.key}"


class RegistryChange(msgspec.Struct, frozen=True):
    kind: str  # added | removed | renamed
    name: str
    new_name: str | None = None


class Run(msgspec.Struct, frozen=True):
    """Tasks renumbered together: old ids first…last are now new first…last."""

    old_first: int
    old_last: int
    new_first: int
    new_last: int


class Changes(msgspec.Struct, frozen=True):
    fields: tuple[FieldChange, ...] = ()
    registry: tuple[RegistryChange, ...] = ()
    tasks: tuple[TaskChange, ...] = ()
    impact: dict[str, Impact] = msgspec.field(default_factory=dict)
    runs: tuple[Run, ...] = ()  # the renumbered tasks, as contiguous runs of one shift
    ledger: tuple[ReportChange, ...] = ()  # the 台账's (a side without one is empty)

    @property
    def empty(self) -> bool:
        return not (self.fields or self.registry or self.tasks or self.ledger)

    @property
    def plan_empty(self) -> bool:
        """Whether the plan itself is unchanged, whatever its 台账 says."""
        return not (self.fields or self.registry or self.tasks)


def compare(old: Dataset, new: Dataset) -> Changes:
    registry, renames = _registry(old.departments, new.departments)
    pairs, removed, added = _pairs(old, new)
    tasks = _tasks(old, new, renames, pairs, removed, added)
    everything = [*pairs, *((t, None) for t in removed), *((None, t) for t in added)]
    return Changes(
        fields=tuple(_fields(old, new, renames)),
        registry=tuple(registry),
        tasks=tuple(tasks),
        impact=impact(old, new, renames, everything),
        runs=runs(tasks),
    )


def runs(changes: list[TaskChange]) -> tuple[Run, ...]:
    """The renumbered tasks as runs: one task inserted after task 10 is one run, 11–111 →
    12–112, not 101 renumberings. A run is contiguous in both numberings."""
    out: list[Run] = []
    for change in changes:
        if not change.renumbered or change.old is None or change.new is None:
            continue
        old, new = change.old.id, change.new.id
        last = out[-1] if out else None
        if last is not None and (last.old_last + 1, last.new_last + 1) == (old, new):
            out[-1] = Run(last.old_first, old, last.new_first, new)
        else:
            out.append(Run(old, old, new, new))
    return tuple(out)


def departments(
    old: dict[str, Department], new: dict[str, Department]
) -> tuple[list[RegistryChange], list[FieldChange]]:
    """What changed in a registry alone (a library's registry.yaml, per jurisdiction):
    entries added, removed or renamed, and the fields of those kept."""
    registry, renames = _registry(old, new)
    return registry, _department_fields(old, new, renames)


def _registry(
    old: dict[str, Department], new: dict[str, Department]
) -> tuple[list[RegistryChange], dict[str, str]]:
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    renames: dict[str, str] = {}
    for name in removed:
        before = old[name]
        for candidate in added:
            after = new[candidate]
            if candidate not in renames.values() and (
                after.full_name == before.full_name or name in after.aliases
            ):
                renames[name] = candidate
                break
    out = [RegistryChange("renamed", k, v) for k, v in renames.items()]
    out += [RegistryChange("removed", k) for k in removed if k not in renames]
    out += [RegistryChange("added", k) for k in added if k not in renames.values()]
    return out, renames


# Fields that list registry names: a rename reported once, in the registry, not again here.
_NAMING_FIELDS = frozenset({"issuers", "members"})


def _fields(old: Dataset, new: Dataset, renames: dict[str, str]) -> list[FieldChange]:
    out = _changed("plan", None, old.plan, new.plan, renames)
    for what, before, after in (
        ("section", {s.number: s for s in old.sections}, {s.number: s for s in new.sections}),
        ("topic", {t.number: t for t in old.topics}, {t.number: t for t in new.topics}),
    ):
        for number in sorted(before.keys() | after.keys()):
            a, b = before.get(number), after.get(number)
            if a == b:
                continue
            if a is None or b is None:
                out.append(FieldChange(what, number, "*", a, b))
                continue
            out += _changed(what, number, a, b, renames)
    return out + _department_fields(old.departments, new.departments, renames)


def _department_fields(
    old: dict[str, Department], new: dict[str, Department], renames: dict[str, str]
) -> list[FieldChange]:
    out = []
    sources = {v: k for k, v in renames.items()}
    for name, dept in new.items():
        previous = old.get(sources.get(name, name))
        if previous is not None:
            out += _changed("department", name, previous, dept, renames)
    return out


def _changed(
    scope: str, key: int | str | None, before: Any, after: Any, renames: dict[str, str]
) -> list[FieldChange]:
    out = []
    for name in _names(after):
        was, now = getattr(before, name), getattr(after, name)
        if name in _NAMING_FIELDS and isinstance(was, tuple):
            was = tuple(renames.get(n, n) for n in was)
        if was != now:
            out.append(FieldChange(scope, key, name, getattr(before, name), now))
    return out


def _names(record: Any) -> list[str]:
    return list(record.__struct_fields__)


def _pairs(old: Dataset, new: Dataset) -> tuple[list[tuple[Task, Task]], list[Task], list[Task]]:
    """Match old tasks to new ones: same text, then same id, then similar text."""
    left = list(old.tasks)
    right = list(new.tasks)
    pairs: list[tuple[Task, Task]] = []

    by_text: dict[str, list[Task]] = {}
    for task in right:
        by_text.setdefault(task.text, []).append(task)
    rest = []
    for task in left:
        same = by_text.get(task.text)
        if same:
            pairs.append((task, same.pop(0)))
        else:
            rest.append(task)
    paired = {id(b) for _, b in pairs}
    right = [t for t in right if id(t) not in paired]

    by_id = {t.id: t for t in right}
    left, rest = rest, []
    for task in left:
        match = by_id.pop(task.id, None)
        if match is not None:
            pairs.append((task, match))
        else:
            rest.append(task)
    right = [t for t in right if t.id in by_id]

    if len(rest) * len(right) <= _PAIRING_LIMIT**2:
        for task in list(rest):
            scored = [(_similarity(task.text, other.text), other) for other in right]
            best = max(scored, key=lambda s: s[0], default=None)
            if best is not None and best[0] >= _SIMILAR:
                pairs.append((task, best[1]))
                rest.remove(task)
                right.remove(best[1])
    pairs.sort(key=lambda p: p[1].id)
    return pairs, rest, right


def _topics(old: Dataset, new: Dataset) -> dict[int, tuple[Topic, Topic | None]]:
    """Each old topic and the new topic it became: the one of the same title, else the one
    of the same number. A topic inserted before others renumbers them without moving their
    tasks; a topic retitled in place keeps its tasks."""
    titles: dict[str, list[Topic]] = {}
    for topic in new.topics:
        titles.setdefault(topic.title, []).append(topic)
    numbers = {t.number: t for t in new.topics}
    out: dict[int, tuple[Topic, Topic | None]] = {}
    for topic in old.topics:
        same = titles.get(topic.title, [])
        out[topic.number] = (topic, same[0] if len(same) == 1 else numbers.get(topic.number))
    return out


def _tasks(
    old: Dataset,
    new: Dataset,
    renames: dict[str, str],
    pairs: list[tuple[Task, Task]],
    removed: list[Task],
    added: list[Task],
) -> list[TaskChange]:
    topics, numbers = _topics(old, new), {t.number: t for t in new.topics}
    out = [TaskChange("removed", old=t) for t in removed]
    for before, after in pairs:
        was, became = topics[before.topic]
        now = numbers[after.topic]
        moved = (was, now) if became is None or became.number != now.number else None
        change = _task_change(before, after, renames, moved)
        if change is not None:
            out.append(change)
    out += [TaskChange("added", new=t) for t in added]
    return sorted(out, key=_position)


def _position(change: TaskChange) -> int:
    task = change.new or change.old
    return task.id if task is not None else 0


def _task_change(
    before: Task, after: Task, renames: dict[str, str], topics: tuple[Topic, Topic] | None
) -> TaskChange | None:
    lead = tuple(renames.get(n, n) for n in before.lead)
    support = tuple(renames.get(n, n) for n in before.support)
    targets = _targets(before.targets, after.targets)
    change = TaskChange(
        "changed",
        old=before,
        new=after,
        text=text_ops(before.text, after.text) if before.text != after.text else (),
        lead_added=tuple(n for n in after.lead if n not in lead),
        lead_removed=tuple(n for n in lead if n not in after.lead),
        support_added=tuple(n for n in after.support if n not in support),
        support_removed=tuple(n for n in support if n not in after.support),
        lead_reordered=set(lead) == set(after.lead) and lead != after.lead,
        targets=targets,
        topics=topics,
        fields=_recorded(before, after, renames),
    )
    unchanged = not (
        change.text
        or change.lead_added
        or change.lead_removed
        or change.support_added
        or change.support_removed
        or change.lead_reordered
        or change.targets
        or change.renumbered
        or change.moved
        or change.fields
    )
    return None if unchanged else change


_RECORDED = ("number", "due", "leaders", "roles", "clause")


def _recorded(before: Task, after: Task, renames: dict[str, str]) -> tuple[FieldChange, ...]:
    """The recorded fields of an imported task that changed; a body renamed in the registry
    is not a change of the roles naming it."""
    roles = tuple(
        msgspec.structs.replace(r, departments=tuple(renames.get(n, n) for n in r.departments))
        for r in before.roles
    )
    return tuple(
        FieldChange("task", after.id, name, getattr(before, name), getattr(after, name))
        for name in _RECORDED
        if (roles if name == "roles" else getattr(before, name)) != getattr(after, name)
    )


def _targets(before: tuple[Target, ...], after: tuple[Target, ...]) -> tuple[TargetChange, ...]:
    old = {t.metric: t for t in before}
    new = {t.metric: t for t in after}
    out = []
    for metric in [*old, *(m for m in new if m not in old)]:
        a, b = old.get(metric), new.get(metric)
        if a == b:
            continue
        kind = "added" if a is None else "removed" if b is None else "changed"
        out.append(TargetChange(metric, kind, a, b))
    return tuple(out)
