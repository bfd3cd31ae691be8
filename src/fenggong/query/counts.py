"""Counts over the table: each body's load, and the departments × sections matrix."""

from __future__ import annotations

import msgspec

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, Matcher
from fenggong.model import DeptKind


class Load(msgspec.Struct, frozen=True):
    department: str
    kind: DeptKind
    lead: int  # named as lead
    support: int  # named as support
    via_group: int  # reached through a group that has it as a member (各区)
    possible: int  # possibly concerned through a group without members (相关区)

    @property
    def total(self) -> int:
        return self.lead + self.support


def workload(catalog: Catalog, matcher: Matcher | None = None) -> list[Load]:
    """Every registry body with its counts, heaviest first (ties in registry order)."""
    matcher = matcher or Matcher(catalog.departments)
    loads = []
    for key, dept in catalog.departments.items():
        counts = dict.fromkeys(Bucket, 0)
        for involvement in matcher.involvements(catalog.dataset.tasks, key):
            counts[involvement.bucket] += 1
        loads.append(
            Load(
                key,
                dept.kind,
                counts[Bucket.LEAD],
                counts[Bucket.SUPPORT],
                counts[Bucket.GROUP],
                counts[Bucket.POSSIBLE],
            )
        )
    order = {key: i for i, key in enumerate(catalog.departments)}
    return sorted(loads, key=lambda x: (-x.total, -x.lead, order[x.department]))


Cell = tuple[int, int]  # (lead, support)


def matrix(catalog: Catalog) -> dict[str, dict[int, Cell]]:
    """Direct lead and support counts of each named body in each section."""
    cells: dict[str, dict[int, list[int]]] = {}
    for task in catalog.dataset.tasks:
        section = catalog.topics[task.topic].section
        for column, names in ((0, task.lead), (1, task.support)):
            for name in names:
                row = cells.setdefault(name, {n: [0, 0] for n in catalog.sections})
                row[section][column] += 1
    totals = {k: sum(a + b for a, b in row.values()) for k, row in cells.items()}
    order = {key: i for i, key in enumerate(catalog.departments)}
    ranked = sorted(cells, key=lambda k: (-totals[k], order.get(k, len(order))))
    return {k: {n: (v[0], v[1]) for n, v in cells[k].items()} for k in ranked}
