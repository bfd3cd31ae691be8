"""Documents of tasks: the filtered list, task cards, the targets and search results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fenggong.catalog import Catalog
from fenggong.model import DeptKind
from fenggong.query.select import Filters, Hit, describe
from fenggong.render.document import Card, Document
from fenggong.views.records import (
    NONE,
    join,
    number,
    plain_number,
    section_label,
    target_text,
    task_record,
    topic_label,
)

if TYPE_CHECKING:
    from fenggong.query.search import Result

_COLUMNS = ("序号", "重点任务", "牵头部门", "配合部门")
_KEYS = ("id", "text", "lead", "support")


def task_list(catalog: Catalog, hits: list[Hit], filters: Filters) -> Document:
    with_match = filters.by_department
    columns = _COLUMNS + (("匹配",) if with_match else ())
    keys = ("id", "section", "topic", "text", "lead", "support") + (
        ("match",) if with_match else ()
    )
    rows = []
    flat = []
    groups = []
    payload = []
    # Labels per topic, computed once: a large result repeats them thousands of times.
    labels: dict[int, tuple[str, str]] = {}
    for hit in hits:
        task = hit.task
        if task.topic not in labels:
            labels[task.topic] = (section_label(catalog, task), topic_label(catalog, task))
        section, topic = labels[task.topic]
        lead, support = join(task.lead), join(task.support)
        number = str(task.id)
        how = ("；".join(m.describe() for m in hit.matches),) if with_match else ()
        rows.append((number, task.text, lead, support, *how))
        flat.append((number, section, topic, task.text, lead, support, *how))
        groups.append(section)
        payload.append(task_record(catalog, task, hit.matches if with_match else None))
    return Document(
        payload=payload,
        columns=columns,
        keys=_KEYS + (("match",) if with_match else ()),
        rows=tuple(rows),
        caption=f"{describe(filters, catalog)} — 共 {len(hits)} 项任务",
        groups=tuple(groups),
        wide=(1,),
        lists=(2, 3, 4),
        flat=(keys, tuple(flat)),
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


def task_cards(catalog: Catalog, ids: list[int]) -> Document:
    cards = []
    payload = []
    for task_id in ids:
        task = catalog.tasks[task_id]
        siblings = [t.id for t in catalog.by_topic[task.topic] if t.id != task.id]
        targets = [
            f"{t.metric}：{target_text(t)}"
            + (f"（{number(t.quantity)}）" if not t.qualitative else "")
            for t in task.targets
        ]
        cards.append(
            Card(
                title=f"任务 {task.id}",
                fields=(
                    ("板块", section_label(catalog, task)),
                    ("主题", topic_label(catalog, task)),
                    ("重点任务", task.text),
                    ("牵头部门", _names_with_full(catalog, task.lead)),
                    ("配合部门", _names_with_full(catalog, task.support)),
                    ("量化目标", "\n".join(targets) or NONE),
                    ("同主题任务", "、".join(map(str, siblings)) or NONE),
                ),
            )
        )
        record = task_record(catalog, task)
        record["full_names"] = {
            n: catalog.departments[n].full_name for n in (*task.lead, *task.support)
        }
        record["same_topic"] = siblings
        payload.append(record)
    return Document(
        payload=payload,
        columns=(*_COLUMNS, "板块", "主题"),
        keys=(*_KEYS, "section", "topic"),
        rows=tuple(
            (
                str(catalog.tasks[i].id),
                catalog.tasks[i].text,
                join(catalog.tasks[i].lead),
                join(catalog.tasks[i].support),
                section_label(catalog, catalog.tasks[i]),
                topic_label(catalog, catalog.tasks[i]),
            )
            for i in ids
        ),
        wide=(1,),
        lists=(2, 3),
        cards=tuple(cards),
    )


def target_list(catalog: Catalog, include_qualitative: bool) -> Document:
    rows = []
    flat = []
    payload = []
    for task in catalog.dataset.tasks:
        for target in task.targets:
            if target.qualitative and not include_qualitative:
                continue
            rows.append(
                (
                    str(task.id),
                    target.metric,
                    target_text(target),
                    number(target.quantity),
                    "、".join(target.qualifier),
                    join(task.lead),
                )
            )
            flat.append(
                (
                    str(task.id),
                    target.metric,
                    plain_number(target.value),
                    target.unit or "",
                    plain_number(target.quantity),
                    "、".join(target.qualifier),
                    "true" if target.qualitative else "false",
                    join(task.lead),
                )
            )
            payload.append(
                {
                    "task": task.id,
                    "metric": target.metric,
                    "value": target.value,
                    "unit": target.unit,
                    "quantity": target.quantity,
                    "qualifier": list(target.qualifier),
                    "qualitative": target.qualitative,
                    "period": target.period,
                    "lead": list(task.lead),
                }
            )
    kind = "量化目标与定性目标" if include_qualitative else "量化目标"
    return Document(
        payload=payload,
        columns=("序号", "指标", "目标", "折算数量", "限定", "牵头部门"),
        keys=("task", "metric", "target", "quantity", "qualifier", "lead"),
        rows=tuple(rows),
        flat=(
            ("task", "metric", "value", "unit", "quantity", "qualifier", "qualitative", "lead"),
            tuple(flat),
        ),
        title=f"“{catalog.dataset.plan.period.name}”{kind}",
        caption=f"共 {len(rows)} 项",
        wide=(1,),
        lists=(5,),
    )


def search_results(catalog: Catalog, results: list[Result], terms: list[str]) -> Document:
    payload = []
    for result in results:
        record = task_record(catalog, result.task)
        record["score"] = result.score
        record["found_in"] = list(result.fields)
        payload.append(record)
    return Document(
        payload=payload,
        columns=("序号", "重点任务", "主题", "牵头部门", "相关度"),
        keys=("id", "text", "topic", "lead", "score"),
        rows=tuple(
            (
                str(r.task.id),
                r.task.text,
                topic_label(catalog, r.task),
                join(r.task.lead),
                f"{r.score:.2f}",
            )
            for r in results
        ),
        caption=f"“{' '.join(terms)}” — 共 {len(results)} 项任务，按相关度排序",
        wide=(1, 2),
        lists=(3,),
        marks=tuple(terms),
    )
