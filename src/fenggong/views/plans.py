"""The document of ``plans``: the plans of the library, each with its counts."""

from __future__ import annotations

from fenggong.messages import N_
from fenggong.query.library import Library
from fenggong.render.document import Column, Document, Kind
from fenggong.render.text import plans_and_tasks
from fenggong.views.contracts import PlanRow

PlanColumn = Column[PlanRow]

_COLUMNS = (
    PlanColumn("key", N_("Key")),
    PlanColumn("title", N_("Title"), wide=True),
    PlanColumn("document_number", N_("Document number")),
    PlanColumn("date", N_("Date")),
    PlanColumn("issuers", N_("Issuers"), Kind.NAMES),
    PlanColumn("jurisdiction", N_("Jurisdiction")),
    PlanColumn("period", N_("Period"), audience="machines"),
    PlanColumn("file", N_("File"), audience="machines"),
    PlanColumn("tasks", N_("Tasks"), Kind.NUMBER),
    PlanColumn("departments", N_("Departments"), Kind.NUMBER),
    PlanColumn("targets", N_("Targets"), Kind.NUMBER),
)


def plan_rows(library: Library, files: dict[str, str] | None = None) -> tuple[PlanRow, ...]:
    rows = []
    for catalog in library.catalogs:
        plan = catalog.dataset.plan
        tasks = catalog.dataset.tasks
        named = {n for t in tasks for n in (*t.lead, *t.support)}
        rows.append(
            PlanRow(
                key=catalog.key,
                title=plan.title,
                document_number=plan.document_number,
                date=plan.date.isoformat(),
                issuers=plan.issuers,
                jurisdiction=plan.jurisdiction,
                period=plan.period.name if plan.period else None,
                file=(files or {}).get(catalog.key),
                tasks=len(tasks),
                departments=len(named),
                targets=sum(1 for t in tasks for g in t.targets if not g.qualitative),
            )
        )
    return tuple(rows)


def plan_list(library: Library, files: dict[str, str] | None = None) -> Document:
    rows = plan_rows(library, files)
    return Document(
        columns=_COLUMNS,
        rows=rows,
        caption=plans_and_tasks(len(rows), sum(r.tasks for r in rows)),
    )
