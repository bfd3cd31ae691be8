"""Proof by printing, for the 台账's sheets: `status -o` prints its title (what it is, of
which day, of which plan) on its first page, and the 通报 of the demonstration 台账 takes
two pages, not a third for its last rows, in xlsx and docx; a docx list never leaves one
row alone under the header of its last page; no word is drawn over another or off the
page."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT
from tests.printing import Page, collisions, missing_tools, off_page, pages, to_pdf, unprinted

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(missing_tools() is not None, reason=str(missing_tools())),
]

EXAMPLE = str(ROOT / "examples" / "tasks.yaml")
HEADING = "《落实国家“十四五”职业技能培训规划的实施方案》分工表（沪人社职〔2022〕256号）"


def _printed(runner: CliRunner, path: Path, *args: str) -> list[Page]:
    result = runner.invoke(app, ["--data", EXAMPLE, *args, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    printed = pages(to_pdf(path))
    assert [(p.number, a.text, b.text) for p in printed for a, b in collisions(p)] == []
    assert [(p.number, w.text) for p in printed for w in off_page(p)] == []
    return printed


def test_the_status_sheet_prints_its_title(runner: CliRunner, tmp_path: Path) -> None:
    printed = _printed(
        runner, tmp_path / "s.xlsx", "status", "--as-of", "2026-05-01", "--lead", "市教委"
    )
    first = [printed[0]]
    assert unprinted(["台账（截至2026-05-01）", HEADING, "筛选：牵头部门 市教委"], first) == {}


# The first cell of each line of the 通报: what it counts.
SCOPES = ("合计", "牵头单位", "板块")


def _lines(page: Page) -> int:
    return sum(w.text in SCOPES for w in page.words)


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_the_summary_takes_two_pages(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    args = ["report", "summary", "--period", "2026-Q1", "--as-of", "2026-04-30"]
    printed = _printed(runner, tmp_path / f"通报{suffix}", *args)
    assert len(printed) == 2
    # Every section's line is printed, the last one too; the header heads each page, and
    # no page holds a lone line: its 45 lines are shared out over the two.
    assert unprinted(["九、保障措施", "一、目标任务"], printed) == {}
    assert all("类别" in p.text and "未报送" in p.text for p in printed)
    assert sum(map(_lines, printed)) == 45
    assert min(map(_lines, printed)) >= 10
    # The title on one line, its date on the next (docx) or beside it (xlsx), page 1 only.
    assert unprinted(["2026年第一季度工作任务推进情况通报"], printed[:1]) == {}
    assert "通报" not in printed[1].text


def test_a_list_never_leaves_one_row_alone_on_its_last_page(tmp_path: Path) -> None:
    from docx.shared import Mm

    from fenggong.exporting.summary import HEADER
    from fenggong.exporting.wordfile import grid_bytes

    widths = tuple(Mm(257 / len(HEADER)) for _ in HEADER)
    numbers = frozenset(range(2, len(HEADER)))

    def printed(count: int) -> list[int]:
        row: tuple[str, ...] = ("牵头单位", "单位", "3", "0", "0", "0", "0", "3", "0")
        rows = [row] * count
        path = tmp_path / f"list-{count}.docx"
        path.write_bytes(grid_bytes(("通报", "（截至2026-03-31）"), HEADER, rows, widths, numbers))
        return [_lines(page) for page in pages(to_pdf(path))]

    first = printed(80)[0]  # as many as the first page holds
    assert printed(first) == [first]
    # One more would stand alone on a page of its own: the last three go over together.
    assert printed(first + 1) == [first - 2, 3]
