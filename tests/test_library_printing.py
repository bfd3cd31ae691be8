"""Proof by printing, for a library: the workbook of several plans and a 责任清单 across
them, rendered by LibreOffice, draw no word over another nor off the page, and print
every plan's heading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES, ROOT
from tests.printing import collisions, missing_tools, off_page, pages, to_pdf, unprinted

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(missing_tools() is not None, reason=str(missing_tools())),
]

HEADINGS = [
    "《落实国家“十四五”职业技能培训规划的实施方案》分工表（沪人社职〔2022〕256号）",
    "《闵行区职业技能培训实施方案》分工表（闵府办〔2024〕2号）",
    "《浦东新区技能提升行动方案》分工表（浦府办〔2023〕1号）",
]


@pytest.mark.parametrize(
    ("fmt", "args", "expected"),
    [
        ("xlsx", (), ["汇总", "部门统计", "量化目标", "浦东新区区发改委", "闵行区区发改委"]),
        ("xlsx", ("--dept", "市教委"), HEADINGS),
        ("docx", ("--dept", "市教委"), HEADINGS),
        ("docx", (), HEADINGS),
    ],
    ids=["table-xlsx", "duties-xlsx", "duties-docx", "table-docx"],
)
def test_a_file_of_three_plans_prints_cleanly(
    runner: CliRunner, tmp_path: Path, fmt: str, args: tuple[str, ...], expected: list[str]
) -> None:
    library = tmp_path / "library"
    shutil.copytree(FIXTURES / "libraries" / "export-districts", library)
    shutil.copy(ROOT / "data" / "tasks.yaml", library / "tasks.yaml")
    path = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["--data", str(library), "export", fmt, *args, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    printed = pages(to_pdf(path))
    overprinted = [(page.number, a.text, b.text) for page in printed for a, b in collisions(page)]
    assert overprinted == []
    assert [(page.number, w.text) for page in printed for w in off_page(page)] == []
    assert unprinted(expected, printed) == {}
