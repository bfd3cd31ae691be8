"""CSV for spreadsheets (render.csvout says how it differs from -f csv) and Markdown for wikis."""

from __future__ import annotations

from fenggong.exporting import Bundle
from fenggong.render.csvout import excel_csv
from fenggong.render.formats import Format, render
from fenggong.render.text import join, markdown, target_text
from fenggong.views.departments import dept_sheet
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
        text: str = render(dept_sheet(catalog, bundle.department, tasks=tasks), Format.MARKDOWN)
        return text.encode("utf-8")
    doc = task_list(catalog, list(bundle.hits), bundle.filters)
    body: str = render(doc, Format.MARKDOWN)
    head = (
        f"# {markdown(plan.title)}\n\n{markdown(plan.document_number)}，{plan.date.isoformat()}\n\n"
    )
    return (head + body).encode("utf-8")
