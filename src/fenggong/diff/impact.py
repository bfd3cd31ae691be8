"""What an edit changes for each body: its part in every task it concerns, before and after."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

import msgspec

from fenggong.matching import How, Involvement, Matcher
from fenggong.model import Dataset, DeptKind, Task
from fenggong.names import fold


class Impact(msgspec.Struct):
    """A body's tasks gained and lost, by its part in them."""

    lead: int = 0
    support: int = 0
    lead_lost: int = 0
    support_lost: int = 0
    possible: int = 0  # tasks it is now possibly concerned by (相关区)
    possible_lost: int = 0


Pair = tuple[Task | None, Task | None]  # a task before and after; None where there is none


def impact(
    old: Dataset, new: Dataset, renames: dict[str, str], pairs: Iterable[Pair]
) -> dict[str, Impact]:
    """For every body, under its new name, the parts it gains and loses across the tasks,
    in the order of the registry.

    A body counts when its standing in a task changes: because the task names it or a
    group reaching it, or stops doing so, or because a group the task names gained or
    lost members. Only such tasks, and only the bodies they can reach, are looked at, so
    the digest stays linear in the number of tasks.
    """
    before, after = Side(old, renames), Side(new, {})
    # For each name whose reach changed (各区 lost 浦东新区), the bodies it changed for.
    shifted: dict[str, set[str]] = {}
    for name in before.reach.keys() | after.reach.keys():
        reach_before, reach_after = before.reach.get(name, {}), after.reach.get(name, {})
        if reach_before != reach_after:
            shifted[name] = {
                b
                for b in reach_before.keys() | reach_after.keys()
                if reach_before.get(b) != reach_after.get(b)
            }
    sources = {v: k for k, v in renames.items()}
    counts: Counter[tuple[str, str]] = Counter()
    for task_before, task_after in pairs:
        names_before, names_after = before.names(task_before), after.names(task_after)
        if names_before == names_after:
            # The same names: only the bodies a changed group reaches differently.
            bodies = [b for n in chain(*names_after) for b in shifted.get(n, ())]
        else:
            bodies = [*after.reached(names_after), *before.reached(names_before)]
        for body in dict.fromkeys(bodies):
            was = before.part(task_before, sources.get(body, body))
            now = after.part(task_after, body)
            if was != now:
                if now is not None:
                    counts[(body, now)] += 1
                if was is not None:
                    counts[(body, f"{was}_lost")] += 1
    out: dict[str, Impact] = {}
    for (body, part), count in counts.items():
        entry = out.setdefault(body, Impact())
        setattr(entry, part, getattr(entry, part) + count)
    # In the registry's order (the districts as the table lists them), the new side first.
    order = {n: i for i, n in enumerate([*new.departments, *after.reach, *before.reach])}
    return dict(sorted(out.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


class Side:
    """One side of the edit: its matcher, and the bodies each registry name reaches, all
    named as on the new side (``renames``)."""

    def __init__(self, data: Dataset, renames: dict[str, str]) -> None:
        self.matcher = Matcher(data.departments)
        self.renames = renames
        self._known = data.departments.keys()
        self._canonical = {fold(k): k for k in data.departments}
        # Per registry name, the bodies a task naming it reaches, and how.
        self.reach: dict[str, dict[str, How]] = {}
        bodies = [k for k, d in data.departments.items() if d.kind is not DeptKind.GROUP]
        for key, dept in data.departments.items():
            reached = {renames.get(key, key): How.DIRECT}
            if dept.kind is DeptKind.GROUP:
                # Whom a group reaches is the matcher's to say: ask it of a task naming it.
                probe = Task(id=1, topic=1, text="", lead=(key,))
                for body in bodies:
                    involvement = self.matcher.involvement(probe, body)
                    if involvement is not None:
                        reached[renames.get(body, body)] = involvement.how
            self.reach[renames.get(key, key)] = reached

    def names(self, task: Task | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The registry names the task's lead and support mean, as on the new side."""
        if task is None:
            return (), ()
        return self._named(task.lead), self._named(task.support)

    def _named(self, written: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for name in written:
            # A width or space variant (FG103) still means the registered body.
            key = name if name in self._known else self._canonical.get(fold(name), name)
            out.append(self.renames.get(key, key))
        return tuple(out)

    def reached(self, names: tuple[tuple[str, ...], tuple[str, ...]]) -> list[str]:
        lead, support = names
        return [body for name in (*lead, *support) for body in self.reach.get(name, (name,))]

    def part(self, task: Task | None, body: str) -> str | None:
        """The body's part in the task, by the one classification of involvement."""
        if task is None:
            return None
        return _part(self.matcher.involvement(task, body))


def _part(involvement: Involvement | None) -> str | None:
    """lead, support or possible: a body reached through 各区 plays 各区's part."""
    return None if involvement is None else str(involvement.bucket)
