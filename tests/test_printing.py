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

FILTERS = [(), ("--dept", "市教委"), ("--dept", "浦东新区"), ("--dept", "市总工会")]


def _chosen(args: tuple[str, ...]) -> list[int]:
    filters = Filters(dept=args[1:]) if args else Filters()
    return [hit.task.id for hit in select(CATALOG, filters)]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("args", FILTERS, ids=["whole", "sjw", "pudong", "zgh"])
def test_the_export_prints_cleanly(
    runner: CliRunner, tmp_path: Path, fmt: str, args: tuple[str, ...]
) -> None:
    path = tmp_path / f"table.{fmt}"
    result = runner.invoke(app, ["export", fmt, *args, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    printed = pages(to_pdf(path))
    overprinted = [(page.number, a.text, b.text) for page in printed for a, b in collisions(page)]
    assert overprinted == []
    assert [(page.number, w.text) for page in printed for w in off_page(page)] == []
    ids = _chosen(args)
    assert len(ids) >= (111 if not args else 5)
    assert numbers_printed(printed) >= set(ids)
    tasks = [CATALOG.tasks[i] for i in ids]
    labels = {CATALOG.topic_of(t).label for t in tasks} | {
        CATALOG.section_of(t).label for t in tasks
    }
    assert unprinted([t.text for t in tasks] + sorted(labels), printed) == {}
    # The title and the document number head the first page; the header every page
    # of the table.
    first = printed[0].text
    assert "分工表" in first and "沪人社职〔2022〕256号" in first
    table_pages = [p for p in printed if "重点任务" in p.text]
    assert len(table_pages) >= (5 if not args else 1)
    assert all("序号" in p.text and "牵头部门" in p.text for p in table_pages)


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
