"""Counts over the table: each body's load, the departments × sections matrix, and both
summed over the plans of a library (departments × plans)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, How, Matcher
from fenggong.model import DeptKind, Task
from fenggong.names import fold

if TYPE_CHECKING:
    from fenggong.query.library import Body, Library


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


class Summed(msgspec.Struct, frozen=True):
    """A body's load summed over the plans of a library that may name it."""

    load: Load  # its department is the body's label in the library
    jurisdiction: str
    name: str  # its registry name
    full_name: str
    plans: int  # the plans whose 责任清单 of it is not empty

    @property
    def body(self) -> Body:
        return self.jurisdiction, self.name


def library_workload(library: Library) -> list[Summed]:
    """Every body of the plans, once (a body is its jurisdiction and registry name, so
    市教委 in two Shanghai plans is one row), with its counts summed over them: heaviest
    first, ties in the order the plans first define them."""
    return _summed(library, [(c, workload(c)) for c in library.catalogs])


def _summed(library: Library, per_plan: list[tuple[Catalog, list[Load]]]) -> list[Summed]:
    found: dict[Body, Summed] = {}
    for catalog, loads in per_plan:
        for load in loads:
            body = catalog.body(load.department)
            named = 1 if load.total or load.possible else 0
            seen = found.get(body)
            if seen is None:
                label = library.label(catalog, load.department)
                full_name = catalog.departments[load.department].full_name
                found[body] = Summed(
                    msgspec.structs.replace(load, department=label), *body, full_name, named
                )
                continue
            was = seen.load
            found[body] = msgspec.structs.replace(
                seen,
                load=Load(
                    was.department,
                    was.kind,
                    was.lead + load.lead,
                    was.support + load.support,
                    was.via_group + load.via_group,
                    was.possible + load.possible,
                ),
                plans=seen.plans + named,
            )
    order = {body: i for i, body in enumerate(found)}
    return sorted(
        found.values(),
        key=lambda x: (-x.load.total, -x.load.lead, order[x.body]),
    )


PlanCells = dict[str, Cell]  # plan key → (lead, support)


def plan_matrix(library: Library) -> list[tuple[Summed, PlanCells]]:
    """Each body leading or supporting a task of the plans, with its counts in each plan
    (as ``library_workload`` sums them), heaviest first."""
    per_plan = [(c, workload(c)) for c in library.catalogs]
    cells: dict[Body, PlanCells] = {}
    for catalog, loads in per_plan:
        for load in loads:
            if load.total:
                row = cells.setdefault(catalog.body(load.department), {})
                row[catalog.key] = (load.lead, load.support)
    keys = [c.key for c in library.catalogs]
    return [
        (x, {k: cells[x.body].get(k, (0, 0)) for k in keys})
        for x in _summed(library, per_plan)
        if x.body in cells
    ]
