"""Documents of the whole table: the outline tree and the departments × sections matrix."""

from __future__ import annotations

from typing import Any

from fenggong.catalog import Catalog
from fenggong.query.counts import matrix
from fenggong.render.document import Document, Node, Row

_TEXT_CUT = 48


def _cut(text: str) -> str:
    return text if len(text) <= _TEXT_CUT else text[: _TEXT_CUT - 1] + "…"


def outline(catalog: Catalog) -> Document:
    plan = catalog.dataset.plan
    sections: list[Node] = []
    payload: list[dict[str, Any]] = []
    rows: list[Row] = []
    for section in catalog.dataset.sections:
        topics = [t for t in catalog.dataset.topics if t.section == section.number]
        topic_nodes = []
        topic_records = []
        count = 0
        for topic in topics:
            tasks = catalog.by_topic.get(topic.number, [])
            count += len(tasks)
            topic_nodes.append(
                Node(
                    f"{topic.label}（{len(tasks)}）",
                    tuple(Node(f"{t.id}  {_cut(t.text)}") for t in tasks),
                )
            )
            topic_records.append(
                {
                    "number": topic.number,
                    "numeral": topic.numeral,
                    "title": topic.title,
                    "tasks": [t.id for t in tasks],
                }
            )
            rows += [
                (
                    section.label,
                    topic.label,
                    str(t.id),
                    t.text,
                )
                for t in tasks
            ]
        sections.append(
            Node(
                f"{section.label}（{len(topics)} 个主题，{count} 项任务）",
                tuple(topic_nodes),
            )
        )
        payload.append(
            {
                "number": section.number,
                "numeral": section.numeral,
                "title": section.title,
                "task_count": count,
                "topics": topic_records,
            }
        )
    summary = (
        f"{len(catalog.dataset.sections)} 个板块，{len(catalog.dataset.topics)} 个主题，"
        f"{len(catalog.dataset.tasks)} 项任务"
    )
    return Document(
        payload=payload,
        columns=("板块", "主题", "序号", "重点任务"),
        keys=("section", "topic", "id", "text"),
        rows=tuple(rows),
        title=f"{plan.title}（{plan.document_number}）",
        caption=summary,
        wide=(3,),
        tree=Node(f"{plan.title}（{summary}）", tuple(sections)),
    )


def _cell(lead: int, support: int) -> str:
    return "·" if not (lead or support) else f"{lead}/{support}"


def matrix_view(catalog: Catalog) -> Document:
    cells = matrix(catalog)
    numbers = list(catalog.sections)
    numerals = [catalog.sections[n].numeral for n in numbers]
    rows = []
    flat = []
    payload = []
    for dept, row in cells.items():
        lead = sum(row[n][0] for n in numbers)
        support = sum(row[n][1] for n in numbers)
        rows.append((dept, *(_cell(*row[n]) for n in numbers), _cell(lead, support)))
        flat.append((dept, *(str(v) for n in numbers for v in row[n]), str(lead), str(support)))
        payload.append(
            {
                "department": dept,
                "sections": {str(n): {"lead": row[n][0], "support": row[n][1]} for n in numbers},
                "lead": lead,
                "support": support,
            }
        )
    flat_keys = (
        "department",
        *(f"{n}_{role}" for n in numbers for role in ("lead", "support")),
        "lead",
        "support",
    )
    return Document(
        payload=payload,
        columns=("部门", *numerals, "合计"),
        keys=("department", *map(str, numbers), "total"),
        rows=tuple(rows),
        title="部门 × 板块（牵头/配合）",
        caption="每格为 牵头数/配合数；· 为无；板块 "
        + "；".join(f"{s.numeral} {s.title}" for s in catalog.dataset.sections),
        flat=(flat_keys, tuple(flat)),
    )
