"""Reading exported files back with each format's own reader: the task ids they hold,
under the section (or 责任清单 heading) each is printed in."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import docx
from openpyxl import load_workbook

Filed = dict[str, list[int]]


def xlsx_sections(data: bytes, sheet: str | None = None) -> Filed:
    book = load_workbook(io.BytesIO(data))
    rows = (book[sheet] if sheet else book.worksheets[0]).iter_rows(values_only=True)
    header = next(i for i, row in enumerate(rows) if row[0] == "序号")
    assert header >= 1
    return _filed((row[0] for row in rows), lambda v: isinstance(v, int))


def docx_sections(data: bytes) -> Filed:
    (grid,) = docx.Document(io.BytesIO(data)).tables
    first = [tr.tc_lst[0].xpath("string(.)") for tr in grid._tbl.tr_lst[1:]]
    return {k: [int(i) for i in v] for k, v in _filed(first, str.isdigit).items()}


def markdown_sections(data: bytes) -> Filed:
    filed: Filed = {}
    for line in data.decode("utf-8").splitlines():
        if line.startswith("## "):
            filed[line[3:]] = []
        elif (found := re.match(r"\| (\d+) \|", line)) and filed:
            filed[list(filed)[-1]].append(int(found[1]))
    return filed


def html_sections(data: bytes) -> Filed:
    page = data.decode("utf-8").split('<table id="tasks"', 1)[1].split("</table>", 1)[0]
    filed: Filed = {}
    for heading, number in re.findall(r'<th colspan="5">([^<]*)</th>|data-id="(\d+)"', page):
        if heading:
            filed[heading] = []
        else:
            filed[list(filed)[-1]].append(int(number))
    return filed


def ids(data: bytes, fmt: str) -> list[int]:
    """Every task id a file of ``fmt`` holds, in its order."""
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        return [int(row[0]) for row in rows[1:]]
    if fmt == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "t.db"
            path.write_bytes(data)
            db = sqlite3.connect(path)
            try:
                return [i for (i,) in db.execute("SELECT id FROM tasks ORDER BY id")]
            finally:
                db.close()
    read = {
        "xlsx": xlsx_sections,
        "docx": docx_sections,
        "markdown": markdown_sections,
        "html": html_sections,
    }[fmt]
    return [i for filed in read(data).values() for i in filed]


def _filed(cells: Iterable[Any], is_id: Callable[[Any], bool]) -> dict[str, list[Any]]:
    filed: dict[str, list[Any]] = {}
    for value in cells:
        if value is None or value == "":
            continue
        if is_id(value):
            filed[list(filed)[-1]].append(value)
        else:
            filed[str(value)] = []
    return filed
