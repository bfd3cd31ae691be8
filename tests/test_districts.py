"""A district takes the role of 各区, through the CLI: 责任清单, filters, counts, files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app


def _ids(runner: CliRunner, *args: str) -> list[int]:
    result = runner.invoke(app, ["list", *args, "-f", "json"])
    assert result.exit_code == 0, result.output
    return [task["id"] for task in json.loads(result.stdout)]


@pytest.mark.usefixtures("chinese")
def test_a_district_leads_what_its_group_leads(runner: CliRunner) -> None:
    assert _ids(runner, "--lead", "浦东新区") == [97, 106, 111]
    result = runner.invoke(app, ["depts", "浦东新区", "-f", "markdown"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("## ")] == [
        "## 经由“各区”等统称承担的牵头任务（3）",
        "## 经由“各区”等统称承担的配合任务（32）",
        "## 可能涉及（2）",
    ]
    assert lines[-1].endswith(
        "— 牵头 3 项（经由统称 3 项），配合 32 项（经由统称 32 项），可能涉及 2 项*"
    )
    first = lines[lines.index("## 经由“各区”等统称承担的牵头任务（3）") + 4]
    assert first.startswith("| 97 |")
    assert first.endswith("| 牵头·经由各区 |")


def test_the_headings_of_a_responsibility_list_in_english(runner: CliRunner) -> None:
    lines = runner.invoke(app, ["depts", "黄浦区", "-f", "markdown"]).stdout.splitlines()
    assert [line for line in lines if line.startswith("## ")] == [
        "## Lead tasks (1)",
        "## Lead tasks through a group such as “各区” (3)",
        "## Support tasks through a group such as “各区” (31)",
        "## Possibly concerned (2)",
    ]
    assert lines[-1].endswith(
        "— lead tasks 4 (via groups 3), support tasks 31 (via groups 31), possibly concerned 2*"
    )


@pytest.mark.usefixtures("chinese")
def test_a_district_named_itself_files_that_apart(runner: CliRunner) -> None:
    result = runner.invoke(app, ["depts", "黄浦区", "-f", "markdown"])
    headings = [line for line in result.stdout.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 牵头任务（1）",
        "## 经由“各区”等统称承担的牵头任务（3）",
        "## 经由“各区”等统称承担的配合任务（31）",
        "## 可能涉及（2）",
    ]


def test_a_filtered_responsibility_list_keeps_the_filters(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["export", "markdown", "--dept", "市教委", "--section", "五", "-o", "-"]
    )
    rows = [
        line.split(" | ")[0] for line in result.stdout.splitlines() if line[:3] in ("| 4", "| 5")
    ]
    assert rows == ["| 48", "| 50", "| 51", "| 52"]
    assert "\n上海市教育委员会：牵头 4 项，配合 0 项，可能涉及 0 项。\n" in result.stdout
    assert "\n筛选：板块 五、创新技能人才培养模式。\n" in result.stdout


def test_the_sheet_in_json_files_three_buckets(runner: CliRunner) -> None:
    result = runner.invoke(app, ["depts", "浦东新区", "-f", "json"])
    sheet = json.loads(result.stdout)
    assert [len(sheet[k]) for k in ("lead", "support", "possible")] == [3, 32, 2]
    assert "via_group" not in sheet
    assert sheet["possible"][0]["match"] == [
        {"department": "浦东新区", "role": "support", "how": "possible", "via": "相关区"}
    ]


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        (["direct"], [102]),
        (["group"], [97, 106, 111]),
        (["possible"], []),
        (["direct", "group"], [97, 102, 106, 111]),
        (["DIRECT"], [102]),
    ],
)
def test_how_keeps_those_ways_only(runner: CliRunner, how: list[str], expected: list[int]) -> None:
    options = [part for h in how for part in ("--how", h)]
    assert _ids(runner, "--lead", "黄浦区", *options) == expected


def test_direct_is_short_for_how_direct(runner: CliRunner) -> None:
    assert _ids(runner, "--dept", "浦东新区", "--direct") == []
    assert _ids(runner, "--dept", "浦东新区", "--how", "possible") == [66, 110]


def test_an_unknown_way_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "浦东新区", "--how", "via"])
    assert result.exit_code == 2
    assert "via" in result.stderr


def test_the_index_counts_as_the_sheet_files(runner: CliRunner) -> None:
    result = runner.invoke(app, ["depts", "-f", "csv"])
    rows = {row["department"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert {
        k: rows["浦东新区"][k] for k in ("lead", "support", "total", "via_group", "possible")
    } == {
        "lead": "3",
        "support": "32",
        "total": "35",
        "via_group": "35",
        "possible": "2",
    }
    assert rows["黄浦区"]["lead"] == "4"
    assert rows["黄浦区"]["via_group"] == "34"


def test_the_matrix_counts_a_district(runner: CliRunner) -> None:
    result = runner.invoke(app, ["matrix", "-f", "json"])
    row = next(r for r in json.loads(result.stdout) if r["department"] == "浦东新区")
    assert row["sections"]["9"] == {"lead": 3, "support": 3}


def test_the_database_keeps_group_scope(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    result = runner.invoke(app, ["export", "sqlite", "-o", str(path)])
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(path)
    scope = db.execute("SELECT group_name, kind FROM group_scope ORDER BY 1, 2").fetchall()
    assert ("相关区", "district") in scope
    assert all(g != "各区" for g, _ in scope)
    # The possible matches rebuilt in SQL from assignments, group_scope and kinds.
    rebuilt = db.execute(
        """SELECT DISTINCT a.task FROM assignments a
           JOIN group_scope s ON s.group_name = a.department
           JOIN departments d ON d.kind = s.kind AND d.name = '浦东新区'
           ORDER BY 1"""
    ).fetchall()
    stored = db.execute(
        "SELECT task FROM involvement WHERE department = '浦东新区' AND bucket = 'possible'"
    ).fetchall()
    assert rebuilt == stored == [(66,), (110,)]


def test_the_chart_fits_a_narrow_terminal(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = runner.invoke(app, ["depts", "--chart"])
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    # One line per body, a block even for a load of one, districts included.
    assert any(line.split()[:3] == ["浦东新区", "3", "32"] for line in lines)
    assert [line.split() for line in lines if line.lstrip().startswith("市残联")] == [
        ["市残联", "1", "0", "█"]
    ]


@pytest.mark.usefixtures("chinese")
def test_the_index_on_a_narrow_terminal_cuts_no_column(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = runner.invoke(app, ["depts"])
    assert result.stdout.splitlines()[2:11] == [
        "部门：市人力资源社会保障局",
        "类别：市政府部门",
        "牵头：93",
        "配合：7",
        "合计：100",
        "经由统称：0",
        "可能涉及：2",
        "任务量：████████████████████████",
        "",
    ]
