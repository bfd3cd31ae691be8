"""``status``, ``due`` and ``overdue`` as an xlsx sheet (``-o FILE.xlsx``): titled as the
other printed documents are (the plan, its 文号, the day), each light a filled cell with
its word, under the headings a person reads in the table."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from openpyxl.utils import get_column_letter

from fenggong.catalog import Catalog
from fenggong.exporting.layout import filter_words
from fenggong.exporting.spreadsheet import fill_light, write_grid
from fenggong.exporting.workbook import new_book, saved
from fenggong.messages import _
from fenggong.model import Plan
from fenggong.query.select import Filters
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


def plans_named(plans: Sequence[Plan]) -> str:
    """Which plans a sheet is of: 《…》分工表（沪人社职〔2022〕256号）, or of several,
    how many and their 文号."""
    if len(plans) == 1:
        return f"{plans[0].title}（{plans[0].document_number}）"
    return f"{len(plans)} 个分工方案：{'、'.join(p.document_number for p in plans)}"


def heading(name: str, day: datetime.date, plans: Sequence[tuple[Catalog, Filters]]) -> list[str]:
    """The title and lines of a sheet ``name`` (台账, 即将到期, 已逾期) of ``plans`` on
    ``day``: 台账（截至2026-04-20）　《…》分工表（沪人社职〔2022〕256号）, then the filters
    that chose its tasks, so that no filtered sheet passes for the whole."""
    said = plans_named([c.dataset.plan for c, _f in plans])
    # Every plan's filters name the same bodies and sections: the first plan's say them.
    scope = filter_words(*plans[0]) if plans else ""
    return [f"{name}（截至{day.isoformat()}）　{said}", *([scope] if scope else [])]


def workbook(document: Document, sheet_name: str, titles: Sequence[str]) -> bytes:
    """The people's columns of ``document`` as one sheet under ``titles`` (the title, then
    lines), its caption the last line; a document grouped by body (due, overdue) leads
    each row with its body instead."""
    columns = document.people_columns
    grouped = bool(document.groups)
    header = [*([_("Department")] if grouped else []), *(c.heading for c in columns)]
    widths = [*([_WIDTHS["body"]] if grouped else []), *(_width(c) for c in columns)]
    rows = [
        [*([document.groups[i]] if grouped else []), *(c.people_text(c.value(r)) for c in columns)]
        for i, r in enumerate(document.rows)
    ]
    book, sheet = new_book(sheet_name)
    title, *lines = titles
    start = write_grid(sheet, title, header, rows, widths, [*lines, document.caption])
    first = 1 + grouped
    for offset, column in enumerate(columns):
        if column.kind is not Kind.STATUS:
            continue
        letter = get_column_letter(first + offset)
        for index, row in enumerate(document.rows, start=start):
            fill_light(sheet[f"{letter}{index}"], column.value(row).light)
    return saved(book)
