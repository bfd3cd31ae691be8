"""A quick reader of an xlsx's cells, as openpyxl's read-only data_only reader gives them.

``report collect`` reads two sheets of a form it made; openpyxl spends a second on a
2,500-row form building objects the form never needs. This reader gives the same values
(shared, inline and rich-text strings, numbers cast as openpyxl casts them, dates from
serials in date formats, booleans, error codes) or raises ``UnsupportedError``: anything it
does not know the exact answer for (a DTD, a 1904 calendar, a date cell typed d, a
broken part) is left to openpyxl, which then accepts or refuses it as it always did.
"""

from __future__ import annotations

import datetime
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import iterparse

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

# openpyxl.styles.numbers' built-in formats that decide anything here (the rest hold no
# date, time or %): a style's format is a custom one, one of these, or General.
BUILTIN = {
    **dict.fromkeys((5, 6, 7, 8, 37, 38, 39, 40, 41, 42, 43, 44), "#,##0"),
    9: "0%",
    10: "0.00%",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
}
# openpyxl.styles.numbers.is_date_format and is_timedelta_format, as they are.
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_EPOCH = datetime.datetime(1899, 12, 30)
_COLUMN = re.compile(r"\$?([A-Za-z]{1,3})\$?$")
_COLUMNS: dict[str, int] = {}  # a coordinate's letters → its column
_DIGITS = "0123456789"
_T = f"{MAIN}t"


class UnsupportedError(Exception):
    """The file is one for openpyxl to read."""


class Style:
    """What a cell's style decides of its value: a date, a duration, a percentage."""

    __slots__ = ("date", "percent", "timedelta")

    def __init__(self, code: str) -> None:
        first = code.split(";")[0]
        self.date = _DATE.search(_STRIP.sub("", first)) is not None
        self.timedelta = _TIMEDELTA.search(first) is not None
        self.percent = "%" in code


def _xml(archive: zipfile.ZipFile, name: str) -> bytes:
    data = archive.read(name)
    # A DTD (entities) or another encoding than UTF-8: openpyxl's parser decides.
    if b"<!DOCTYPE" in data.upper() or data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in data[:4]:
        raise UnsupportedError(name)
    return data


def _elements(data: bytes) -> Iterator[Any]:
    for _event, element in iterparse(io.BytesIO(data)):
        yield element


def _text(node: Any) -> str:
    """openpyxl's Text.content: the plain t, then each run's t (phonetic runs left out)."""
    if len(node) == 1 and node[0].tag == _T:  # the plain text alone, as most cells are
        return node[0].text or ""
    parts = [t.text or "" for t in node.findall(f"{MAIN}t")]
    if len(parts) > 1:
        raise UnsupportedError("several t")
    for run in node.findall(f"{MAIN}r"):
        parts += [t.text or "" for t in run.findall(f"{MAIN}t")]
    return "".join(parts)


class Book:
    """A workbook's sheets by name, its shared strings and its cell styles."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        rels = {}
        for element in _elements(_xml(archive, "xl/_rels/workbook.xml.rels")):
            if element.tag == f"{RELS}Relationship":
                rels[element.get("Id")] = (element.get("Type", ""), element.get("Target", ""))
        self.paths: dict[str, str] = {}
        for element in _elements(_xml(archive, "xl/workbook.xml")):
            if element.tag == f"{MAIN}workbookPr" and element.get("date1904") not in (
                None,
                "0",
                "false",
            ):
                raise UnsupportedError("date1904")
            if element.tag == f"{MAIN}sheet":
                self.paths[element.get("name", "")] = _part(rels[element.get(R_ID)][1])
        self.sheetnames = list(self.paths)
        strings = [target for kind, target in rels.values() if kind.endswith("/sharedStrings")]
        self.strings: list[str] = []
        if strings:
            for element in _elements(_xml(archive, _part(strings[0]))):
                if element.tag == f"{MAIN}si":
                    self.strings.append(_text(element).replace("x005F_", ""))
                    element.clear()
        self.styles = self._styles()

    def _styles(self) -> list[Style]:
        custom: dict[int, str] = {}
        formats: list[int] = []
        for element in _elements(_xml(self.archive, "xl/styles.xml")):
            if element.tag == f"{MAIN}numFmts":  # not a dxf's numFmt, which openpyxl ignores
                for code in element.findall(f"{MAIN}numFmt"):
                    custom[int(code.get("numFmtId", ""))] = code.get("formatCode", "")
            elif element.tag == f"{MAIN}cellXfs":
                formats = [int(xf.get("numFmtId", 0)) for xf in element.findall(f"{MAIN}xf")]
        styles = []
        for number in formats:
            if number not in custom and number >= 164:
                raise UnsupportedError("numFmtId")
            styles.append(
                Style(custom[number] if number in custom else BUILTIN.get(number, "General"))
            )
        return styles

    def rows(
        self, name: str, max_col: int, max_row: int, percent: int = 0
    ) -> list[tuple[Any, ...]]:
        """The sheet's rows 1… as openpyxl's ``iter_rows(max_col=, max_row=, values_only=True)``
        yields them; a number in column ``percent`` as (value, whether its format has %)."""
        data = _xml(self.archive, self.paths[name])
        found: list[tuple[Any, ...]] = []
        counter = 0  # openpyxl's row counter, and the next row number to yield
        empty = (None,) * max_col
        row = f"{MAIN}row"
        for _event, element in iterparse(io.BytesIO(data)):
            if element.tag != row:
                continue
            number = _row_number(element.get("r"), counter)
            counter = number
            cells = self._cells(element, max_col, percent)
            element.clear()
            if number > max_row:
                break
            while len(found) < number - 1:
                found.append(empty)
            if len(found) < number:
                found.append(cells)
        return found

    def _cells(self, row: Any, max_col: int, percent: int) -> tuple[Any, ...]:
        values: list[Any] = [None] * max_col
        column = 0
        for cell in row:
            coordinate = cell.get("r")
            if coordinate:
                column = _column(coordinate)
            else:
                column += 1
            value = self._value(cell)
            if column <= max_col:
                if column == percent and type(value) in (int, float):
                    value = (value, self._style(cell).percent)
                values[column - 1] = value
        return tuple(values)

    def _style(self, cell: Any) -> Style:
        style = cell.get("s")
        return self.styles[int(style) if style else 0]  # none: openpyxl fails too

    def _value(self, cell: Any) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            child = cell.find(f"{MAIN}is")
            return None if child is None else _text(child)
        value = cell.findtext(f"{MAIN}v") or None
        if value is None:
            return None
        if kind == "n":
            number = float(value) if "." in value or "E" in value or "e" in value else int(value)
            style = self._style(cell)
            if style.date:
                return _serial(number, style.timedelta)
            return number
        if kind == "s":
            return self.strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind in ("str", "e"):
            return value
        raise UnsupportedError(kind)  # t="d" (an ISO date) or a type openpyxl keeps as text


def _part(target: str) -> str:
    path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
    if ".." in path.split("/"):
        raise UnsupportedError(target)
    return path


def _row_number(said: str | None, counter: int) -> int:
    if said is None:
        return counter + 1
    try:
        return int(said)
    except ValueError:
        raise UnsupportedError(said) from None


def _column(coordinate: str) -> int:
    """The column of a cell's coordinate (C7, $C$7), as openpyxl's coordinate_to_tuple."""
    letters = coordinate.rstrip(_DIGITS)
    if len(letters) == len(coordinate):
        raise UnsupportedError(coordinate)
    number = _COLUMNS.get(letters)
    if number is None:
        found = _COLUMN.match(letters)
        if found is None:
            raise UnsupportedError(coordinate)
        number = 0
        for char in found.group(1).upper():
            number = number * 26 + ord(char) - 64
        _COLUMNS[letters] = number
    return number


def _serial(value: float, timedelta: bool) -> Any:
    """openpyxl.utils.datetime.from_excel in the 1900 calendar."""
    if timedelta:
        delta = datetime.timedelta(days=value)
        if delta.microseconds:
            delta = datetime.timedelta(
                seconds=delta.total_seconds() // 1, microseconds=round(delta.microseconds, -3)
            )
        return delta
    day, fraction = divmod(value, 1)
    diff = datetime.timedelta(milliseconds=round(fraction * 86400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        raise UnsupportedError("a time of day")
    if 0 < value < 60:
        day += 1
    try:
        return _EPOCH + datetime.timedelta(days=day) + diff
    except (OverflowError, ValueError):
        raise UnsupportedError("a serial beyond the calendar") from None
