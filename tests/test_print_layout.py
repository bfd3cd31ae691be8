"""The printed xlsx without printing it: widths, wrapped lines, row heights, page breaks."""

from __future__ import annotations

import io
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from fenggong.exporting import Bundle, ExportFormat, export
from fenggong.exporting.layout import Document, Row, Section, Topic
from fenggong.exporting.metrics import lines, pages, width
from fenggong.exporting.spreadsheet import capacity, height
from fenggong.query.select import Filters, select
from tests.helpers import CATALOG


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", 0), ("ab1", 3), ("你好", 4), ("“十四五”", 10), ("ｆｕｌｌ", 8), ("e\u0301", 1)],
)
def test_width_counts_east_asian_characters_twice(text: str, expected: int) -> None:
    assert width(text) == expected


@pytest.mark.parametrize(
    ("text", "columns", "expected"),
    [
        ("", 10, 1),
        ("一二三四五", 10, 1),  # exactly full
        ("一二三四五六", 10, 2),
        ("一二三四，", 8, 2),  # the comma goes with 四 to the next line, as Chinese sets it
        ("一二 2025年", 8, 2),  # 2025 is not broken
        ("一\n二", 10, 2),
        ("x" * 25, 10, 3),  # a word wider than the column is broken where it must be
    ],
)
def test_lines_wrap_as_office_programs_break(text: str, columns: int, expected: int) -> None:
    assert lines(text, columns) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("heights", "expected"),
    [
        ([], (1, 0)),
        ([40, 20, 20, 20], (1, 100)),
        # A page of 100 points, its header of 20 repeated: 30 + 20 + 20 + 20 on the
        # first; the header, 30 and 30 on the second; the last 30 opens a third, which
        # with its header is half full.
        ([30, 20, 20, 20, 30, 30, 30], (3, 50)),
        ([30, 120, 10], (3, 30)),  # a row taller than a page is given one of its own
    ],
)
def test_pages_of_rows(heights: list[float], expected: tuple[int, float]) -> None:
    assert pages(heights, 100, 20) == expected


def test_lines_is_linear_in_the_text() -> None:
    started = time.perf_counter()
    lines("职业技能培训，" * 200_000, 40)
    assert time.perf_counter() - started < 5


def test_heights_grow_with_the_text_and_leave_room() -> None:
    assert capacity(60) == 51  # half-width units: 25 Chinese characters
    assert height(1) == 21.5  # 11 pt × 1.5 + 5 pt
    assert height(3) > 3 * 11 * 1.45  # Noto CJK's lines are 1.45 em


def _workbook(*args: str) -> dict[str, Worksheet]:
    filters = Filters(dept=args) if args else Filters()
    bundle = Bundle(CATALOG, tuple(select(CATALOG, filters)), filters)
    book = load_workbook(io.BytesIO(export(bundle, ExportFormat.XLSX)))
    return {sheet.title: sheet for sheet in book.worksheets}


@pytest.mark.parametrize("dept", [(), ("市教委",), ("浦东新区",), ("市总工会",)])
def test_every_row_of_every_sheet_has_a_height(dept: tuple[str, ...]) -> None:
    for sheet in _workbook(*dept).values():
        for row in range(1, sheet.max_row + 1):
            assert sheet.row_dimensions[row].height, (sheet.title, row)


def test_a_merged_topic_never_runs_across_a_page_break() -> None:
    sheet = _workbook()["分工表"]
    breaks = [b.id for b in sheet.row_breaks.brk]  # the break comes after this row
    assert len(breaks) >= 10
    for merged in sheet.merged_cells.ranges:
        for after in breaks:
            assert not merged.min_row <= after < merged.max_row, (str(merged), after)
    # A page begins with a section's row or a topic's label (again, if the topic goes on).
    sections = {r for r in range(4, sheet.max_row + 1) if isinstance(sheet.cell(r, 1).value, str)}
    for after in breaks:
        assert after + 1 in sections or sheet.cell(after + 1, 2).value, after
    # A section's row is never the last on its page.
    assert not sections & set(breaks)


def test_each_page_of_rows_fits_the_page() -> None:
    sheet = _workbook()["分工表"]
    page = 595.3 - (0.6 + 0.7) * 72 - sheet.row_dimensions[3].height
    starts = [4] + [b.id + 1 for b in sheet.row_breaks.brk]
    ends = [b.id for b in sheet.row_breaks.brk] + [sheet.max_row]
    first = sheet.row_dimensions[1].height + sheet.row_dimensions[2].height
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        used = sum(sheet.row_dimensions[r].height for r in range(start, end + 1))
        assert used <= page - (first if index == 0 else 0), (start, end, used)


def test_a_long_text_makes_a_tall_row_and_the_topic_label_fits_its_rows() -> None:
    long = Row(1, "职业技能培训" * 40, "市教委", "")
    short = Row(2, "短", "市教委", "")
    label = "（一）" + "很长的主题" * 12
    document = Document("标题", "文号", (Section("一、甲", (Topic(label, (short,)),)),))
    sheet = load_workbook(io.BytesIO(_xlsx(document)))["分工表"]
    assert sheet.row_dimensions[5].height >= height(lines(label, capacity(22)))
    document = Document("标题", "文号", (Section("一、甲", (Topic("（一）乙", (long,)),)),))
    sheet = load_workbook(io.BytesIO(_xlsx(document)))["分工表"]
    assert sheet.row_dimensions[5].height == height(lines(long.text, capacity(60)))


def _xlsx(document: Document) -> bytes:
    from openpyxl import Workbook

    from fenggong.exporting.spreadsheet import write_table

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "分工表"
    write_table(sheet, document)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_ONE_BY_ONE = re.compile(
    "[（《「『“‘〔【(\\[<]*(?:[A-Za-z0-9._/+\\-]+|\\S)[，。、；：？！）》」』”’〕】…,.;:?!)\\]>%％]*|\\s+"
)


def _lines_one_token_at_a_time(text: str, capacity: int) -> int:
    """The greedy wrap with every character a token of its own: what ``lines`` must equal."""
    total = 0
    for paragraph in text.split("\n"):
        count, used = 1, 0
        for token in _ONE_BY_ONE.findall(paragraph):
            size = width(token)
            if token.isspace():
                used = min(used + size, capacity)
                continue
            if used and used + size > capacity:
                count, used = count + 1, 0
            while size > capacity:
                count, size = count + 1, size - capacity
            used += size
        total += count
    return total


@pytest.mark.slow
@given(
    st.text(alphabet="职业技能培训，。“”（）ab12 \n", max_size=80),
    st.integers(min_value=2, max_value=30),
)
def test_lines_places_runs_of_ideographs_as_one_character_at_a_time(
    text: str, capacity: int
) -> None:
    assert lines(text, capacity) == _lines_one_token_at_a_time(text, capacity)
