"""A quick reader of an xlsx's cells, as openpyxl's read-only data_only reader gives them.

``report collect`` reads two sheets of a form it made; openpyxl spends a second on a
2,500-row form building objects the form never needs. This reader gives the same values
(shared, inline and rich-text strings, numbers cast as openpyxl casts them, dates from
serials in date formats, booleans, error codes) or raises ``UnsupportedError``: anything it
does not know the exact answer for (a DTD, a 1904 calendar, a date cell typed d, a
broken part) is left to openpyxl, which then accepts or refuses it as it always did.
``xlsxparts`` finds the parts and reads them within bounds; ``xlsxscan`` reads a sheet's
cells and the shared strings, and ElementTree a part it declines, the value of a cell from
what either read of it, by the same rules. A formula whose value was never calculated
reads as empty, as openpyxl's does, and is noted (``Book.uncalculated``).
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any
from xml.etree.ElementTree import iterparse

from fenggong.importing import xlsxscan
from fenggong.importing.xlsxparts import (
    R_ID,
    SHARED,
    SHARED_TYPE,
    STYLES,
    WORKSHEET,
    Part,
    UnsupportedError,
    children,
    listed,
    relationships,
    root,
    workbook,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
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
# Excel's built-in formats 27-36 and 50-58 are East Asian dates and times, their codes
# per language (ECMA-376 18.8.30); openpyxl knows none and reads their cells as numbers.
# A 填报日期 typed as 2026年1月25日 in a Chinese Excel is 46047 in format 31: in the
# answers, they are the dates they show, as zh-CN gives them (dates in ja, ko, zh-TW too).
EAST_ASIAN = {
    **dict.fromkeys((27, 36, 50, 52, 57), 'yyyy"年"m"月"'),
    **dict.fromkeys((28, 29, 51, 53, 54, 58), 'm"月"d"日"'),
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    **dict.fromkeys((34, 55), '上午/下午h"时"mm"分"'),
    **dict.fromkeys((35, 56), '上午/下午h"时"mm"分"ss"秒"'),
}
# openpyxl.styles.numbers.is_date_format and is_timedelta_format, as they are.
_STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE = re.compile(r"(?<![_\\])[dmhysDMHYS]")
_TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
_EPOCH = datetime.datetime(1899, 12, 30)
_T, _R, _RPR = f"{MAIN}t", f"{MAIN}r", f"{MAIN}rPr"
_F, _V, _IS = f"{MAIN}f", f"{MAIN}v", f"{MAIN}is"
# What _value gives a formula cell holding no value (openpyxl writes <f>…</f><v></v>
# when it sets a formula): None to the rows, its place noted.
_UNCALCULATED = object()
_PHONETIC = (f"{MAIN}rPh", f"{MAIN}phoneticPr")
# A cell as both readers give it: its r's column (None without one), its t, s, whether it
# has an f, its v's text (None without one), its is (its text or element, None without).
Cell = tuple[int | None, str, str | None, bool, str | None, Any]


class Style:
    """What a cell's style decides of its value: a date, a duration, a percentage."""

    __slots__ = ("date", "percent", "timedelta")

    def __init__(self, code: str) -> None:
        first = code.split(";")[0]
        self.date = _DATE.search(_STRIP.sub("", first)) is not None
        self.timedelta = _TIMEDELTA.search(first) is not None
        self.percent = "%" in code


def _items(archive: zipfile.ZipFile, name: str, tag: str, parent: str) -> Iterator[Any]:
    """The part's elements ``tag`` as each ends, then taken out of their ``parent``
    (cleared only, 19 million rows held 3.6 GB). Events come a chunk at a time: by a
    row's end the parser has added those after it, and the first one left is the row."""
    within = None
    with Part(archive, name, feed=True) as part:
        for event, element in iterparse(part, ("start", "end")):
            if event == "start":
                if element.tag == parent:
                    within = element
            elif element.tag == tag:
                yield element
                if within is not None and len(within) and within[0] is element:
                    del within[0]
                else:  # one elsewhere (openpyxl reads a row wherever it is)
                    element.clear()


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


class Book:
    """A workbook's sheets by name, its shared strings and its cell styles."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        book, overrides = workbook(archive)
        rels = relationships(archive, book)
        top = children(root(archive, book, f"{MAIN}workbook"), MAIN, "workbookPr", "sheets")
        if len(top["sheets"]) != 1 or len(top["workbookPr"]) > 1:
            raise UnsupportedError("workbook")
        for properties in top["workbookPr"]:
            if properties.get("date1904") not in (None, "0", "false"):
                raise UnsupportedError("date1904")
        self.paths: dict[str, str] = {}
        for sheet in children(top["sheets"][0], MAIN, "sheet")["sheet"]:
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
        typed = listed(overrides, {SHARED_TYPE})
        if strings != ([] if typed is None else [typed]):
            raise UnsupportedError("shared strings")
        if [path for kind, path in rels.values() if kind == STYLES] != ["xl/styles.xml"]:
            raise UnsupportedError("styles")
        self.strings: list[str] = []
        if strings:
            try:
                self.strings = self._strings(xlsxscan.strings(archive, strings[0]))
            except xlsxscan.NotSimpleError:  # ElementTree reads it, as the scanner could not
                items = _items(archive, strings[0], f"{MAIN}si", f"{MAIN}sst")
                self.strings = self._strings(items)
        self.styles, self.asian = self._styles()
        self._read = self.styles  # the styles of the sheet being read
        # The cells (row, column) of the sheet last read holding a formula never calculated.
        self.uncalculated: list[tuple[int, int]] = []
        self._noted = False  # a cell of the row being read is one
        self._formulas: list[int] = []  # the columns of the row just read holding one
        # The first cell holding a value past the columns or rows read (row, column): a
        # form's answers are in its columns and its 20,000 rows, and nothing is dropped
        # unsaid.
        self.beyond: tuple[int, int] | None = None
        self._past = 0  # a column past those read, of the row just read, holding a value

    def _styles(self) -> tuple[list[Style], list[Style]]:
        """The cell styles as openpyxl reads them, and with EAST_ASIAN's dates."""
        sheet = root(self.archive, "xl/styles.xml", f"{MAIN}styleSheet")
        top = children(sheet, MAIN, "numFmts", "cellXfs")  # not a dxf's numFmt, nor extLst's
        if len(top["numFmts"]) > 1 or len(top["cellXfs"]) > 1:
            raise UnsupportedError("styles")
        custom: dict[int, str] = {}
        for codes in top["numFmts"]:
            for code in children(codes, MAIN, "numFmt")["numFmt"]:
                number = int(code.get("numFmtId", ""))
                if number in custom:
                    raise UnsupportedError("numFmtId")
                custom[number] = code.get("formatCode", "")
        styles: list[Style] = []
        asian: list[Style] = []
        for xfs in top["cellXfs"]:
            for xf in children(xfs, MAIN, "xf")["xf"]:
                number = int(xf.get("numFmtId", 0))
                if number in custom:
                    styles.append(Style(custom[number]))
                elif number >= 164:
                    raise UnsupportedError("numFmtId")
                else:
                    styles.append(Style(BUILTIN.get(number, "General")))
                shown = EAST_ASIAN.get(number) if number not in custom else None
                asian.append(styles[-1] if shown is None else Style(shown))
        return styles, asian

    @staticmethod
    def _strings(items: Iterable[Any]) -> list[str]:
        """The table's strings, from its si items (an si element, or the text the scanner
        read of a plain one)."""
        return [
            (item if isinstance(item, str) else _text(item)).replace("x005F_", "") for item in items
        ]

    def rows(
        self, name: str, max_col: int, max_row: int, percent: int = 0, asian: bool = False
    ) -> list[tuple[Any, ...]]:
        """The sheet's rows 1… as openpyxl's ``iter_rows(max_col=, max_row=, values_only=True)``
        yields them; a number in column ``percent`` as (value, whether its format has %);
        ``asian``: a number in an EAST_ASIAN format as its date. A cell read as empty that
        holds a formula never calculated is noted in ``uncalculated``. The scanner reads
        the sheet; one it does not fully understand is read by ElementTree."""
        self._read = self.asian if asian else self.styles
        try:
            return self._rows(
                xlsxscan.rows(self.archive, self.paths[name]), max_col, max_row, percent
            )
        except xlsxscan.NotSimpleError:
            return self._rows(_tree_rows(self.archive, self.paths[name]), max_col, max_row, percent)

    def _rows(
        self,
        rows: Iterable[tuple[str | None, Iterable[Cell]]],
        max_col: int,
        max_row: int,
        percent: int,
    ) -> list[tuple[Any, ...]]:
        self.uncalculated, self._noted, self._formulas = [], False, []
        self.beyond, self._past = None, 0
        found: list[tuple[Any, ...]] = []
        counter = 0  # openpyxl's row counter, and the next row number to yield
        empty = (None,) * max_col
        for said, row in rows:
            number = counter + 1 if said is None else _row_number(said)
            counter = number
            cells = self._cells(row, max_col, percent)  # openpyxl reads it, then stops
            past, self._past = self._past, 0
            if number > max_row:  # and yields empty rows up to max_row
                found += [empty] * (max_row - len(found))
                held = [n for n, v in enumerate(cells, 1) if v not in (None, "")]
                if self.beyond is None and (held or past):
                    self.beyond = (number, held[0] if held else past)
                if self.beyond is None:
                    continue  # read on, for a value past the rows read
                break
            if past and self.beyond is None:
                self.beyond = (number, past)
            while len(found) < number - 1:
                found.append(empty)
            if self._formulas:  # noted only where openpyxl keeps the row
                if len(found) < number:
                    self.uncalculated += [(number, column) for column in self._formulas]
                self._formulas = []
            if len(found) < number:
                found.append(cells)
        return found

    def _cells(self, row: Iterable[Cell], max_col: int, percent: int) -> tuple[Any, ...]:
        values: list[Any] = [None] * max_col
        at = 0
        for column, kind, style, formula, text, inline in row:
            at = column or at + 1  # a cell without r follows the last
            # The two commonest, as _value reads them: an inline string; no text at all.
            value: Any
            if inline.__class__ is str and kind == "inlineStr":
                value = inline
            elif text is None and inline is None and not formula:
                value = None
            else:
                value = self._value(kind, style, formula, text, inline)
            if at <= max_col:
                if at == percent and type(value) in (int, float):
                    value = (value, self._style(style).percent)
                values[at - 1] = value
            elif not self._past and value not in (None, "", _UNCALCULATED):
                self._past = at
        if self._noted:  # rare: only here does a row cost more than a look at a flag
            self._noted = False
            self._formulas = [n for n, v in enumerate(values, start=1) if v is _UNCALCULATED]
            values = [None if v is _UNCALCULATED else v for v in values]
        return tuple(values)

    def _style(self, style: str | None) -> Style:
        if style is None:
            return self._read[0]  # no styles at all: openpyxl fails too
        # openpyxl reads s="" as no style of its dates, and -1 as none at all, where a
        # list counts it from the end.
        if not (style.isascii() and style.isdigit()):
            raise UnsupportedError(style)
        return self._read[int(style)]

    def _empty(self, kind: str, formula: bool) -> Any:
        """None for a cell holding no value, or _UNCALCULATED for a formula never
        calculated: one whose result is no text (t="str"), which Excel and LibreOffice save
        empty for a formula giving "", nor anything else read."""
        if kind == "str" or not formula:
            return None
        self._noted = True
        return _UNCALCULATED

    def _value(
        self, kind: str, style: str | None, formula: bool, text: str | None, inline: Any
    ) -> Any:
        """A cell's value from its t and s, whether it has an f, its v's text (None
        without one) and its is (None without one; its text, or the element)."""
        if kind == "inlineStr":
            if inline is None:
                return self._empty(kind, formula)
            return inline if isinstance(inline, str) else _text(inline)
        value = text or None
        if value is None:
            return self._empty(kind, formula)
        if kind == "n":
            number = float(value) if "." in value or "E" in value or "e" in value else int(value)
            shown = self._style(style)
            return _serial(number, shown.timedelta) if shown.date else number
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


def _tree_rows(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str | None, Iterator[Cell]]]:
    """The sheet's rows as ElementTree reads them: each row's r, and its cells."""
    for row in _items(archive, name, f"{MAIN}row", f"{MAIN}sheetData"):
        yield row.get("r"), _tree_cells(row)


def _tree_cells(row: Any) -> Iterator[Cell]:
    for cell in row:
        coordinate = cell.get("r")
        at = xlsxscan.column(coordinate) if coordinate else None
        kind, style, formula = cell.get("t", "n"), cell.get("s"), cell.find(_F) is not None
        yield at, kind, style, formula, cell.findtext(_V), cell.find(_IS)


def _row_number(said: str) -> int:
    try:
        return int(said)
    except ValueError:
        raise UnsupportedError(said) from None


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
