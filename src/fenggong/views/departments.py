"""Documents of departments: the index by load, and one body's 责任清单."""

from __future__ import annotations

from typing import Any

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, Match, Matcher
from fenggong.model import KIND_LABELS
from fenggong.query.counts import Load
from fenggong.render.document import Document
from fenggong.views.records import join, task_record

BAR_WIDTH = 24


def bar(value: int, largest: int) -> str:
    if largest <= 0 or value <= 0:
        return ""
    return "█" * max(1, round(value / largest * BAR_WIDTH))


def dept_index(catalog: Catalog, loads: list[Load]) -> Document:
    largest = max((x.total for x in loads), default=0)
    rows = []
    payload = []
    for load in loads:
        dept = catalog.departments[load.department]
        rows.append(
            (
                load.department,
                KIND_LABELS[load.kind],
                str(load.lead),
                str(load.support),
                str(load.total),
                str(load.via_group),
                str(load.possible),
                bar(load.total, largest),
            )
        )
        payload.append(
            {
                "department": load.department,
                "full_name": dept.full_name,
                "kind": str(load.kind),
                "lead": load.lead,
                "support": load.support,
                "total": load.total,
                "via_group": load.via_group,
                "possible": load.possible,
            }
        )
    return Document(
        payload=payload,
        columns=("部门", "类别", "牵头", "配合", "合计", "经由统称", "可能涉及", "负荷"),
        keys=("department", "kind", "lead", "support", "total", "via_group", "possible", "bar"),
        rows=tuple(rows),
        title="部门负荷",
        caption=(
            f"共 {len(rows)} 个部门；牵头、配合为表中直接列名的任务数，"
            "经由统称为通过“各区”等统称承担的任务数，可能涉及为“相关区”“各相关委办局”等未列明成员的统称"
        ),
        decorative=(7,),
    )


_SHEET_GROUPS = ("牵头任务", "配合任务", "经由统称")
# Where each bucket of the one classification is filed; a body that is only possibly
# concerned is listed with what reaches it through groups.
_FILED = {
    Bucket.LEAD: "牵头任务",
    Bucket.SUPPORT: "配合任务",
    Bucket.GROUP: "经由统称",
    Bucket.POSSIBLE: "经由统称",
}


def dept_sheet(catalog: Catalog, key: str, matcher: Matcher | None = None) -> Document:
    """The 责任清单 of one body: what it leads, supports, and what reaches it via groups."""
    matcher = matcher or Matcher(catalog.departments)
    dept = catalog.departments[key]
    buckets: dict[str, list[tuple[int, tuple[Match, ...]]]] = {g: [] for g in _SHEET_GROUPS}
    for involvement in matcher.involvements(catalog.dataset.tasks, key):
        buckets[_FILED[involvement.bucket]].append((involvement.task.id, involvement.matches))
    rows, groups = [], []
    for group, entries in buckets.items():
        for task_id, matches in entries:
            task = catalog.tasks[task_id]
            rows.append(
                (
                    str(task.id),
                    task.text,
                    join(task.lead),
                    join(task.support),
                    "；".join(m.describe() for m in matches),
                )
            )
            groups.append(f"{group}（{len(entries)}）")
    payload: dict[str, Any] = {
        "department": key,
        "full_name": dept.full_name,
        "kind": str(dept.kind),
        "aliases": list(dept.aliases),
    }
    for field, group in zip(("lead", "support", "via_group"), _SHEET_GROUPS, strict=True):
        payload[field] = [task_record(catalog, catalog.tasks[i], m) for i, m in buckets[group]]
    full = f"（{dept.full_name}）" if dept.full_name != key else ""
    counts = "，".join(f"{g} {len(e)} 项" for g, e in buckets.items())
    return Document(
        payload=payload,
        columns=("序号", "重点任务", "牵头部门", "配合部门", "方式"),
        keys=("id", "text", "lead", "support", "match"),
        rows=tuple(rows),
        title=f"{key}{full}责任清单",
        caption=f"{catalog.dataset.plan.title}（{catalog.dataset.plan.document_number}）— {counts}",
        groups=tuple(groups),
        wide=(1,),
        lists=(2, 3, 4),
    )


def chart_bar(lead: int, support: int, largest: int, width: int = BAR_WIDTH * 2) -> str:
    """``█`` for each share of lead, ``░`` for support, on one scale for every body."""
    if largest <= 0:
        return ""
    return "█" * round(lead / largest * width) + "░" * round(support / largest * width)


def dept_chart(catalog: Catalog, loads: list[Load]) -> Document:
    """Lead and support load per body, as bars (direct assignments; groups listed too)."""
    named = [x for x in loads if x.total]
    largest = max((x.total for x in named), default=0)
    index = dept_index(catalog, named)
    return Document(
        payload=index.payload,
        columns=("部门", "牵头", "配合", "█ 牵头  ░ 配合"),
        keys=("department", "lead", "support", "bar"),
        rows=tuple(
            (x.department, str(x.lead), str(x.support), chart_bar(x.lead, x.support, largest))
            for x in named
        ),
        title="部门负荷（表中直接列名的任务数）",
        caption=f"共 {len(named)} 个部门或统称；█ 牵头 ░ 配合",
        decorative=(3,),
    )
