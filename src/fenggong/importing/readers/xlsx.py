"""Excel .xlsx: every visible sheet a table, merged cells repeating their text.

openpyxl reads values in read-only mode (fast, and it never loads styles), which does not
expose merged ranges; those are read from each sheet's XML, where they follow the cells.
Hidden sheets are skipped, and a note says which.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import re
import zipfile
from collections.abc import Sequence
from typing import Any, ClassVar
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from fenggong.errors import SourceError
from fenggong.importing.document import Cell, Document, Row, Table, Where
from fenggong.importing.readers.base import ZIP_MAGIC, Reader, missing_member, open_zip, unreadable
from fenggong.messages import _

MEMBER = "xl/workbook.xml"
_WHAT = "Excel .xlsx file"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")


class XlsxReader(Reader):
    """An Excel workbook (.xlsx)."""

    name: ClassVar[str] = "xlsx"
    suffixes: ClassVar[tuple[str, ...]] = (".xlsx", ".xlsm")
    description: ClassVar[str] = "an Excel workbook: each sheet a table"

    def claims_content(self, head: bytes) -> bool:
        return head.startswith(ZIP_MAGIC) and b"xl/" in head

    def parse(self, data: bytes, file: str) -> Document:
        archive = open_zip(data, file, _WHAT)
        if MEMBER not in archive.namelist():
            raise missing_member(file, _WHAT, MEMBER)
        try:
            merges = _merges(archive)
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                tables: list[Table] = []
                hidden: list[str] = []
                for sheet in book.worksheets:
                    if sheet.sheet_state != "visible":
                        hidden.append(sheet.title)
                        continue
                    rows = _rows(sheet, file)
                    table = _table(rows, merges.get(sheet.title, ()), file, sheet.title)
                    if table.rows:
                        tables.append(table)
            finally:
                book.close()
        except SourceError:
            raise
        # openpyxl raises many kinds of error on a damaged workbook; each is reported.
        except Exception as error:
            raise unreadable(file, _WHAT, error) from None
        notes = (
            (_("hidden sheets skipped: {sheets}").format(sheets="、".join(hidden)),)
            if hidden
            else ()
        )
        return Document(file, self.name, tuple(tables), notes)


# A 分工表 has hundreds of rows; a sheet of more is no table a person reads.
MAX_ROWS = 20_000
MAX_COLUMNS = 256  # and of a dozen columns
MAX_MERGED = 1_000_000


def _rows(sheet: Any, file: str) -> list[tuple[object, ...]]:
    """A sheet's rows as written, up to its last row with a value.

    The sheet's own claim of its size (<dimension ref="A1:XFD1048576"/>) is not trusted:
    openpyxl would pad every row to it, a billion empty cells from 26 KB. Rows are read as
    stored; missing ones come as empty tuples, cheap, and a sheet of more than MAX_ROWS
    rows with values is refused.
    """
    sheet.reset_dimensions()
    rows: list[tuple[object, ...]] = []
    filled = 0
    last = 0
    for index, row in enumerate(sheet.iter_rows(values_only=True)):
        values = tuple(row)
        while values and values[-1] is None:
            values = values[:-1]
        rows.append(values)
        if len(values) > MAX_COLUMNS:
            raise SourceError(
                file,
                None,
                _("sheet {sheet} has values beyond column {column}; a 分工表 has a dozen").format(
                    sheet=sheet.title, column=get_column_letter(MAX_COLUMNS)
                ),
            )
        if values:
            filled += 1
            last = index + 1
            if filled > MAX_ROWS:
                raise SourceError(
                    file,
                    None,
                    _(
                        "sheet {sheet} has more than {limit} rows of values; a 分工表 has hundreds"
                    ).format(sheet=sheet.title, limit=MAX_ROWS),
                )
    return rows[:last]


def _merges(archive: zipfile.ZipFile) -> dict[str, tuple[str, ...]]:
    """Each sheet's merged ranges (A1:C1), by sheet name, from the package's own XML."""
    book = ElementTree.fromstring(archive.read(MEMBER))
    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name not in archive.namelist():
        return {}
    rels = ElementTree.fromstring(archive.read(rels_name))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_RELS}Relationship")}
    found: dict[str, tuple[str, ...]] = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_REL_ID))
        if not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        path = posixpath.normpath(path)
        if path in archive.namelist():
            ranges = _MERGE.findall(archive.read(path))
            found[sheet.get("name", "")] = tuple(r.decode("ascii") for r in ranges)
    return found


def _value(value: object) -> str:
    """A cell's value as the sheet shows it: 12 not 12.0, a date without midnight."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time | datetime.datetime):
        return value.isoformat()
    return str(value).strip()


def _table(
    values: Sequence[Sequence[object]], merges: tuple[str, ...], file: str, sheet: str
) -> Table:
    grid = [[_value(v) for v in row] for row in values]
    width = max((len(row) for row in grid), default=0)
    area = 0
    for ref in merges:
        first_col, first_row, last_col, last_row = range_boundaries(ref)
        if first_col is None or first_row is None or last_col is None or last_row is None:
            continue
        tall = max(0, min(last_row, len(grid)) - first_row + 1)
        area += tall * max(0, min(last_col, width) - first_col + 1)
    if area > MAX_MERGED:
        # A merge from A4 to IV1048576 over a far cell claims 268 million cells.
        raise SourceError(
            file,
            None,
            _("sheet {sheet} merges more than {limit} cells; a 分工表 merges a few").format(
                sheet=sheet, limit=MAX_MERGED
            ),
        )
    for ref in merges:
        first_col, first_row, last_col, last_row = range_boundaries(ref)
        if first_col is None or first_row is None or last_col is None or last_row is None:
            continue
        if first_row > len(grid) or first_col > len(grid[first_row - 1]):
            continue
        text = grid[first_row - 1][first_col - 1]
        # Clipped to the cells read: a range over a whole sheet costs no more than its data.
        for r in range(first_row - 1, min(last_row, len(grid))):
            row = grid[r]
            end = min(last_col, width)
            if len(row) < end:
                row.extend([""] * (end - len(row)))
            for c in range(first_col - 1, end):
                row[c] = text
    rows: list[Row] = []
    for index, row in enumerate(grid, start=1):
        while row and not row[-1]:
            row.pop()
        if not row:
            continue
        cells = tuple(
            Cell(text, Where(file, sheet=sheet, cell=f"{get_column_letter(c)}{index}"))
            for c, text in enumerate(row, start=1)
        )
        rows.append(Row(cells, Where(file, sheet=sheet, cell=f"A{index}")))
    return Table(tuple(rows), Where(file, sheet=sheet))
