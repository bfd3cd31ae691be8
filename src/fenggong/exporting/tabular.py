"""CSV for spreadsheets (render.csvout says how it differs from -f csv) and Markdown for wikis."""

from __future__ import annotations

from fenggong.exporting import Bundle, Plans
from fenggong.exporting.duties import duties, duty_document
from fenggong.exporting.layout import Document, filter_words
from fenggong.exporting.plans import heading, scope
from fenggong.render.csvout import excel_csv
from fenggong.render.formats import Format, render
from fenggong.render.text import join, markdown, target_text
from fenggong.views.tasks import task_list, tasks_across

CSV_HEADER = ("序号", "板块", "主题", "重点任务", "牵头部门", "配合部门", "量化目标")


def export_csv(bundle: Bundle) -> bytes:
    return excel_csv(CSV_HEADER, _csv_rows(bundle))


def plans_csv(plans: Plans) -> bytes:
    """Several plans' tasks, each row led by its plan's key (KEY:ID names the task)."""
    rows = [(part.catalog.key, *row) for part in plans.parts for row in _csv_rows(part)]
    return excel_csv(("方案", *CSV_HEADER), rows)


def _csv_rows(bundle: Bundle) -> list[tuple[str, ...]]:
    catalog = bundle.catalog
    return [
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


def plans_markdown(plans: Plans) -> bytes:
    """Several plans: their tasks with a plan column, grouped by plan and section; or a
    body's 责任清单 across them."""
    if plans.department is not None:
        from fenggong.exporting.planduties import across, across_document

        return document_markdown(across_document(plans, across(plans))).encode("utf-8")
    answer = [(p.catalog, list(p.hits), p.filters) for p in plans.parts]
    body: str = render(tasks_across(answer), Format.MARKDOWN)
    listed = "\n".join(
        f"- {markdown(p.catalog.key)}：{markdown(heading(p.catalog))}，"
        f"{p.catalog.dataset.plan.date.isoformat()}（{len(p.hits)} 项任务）"
        for p in plans.parts
    )
    said = scope(plans)
    head = f"# 分工表汇编\n\n{listed}\n\n" + (f"{markdown(said)}\n\n" if said else "")
    return (head + body).encode("utf-8")


def document_markdown(document: Document) -> str:
    """A printed table as a wiki page: the title, the subtitle and lines, then a table
    under each section's label (topics are not repeated: the 序号 finds them); in a
    document of several plans, each plan's heading above its sections."""
    out = [f"# {markdown(document.title)}", markdown(document.subtitle)]
    out += [markdown(line) for line in document.lines]
    header = document.header
    level = "###" if document.parted else "##"
    for section in document.sections:
        if section.opens:
            out.append(f"## {markdown(section.opens[0])}")
            out += [markdown(line) for line in section.opens[1:]]
        out.append(f"{level} {markdown(section.label)}")
        table = [f"| {' | '.join(header)} |", "|" + "---|" * len(header)]
        for topic in section.topics:
            for row in topic.rows:
                cells = (row.text, row.lead, row.support, row.note)[: len(header) - 1]
                shown = " | ".join(markdown(c, "<br>") for c in cells)
                table.append(f"| {row.number} | {shown} |")
        out.append("\n".join(table))
    return "\n\n".join(out) + "\n"
