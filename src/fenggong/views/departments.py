"""Documents of departments: the index by load, and one body's 责任清单."""

from __future__ import annotations

from collections.abc import Sequence

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, How, Involvement, Matcher
from fenggong.model import KIND_LABELS, Task
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


# The headings of a 责任清单, in order: named in the cell, then through a group that
# names the body (it takes the group's role), then possibly concerned.
HEADINGS = {
    (Bucket.LEAD, False): "牵头任务",
    (Bucket.SUPPORT, False): "配合任务",
    (Bucket.LEAD, True): "经由“各区”等统称承担的牵头任务",
    (Bucket.SUPPORT, True): "经由“各区”等统称承担的配合任务",
    (Bucket.POSSIBLE, True): "可能涉及",
}
_SHEET = (ID, TEXT, LEAD, SUPPORT, TaskColumn("match", "方式", Kind.MATCH))


def file_tasks(
    catalog: Catalog,
    key: str,
    matcher: Matcher | None = None,
    tasks: Sequence[Task] | None = None,
) -> dict[tuple[Bucket, bool], list[Involvement]]:
    """Each task the body takes part in, under its 责任清单 heading (the keys of
    ``HEADINGS``, in their order), in the table's order within each."""
    matcher = matcher or Matcher(catalog.departments)
    filed: dict[tuple[Bucket, bool], list[Involvement]] = {heading: [] for heading in HEADINGS}
    for involvement in matcher.involvements(catalog.dataset.tasks if tasks is None else tasks, key):
        found = involvement.bucket
        filed[(found, found is Bucket.POSSIBLE or involvement.how is How.GROUP)].append(involvement)
    return filed


def dept_sheet(
    catalog: Catalog,
    key: str,
    matcher: Matcher | None = None,
    tasks: Sequence[Task] | None = None,
) -> Document:
    """The 责任清单 of one body over the tasks given (every task by default): what it
    leads and supports, named in the cell; what it leads and supports through a group
    naming it (各区 for a district); then what it is possibly concerned by (相关区)."""
    dept = catalog.departments[key]
    filed = {
        heading: [task_object(catalog, i.task, i.matches) for i in involvements]
        for heading, involvements in file_tasks(catalog, key, matcher, tasks).items()
    }

    def filed_as(wanted: Bucket) -> tuple[TaskObject, ...]:
        return tuple(t for (b, _), entries in filed.items() if b is wanted for t in entries)

    sheet = DepartmentSheet(
        department=key,
        full_name=dept.full_name,
        kind=dept.kind,
        aliases=dept.aliases,
        lead=filed_as(Bucket.LEAD),
        support=filed_as(Bucket.SUPPORT),
        possible=filed_as(Bucket.POSSIBLE),
    )
    full = f"（{dept.full_name}）" if dept.full_name != key else ""
    plan = catalog.dataset.plan
    return Document(
        columns=_SHEET,
        rows=tuple(task for entries in filed.values() for task in entries),
        payload=sheet,
        title=f"{key}{full}责任清单",
        caption=f"{plan.title}（{plan.document_number}）— {_counts(sheet, filed)}",
        groups=tuple(f"{HEADINGS[h]}（{len(e)}）" for h, e in filed.items() for _ in e),
    )


def _counts(sheet: DepartmentSheet, filed: dict[tuple[Bucket, bool], list[TaskObject]]) -> str:
    """牵头 3 项（经由统称 3 项），配合 32 项（经由统称 32 项），可能涉及 2 项: the same
    numbers as the index of `depts` gives the body."""
    parts = []
    for bucket, word in ((Bucket.LEAD, "牵头"), (Bucket.SUPPORT, "配合")):
        total = len(sheet.lead if bucket is Bucket.LEAD else sheet.support)
        via = len(filed[(bucket, True)])
        parts.append(f"{word} {total} 项" + (f"（经由统称 {via} 项）" if via else ""))
    parts.append(f"可能涉及 {len(sheet.possible)} 项")
    return "，".join(parts)


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
