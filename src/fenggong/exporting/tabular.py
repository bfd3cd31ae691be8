"""CSV for spreadsheets (render.csvout says how it differs from -f csv) and Markdown for wikis."""

from __future__ import annotations

from fenggong.exporting import Bundle
from fenggong.exporting.duties import duties, duty_document
from fenggong.exporting.layout import Document, filter_words
from fenggong.render.csvout import excel_csv
from fenggong.render.formats import Format, render
from fenggong.render.text import join, markdown, target_text
from fenggong.views.tasks import task_list

CSV_HEADER = ("序号", "板块", "主题", "重点任务", "牵头部门", "配合部门", "量化目标")


def export_csv(bundle: Bundle) -> bytes:
    catalog = bundle.catalog
    rows = [
        (
            str(task.id),
            catalog.section_of(task).label,
            catalog.topic_of(task).label,
            task.text,
            join(task.lead),
            join(task.support),
            "；".join(f"{t.metric}：{target_text(t)}" for t in task.targets),
        )
        for task in (hit.task for hit in bundle.hits)
    ]
    return excel_csv(CSV_HEADER, rows)


def export_markdown(bundle: Bundle) -> bytes:
    catalog = bundle.catalog
    plan = catalog.dataset.plan
    if bundle.department is not None:
        tasks = [hit.task for hit in bundle.hits]
        found = duties(catalog, bundle.department, tasks)
        return document_markdown(duty_document(catalog, found, bundle.filters)).encode("utf-8")
    doc = task_list(catalog, list(bundle.hits), bundle.filters)
    body: str = render(doc, Format.MARKDOWN)
    scope = filter_words(catalog, bundle.filters)
    head = (
        f"# {markdown(plan.title)}\n\n{markdown(plan.document_number)}，{plan.date.isoformat()}\n\n"
        + (f"{markdown(scope)}（{len(bundle.hits)} 项任务）\n\n" if scope else "")
    )
    return (head + body).encode("utf-8")


def document_markdown(document: Document) -> str:
    """A printed table as a wiki page: the title, the subtitle and lines, then a table
    under each section's label (topics are not repeated: the 序号 finds them)."""
    out = [f"# {markdown(document.title)}", markdown(document.subtitle)]
    out += [markdown(line) for line in document.lines]
    header = document.header
    for section in document.sections:
        out.append(f"## {markdown(section.label)}")
        table = [f"| {' | '.join(header)} |", "|" + "---|" * len(header)]
        for topic in section.topics:
            for row in topic.rows:
                cells = (row.text, row.lead, row.support, row.note)[: len(header) - 1]
                shown = " | ".join(markdown(c, "<br>") for c in cells)
                table.append(f"| {row.number} | {shown} |")
        out.append("\n".join(table))
    return "\n\n".join(out) + "\n"
