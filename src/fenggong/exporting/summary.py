"""A period's 通报 numbers as an xlsx sheet in the house style (``report summary -o FILE.xlsx``)."""

from __future__ import annotations

from collections.abc import Sequence

from fenggong.exporting.spreadsheet import write_grid
from fenggong.exporting.workbook import new_book, saved
from fenggong.views.summary import SummaryObject

# Exports are always Chinese: the headings are the 通报's own words.
HEADER = ("类别", "部门或板块", "任务数", "已完成", "序时推进", "黄灯", "红灯", "未报送", "已终止")
_SCOPES = {"all": "合计", "body": "牵头单位", "section": "板块"}
_WIDTHS = (11, 40, 8, 8, 11, 7, 7, 8, 8)  # 部门或板块 holds a section title of 18


def title(period: str, as_of: str) -> str:
    from fenggong.periods import parse_period

    found = parse_period(period)
    said = found.chinese if found is not None else period
    return f"{said}工作任务推进情况通报（截至{as_of}）"


def cells(row: SummaryObject) -> tuple[object, ...]:
    name = row.name if row.plan is None else f"{row.plan}：{row.name}"
    return (
        _SCOPES[row.scope],
        name or "全部任务",
        row.tasks,
        row.done,
        row.on_track,
        row.yellow,
        row.red,
        row.not_reported,
        row.cancelled,
    )


def workbook(
    rows: Sequence[SummaryObject], period: str, as_of: str, about: Sequence[str] = ()
) -> bytes:
    """The 通报 table: a line for all tasks, each lead body, each section; ``about``: the
    lines under its title (which plans), so that a 通报 passed on says what it counts."""
    book, sheet = new_book("通报")
    write_grid(sheet, title(period, as_of), HEADER, [cells(r) for r in rows], _WIDTHS, about)
    return saved(book)


def docx_bytes(
    rows: Sequence[SummaryObject], period: str, as_of: str, about: Sequence[str] = ()
) -> bytes:
    """The 通报 table as a Word document, A4 landscape, set as official documents are: the
    title over its date on a line of its own, the numbers centred in their columns."""
    from docx.shared import Mm

    from fenggong.exporting.wordfile import grid_bytes

    # Shared out over the text width of the house's A4 landscape page (297 mm less two
    # 20 mm margins), as wordfile's own tables are: at 3 mm a unit the table ran 58 mm off.
    widths = tuple(Mm(w * 257 / sum(_WIDTHS)) for w in _WIDTHS)
    lines = [tuple(str(c) for c in cells(r)) for r in rows]
    # The date runs the title to two lines at 小二: it is the subtitle, as 通报 print it.
    head, bracket, date = title(period, as_of).partition("（")
    numbers = frozenset(range(2, len(HEADER)))
    return grid_bytes((head, bracket + date), HEADER, lines, widths, numbers, about)
