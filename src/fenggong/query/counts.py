"""Counts over the table: each body's load, and the departments × sections matrix."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, How, Matcher
from fenggong.model import DeptKind, Task
from fenggong.names import fold


class Load(msgspec.Struct, frozen=True):
    department: str
    kind: DeptKind
    lead: int  # leads: named as a lead, or through a group that leads (各区 for a district)
    support: int  # supports and does not lead
    via_group: int  # of lead + support, those reaching it only through a group
    possible: int  # possibly concerned through a group without members (相关区)

    @property
    def total(self) -> int:
        return self.lead + self.support


def workload(
    catalog: Catalog, matcher: Matcher | None = None, tasks: Sequence[Task] | None = None
) -> list[Load]:
    """Every registry body with its counts over ``tasks`` (the whole table by default),
    heaviest first (ties in registry order)."""
    matcher = matcher or Matcher(catalog.departments)
    counted = catalog.dataset.tasks if tasks is None else tasks
    naming = _naming(counted)
    loads = []
    for key, dept in catalog.departments.items():
        counts = dict.fromkeys(Bucket, 0)
        via_group = 0
        for involvement in matcher.involvements(_concerning(counted, naming, matcher, key), key):
            counts[involvement.bucket] += 1
            via_group += involvement.how is How.GROUP
        loads.append(
            Load(
                key,
                dept.kind,
                counts[Bucket.LEAD],
                counts[Bucket.SUPPORT],
                via_group,
                counts[Bucket.POSSIBLE],
            )
        )
    order = {key: i for i, key in enumerate(catalog.departments)}
    return sorted(loads, key=lambda x: (-x.total, -x.lead, order[x.department]))


def _naming(tasks: Sequence[Task]) -> dict[str, list[int]]:
    """Each name a cell writes (folded) → the positions of the tasks writing it."""
    found: dict[str, list[int]] = {}
    for position, task in enumerate(tasks):
        for name in {fold(n) for n in (*task.lead, *task.support)}:
            found.setdefault(name, []).append(position)
    return found


def _concerning(
    tasks: Sequence[Task], naming: dict[str, list[int]], matcher: Matcher, key: str
) -> list[Task]:
    """The tasks whose cells write a name that can reach the body (itself, a group of
    it, a variant of either), in order: the matcher, asked of these alone, answers as
    over every task, and a library of many plans is counted in a fraction of the time."""
    positions: set[int] = set()
    for name in matcher.reaching(key):
        positions.update(naming.get(fold(name), ()))
    return [tasks[p] for p in sorted(positions)]


Cell = tuple[int, int]  # (lead, support)


def matrix(catalog: Catalog, matcher: Matcher | None = None) -> dict[str, dict[int, Cell]]:
    """Each body's lead and support counts in each section, as its 责任清单 files them
    (a district counts what it leads and supports through 各区); bodies only possibly
    concerned, or not at all, are left out."""
    matcher = matcher or Matcher(catalog.departments)
    rows: dict[str, dict[int, Cell]] = {}
    for key in catalog.departments:
        cells = {n: [0, 0] for n in catalog.sections}
        for involvement in matcher.involvements(catalog.dataset.tasks, key):
            if involvement.bucket is Bucket.POSSIBLE:
                continue
            section = catalog.topics[involvement.task.topic].section
            cells[section][involvement.bucket is Bucket.SUPPORT] += 1
        if any(a or b for a, b in cells.values()):
            rows[key] = {n: (a, b) for n, (a, b) in cells.items()}
    totals = {k: sum(a + b for a, b in row.values()) for k, row in rows.items()}
    order = {key: i for i, key in enumerate(catalog.departments)}
    ranked = sorted(rows, key=lambda k: (-totals[k], order[k]))
    return {k: rows[k] for k in ranked}
