"""Documents of tasks: the filtered list, task cards, the targets and search results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, cast

import msgspec

from fenggong.catalog import Catalog
from fenggong.model import DeptKind
from fenggong.query.select import Filters, Hit, describe
from fenggong.render.document import Card, Column, Document, Kind
from fenggong.render.text import NONE, number, target_text
from fenggong.views.contracts import TargetRow, TaskObject, task_object

if TYPE_CHECKING:
    from fenggong.query.search import Result

TaskColumn = Column[TaskObject]

ID = TaskColumn("id", "序号", get=lambda t: str(t.id))
SECTION = TaskColumn("section", "板块", get=lambda t: t.section.label)
TOPIC = TaskColumn("topic", "主题", get=lambda t: t.topic.label)
TEXT = TaskColumn("text", "重点任务", wide=True)
LEAD = TaskColumn("lead", "牵头部门", Kind.NAMES)
SUPPORT = TaskColumn("support", "配合部门", Kind.NAMES)
MATCH = TaskColumn("match", "匹配", Kind.MATCH)

_LIST = (
    ID,
    TaskColumn("section", "板块", audience="machines", get=SECTION.get),
    TaskColumn("topic", "主题", audience="machines", get=TOPIC.get),
    TEXT,
    LEAD,
    SUPPORT,
)


def task_list(catalog: Catalog, hits: list[Hit], filters: Filters) -> Document:
    with_match = filters.by_department
    rows = tuple(task_object(catalog, h.task, h.matches if with_match else None) for h in hits)
    return Document(
        columns=(*_LIST, MATCH) if with_match else _LIST,
        rows=rows,
        caption=f"{describe(filters, catalog)} — 共 {len(hits)} 项任务",
        groups=tuple(r.section.label for r in rows),
    )


def _names_with_full(catalog: Catalog, names: tuple[str, ...]) -> str:
    parts = []
    for name in names:
        dept = catalog.departments.get(name)
        full = (
            dept.description if dept and dept.kind is DeptKind.GROUP and dept.description else None
        )
        full = full or (dept.full_name if dept else None)
        # 市财政局 is plainly 上海市财政局: a full name that only adds 上海 says nothing.
        redundant = full in (name, f"上海{name}", f"上海市{name}")
        parts.append(f"{name}（{full}）" if full and not redundant else name)
    return "\n".join(parts) or NONE


def _card(catalog: Catalog, task: TaskObject, siblings: tuple[int, ...]) -> Card:
    targets = [
        f"{t.metric}：{target_text(t)}" + (f"（{number(t.quantity)}）" if not t.qualitative else "")
        for t in task.targets
    ]
    # A figure already reached is shown apart from the goals, and only where there is one.
    basis = [f"{t.metric}：{target_text(t)}" for t in catalog.tasks[task.id].basis]
    return Card(
        title=f"任务 {task.id}",
        fields=(
            ("板块", task.section.label),
            ("主题", task.topic.label),
            ("重点任务", task.text),
            ("牵头部门", _names_with_full(catalog, task.lead)),
            ("配合部门", _names_with_full(catalog, task.support)),
            ("量化目标", "\n".join(targets) or NONE),
            *((("已有基础", "\n".join(basis)),) if basis else ()),
            ("同主题任务", "、".join(map(str, siblings)) or NONE),
        ),
    )


def task_cards(catalog: Catalog, ids: list[int]) -> Document:
    rows, cards = [], []
    for task_id in ids:
        task = catalog.tasks[task_id]
        siblings = tuple(t.id for t in catalog.by_topic[task.topic] if t.id != task.id)
        row = msgspec.structs.replace(
            task_object(catalog, task),
            full_names={n: catalog.departments[n].full_name for n in (*task.lead, *task.support)},
            same_topic=siblings,
        )
        rows.append(row)
        cards.append(_card(catalog, row, siblings))
    return Document(
        columns=(ID, SECTION, TOPIC, TEXT, LEAD, SUPPORT),  # as list writes them
        rows=tuple(rows),
        cards=tuple(cards),
    )


TargetColumn = Column[TargetRow]

_TARGETS = (
    TargetColumn("task", "序号", get=lambda t: str(t.task)),
    TargetColumn("metric", "指标", wide=True),
    TargetColumn("target", "目标", audience="people", get=target_text),
    TargetColumn("value", "数值", Kind.NUMBER, "machines"),
    TargetColumn("unit", "单位", audience="machines"),
    TargetColumn("quantity", "折算数量", Kind.NUMBER),
    TargetColumn("qualifier", "限定", get=lambda t: "、".join(t.qualifier)),
    TargetColumn(
        "qualitative",
        "定性",
        audience="machines",
        get=lambda t: "true" if t.qualitative else "false",
    ),
    TargetColumn("lead", "牵头部门", Kind.NAMES),
    TargetColumn("support", "配合部门", Kind.NAMES),
)


def target_list(
    catalog: Catalog,
    include_qualitative: bool,
    hits: Sequence[Hit] | None = None,
    filters: Filters | None = None,
) -> Document:
    """The goals of the tasks chosen (every task by default), each with its task's leads
    and supports, so a supervisor sees who answers for it."""
    tasks = catalog.dataset.tasks if hits is None else [hit.task for hit in hits]
    rows = tuple(
        TargetRow(
            task.id,
            t.metric,
            t.value,
            t.unit,
            t.quantity,
            t.qualifier,
            t.qualitative,
            t.period,
            task.lead,
            task.support,
        )
        for task in tasks
        for t in task.targets
        if include_qualitative or not t.qualitative
    )
    kind = "量化目标与定性目标" if include_qualitative else "量化目标"
    return Document(
        columns=_TARGETS,
        rows=rows,
        title=f"“{catalog.dataset.plan.period.name}”{kind}",
        caption=(
            f"{describe(filters, catalog)} — 共 {len(rows)} 项"
            if filters is not None and filters != Filters()
            else f"共 {len(rows)} 项"
        ),
    )


_SEARCH = (
    ID,
    TEXT,
    TaskColumn("topic", "主题", wide=True, get=TOPIC.get),
    LEAD,
    TaskColumn("score", "相关度", Kind.NUMBER, places=2),
)

Where = Literal["text", "topic", "section"]


def search_results(catalog: Catalog, results: list[Result], terms: list[str]) -> Document:
    rows = tuple(
        msgspec.structs.replace(
            task_object(catalog, r.task),
            score=r.score,
            found_in=cast(tuple[Where, ...], r.fields),
        )
        for r in results
    )
    return Document(
        columns=_SEARCH,
        rows=rows,
        caption=f"“{' '.join(terms)}” — 共 {len(results)} 项任务，按相关度排序",
        marks=tuple(terms),
    )
