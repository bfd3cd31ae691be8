"""Documents of the whole table: the outline tree and the departments × sections matrix;
across the plans of a library, an outline per plan and the departments × plans matrix."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec

from fenggong.catalog import Catalog
from fenggong.messages import N_, _, ngettext
from fenggong.query.counts import matrix, plan_matrix
from fenggong.render.document import Column, Document, Kind, Node
from fenggong.render.text import plans_and_tasks
from fenggong.views.contracts import (
    MatrixRow,
    OutlineSection,
    OutlineTopic,
    PlanMatrixRow,
    RoleCounts,
    plan_ref,
    task_object,
)
from fenggong.views.tasks import ID, PLAN, SECTION, TEXT, TOPIC

if TYPE_CHECKING:
    from fenggong.query.library import Library

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
                _("{section} ({topics}, {tasks})").format(
                    section=section.label,
                    topics=_topics(len(topics)),
                    tasks=ngettext("{count} task", "{count} tasks", count).format(count=count),
                ),
                tuple(topic_nodes),
            )
        )
        payload.append(
            OutlineSection(
                section.number, section.numeral, section.title, count, tuple(topic_records)
            )
        )
    summary = _summary(catalog)
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


def _summary(catalog: Catalog) -> str:
    sections, tasks = len(catalog.dataset.sections), len(catalog.dataset.tasks)
    return _(", ").join(
        (
            ngettext("{count} section", "{count} sections", sections).format(count=sections),
            _topics(len(catalog.dataset.topics)),
            ngettext("{count} task", "{count} tasks", tasks).format(count=tasks),
        )
    )


def _topics(count: int) -> str:
    return ngettext("{count} topic", "{count} topics", count).format(count=count)


def _cell(counts: RoleCounts) -> str:
    return "·" if not (counts.lead or counts.support) else f"{counts.lead}/{counts.support}"


MatrixColumn = Column[MatrixRow]


def _count_columns(
    key: str, label: str, counts: Callable[[Any], RoleCounts]
) -> tuple[Column[Any], ...]:
    """A part's lead/support cell for people; its two counts for machines (a section of
    the matrix, a plan of the plan matrix)."""
    return (
        Column(key, label, audience="people", get=lambda row: _cell(counts(row))),
        Column(
            f"{key}_lead",
            f"{label} 牵头",
            Kind.NUMBER,
            "machines",
            get=lambda row: counts(row).lead,
        ),
        Column(
            f"{key}_support",
            f"{label} 配合",
            Kind.NUMBER,
            "machines",
            get=lambda row: counts(row).support,
        ),
    )


def _section_columns(number: int, numeral: str) -> tuple[MatrixColumn, ...]:
    n = str(number)
    return _count_columns(n, numeral, lambda row: row.sections[n])


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


def outline_across(library: Library) -> Document:
    """The outline of each plan, a plan's tree under its heading; a library of one plan
    reads as the plan alone."""
    if library.single:
        return outline(library.first)
    documents = [(c, outline(c)) for c in library.catalogs]
    summary = plans_and_tasks(len(documents), sum(len(c.dataset.tasks) for c in library.catalogs))
    return Document(
        columns=(PLAN, SECTION, TOPIC, ID, TEXT),
        rows=tuple(r for _c, d in documents for r in d.rows),
        payload=tuple(
            msgspec.structs.replace(section, plan=plan_ref(c))
            for c, d in documents
            for section in d.payload
        ),
        title=ngettext(
            "Outline of {count} plan", "Outline of {count} plans", len(documents)
        ).format(count=len(documents)),
        caption=summary,
        tree=Node(
            summary,
            tuple(
                Node(
                    _("{key} · {title} ({number}): {summary}").format(
                        key=c.key,
                        title=c.dataset.plan.title,
                        number=c.dataset.plan.document_number,
                        summary=_summary(c),
                    ),
                    d.tree.children,
                )
                for c, d in documents
                if d.tree is not None
            ),
        ),
    )


PlanMatrixColumn = Column[PlanMatrixRow]


def _plan_columns(key: str) -> tuple[PlanMatrixColumn, ...]:
    return _count_columns(key, key, lambda row: row.plans[key])


def plan_matrix_view(library: Library) -> Document:
    """Departments × plans: each body once (its jurisdiction and name), with what it leads
    and supports in each plan, filed as its 责任清单 files them."""
    rows = tuple(
        PlanMatrixRow(
            summed.load.department,
            summed.jurisdiction,
            {key: RoleCounts(lead, support) for key, (lead, support) in cells.items()},
            summed.load.lead,
            summed.load.support,
        )
        for summed, cells in plan_matrix(library)
    )
    return Document(
        columns=(
            PlanMatrixColumn("department", N_("Department")),
            PlanMatrixColumn("jurisdiction", N_("Jurisdiction"), audience="machines"),
            *(c for key in library.by_key for c in _plan_columns(key)),
            PlanMatrixColumn(
                "total",
                N_("Total"),
                audience="people",
                get=lambda r: _cell(RoleCounts(r.lead, r.support)),
            ),
            PlanMatrixColumn("lead", N_("Leads"), Kind.NUMBER, "machines"),
            PlanMatrixColumn("support", N_("Supports"), Kind.NUMBER, "machines"),
        ),
        rows=rows,
        title=_("Departments × plans (lead/support)"),
        caption=_("Each cell is lead/support; · is none; plans: {plans}").format(
            plans="；".join(
                _("{key} {title} ({number})").format(
                    key=c.key, title=c.dataset.plan.title, number=c.dataset.plan.document_number
                )
                for c in library.catalogs
            )
        ),
    )
