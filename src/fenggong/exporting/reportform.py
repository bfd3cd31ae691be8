"""The report form (进展填报表) an office sends a body: its tasks, the answers to fill, xlsx.

The plan's columns are locked (sheet protection without a password: it guards against
slips, not people), the answer columns open; 进展状态 is a drop-down of the six labels.
A hidden sheet records what the form was made from, which ``report collect`` checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from fenggong import forms
from fenggong.exporting.spreadsheet import height, merge, put, text_height
from fenggong.exporting.workbook import MAX_ROW_POINTS, new_book, saved
from fenggong.forms import (
    ANSWER_HEADERS,
    DATE_CELL,
    DATE_LABEL,
    FIRST_ROW,
    HEADER_ROW,
    HEADERS,
    LABELS,
    META,
    PLAN_HEADERS,
    REPORTER_CELL,
    REPORTER_LABEL,
    SIGNED_ROW,
    STATUS_COLUMN,
    TITLE_ROW,
    UNIT_COLUMN,
    VALUE_COLUMN,
    answers_print,
    letter,
    seal,
)
from fenggong.model import Entry
from fenggong.query.cells import target_cell
from fenggong.query.forms import Row, prefill, prefilled_values

_WIDTHS = (7, 46, 16, 20, 14, 12, 10, 32, 24, 24, 10, 20)
_FONT = Font(name="宋体", size=11, charset=134, family=3)
_BOLD = Font(name="宋体", size=11, bold=True, charset=134, family=3)
_TITLE = Font(name="宋体", size=16, bold=True, charset=134, family=3)
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
_HEAD = PatternFill("solid", fgColor="D9E1F2")
_PLAN = PatternFill("solid", fgColor="F2F2F2")  # locked: the plan's, not the body's
_OPEN = Protection(locked=False)


def record(
    body: str,
    period: str,
    found: Sequence[Row],
    plans: Mapping[str, str],
    latest: Mapping[str, Entry],
) -> list[list[object]]:
    """The hidden record of ``body``'s form (``forms.record``, before its seal): each
    row's task, and the fingerprint of each pre-filled task's answers. What
    ``query.forms.fits`` counts, and ``form`` writes."""
    lines: list[forms.LineItem] = []
    prefilled: dict[str, str] = {}
    number = FIRST_ROW
    for row in found:
        entry = latest.get(row.ref)
        if entry is not None:
            answers = prefill(entry, row)[: len(ANSWER_HEADERS) - 1]
            prefilled[row.ref] = answers_print((*answers, *prefilled_values(entry, row)))
        for offset in range(max(1, len(row.targets))):
            metric = row.targets[offset][0] if row.targets else None
            lines.append((number + offset, row.ref, metric, row.digest))
        number += max(1, len(row.targets))
    return forms.record(body, period, plans, lines, prefilled)


def form(
    body: str,
    period: str,
    found: Sequence[Row],
    latest: Mapping[str, Entry],
    title: str,
    made: Sequence[Sequence[object]],
) -> bytes:
    """The form for ``body`` in ``period``: a row per task (one per 完成值 target), the
    answers of its latest report in ``latest`` (by task reference) pre-filled, and
    ``made``, its ``record``, on the hidden sheet."""
    book, sheet = new_book("进展填报")
    for column, chars in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[letter(column)].width = chars
    _head(sheet, body, period, title)
    number = FIRST_ROW
    for row in found:
        span = max(1, len(row.targets))
        _task(sheet, number, row, latest.get(row.ref))
        if span > 1:
            for column in range(1, VALUE_COLUMN):
                merge(sheet, number, column, number + span - 1, column)
        number += span
    if number > FIRST_ROW:
        choice = DataValidation(
            type="list",
            formula1='"' + ",".join(LABELS) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="进展状态",
            error="请从下拉列表中选择：" + "、".join(LABELS),
        )
        choice.add(f"{letter(STATUS_COLUMN)}{FIRST_ROW}:{letter(STATUS_COLUMN)}{number - 1}")
        sheet.add_data_validation(choice)
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    # fitToWidth is obeyed only with fitToPage set, and fitToHeight 0 lets rows run on
    # to as many pages as they take: without them the form printed cut at its right edge.
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.protection.sheet = True
    sheet.protection.formatRows = False  # rows may be made taller for long answers
    sheet.protection.formatColumns = False
    _meta(book, made)
    return saved(book)


def _head(ws: Worksheet, body: str, period: str, title: str) -> None:
    from fenggong.periods import parse_period

    found = parse_period(period)
    said = found.chinese if found is not None else period
    cell = put(ws, TITLE_ROW, 1, f"{body}{said}重点任务进展填报表")
    cell.font, cell.alignment = _TITLE, _CENTER
    merge(ws, TITLE_ROW, 1, TITLE_ROW, len(HEADERS))
    ws.row_dimensions[TITLE_ROW].height = 30
    signed = ((REPORTER_CELL[1] - 1, REPORTER_LABEL), (DATE_CELL[1] - 1, DATE_LABEL))
    for column, label in signed:
        put(ws, SIGNED_ROW, column, label).font = _BOLD
    for row, column in (REPORTER_CELL, DATE_CELL):
        cell = ws.cell(row=row, column=column)
        cell.protection, cell.border, cell.font = _OPEN, _BORDER, _FONT
    cell = ws.cell(row=DATE_CELL[0], column=DATE_CELL[1])
    cell.number_format = "yyyy-mm-dd"
    note = put(
        ws,
        SIGNED_ROW,
        DATE_CELL[1] + 1,
        f"{title}。进展状态从下拉列表选择；灰色单元格为方案内容，不可修改；"
        "完成值只填数字，单位见最后一列。",
    )
    note.font, note.alignment = _FONT, _WRAP
    merge(ws, SIGNED_ROW, DATE_CELL[1] + 1, SIGNED_ROW, len(HEADERS))
    ws.row_dimensions[SIGNED_ROW].height = max(
        32, _tall(str(note.value), sum(_WIDTHS[DATE_CELL[1] :]))
    )
    for column, text in enumerate(HEADERS, start=1):
        cell = put(ws, HEADER_ROW, column, text)
        cell.font, cell.alignment, cell.fill, cell.border = _BOLD, _CENTER, _HEAD, _BORDER
    ws.row_dimensions[HEADER_ROW].height = 30


def _task(ws: Worksheet, number: int, row: Row, entry: Entry | None) -> None:
    answers = prefill(entry, row)
    values = prefilled_values(entry, row)
    for column, value in enumerate((*row.cells, *answers[:-1]), start=1):
        cell = put(ws, number, column, value)
        cell.font, cell.border = _FONT, _BORDER
        cell.alignment = _CENTER if column in (1, 5, 6, STATUS_COLUMN) else _WRAP
        if column <= len(PLAN_HEADERS):
            cell.fill = _PLAN
        else:
            cell.protection = _OPEN
    span = max(1, len(row.targets))
    own: list[float] = []
    for offset in range(span):
        here = number + offset
        value_cell = put(ws, here, VALUE_COLUMN, values[offset] if row.targets else None)
        unit_text = target_cell(row.task, *row.targets[offset]) if row.targets else None
        unit = put(ws, here, UNIT_COLUMN, unit_text)
        for cell in (value_cell, unit):
            cell.font, cell.border, cell.alignment = _FONT, _BORDER, _WRAP
        unit.fill = _PLAN
        if row.targets:
            value_cell.protection = _OPEN
        else:
            value_cell.fill = _PLAN
        own.append(
            max(_tall(value_cell.value, _WIDTHS[VALUE_COLUMN - 1]), _tall(unit_text, _WIDTHS[-1]))
        )
    # The cells of the plan and the answers are merged down over a task's target rows:
    # those rows together must hold the longest of them, the extra shared out evenly.
    merged = max(
        _tall(ws.cell(number, column).value, _WIDTHS[column - 1])
        for column in range(1, VALUE_COLUMN)
    )
    extra = max(0.0, merged - sum(own)) / span
    for offset, points in enumerate(own):
        ws.row_dimensions[number + offset].height = min(round(points + extra, 1), MAX_ROW_POINTS)


def _tall(value: object, chars: int) -> float:
    """The height of a row that shows ``value`` whole in a column ``chars`` wide: each
    line of text its own (CJK counted two units, Latin one), one line at least."""
    if value is None or value == "":
        return height(1)
    return text_height(str(value), chars)


def _meta(book: Workbook, made: Sequence[Sequence[object]]) -> None:
    """The hidden sheet: what the form was made from, and each row's task, sealed."""
    sheet = book.create_sheet(META)
    sheet.sheet_state = "veryHidden"
    for values in [*made, ["seal", seal(made)]]:
        sheet.append(list(values))
    for row in sheet.iter_rows():
        for cell in row:
            # A piece of JSON is text, even one that begins with "=".
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
    sheet.protection.sheet = True
