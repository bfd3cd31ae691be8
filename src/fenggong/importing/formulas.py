"""A returned form's answer cells holding a formula whose value was never calculated.

A program that sets a formula without calculating it (openpyxl, a script) saves no value
with it; Excel, WPS and LibreOffice always save one. Both readers read such a cell as
empty, and an empty row is no report: the answer would be lost without a word. The quick
reader notes these cells as it reads (``xlsxcells.Book.uncalculated``); for openpyxl's
reading, ``formulas`` asks it once more, only for answer cells it read as empty.
"""

from __future__ import annotations

import io
from typing import Any

from fenggong.errors import Problem
from fenggong.forms import (
    DATE_CELL,
    DATE_LABEL,
    HEADERS,
    REPORTER_CELL,
    REPORTER_LABEL,
    SHEET,
    STATUS_COLUMN,
    VALUE_COLUMN,
    Returned,
    where,
)
from fenggong.messages import _

Cell = tuple[int, int]  # (row, column) of the form's sheet
Cells = list[Cell]


def answer_cells(returned: Returned) -> dict[int, set[int]]:
    """The cells collect reads answers from, by row, as query.forms reads them: 填报人
    and 填报日期; 进展状态 … 下一步计划 on a task's first row (merged down over the rest);
    完成值 on each row with a target."""
    answers: dict[int, set[int]] = {REPORTER_CELL[0]: {REPORTER_CELL[1], DATE_CELL[1]}}
    seen: set[str] = set()
    for line in returned.lines:
        columns = answers.setdefault(line.row, set())
        if line.task not in seen:
            seen.add(line.task)
            columns.update(range(STATUS_COLUMN, VALUE_COLUMN))
        if line.target is not None:
            columns.add(VALUE_COLUMN)
    return answers


def blank(cell: Any) -> bool:
    """Whether openpyxl's read-only data_only reader read ``cell`` as empty though it is
    written in the sheet (one not written is EMPTY_CELL), and not as a text: t="str" is a
    formula's text result, which Excel and LibreOffice save empty for a formula giving "".
    A formula never calculated reads so."""
    from openpyxl.cell.read_only import EMPTY_CELL

    return cell is not EMPTY_CELL and cell.value is None and cell.data_type != "str"


def formulas(data: bytes, empty: Cells) -> Cells:
    """Those of the cells ``empty`` (read as empty, ``blank``) holding a formula. Read
    without data_only, openpyxl gives a formula cell its formula ("=…", never empty, or an
    ArrayFormula) in place of its value, and any other cell the value it gave before:
    one of these cells holds a formula where it is no longer empty. The sheet is read up
    to the last of them only."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    try:
        rows = book[SHEET].iter_rows(
            max_col=max(c for _, c in empty), max_row=max(r for r, _ in empty), values_only=True
        )
        wanted: dict[int, list[int]] = {}
        for row, column in empty:
            wanted.setdefault(row, []).append(column)
        return [
            (number, column)
            for number, values in enumerate(rows, start=1)
            for column in wanted.get(number, ())
            if values[column - 1] is not None
        ]
    finally:
        book.close()


def problems(file: str, returned: Returned, cells: Cells) -> list[Problem]:
    """A problem at each of ``cells`` collect reads an answer from (``answer_cells``)."""
    if not cells:
        return []
    answers = answer_cells(returned)
    headings = {REPORTER_CELL: REPORTER_LABEL, DATE_CELL: DATE_LABEL}
    return [
        Problem(
            "form",
            "form-formula",
            _(
                "{heading} holds a formula whose value was never calculated, so its answer "
                "cannot be read"
            ).format(heading=headings.get((row, column), HEADERS[column - 1])),
            file=where(file, row, column),
            hint=_(
                "open the form in Excel, WPS or LibreOffice and save it, or type the "
                "answer in place of the formula"
            ),
        )
        for row, column in sorted(set(cells))
        if column in answers.get(row, ())
    ]
