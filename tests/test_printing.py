"""Proof by printing: each export is rendered by LibreOffice to PDF, and the words'
boxes show that nothing is drawn over anything else, nothing falls off the page, and
every task, topic and section is printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.query.select import Filters, select
from tests.helpers import CATALOG
from tests.printing import (
    Page,
    collisions,
    missing_tools,
    numbers_printed,
    off_page,
    pages,
    to_pdf,
    unprinted,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(missing_tools() is not None, reason=str(missing_tools())),
]


def _printed(runner: CliRunner, tmp_path: Path, fmt: str, *args: str) -> list[Page]:
    """The pages of an export, checked: no word over another, none off the page."""
    path = tmp_path / f"table.{fmt}"
    result = runner.invoke(app, ["export", fmt, *args, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    printed = pages(to_pdf(path))
    overprinted = [(page.number, a.text, b.text) for page in printed for a, b in collisions(page)]
    assert overprinted == []
    assert [(page.number, w.text) for page in printed for w in off_page(page)] == []
    return printed


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_whole_table_prints_cleanly(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    printed = _printed(runner, tmp_path, fmt)
    tasks = list(CATALOG.dataset.tasks)
    assert numbers_printed(printed) >= {t.id for t in tasks}
    labels = {CATALOG.topic_of(t).label for t in tasks} | {
        CATALOG.section_of(t).label for t in tasks
    }
    assert unprinted([t.text for t in tasks] + sorted(labels), printed) == {}
    # The title and the document number head the first page; the header every page
    # of the table.
    first = printed[0].text
    assert "分工表" in first and "沪人社职〔2022〕256号" in first
    table_pages = [p for p in printed if "重点任务" in p.text]
    assert len(table_pages) >= 5
    assert all("序号" in p.text and "牵头部门" in p.text for p in table_pages)


# Each body's tasks under the headings of its 责任清单, as `depts NAME` files them.
DUTIES = {
    "市教委": {
        "牵头任务（11）": [3, 11, 22, 23, 24, 44, 48, 50, 51, 52, 58],
        "配合任务（14）": [2, 7, 8, 20, 25, 28, 41, 61, 73, 81, 82, 84, 95, 110],
        "可能涉及（4）": [6, 26, 96, 111],
    },
    "浦东新区": {
        "经由“各区”等统称承担的牵头任务（3）": [97, 106, 111],
        "经由“各区”等统称承担的配合任务（32）": [
            1, 2, 4, 5, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 25, 26,
            29, 30, 31, 32, 37, 40, 41, 45, 47, 52, 69, 76, 81, 101, 102, 104,
        ],
        "可能涉及（2）": [66, 110],
    },
    "市总工会": {"配合任务（3）": [34, 81, 84], "可能涉及（5）": [2, 6, 26, 96, 111]},
}  # fmt: skip


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("dept", list(DUTIES), ids=["sjw", "pudong", "zgh"])
def test_a_responsibility_list_prints_cleanly(
    runner: CliRunner, tmp_path: Path, fmt: str, dept: str
) -> None:
    printed = _printed(runner, tmp_path, fmt, "--dept", dept)
    ids = [i for filed in DUTIES[dept].values() for i in filed]
    assert sorted(ids) == [hit.task.id for hit in select(CATALOG, Filters(dept=(dept,)))]
    assert numbers_printed(printed) == set(ids)
    tasks = [CATALOG.tasks[i] for i in ids]
    topics = sorted({CATALOG.topic_of(t).label for t in tasks})
    assert unprinted([t.text for t in tasks] + topics + list(DUTIES[dept]), printed) == {}
    first = printed[0].text
    assert first.startswith(f"{dept}责任清单") and "沪人社职〔2022〕256号" in first
    # Its own counts under the title, and no other body's.
    counts = {"市教委": "牵头11项，配合14项", "浦东新区": "牵头3项", "市总工会": "牵头0项，配合3项"}
    assert counts[dept] in first
    table_pages = [p for p in printed if "重点任务" in p.text]
    assert table_pages and all("序号" in p.text and "承担方式" in p.text for p in table_pages)


def test_the_check_finds_words_printed_over_others(tmp_path: Path) -> None:
    """The rows of an xlsx without heights, as the export wrote them before, overprint."""
    from openpyxl import load_workbook

    path = tmp_path / "flat.xlsx"
    from fenggong.exporting import Bundle, ExportFormat, export

    bundle = Bundle(CATALOG, tuple(select(CATALOG, Filters())), Filters())
    path.write_bytes(export(bundle, ExportFormat.XLSX))
    book = load_workbook(path)
    sheet = book["分工表"]
    for row in range(4, sheet.max_row + 1):
        sheet.row_dimensions[row].height = None
    book.save(path)
    printed = pages(to_pdf(path))
    assert sum(len(collisions(page)) for page in printed) > 50
