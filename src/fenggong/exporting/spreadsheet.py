"""The printed table (the 分工表, a 责任清单) and titled lists as xlsx sheets, with openpyxl.

Every row is given the height its wrapped text needs (``metrics``), since Excel, WPS and
LibreOffice print a row written without one at a single line's height, and never grow a
merged cell: long texts would be drawn over the rows below them.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from fenggong.exporting.layout import Document, Row, Topic, printable
from fenggong.exporting.metrics import lines, pages
from fenggong.render.formulas import is_formula_like

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
_LINE = Alignment(wrap_text=True, vertical="center", horizontal="left")
_HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_PLAN_FILL = PatternFill("solid", fgColor="FFF2CC")  # a plan's heading, in a 责任清单 of several
# 宋体 is the typeface official tables are set in; charset 134 (GB2312) tells a program
# without it to substitute a Chinese font rather than a Latin one.
_FACE = "宋体"
_BODY, _TITLE, _SUBTITLE = 11.0, 16.0, 12.0


@cache
def _font(size: float = _BODY, bold: bool = False) -> Font:
    return Font(name=_FACE, size=size, bold=bold, charset=134, family=3)


# 序号 · 主题 · 重点任务 (the header spans 主题 and its text, as in the table) · 牵头 · 配合,
# and 承担方式 in a 责任清单 that says how its body takes part. 134 characters fit A4
# landscape between 1.3 cm margins at 100 %, with room to spare: LibreOffice makes a
# character 7.4 px wide where Excel makes it 7.
_WIDTHS = (6, 22, 60, 21, 25)
_NOTED_WIDTHS = (6, 20, 50, 18, 22, 18)

# How a column's width (in widths of "0" of the workbook's 11-point font, 7 px at 96 dpi)
# becomes room for text, and a line of text a height in points. A program lacking 宋体
# draws with another CJK font (LibreOffice on Linux: Noto CJK), whose lines are taller
# (1.45 em against 宋体's 1.3) and whose Latin letters are wider: both are allowed for.
_PX_PER_CHAR, _CELL_PADDING_PX = 7, 8
_WIDTH_MARGIN = 0.92
_LINE_EM, _ROW_PADDING_PT = 1.5, 5.0

# Margins in inches; the rows a page holds, in points, with some room to spare.
_MARGIN_SIDE, _MARGIN_TOP, _MARGIN_BOTTOM = 0.5, 0.6, 0.7
_A4_SHORT_SIDE = 595.3
_PAGE_BODY = (_A4_SHORT_SIDE - (_MARGIN_TOP + _MARGIN_BOTTOM) * 72) * 0.96
_PAGE_CHARS = 134  # the widest table printed at 100 % (see _WIDTHS)


def capacity(chars: float, size: float = _BODY) -> int:
    """Half-width units of text at ``size`` points that fit a column ``chars`` wide."""
    half_em_px = size * 96 / 72 / 2
    return int((chars * _PX_PER_CHAR - _CELL_PADDING_PX) * _WIDTH_MARGIN / half_em_px)


def height(line_count: int, size: float = _BODY) -> float:
    """The height in points of a row holding ``line_count`` lines at ``size`` points."""
    return round(line_count * size * _LINE_EM + _ROW_PADDING_PT, 1)


def text_height(text: str, chars: float, size: float = _BODY) -> float:
    return height(lines(text, capacity(chars, size)), size)


def put(sheet: Worksheet, row: int, column: int, value: object) -> Any:
    """Write a value; text that looks like a formula stays text."""
    cell: Any = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        value = printable(value)
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


def _banner(
    sheet: Worksheet,
    row: int,
    text: str,
    size: float,
    bold: bool,
    span: int,
    alignment: Alignment = _CENTER,
) -> None:
    """A title line merged across the table, as tall as its wrapped text."""
    merge(sheet, row, 1, row, span)
    cell = put(sheet, row, 1, text)
    cell.font = _font(size, bold)
    cell.alignment = alignment
    total = sum(sheet.column_dimensions[_letter(c)].width for c in range(1, span + 1))
    sheet.row_dimensions[row].height = text_height(text, total, size) + 4


def _letter(column: int) -> str:
    return chr(64 + column)


def write_table(sheet: Worksheet, document: Document) -> None:
    """The printed table: title, subtitle and lines, a header repeated on every page,
    then each section merged across and each topic merged down over its rows.

    The file sets its own page breaks, so that a merged topic never runs across one: a
    topic that does not fit the rest of a page is split there, its label repeated.
    """
    widths = _NOTED_WIDTHS if document.noted else _WIDTHS
    span = len(widths)
    for column, chars in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(column)].width = chars
    _banner(sheet, 1, document.title, _TITLE, True, span)
    _banner(sheet, 2, document.subtitle, _SUBTITLE, False, span)
    for row, line in enumerate(document.lines, start=3):
        _banner(sheet, row, line, _BODY, False, span, _LINE)
    head = 3 + len(document.lines)
    # 重点任务 spans the topic's column and the text's.
    labels = document.header
    for column, text in zip((1, 2, *range(4, span + 1)), labels, strict=True):
        put(sheet, head, column, text)
    merge(sheet, head, 2, head, 3)
    for column in range(1, span + 1):
        _style(sheet.cell(row=head, column=column), _font(bold=True), _CENTER, _HEAD_FILL)
    sheet.row_dimensions[head].height = height(1)
    header = sheet.row_dimensions[head].height
    titles = sum(sheet.row_dimensions[r].height for r in range(1, head))
    pager = _Pager(sheet, _PAGE_BODY - header, _PAGE_BODY - header - titles)
    grid = _Grid(sheet, pager, widths)
    row = head + 1
    for section in document.sections:
        for index, topic in enumerate(section.topics):
            opens = () if index else section.opens
            row = grid.topic(row, topic, None if index else section.label, opens)
    sheet.freeze_panes = f"A{head + 1}"
    _print_setup(sheet, f"{head}:{head}")


class _Pager:
    """Where the pages of a sheet break: the rows' heights added up against a page's."""

    def __init__(self, sheet: Worksheet, page: float, first_page: float) -> None:
        self.sheet, self.page, self.left, self.fresh = sheet, page, first_page, True

    def take(self, points: float) -> None:
        self.left -= points
        self.fresh = False

    def new_page(self, before: int) -> None:
        if not self.fresh:
            # A break is stored by the zero-based row it comes before: after row ``before - 1``.
            self.sheet.row_breaks.append(Break(id=before - 1))
            self.left, self.fresh = self.page, True


class _Grid:
    """The rows of a table, ``widths`` its columns (a 责任清单's note column or not)."""

    def __init__(self, sheet: Worksheet, pager: _Pager, widths: tuple[int, ...]) -> None:
        self.sheet, self.pager, self.widths = sheet, pager, widths

    def section_row(self, row: int, label: str, points: float) -> None:
        sheet = self.sheet
        merge(sheet, row, 1, row, len(self.widths))
        cell = put(sheet, row, 1, label)
        _style(cell, _font(bold=True), _WRAP, _SECTION_FILL)
        for column in range(2, len(self.widths) + 1):
            sheet.cell(row=row, column=column).border = _BORDER
        sheet.row_dimensions[row].height = points

    def opening_rows(self, row: int, opens: tuple[str, ...], points: list[float]) -> int:
        """A plan's heading (bold) and its line, each merged across; the next free row."""
        for index, (line, needed) in enumerate(zip(opens, points, strict=True)):
            merge(self.sheet, row, 1, row, len(self.widths))
            cell = put(self.sheet, row, 1, line)
            size, bold = (_SUBTITLE, True) if index == 0 else (_BODY, False)
            _style(cell, _font(size, bold), _LINE, _PLAN_FILL)
            for column in range(2, len(self.widths) + 1):
                self.sheet.cell(row=row, column=column).border = _BORDER
            self.sheet.row_dimensions[row].height = needed
            self.pager.take(needed)
            row += 1
        return row

    def values(self, task: Row) -> tuple[object, ...]:
        shown = (task.number, None, task.text, task.lead, task.support, task.note)
        return shown[: len(self.widths)]

    def topic(
        self, first: int, topic: Topic, section: str | None, opens: tuple[str, ...] = ()
    ) -> int:
        """Write a topic's rows, after its section's row when ``section`` is given (and
        the heading of the plan it ``opens``), with the topic merged down over them on
        each page they reach; the next free row."""
        sheet, pager, widths = self.sheet, self.pager, self.widths
        opening = [
            text_height(line, sum(widths), _SUBTITLE if i == 0 else _BODY)
            for i, line in enumerate(opens)
        ]
        heading = text_height(section, sum(widths)) if section is not None else 0.0
        lead_in = heading + sum(opening)
        label = text_height(topic.label, widths[1])
        heights = [
            max(
                text_height(str(v), w)
                for v, w in zip(self.values(task), widths, strict=True)
                if v is not None
            )
            for task in topic.rows
        ]
        # The section's row stays with the topic, and the rest of the page holds the label.
        if pager.left < lead_in + max(label, heights[0]):
            pager.new_page(before=first)
        row = self.opening_rows(first, opens, opening)
        if section is not None:
            self.section_row(row, section, heading)
            pager.take(heading)
            row += 1
        part: list[float] = []
        for task, needed in zip(topic.rows, heights, strict=True):
            if part and needed > pager.left:
                _topic_part(sheet, pager, row - len(part), part, topic.label, label)
                part = []
                pager.new_page(before=row)
            for column, value in enumerate(self.values(task), start=1):
                cell = sheet.cell(row, column) if value is None else put(sheet, row, column, value)
                _style(cell, _font(), _CENTER if column == 1 else _WRAP)
            part.append(needed)
            pager.take(needed)
            row += 1
        _topic_part(sheet, pager, row - len(part), part, topic.label, label)
        return row


def _topic_part(
    sheet: Worksheet, pager: _Pager, first: int, heights: list[float], label: str, needed: float
) -> None:
    """The topic's label merged down over its rows on one page; what the rows lack of the
    label's height is shared out among them."""
    put(sheet, first, 2, label)
    lack = max(needed - sum(heights), 0.0)
    for offset, points in enumerate(heights):
        sheet.row_dimensions[first + offset].height = round(points + lack / len(heights), 1)
    pager.take(lack)
    if len(heights) > 1:
        merge(sheet, first, 2, first + len(heights) - 1, 2)


# The styles a workbook's cells were given, by what they were made of: openpyxl hashes a
# style each time it is set, which took most of an export's time; a cell styled as one
# before copies that one's indexes instead.
_STYLED: WeakKeyDictionary[Any, dict[tuple[int, ...], StyleArray]] = WeakKeyDictionary()


def _style(cell: Any, font: Font, alignment: Alignment, fill: PatternFill | None = None) -> None:
    known = _STYLED.setdefault(cell.parent.parent, {})
    key = (id(font), id(alignment), id(fill))
    if key in known:
        cell._style = copy(known[key])
        return
    cell.font = font
    cell.alignment = alignment
    cell.border = _BORDER
    if fill is not None:
        cell.fill = fill
    known[key] = copy(cell._style)


def _print_setup(sheet: Worksheet, title_rows: str) -> None:
    """A4 landscape, fitted to the page's width, the header on every page and
    第 N 页 共 M 页 at the foot."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    # At 100 %, not fitted to the page: Excel ignores the page breaks of a sheet it fits.
    sheet.page_setup.scale = 100
    sheet.page_margins = PageMargins(
        left=_MARGIN_SIDE, right=_MARGIN_SIDE, top=_MARGIN_TOP, bottom=_MARGIN_BOTTOM, footer=0.3
    )
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = title_rows
    footer = sheet.oddFooter
    assert footer is not None  # every sheet openpyxl makes has one
    footer.center.text = "第 &P 页 共 &N 页"
    footer.center.font = f"{_FACE},Regular"
    footer.center.size = 10


# A light as a fill (Excel's own good, neutral and bad styles, and a blue): its word stays
# in the cell, in a dark ink of its colour, so that a grey print still tells them apart.
_LIGHTS = {
    "green": ("C6EFCE", "006100"),
    "amber": ("FFEB9C", "9C5700"),
    "red": ("FFC7CE", "9C0006"),
    "blue": ("BDD7EE", "1F4E78"),
}


def fill_light(cell: Any, light: str) -> None:
    """Fill ``cell``, which holds a light's word, in the light's colour (grey: no fill)."""
    cell.alignment = _CENTER
    if light not in _LIGHTS:
        return
    background, ink = _LIGHTS[light]
    cell.fill = PatternFill("solid", fgColor=background)
    cell.font = Font(name=_FACE, size=_BODY, bold=True, color=ink, charset=134, family=3)


def write_grid(
    sheet: Worksheet,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[int],
    lines: Sequence[str] = (),
) -> int:
    """A titled list: ``lines`` under the title (whose list, of which day), a header
    repeated on every page over rows as tall as their text; the row of the first entry."""
    for column, chars in enumerate(widths, start=1):
        sheet.column_dimensions[_letter(column)].width = chars
    _banner(sheet, 1, title, _SUBTITLE, True, len(widths))
    for row, line in enumerate(lines, start=2):
        _banner(sheet, row, line, _BODY, False, len(widths), _LINE)
    head = 2 + len(lines)
    for column, text in enumerate(header, start=1):
        _style(put(sheet, head, column, text), _font(bold=True), _CENTER, _HEAD_FILL)
    sheet.row_dimensions[head].height = max(
        text_height(t, w) for t, w in zip(header, widths, strict=True)
    )
    for index, values in enumerate(rows, start=head + 1):
        for column, value in enumerate(values, start=1):
            _style(put(sheet, index, column, value), _font(), _WRAP)
        sheet.row_dimensions[index].height = max(
            text_height("" if v is None else str(v), w) for v, w in zip(values, widths, strict=True)
        )
    sheet.freeze_panes = f"A{head + 1}"
    _print_setup(sheet, f"{head}:{head}")
    _fit(sheet, head, head + len(rows), sum(widths))
    return head + 1


def _fit(sheet: Worksheet, head: int, last: int, chars: int) -> None:
    """Fit a list without page breaks of its own to the page: to its width when wider
    than a page, and to a page fewer when its last page would be less than half full and
    the rows fit on one page fewer at 85 % (a 通报 printed a third page for one row)."""
    scale = min(1.0, _PAGE_CHARS / chars)
    heights = [sheet.row_dimensions[r].height or 0.0 for r in range(1, last + 1)]
    count, filled = pages(heights, _PAGE_BODY / scale, heights[head - 1])
    fewer = count > 1 and filled < _PAGE_BODY / scale / 2
    fewer = fewer and pages(heights, _PAGE_BODY / scale / 0.85, heights[head - 1])[0] < count
    if scale < 1 or fewer:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = count - 1 if fewer else 0
