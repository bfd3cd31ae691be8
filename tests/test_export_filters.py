"""Every filter in every export format: the file holds exactly the tasks the filters
choose, and its counts are of those tasks, never of the whole table as if filtered."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from pathlib import Path

import docx
import msgspec
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.catalog import Catalog
from fenggong.cli import app
from fenggong.query.counts import workload
from tests.helpers import CATALOG
from tests.readback import ids

FORMATS = ["xlsx", "docx", "csv", "markdown", "html", "sqlite"]
EXTENSIONS = {"xlsx": "xlsx", "docx": "docx", "csv": "csv", "markdown": "md", "html": "html"}
FILTERS = {
    "section": (["--section", "五"], [47, 48, 49, 50, 51, 52, 53, 54]),
    "topic": (["--topic", "十九"], [45, 46]),
    "grep": (["--grep", "数字技能"], [17, 45, 46]),
    "has-target": (["--has-target"], [1, 2, 4, 27, 47, 73]),
    "lead": (["--lead", "市教委"], [3, 11, 22, 23, 24, 44, 48, 50, 51, 52, 58, 96, 111]),
    "support": (["--support", "市总工会"], [2, 6, 26, 34, 81, 84]),
    "direct": (["--dept", "黄浦区", "--direct"], [102]),
    "how": (
        ["--dept", "黄浦区", "--how", "group", "--section", "九"],
        [97, 101, 102, 104, 106, 111],
    ),
    "dept-section": (["--dept", "市教委", "--section", "五"], [48, 50, 51, 52]),
    "possible": (["--dept", "浦东新区", "--how", "possible"], [66, 110]),
}


def _export(runner: CliRunner, tmp_path: Path, fmt: str, *args: str) -> bytes:
    path = tmp_path / f"out.{EXTENSIONS.get(fmt, 'db')}"
    result = runner.invoke(app, ["export", fmt, *args, "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    return path.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(FILTERS))
def test_the_file_holds_exactly_the_chosen_tasks(
    runner: CliRunner, tmp_path: Path, fmt: str, name: str
) -> None:
    args, expected = FILTERS[name]
    assert sorted(ids(_export(runner, tmp_path, fmt, *args), fmt)) == expected


def _subset(numbers: list[int]) -> Catalog:
    tasks = tuple(CATALOG.tasks[i] for i in numbers)
    return Catalog(msgspec.structs.replace(CATALOG.dataset, tasks=tasks))


def _depts(numbers: list[int]) -> list[tuple[object, ...]]:
    """`fenggong depts` of a table of these tasks alone, bodies with no part left out."""
    return [
        (x.department, x.lead, x.support, x.total, x.via_group, x.possible)
        for x in workload(_subset(numbers))
        if x.total or x.possible
    ]


def test_the_workbook_counts_the_chosen_tasks(runner: CliRunner, tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(_export(runner, tmp_path, "xlsx", "--section", "五")))
    sheet = book["分工表"]
    assert sheet["A3"].value == "筛选：板块 五、创新技能人才培养模式"
    counts = book["部门统计"]
    assert str(counts["A1"].value).startswith("部门统计（筛选出的 8 项任务）　《")
    rows = [(r[0], *r[2:]) for r in counts.iter_rows(min_row=3, values_only=True)]
    assert rows == _depts(FILTERS["section"][1])
    assert rows[0] == ("市人力资源社会保障局", 4, 1, 5, 0, 0)  # leads 47 49 53 54, supports 50
    assert str(book["量化目标"]["A1"].value).endswith("（筛选出的 8 项任务）")


def test_the_whole_workbook_counts_every_body(runner: CliRunner, tmp_path: Path) -> None:
    counts = load_workbook(io.BytesIO(_export(runner, tmp_path, "xlsx")))["部门统计"]
    assert counts.max_row == 2 + 43
    assert not str(counts["A1"].value).startswith("部门统计（")


def test_the_page_counts_the_chosen_tasks(runner: CliRunner, tmp_path: Path) -> None:
    page = _export(runner, tmp_path, "html", "--grep", "数字技能").decode()
    assert '<p class="scope">筛选：重点任务含“数字技能”</p>' in page
    assert "统计范围：导出时筛选出的 3 项任务（筛选：重点任务含“数字技能”）。" in page
    table = page.split('<table id="load"', 1)[1].split("</table>", 1)[0]
    rows = [
        tuple(
            v if k == "department" else int(v)
            for k, v in re.findall(r'data-key="(\w+)"[^>]*>([^<]*)</td>', row)
            if k != "kind"
        )
        for row in re.findall(r"<tr data-index=.*?</tr>", table)
    ]
    assert rows == _depts([17, 45, 46])


def test_the_database_involves_only_the_chosen_tasks(runner: CliRunner, tmp_path: Path) -> None:
    _export(runner, tmp_path, "sqlite", "--dept", "浦东新区", "--how", "possible")
    db = sqlite3.connect(tmp_path / "out.db")
    tasks = db.execute("SELECT DISTINCT task FROM involvement ORDER BY task").fetchall()
    assert tasks == [(66,), (110,)]
    assert db.execute("SELECT count(*) FROM targets").fetchone() == (0,)
    (recorded,) = db.execute("SELECT value FROM plan WHERE key = 'filters'").fetchone()
    assert json.loads(recorded) == {
        "lead": [],
        "support": [],
        "dept": ["浦东新区"],
        "sections": [],
        "topics": [],
        "grep": [],
        "has_target": False,
        "how": ["possible"],
    }


def test_the_word_file_and_the_wiki_page_say_what_chose_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    word = docx.Document(io.BytesIO(_export(runner, tmp_path, "docx", "--has-target")))
    assert word.paragraphs[2].text == "筛选：有量化目标"
    page = _export(runner, tmp_path, "markdown", "--lead", "市教委", "--direct").decode()
    assert "\n\n筛选：牵头部门 市教委；承担方式 直接列名（11 项任务）\n\n" in page


def test_how_without_a_department_filter_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "csv", "--direct", "-o", "-"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: --how and --direct choose how a department filter reaches a body\n"
        "  hint: add --dept, --lead or --support NAME, or --each-dept\n"
    )
