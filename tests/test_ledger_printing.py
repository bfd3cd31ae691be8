"""Proof by printing, for the 台账's sheets: `status -o` prints its title (what it is, of
which day, of which plan) on its first page, and the 通报 of the demonstration 台账 takes
two pages, not a third for its last rows; no word is drawn over another or off the page."""

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


def test_the_summary_takes_two_pages(runner: CliRunner, tmp_path: Path) -> None:
    args = ["report", "summary", "--period", "2026-Q1", "--as-of", "2026-04-30"]
    printed = _printed(runner, tmp_path / "通报.xlsx", *args)
    assert len(printed) == 2
    # Every section's line is printed, the last one too.
    assert unprinted(["九、保障措施", "一、目标任务"], printed) == {}
