"""The 分工表 as an office prints it: an xlsx workbook made with openpyxl."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from fenggong.exporting import Bundle
from fenggong.model import KIND_LABELS
from fenggong.names import visible
from fenggong.query.counts import workload
from fenggong.render.formulas import is_formula_like
from fenggong.render.text import join, target_text

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = "宋体"  # the typeface official tables are set in

# 序号 · 主题 · 重点任务 (the header spans 主题 and its text, as in the table) · 牵头 · 配合
_WIDTHS = {"A": 6, "B": 24, "C": 64, "D": 22, "E": 26}


_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def put(sheet: Worksheet, row: int, column: int, value: object) -> Any:
    """Write a value; text that looks like a formula stays text."""
    cell: Any = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        # XML cannot carry control characters, U+FFFE, U+FFFF or a lone surrogate: a
        # workbook holding one does not open. Each is shown escaped instead.
        value = _NOT_XML.sub(_escaped, visible(value))
    cell.value = value
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def merge(sheet: Worksheet, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Merge a range the table's layout never overlaps with another one.

    ``Worksheet.merge_cells`` checks a new range against every range merged before it,
    which makes a table of 20,000 tasks take most of a minute; the ranges written here
    are disjoint by construction, so they are added directly (the same two steps as
    openpyxl's own method, without the linear search).
    """
    merged = MergedCellRange(
        sheet,
        CellRange(min_col=first_col, min_row=first_row, max_col=last_col, max_row=last_row).coord,
    )
    sheet.merged_cells.ranges.add(merged)
    sheet._clean_merge_range(merged)  # type: ignore[attr-defined]  # placeholders, borders


def export(bundle: Bundle) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "分工表"
    _table(sheet, bundle)
    _targets(book.create_sheet("量化目标"), bundle)
    _counts(book.create_sheet("部门统计"), bundle)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table(sheet: Worksheet, bundle: Bundle) -> None:
    plan = bundle.catalog.dataset.plan
    catalog = bundle.catalog
    merge(sheet, 1, 1, 1, 5)
    title = put(sheet, 1, 1, f"{plan.title}（{plan.document_number}）")
    title.font = Font(name=_FONT, size=14, bold=True)
    title.alignment = _CENTER
    sheet.row_dimensions[1].height = 30
    for column, text in ((1, "序号"), (2, "重点任务"), (4, "牵头部门"), (5, "配合部门")):
        put(sheet, 2, column, text)
    merge(sheet, 2, 2, 2, 3)
    for column in range(1, 6):
        cell = sheet.cell(row=2, column=column)
        cell.font = Font(name=_FONT, bold=True)
        cell.alignment = _CENTER
        cell.fill = _HEAD_FILL
        cell.border = _BORDER
    row = 3
    section = topic = None
    topic_start = row
    for hit in bundle.hits:
        task = hit.task
        this_section = catalog.section_of(task)
        if this_section.number != section:
            _close_topic(sheet, topic_start, row - 1)
            section, topic = this_section.number, None
            merge(sheet, row, 1, row, 5)
            cell = put(sheet, row, 1, this_section.label)
            cell.font = Font(name=_FONT, bold=True)
            cell.fill = _SECTION_FILL
            cell.alignment = Alignment(vertical="center")
            for column in range(1, 6):
                sheet.cell(row=row, column=column).border = _BORDER
            row += 1
            topic_start = row
        if task.topic != topic:
            _close_topic(sheet, topic_start, row - 1)
            topic = task.topic
            topic_start = row
            put(sheet, row, 2, catalog.topic_of(task).label)
        values = (task.id, None, task.text, join(task.lead), join(task.support))
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row, column, value) if value is not None else sheet.cell(row, column)
            cell.font = Font(name=_FONT)
            cell.alignment = _CENTER if column == 1 else _WRAP
            cell.border = _BORDER
        row += 1
    _close_topic(sheet, topic_start, row - 1)
    for letter, width in _WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    _print_setup(sheet, "2:2")


def _close_topic(sheet: Worksheet, first: int, last: int) -> None:
    """Merge the topic cell down over its tasks, as the printed table does."""
    if last > first:
        merge(sheet, first, 2, last, 2)


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = title_rows


def _grid(
    sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[int]
) -> None:
    for column, text in enumerate(header, start=1):
        cell = put(sheet, 1, column, text)
        cell.font = Font(name=_FONT, bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = _CENTER
        cell.border = _BORDER
    for index, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = put(sheet, index, column, value)
            cell.font = Font(name=_FONT)
            cell.alignment = _WRAP
            cell.border = _BORDER
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width
    sheet.freeze_panes = "A2"
    _print_setup(sheet, "1:1")


def _targets(sheet: Worksheet, bundle: Bundle) -> None:
    rows = [
        (
            hit.task.id,
            target.metric,
            target_text(target),
            target.value,
            target.unit,
            target.quantity,
            "、".join(target.qualifier),
            join(hit.task.lead),
        )
        for hit in bundle.hits
        for target in hit.task.targets
    ]
    header = ("序号", "指标", "目标", "数值", "单位", "折算数量", "限定", "牵头部门")
    _grid(sheet, header, rows, (6, 40, 18, 8, 8, 12, 10, 22))


def _counts(sheet: Worksheet, bundle: Bundle) -> None:
    rows = [
        (
            load.department,
            KIND_LABELS[load.kind],
            load.lead,
            load.support,
            load.total,
            load.via_group,
            load.possible,
        )
        for load in workload(bundle.catalog)
    ]
    header = ("部门", "类别", "牵头", "配合", "合计", "经由统称", "可能涉及")
    _grid(sheet, header, rows, (24, 12, 8, 8, 8, 10, 10))
