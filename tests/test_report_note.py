"""The note on a form's second row names its plans: each distinct title once, in order,
and past three the first three and how many — not one title a hundred times."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.forms import titled
from tests.helpers import ROOT
from tests.test_report_forms import plan, sheet

__all__ = ["plan"]  # the fixture, used by name

NOTE = "。进展状态从下拉列表选择；灰色单元格为方案内容，不可修改；完成值只填数字，单位见最后一列。"
PLAN = """plan:
  key: plan-{index:03d}
  title: {title}
  document_number: 沪教〔2024〕{index}号
  date: 2024-01-01
  issuers: [市教委]
  jurisdiction: 上海市

sections:
  - {{number: 1, numeral: 一, title: 任务}}

topics:
  - {{number: 1, numeral: 一, section: 1, title: 任务}}

tasks:
  - {{id: 1, topic: 1, text: 推进职业教育, lead: [市教委], support: []}}
"""


@pytest.mark.parametrize(
    ("titles", "said"),
    [
        ([], ""),
        (["甲"], "甲"),
        (["甲"] * 100, "甲"),
        (["甲", "乙", "甲", "丙"], "甲、乙、丙"),
        (["甲", "乙", "甲", "丙", "丁", "乙"], "甲、乙、丙等4个方案"),
    ],
    ids=["none", "one", "one-100-times", "three", "four"],
)
def test_titled(titles: list[str], said: str) -> None:
    assert titled(titles) == said


def _note(runner: CliRunner, data: Path, out: Path) -> str:
    args = ["--data", str(data), "report", "sheet", "--period", "2026-Q1", "--dept", "市教委"]
    result = runner.invoke(app, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    return str(load_workbook(out)["进展填报"]["E2"].value)


def _library(folder: Path, titles: list[str]) -> Path:
    """A library of a plan a title, each one task 市教委 leads."""
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "library" / "registry.yaml", folder)
    for index, title in enumerate(titles, start=1):
        text = PLAN.format(index=index, title=title)
        (folder / f"plan-{index:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_plan_s_title(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    note = load_workbook(form)["进展填报"]["E2"].value
    assert note == "《落实国家“十四五”职业技能培训规划的实施方案》分工表" + NOTE


def test_a_hundred_plans_of_one_title(runner: CliRunner, tmp_path: Path) -> None:
    library = _library(tmp_path / "lib", ["职业教育重点任务分工方案"] * 100)
    assert _note(runner, library, tmp_path / "f.xlsx") == "职业教育重点任务分工方案" + NOTE


def test_four_distinct_titles(runner: CliRunner, tmp_path: Path) -> None:
    library = _library(tmp_path / "lib", ["甲方案", "乙方案", "甲方案", "丙方案", "丁方案"])
    assert _note(runner, library, tmp_path / "f.xlsx") == "甲方案、乙方案、丙方案等4个方案" + NOTE
