"""Documents of departments: the index by load, and one body's 责任清单."""

from __future__ import annotations

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, Match, Matcher
from fenggong.messages import N_, _
from fenggong.model import KIND_LABELS
from fenggong.query.counts import Load
from fenggong.render.document import Bar, Column, Document, Kind
from fenggong.views.contracts import DepartmentLoad, DepartmentSheet, TaskObject, task_object
from fenggong.views.tasks import ID, LEAD, SUPPORT, TEXT, TaskColumn

BAR_WIDTH = 24

LoadColumn = Column[DepartmentLoad]
_DEPARTMENT = LoadColumn("department", N_("Department"))
_LEAD = LoadColumn("lead", N_("Leads"), Kind.NUMBER)
_SUPPORT = LoadColumn("support", N_("Supports"), Kind.NUMBER)


def _loads(catalog: Catalog, loads: list[Load]) -> tuple[DepartmentLoad, ...]:
    return tuple(
        DepartmentLoad(
            x.department,
            catalog.departments[x.department].full_name,
            x.kind,
            x.lead,
            x.support,
            x.total,
            x.via_group,
            x.possible,
        )
        for x in loads
    )


def dept_index(catalog: Catalog, loads: list[Load]) -> Document:
    rows = _loads(catalog, loads)
    largest = max((x.total for x in rows), default=0)
    return Document(
        columns=(
            _DEPARTMENT,
            LoadColumn("kind", N_("Kind"), get=lambda x: KIND_LABELS[x.kind]),
            _LEAD,
            _SUPPORT,
            LoadColumn("total", N_("Total"), Kind.NUMBER),
            LoadColumn("via_group", N_("Via groups"), Kind.NUMBER),
            LoadColumn("possible", N_("Possibly"), Kind.NUMBER),
            LoadColumn(
                "bar",
                N_("Load"),
                Kind.BAR,
                "people",
                get=lambda x: Bar((x.total,), largest, BAR_WIDTH, least=1),
            ),
        ),
        rows=rows,
        title=_("Department load"),
        caption=_(
            "{count} departments; Leads and Supports count the tasks that name the body in the "
            "table, Via groups the tasks it takes through a group such as “各区”, Possibly "
            "those of groups that name no members, such as “相关区” and “各相关委办局”"
        ).format(count=len(rows)),
    )


_SHEET_GROUPS = (
    N_("Lead tasks ({count})"),
    N_("Support tasks ({count})"),
    N_("Via groups ({count})"),
)
# Where each bucket of the one classification is filed; a body that is only possibly
# concerned is listed with what reaches it through groups.
_FILED = {
    Bucket.LEAD: _SHEET_GROUPS[0],
    Bucket.SUPPORT: _SHEET_GROUPS[1],
    Bucket.GROUP: _SHEET_GROUPS[2],
    Bucket.POSSIBLE: _SHEET_GROUPS[2],
}
_SHEET = (ID, TEXT, LEAD, SUPPORT, TaskColumn("match", N_("How"), Kind.MATCH))


def dept_sheet(catalog: Catalog, key: str, matcher: Matcher | None = None) -> Document:
    """The 责任清单 of one body: what it leads, supports, and what reaches it via groups."""
    matcher = matcher or Matcher(catalog.departments)
    dept = catalog.departments[key]
    buckets: dict[str, list[tuple[int, tuple[Match, ...]]]] = {g: [] for g in _SHEET_GROUPS}
    for involvement in matcher.involvements(catalog.dataset.tasks, key):
        buckets[_FILED[involvement.bucket]].append((involvement.task.id, involvement.matches))
    filed: dict[str, tuple[TaskObject, ...]] = {
        group: tuple(task_object(catalog, catalog.tasks[i], m) for i, m in entries)
        for group, entries in buckets.items()
    }
    sheet = DepartmentSheet(
        department=key,
        full_name=dept.full_name,
        kind=dept.kind,
        aliases=dept.aliases,
        lead=filed[_SHEET_GROUPS[0]],
        support=filed[_SHEET_GROUPS[1]],
        via_group=filed[_SHEET_GROUPS[2]],
    )
    title = (
        _("Responsibilities of {department} ({full_name})")
        if dept.full_name != key
        else _("Responsibilities of {department}")
    )
    counts = _("lead tasks {lead}, support tasks {support}, via groups {via}").format(
        lead=len(sheet.lead), support=len(sheet.support), via=len(sheet.via_group)
    )
    plan = catalog.dataset.plan
    return Document(
        columns=_SHEET,
        rows=tuple(task for tasks in filed.values() for task in tasks),
        payload=sheet,
        title=title.format(department=key, full_name=dept.full_name),
        caption=_("{title} ({number}) — {counts}").format(
            title=plan.title, number=plan.document_number, counts=counts
        ),
        groups=tuple(_(g).format(count=len(e)) for g, e in filed.items() for _e in e),
    )


def dept_chart(catalog: Catalog, loads: list[Load]) -> Document:
    """Lead and support load per body, as bars (direct assignments; groups listed too)."""
    rows = _loads(catalog, [x for x in loads if x.total])
    largest = max((x.total for x in rows), default=0)
    return Document(
        columns=(
            _DEPARTMENT,
            _LEAD,
            _SUPPORT,
            LoadColumn(
                "bar",
                N_("█ lead  ░ support"),
                Kind.BAR,
                "people",
                get=lambda x: Bar((x.lead, x.support), largest, BAR_WIDTH * 2),
            ),
        ),
        rows=rows,
        title=_("Department load (tasks that name the body in the table)"),
        caption=_("{count} departments or groups; █ lead ░ support").format(count=len(rows)),
    )
