"""The xlsx export: the 分工表 or one body's 责任清单, with its goals and counts, and the
目录 of a folder of 责任清单."""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from fenggong.catalog import Catalog
from fenggong.exporting import Bundle
from fenggong.exporting.duties import Duties, duties, duty_document
from fenggong.exporting.layout import filter_words, table
from fenggong.exporting.spreadsheet import write_grid, write_table
from fenggong.model import KIND_LABELS, Task
from fenggong.query.counts import workload
from fenggong.query.select import Filters
from fenggong.render.text import target_text


def export(bundle: Bundle) -> bytes:
    catalog = bundle.catalog
    tasks = [hit.task for hit in bundle.hits]
    if bundle.department is not None:
        return duty_workbook(catalog, duties(catalog, bundle.department, tasks), bundle.filters)
    book, sheet = new_book("分工表")
    write_table(sheet, table(bundle))
    plan = catalog.dataset.plan
    heading = f"{plan.title}（{plan.document_number}）"
    # A filtered workbook says so on every sheet: its goals and counts are of those tasks.
    filtered = bool(filter_words(catalog, bundle.filters))
    scope = f"（筛选出的 {len(tasks)} 项任务）" if filtered else ""
    goal_sheets(book, tasks, f"{heading}{scope}")
    loads = [x for x in workload(catalog, tasks=tasks) if not filtered or x.total or x.possible]
    counts: list[tuple[object, ...]] = [
        (x.department, KIND_LABELS[x.kind], x.lead, x.support, x.total, x.via_group, x.possible)
        for x in loads
    ]
    write_grid(book.create_sheet("部门统计"), f"部门统计{scope}　{heading}", *_count_grid(counts))
    return saved(book)


def duty_workbook(catalog: Catalog, found: Duties, filters: Filters) -> bytes:
    """A body's 责任清单: the table under its headings, then the goals of its tasks. Its
    counts are under the title; no sheet counts the other bodies."""
    document = duty_document(catalog, found, filters)
    book, sheet = new_book(document.name)
    write_table(sheet, document)
    tasks = sorted((i.task for _, filed in found.filed for i in filed), key=lambda t: t.id)
    goal_sheets(book, tasks, f"{document.title}　{document.subtitle}")
    return saved(book)


def index_workbook(rows: Sequence[tuple[object, ...]], title: str) -> bytes:
    """The 目录 of a folder of 责任清单: a row per body, its file (the last cell) linked."""
    book, sheet = new_book("目录")
    header = ("部门", "全称", "类别", "牵头", "配合", "合计", "经由统称", "可能涉及", "文件")
    write_grid(sheet, title, header, rows, (18, 30, 12, 7, 7, 7, 10, 10, 36))
    for index, values in enumerate(rows, start=3):
        cell = sheet.cell(row=index, column=len(header))
        cell.hyperlink = str(values[-1])
        cell.font = Font(name="宋体", size=11, charset=134, underline="single", color="0563C1")
    return saved(book)


def new_book(name: str) -> tuple[Workbook, Worksheet]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = name
    return book, sheet


# Excel's tallest row: a taller one makes Excel report the file as damaged. A text too
# long for it is cut in print (README says so); the docx breaks such a row across pages.
MAX_ROW_POINTS = 409


def saved(book: Workbook) -> bytes:
    for sheet in book.worksheets:
        for dimension in sheet.row_dimensions.values():
            if dimension.height is not None and dimension.height > MAX_ROW_POINTS:
                dimension.height = MAX_ROW_POINTS
    buffer = io.BytesIO()
    try:
        book.save(buffer)
    except Exception as error:
        raise _as_os_error(error) from None
    return buffer.getvalue()


def _as_os_error(error: Exception) -> Exception:
    """A failed write of openpyxl's temporary files, as the OSError it is.

    With lxml installed (python-docx needs it), openpyxl writes them through lxml, which
    reports a full disk or a file size limit as ``SerialisationError("IO_EFBIG")``.
    """
    name = str(error).removeprefix("IO_")
    code = getattr(errno, name, None) if str(error).startswith("IO_E") else None
    return error if not isinstance(code, int) else OSError(code, os.strerror(code))


def goal_sheets(
    book: Workbook, tasks: Sequence[Task], heading: str, plans: Sequence[str] | None = None
) -> None:
    """Sheets 量化目标 (the quantified goals with their numbers) and 定性目标 apart; with
    ``plans`` (each task's plan key), led by a column 方案."""
    quantified: list[tuple[object, ...]] = []
    qualitative: list[tuple[object, ...]] = []
    keys: Sequence[object] = plans if plans is not None else [None] * len(tasks)
    for key, task in zip(keys, tasks, strict=True):
        # Who answers for a goal: its task's leads, and the supports a supervisor asks too.
        lead, support = "、".join(task.lead), "、".join(task.support)
        first = (key,) if plans is not None else ()
        for goal in task.targets:
            if goal.qualitative:
                qualitative.append((*first, task.id, goal.metric, lead, support))
                continue
            qualifier = "、".join(goal.qualifier)
            numbers = (goal.value, goal.unit, goal.quantity, qualifier)
            quantified.append(
                (*first, task.id, goal.metric, target_text(goal), *numbers, lead, support)
            )
    # A column 方案 takes its room from the widest columns: the sheet still fits A4.
    plan: tuple[str, ...] = ("方案",) if plans is not None else ()
    widths = (
        ((16, 6, 26, 14, 8, 8, 12, 8, 19, 19), (16, 6, 56, 25, 25))
        if plans is not None
        else ((6, 32, 16, 8, 8, 12, 10, 22, 22), (6, 64, 28, 28))
    )
    write_grid(
        book.create_sheet("量化目标"),
        f"量化目标　{heading}",
        (*plan, "序号", "指标", "目标", "数值", "单位", "折算数量", "限定", "牵头部门", "配合部门"),
        quantified,
        widths[0],
    )
    write_grid(
        book.create_sheet("定性目标"),
        f"定性目标　{heading}",
        (*plan, "序号", "指标", "牵头部门", "配合部门"),
        qualitative,
        widths[1],
    )


def _count_grid(
    rows: list[tuple[object, ...]],
) -> tuple[tuple[str, ...], list[tuple[object, ...]], tuple[int, ...]]:
    header = ("部门", "类别", "牵头", "配合", "合计", "经由统称", "可能涉及")
    return header, rows, (24, 12, 8, 8, 8, 10, 10)
