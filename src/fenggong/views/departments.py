"""Documents of departments: the index by load, and one body's 责任清单."""

from __future__ import annotations

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, Matcher
from fenggong.model import KIND_LABELS
from fenggong.query.counts import Load
from fenggong.render.document import Bar, Column, Document, Kind
from fenggong.views.contracts import DepartmentLoad, DepartmentSheet, TaskObject, task_object
from fenggong.views.tasks import ID, LEAD, SUPPORT, TEXT, TaskColumn

BAR_WIDTH = 24

LoadColumn = Column[DepartmentLoad]
_DEPARTMENT = LoadColumn("department", "部门")
_LEAD = LoadColumn("lead", "牵头", Kind.NUMBER)
_SUPPORT = LoadColumn("support", "配合", Kind.NUMBER)


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
            LoadColumn("kind", "类别", get=lambda x: KIND_LABELS[x.kind]),
            _LEAD,
            _SUPPORT,
            LoadColumn("total", "合计", Kind.NUMBER),
            LoadColumn("via_group", "经由统称", Kind.NUMBER),
            LoadColumn("possible", "可能涉及", Kind.NUMBER),
            LoadColumn(
                "bar",
                "负荷",
                Kind.BAR,
                "people",
                get=lambda x: Bar((x.total,), largest, BAR_WIDTH, least=1),
            ),
        ),
        rows=rows,
        title="部门负荷",
        caption=(
            f"共 {len(rows)} 个部门；牵头、配合含经由“各区”等列明成员的统称承担的任务，"
            "经由统称为其中的任务数；可能涉及为“相关区”“各相关委办局”等未列明成员的统称，"
            "不计入合计"
        ),
    )


_SHEET_GROUPS = {Bucket.LEAD: "牵头任务", Bucket.SUPPORT: "配合任务", Bucket.POSSIBLE: "可能涉及"}
_SHEET = (ID, TEXT, LEAD, SUPPORT, TaskColumn("match", "方式", Kind.MATCH))


def dept_sheet(catalog: Catalog, key: str, matcher: Matcher | None = None) -> Document:
    """The 责任清单 of one body: what it leads and supports (named, or through 各区 and
    the like), then what it is possibly concerned by (相关区 and the like)."""
    matcher = matcher or Matcher(catalog.departments)
    dept = catalog.departments[key]
    filed: dict[Bucket, list[TaskObject]] = {bucket: [] for bucket in _SHEET_GROUPS}
    for involvement in matcher.involvements(catalog.dataset.tasks, key):
        filed[involvement.bucket].append(
            task_object(catalog, involvement.task, tuple(involvement.matches))
        )
    sheet = DepartmentSheet(
        department=key,
        full_name=dept.full_name,
        kind=dept.kind,
        aliases=dept.aliases,
        lead=tuple(filed[Bucket.LEAD]),
        support=tuple(filed[Bucket.SUPPORT]),
        possible=tuple(filed[Bucket.POSSIBLE]),
    )
    full = f"（{dept.full_name}）" if dept.full_name != key else ""
    counts = "，".join(f"{_SHEET_GROUPS[b]} {len(e)} 项" for b, e in filed.items())
    return Document(
        columns=_SHEET,
        rows=tuple(task for tasks in filed.values() for task in tasks),
        payload=sheet,
        title=f"{key}{full}责任清单",
        caption=f"{catalog.dataset.plan.title}（{catalog.dataset.plan.document_number}）— {counts}",
        groups=tuple(f"{_SHEET_GROUPS[b]}（{len(e)}）" for b, e in filed.items() for _ in e),
    )


def dept_chart(catalog: Catalog, loads: list[Load]) -> Document:
    """Lead and support load per body as bars, as the 责任清单 counts it (districts
    through 各区 included); a load of one task still draws a block."""
    rows = _loads(catalog, [x for x in loads if x.total])
    largest = max((x.total for x in rows), default=0)
    return Document(
        columns=(
            _DEPARTMENT,
            _LEAD,
            _SUPPORT,
            LoadColumn(
                "bar",
                "█ 牵头  ░ 配合",
                Kind.BAR,
                "people",
                get=lambda x: Bar((x.lead, x.support), largest, BAR_WIDTH * 2, least=1),
            ),
        ),
        rows=rows,
        title="部门负荷（牵头、配合任务数，含经由统称）",
        caption=f"共 {len(rows)} 个部门或统称；█ 牵头 ░ 配合",
    )
