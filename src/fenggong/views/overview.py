"""Documents of the whole table: the outline tree and the departments × sections matrix."""

from __future__ import annotations

from fenggong.catalog import Catalog
from fenggong.messages import N_, _
from fenggong.query.counts import matrix
from fenggong.render.document import Column, Document, Kind, Node
from fenggong.views.contracts import (
    MatrixRow,
    OutlineSection,
    OutlineTopic,
    RoleCounts,
    task_object,
)
from fenggong.views.tasks import ID, SECTION, TEXT, TOPIC

_TEXT_CUT = 48


def _cut(text: str) -> str:
    return text if len(text) <= _TEXT_CUT else text[: _TEXT_CUT - 1] + "…"


def outline(catalog: Catalog) -> Document:
    plan = catalog.dataset.plan
    sections: list[Node] = []
    payload: list[OutlineSection] = []
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
                    _("{topic} ({count})").format(topic=topic.label, count=len(tasks)),
                    tuple(Node(f"{t.id}  {_cut(t.text)}") for t in tasks),
                )
            )
            topic_records.append(
                OutlineTopic(topic.number, topic.numeral, topic.title, tuple(t.id for t in tasks))
            )
        sections.append(
            Node(
                _("{section} ({topics} topics, {tasks} tasks)").format(
                    section=section.label, topics=len(topics), tasks=count
                ),
                tuple(topic_nodes),
            )
        )
        payload.append(
            OutlineSection(
                section.number, section.numeral, section.title, count, tuple(topic_records)
            )
        )
    summary = _("{sections} sections, {topics} topics, {tasks} tasks").format(
        sections=len(catalog.dataset.sections),
        topics=len(catalog.dataset.topics),
        tasks=len(catalog.dataset.tasks),
    )
    # The flat view, one row per task in the order of the outline: tasks by section.
    rows = tuple(
        task_object(catalog, task)
        for section in catalog.dataset.sections
        for topic in catalog.dataset.topics
        if topic.section == section.number
        for task in catalog.by_topic.get(topic.number, [])
    )
    return Document(
        columns=(SECTION, TOPIC, ID, TEXT),
        rows=rows,
        payload=tuple(payload),
        title=_("{title} ({number})").format(title=plan.title, number=plan.document_number),
        caption=summary,
        tree=Node(
            _("{title} ({summary})").format(title=plan.title, summary=summary), tuple(sections)
        ),
    )


def _cell(counts: RoleCounts) -> str:
    return "·" if not (counts.lead or counts.support) else f"{counts.lead}/{counts.support}"


MatrixColumn = Column[MatrixRow]


def _section_columns(number: int, numeral: str) -> tuple[MatrixColumn, ...]:
    """A section's lead/support cell for people; its two counts for machines."""
    n = str(number)

    def cell(row: MatrixRow) -> str:
        return _cell(row.sections[n])

    def lead(row: MatrixRow) -> int:
        return row.sections[n].lead

    def support(row: MatrixRow) -> int:
        return row.sections[n].support

    return (
        MatrixColumn(n, numeral, audience="people", get=cell),
        MatrixColumn(f"{n}_lead", f"{numeral} 牵头", Kind.NUMBER, "machines", get=lead),
        MatrixColumn(f"{n}_support", f"{numeral} 配合", Kind.NUMBER, "machines", get=support),
    )


def _matrix_columns(catalog: Catalog) -> tuple[MatrixColumn, ...]:
    return (
        MatrixColumn("department", N_("Department")),
        *(c for n, s in catalog.sections.items() for c in _section_columns(n, s.numeral)),
        MatrixColumn(
            "total",
            N_("Total"),
            audience="people",
            get=lambda r: _cell(RoleCounts(r.lead, r.support)),
        ),
        MatrixColumn("lead", N_("Leads"), Kind.NUMBER, "machines"),
        MatrixColumn("support", N_("Supports"), Kind.NUMBER, "machines"),
    )


def matrix_view(catalog: Catalog) -> Document:
    rows: list[MatrixRow] = []
    for dept, row in matrix(catalog).items():
        sections = {str(n): RoleCounts(lead, support) for n, (lead, support) in row.items()}
        rows.append(
            MatrixRow(
                dept,
                sections,
                sum(c.lead for c in sections.values()),
                sum(c.support for c in sections.values()),
            )
        )
    return Document(
        columns=_matrix_columns(catalog),
        rows=tuple(rows),
        title=_("Departments × sections (lead/support)"),
        caption=_("Each cell is lead/support; · is none; sections: {sections}").format(
            sections="；".join(f"{s.numeral} {s.title}" for s in catalog.dataset.sections)
        ),
    )
