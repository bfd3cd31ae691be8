"""The rows a department filter names in ``status --by dept``: its bodies' own, no others.

A filter names bodies (``--lead 浦东新区``); a group it names stands for its members (各区:
the sixteen districts), and a group naming no members (相关区) for itself and the bodies
of its scope it possibly concerns. Without the filter, a task led by 各区 would give all
sixteen districts a row, the one asked for lost among them. The rows kept are those the
table unfiltered gives the bodies named: every duty's, and a possible one's once it
reported.
"""

from __future__ import annotations

from collections.abc import Iterable

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, Role
from fenggong.model import DeptKind, Task
from fenggong.query.progress import Narrow
from fenggong.query.select import Filters, matcher_of

Rows = list[tuple[str, bool]]  # a task's rows: each body, and whether it leads


def narrowing(parts: Iterable[tuple[Catalog, Filters]]) -> Narrow | None:
    """Keeps, of a task's rows, those of the bodies the department filters name, per plan;
    None when no plan has a department filter (every body keeps its row)."""
    wanted: dict[str, tuple[list[str], list[str]]] = {}
    for catalog, filters in parts:
        names = (*filters.lead, *filters.support, *filters.dept)
        if names:
            wanted[catalog.key] = _expanded(catalog, names)
    if not wanted:
        return None

    def narrow(catalog: Catalog, task: Task, bodies: Rows) -> Rows:
        found = wanted.get(catalog.key)
        if found is None:
            return bodies
        named, unnamed = found
        matcher = matcher_of(catalog)

        def standing_for(body: str) -> bool:
            """A body in the place of a group naming no members that the filter names."""
            if body in unnamed:
                return True
            dept = catalog.departments.get(body)
            if dept is None or not unnamed:
                return False
            involvement = matcher.involvement(task, body)
            return (
                involvement is not None
                and involvement.bucket is Bucket.POSSIBLE
                and involvement.deciding.via in unnamed
            )

        kept = [(b, lead) for b, lead in bodies if b in named or standing_for(b)]
        shown = {b for b, _lead in bodies}
        for body in named:
            involvement = None if body in shown else matcher.involvement(task, body)
            # A body a group naming no members (各相关委办局) may stand for has a row once
            # it reports, as in the table unfiltered: silent, it is not known to be
            # concerned, and is no body to chase.
            if involvement is not None and involvement.bucket is not Bucket.POSSIBLE:
                kept.append((body, involvement.deciding.role is Role.LEAD))
        return kept

    return narrow


def leading(narrow: Narrow | None) -> Narrow | None:
    """``narrow`` for ``due`` and ``overdue``, which list the lead bodies' rows: of a task
    the filter's bodies lead, their rows; of one they only support (``overdue --support
    市教委``), its leads' rows, so that a supporting body asking what of its own is late is
    shown the task, under the bodies that lead it."""
    if narrow is None:
        return None

    def narrowed(catalog: Catalog, task: Task, bodies: Rows) -> Rows:
        kept: Rows = [(b, lead) for b, lead in narrow(catalog, task, bodies) if lead]
        return kept or [(b, lead) for b, lead in bodies if lead]

    return narrowed


def _expanded(catalog: Catalog, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """The bodies named (a group's members in its place), and the groups naming no members
    named, each once, in the order given."""
    bodies: list[str] = []
    groups: list[str] = []
    for name in names:
        dept = catalog.departments.get(name)
        if dept is not None and dept.kind is DeptKind.GROUP:
            if dept.members:
                bodies += dept.members
            else:
                groups.append(name)
        else:
            bodies.append(name)
    return list(dict.fromkeys(bodies)), list(dict.fromkeys(groups))
