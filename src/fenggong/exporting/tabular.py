"""CSV for spreadsheets (UTF-8 with BOM) and Markdown for wikis."""

from __future__ import annotations

import csv
import io

from fenggong.exporting import Bundle
from fenggong.exporting.cells import neutralize
from fenggong.render.formats import Format, render
from fenggong.views.departments import dept_sheet
from fenggong.views.records import join, section_label, target_text, topic_label
from fenggong.views.tasks import task_list

CSV_HEADER = ("序号", "板块", "主题", "重点任务", "牵头部门", "配合部门", "量化目标")


def export_csv(bundle: Bundle) -> bytes:
    catalog = bundle.catalog
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for hit in bundle.hits:
        task = hit.task
        targets = "；".join(f"{t.metric}：{target_text(t)}" for t in task.targets)
        row = (
            str(task.id),
            section_label(catalog, task),
            topic_label(catalog, task),
            task.text,
            join(task.lead),
            join(task.support),
            targets,
        )
        writer.writerow([neutralize(cell) for cell in row])
    # The BOM makes Excel read the file as UTF-8 instead of the local code page.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_markdown(bundle: Bundle) -> bytes:
    catalog = bundle.catalog
    plan = catalog.dataset.plan
    if bundle.department is not None:
        text: str = render(dept_sheet(catalog, bundle.department), Format.MARKDOWN)
        return text.encode("utf-8")
    doc = task_list(catalog, list(bundle.hits), bundle.filters)
    body: str = render(doc, Format.MARKDOWN)
    head = f"# {plan.title}\n\n{plan.document_number}，{plan.date.isoformat()}\n\n"
    return (head + body).encode("utf-8")
