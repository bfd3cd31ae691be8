"""``status``, ``due`` and ``overdue`` as an xlsx sheet (``-o FILE.xlsx``): each light a
filled cell with its word, under the headings a person reads in the table."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from fenggong.exporting.spreadsheet import fill_light, write_grid
from fenggong.exporting.workbook import new_book, saved
from fenggong.messages import _
from fenggong.render.document import Column, Document, Kind

# Column widths in characters by key; a wide column (the task's text, the reason) more.
_WIDTHS = {
    "task": 7,
    "plan": 14,
    "body": 24,
    "status": 12,
    "light": 9,
    "due": 28,
    "days": 10,
    "reported": 24,
}
_WIDE, _OTHER = 44, 22


def _width(column: Column[object]) -> int:
    return _WIDE if column.wide else _WIDTHS.get(column.key, _OTHER)


def workbook(document: Document, sheet_name: str) -> bytes:
    """The people's columns of ``document`` as one sheet, its caption the title; a
    document grouped by body (due, overdue) leads each row with its body instead."""
    columns = document.people_columns
    grouped = bool(document.groups)
    header = [*([_("Department")] if grouped else []), *(c.heading for c in columns)]
    widths = [*([_WIDTHS["body"]] if grouped else []), *(_width(c) for c in columns)]
    rows = [
        [*([document.groups[i]] if grouped else []), *(c.people_text(c.value(r)) for c in columns)]
        for i, r in enumerate(document.rows)
    ]
    book, sheet = new_book(sheet_name)
    write_grid(sheet, document.caption, header, rows, widths)
    # No page breaks of its own: fitted to the page's width, --by dept's column too.
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    first = 1 + grouped
    for offset, column in enumerate(columns):
        if column.kind is not Kind.STATUS:
            continue
        letter = get_column_letter(first + offset)
        for index, row in enumerate(document.rows, start=3):
            fill_light(sheet[f"{letter}{index}"], column.value(row).light)
    return saved(book)
