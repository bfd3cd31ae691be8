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
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_ID = "{" + _OFFICE + "}id"
DOCUMENT, WORKSHEET, SHARED, STYLES = (
    f"{_OFFICE}/{kind}" for kind in ("officeDocument", "worksheet", "sharedStrings", "styles")
)
_ML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_MS = "application/vnd.ms-excel."
# The content types openpyxl finds a workbook by (an xlsx, a template, with macros or not).
BOOKS = frozenset(
    (
        f"{_ML}sheet.main+xml",
        f"{_ML}template.main+xml",
        f"{_MS}sheet.macroEnabled.main+xml",
        f"{_MS}template.macroEnabled.main+xml",
    )
)
SHARED_TYPE = f"{_ML}sharedStrings+xml"

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
_COLUMN = re.compile(r"[A-Za-z]{1,3}")
_COLUMNS: dict[str, int] = {}  # a coordinate's letters → its column
_DIGITS = "0123456789"
_T, _R, _RPR = f"{MAIN}t", f"{MAIN}r", f"{MAIN}rPr"
_PHONETIC = (f"{MAIN}rPh", f"{MAIN}phoneticPr")


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
    """openpyxl's Text.content: the plain t, then each run's t (phonetic runs left out).

    Only the shapes Excel writes: openpyxl takes a t in any namespace and the last of
    two, Excel its own and (for all one knows) the first; such a string is left to it."""
    if len(node) == 1 and node[0].tag == _T and not len(node[0]):  # plain, as most are
        return node[0].text or ""
    plain: str | None = None
    runs: list[str] = []
    for child in node:
        if child.tag == _T and plain is None and not runs and not len(child):
            plain = child.text or ""
        elif child.tag == _R:
            runs.append(_run(child))
        elif child.tag not in _PHONETIC:
            raise UnsupportedError(child.tag)
    return (plain or "") + "".join(runs)


def _run(run: Any) -> str:
    """A rich-text run's text: its one t, after its properties if it has them."""
    text: str | None = None
    for index, child in enumerate(run):
        if child.tag == _T and text is None and not len(child):
            text = child.text or ""
        elif child.tag != _RPR or index:
            raise UnsupportedError(child.tag)
    return text or ""


def _root(archive: zipfile.ZipFile, name: str, tag: str) -> Any:
    """The part's whole tree, its root ``tag`` (a small part: the workbook, its styles)."""
    root = None
    for _event, element in iterparse(io.BytesIO(_xml(archive, name)), ("start",)):
        root = element if root is None else root
    if root is None or root.tag != tag:
        raise UnsupportedError(name)
    return root


def _children(node: Any, space: str, *names: str) -> dict[str, list[Any]]:
    """The node's children of these names in the namespace ``space``. openpyxl reads a
    part's structure by local names, whatever their namespace, and the last of a kind
    wins; Excel reads its own namespace: one of these names in another is a file the
    two read apart."""
    found: dict[str, list[Any]] = {name: [] for name in names}
    for child in node:
        local = child.tag.rpartition("}")[2]
        if local in found:
            if child.tag != space + local:
                raise UnsupportedError(child.tag)
            found[local].append(child)
    return found


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part`` ("" for the package): id → (type, target part)."""
    folder, name = posixpath.split(part)
    rels = _root(archive, posixpath.join(folder, "_rels", f"{name}.rels"), f"{RELS}Relationships")
    found: dict[str, tuple[str, str]] = {}
    for rel in _children(rels, RELS, "Relationship")["Relationship"]:
        key = rel.get("Id", "")
        if key in found:  # openpyxl takes the last of one id
            raise UnsupportedError(key)
        if rel.get("TargetMode") != "External":
            found[key] = (rel.get("Type", ""), _target(folder, rel.get("Target", "")))
    return found


def _target(folder: str, target: str) -> str:
    """The part a relationship names: a target that is not already a plain path (./, ..,
    %-escapes, \\) may be read as two different members by openpyxl and Excel."""
    path = target[1:] if target.startswith("/") else posixpath.join(folder, target)
    if posixpath.normpath(path) != path or "%" in path or "\\" in path or path.startswith("/"):
        raise UnsupportedError(target)
    return path


def _listed(overrides: list[Any], kinds: set[str] | frozenset[str]) -> str | None:
    """The one part [Content_Types].xml gives one of these types, as openpyxl takes it."""
    parts = [o.get("PartName", "") for o in overrides if o.get("ContentType") in kinds]
    if len(parts) > 1 or (parts and not parts[0].startswith("/")):
        raise UnsupportedError("content types")
    return _target("", parts[0]) if parts else None


class Book:
    """A workbook's sheets by name, its shared strings and its cell styles."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        names = archive.namelist()
        if len({name.lower() for name in names}) != len(names):  # a member twice
            raise UnsupportedError("members")
        types = _root(archive, "[Content_Types].xml", f"{TYPES}Types")
        overrides = _children(types, TYPES, "Override")["Override"]
        # openpyxl finds the workbook by its content type, Excel through _rels/.rels.
        book = _listed(overrides, BOOKS)
        documents = [t for kind, t in _relationships(archive, "").values() if kind == DOCUMENT]
        if book is None or documents != [book]:
            raise UnsupportedError("workbook part")
        rels = _relationships(archive, book)
        top = _children(_root(archive, book, f"{MAIN}workbook"), MAIN, "workbookPr", "sheets")
        if len(top["sheets"]) != 1 or len(top["workbookPr"]) > 1:
            raise UnsupportedError("workbook")
        for properties in top["workbookPr"]:
            if properties.get("date1904") not in (None, "0", "false"):
                raise UnsupportedError("date1904")
        self.paths: dict[str, str] = {}
        for sheet in _children(top["sheets"][0], MAIN, "sheet")["sheet"]:
            name = sheet.get("name", "")
            kind, path = rels[sheet.get(R_ID, "")]
            # A chartsheet, or a name twice (openpyxl reads the first, and Excel refuses
            # two that differ in case alone).
            if kind != WORKSHEET or name.lower() in {n.lower() for n in self.paths}:
                raise UnsupportedError(name)
            self.paths[name] = path
        self.sheetnames = list(self.paths)
        # openpyxl finds the shared strings by their content type, Excel through the
        # workbook's relationships; its styles at xl/styles.xml, Excel through them too.
        strings = [path for kind, path in rels.values() if kind == SHARED]
        listed = _listed(overrides, {SHARED_TYPE})
        if strings != ([] if listed is None else [listed]):
            raise UnsupportedError("shared strings")
        if [path for kind, path in rels.values() if kind == STYLES] != ["xl/styles.xml"]:
            raise UnsupportedError("styles")
        self.strings: list[str] = []
        if strings:
            for element in _elements(_xml(archive, strings[0])):
                if element.tag == f"{MAIN}si":
                    self.strings.append(_text(element).replace("x005F_", ""))
                    element.clear()
        self.styles = self._styles()

    def _styles(self) -> list[Style]:
        root = _root(self.archive, "xl/styles.xml", f"{MAIN}styleSheet")
        top = _children(root, MAIN, "numFmts", "cellXfs")  # not a dxf's numFmt, nor extLst's
        if len(top["numFmts"]) > 1 or len(top["cellXfs"]) > 1:
            raise UnsupportedError("styles")
        custom: dict[int, str] = {}
        for codes in top["numFmts"]:
            for code in _children(codes, MAIN, "numFmt")["numFmt"]:
                number = int(code.get("numFmtId", ""))
                if number in custom:
                    raise UnsupportedError("numFmtId")
                custom[number] = code.get("formatCode", "")
        styles = []
        for xfs in top["cellXfs"]:
            for xf in _children(xfs, MAIN, "xf")["xf"]:
                number = int(xf.get("numFmtId", 0))
                if number not in custom and number >= 164:
                    raise UnsupportedError("numFmtId")
                code = custom[number] if number in custom else BUILTIN.get(number, "General")
                styles.append(Style(code))
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
        if style is None:
            return self.styles[0]  # no styles at all: openpyxl fails too
        # openpyxl reads s="" as no style of its dates, and -1 as none at all, where a
        # list counts it from the end.
        if not (style.isascii() and style.isdigit()):
            raise UnsupportedError(style)
        return self.styles[int(style)]

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
            index = int(value)
            if index < 0:  # the table's last in openpyxl; Excel's is not known
                raise UnsupportedError(value)
            return self.strings[index]
        if kind == "b":
            return bool(int(value))
        if kind in ("str", "e"):
            return value
        raise UnsupportedError(kind)  # t="d" (an ISO date) or a type openpyxl keeps as text


def _row_number(said: str | None, counter: int) -> int:
    if said is None:
        return counter + 1
    try:
        return int(said)
    except ValueError:
        raise UnsupportedError(said) from None


def _column(coordinate: str) -> int:
    """The column of a cell's coordinate (C7), as openpyxl's coordinate_to_tuple, which
    refuses $C$7."""
    letters = coordinate.rstrip(_DIGITS)
    if len(letters) == len(coordinate):
        raise UnsupportedError(coordinate)
    number = _COLUMNS.get(letters)
    if number is None:
        if _COLUMN.fullmatch(letters) is None:
            raise UnsupportedError(coordinate)
        number = 0
        for char in letters.upper():
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
