"""``targets --progress``: each quantified goal's latest figure from the demonstration 台账
(examples/progress/), its attainment and its light on fixed days."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

EXAMPLES = ROOT / "examples"
PLAN = str(EXAMPLES / "tasks.yaml")
ADDED = ("reported", "figure", "attainment", "expected", "light")


def _rows(runner: CliRunner, *args: str, data: str = PLAN) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["targets", "--data", data, "--progress", *args, "-f", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def _progress(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["task"], r["metric"], *(r[k] for k in ADDED)) for r in rows]


TASK_1 = ("全市补贴性职业技能培训", "农民工职业技能培训")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Before any report is made: nothing reported, the period almost over.
        (
            "2025-12-01",
            [
                (1, TASK_1[0], None, None, None, 98.4, "none"),
                (1, TASK_1[1], None, None, None, 98.4, "none"),
            ],
        ),
        # 2025-Q4's report (made 2026-01-15): 460 and 185 万人次, 8 and 7.5 points behind.
        (
            "2026-02-01",
            [
                (1, TASK_1[0], "2026-01-15", 4600000, 92.0, 100.0, "yellow"),
                (1, TASK_1[1], "2026-01-15", 1850000, 92.5, 100.0, "yellow"),
            ],
        ),
        # The day before 2026-Q1's report is made: still 2025-Q4's.
        (
            "2026-04-15",
            [
                (1, TASK_1[0], "2026-01-15", 4600000, 92.0, 100.0, "yellow"),
                (1, TASK_1[1], "2026-01-15", 1850000, 92.5, 100.0, "yellow"),
            ],
        ),
        # 2026-Q1's (made 2026-04-16): 512 and 203 万人次, both past the target.
        (
            "2026-04-16",
            [
                (1, TASK_1[0], "2026-04-16", 5120000, 102.4, 100.0, "green"),
                (1, TASK_1[1], "2026-04-16", 2030000, 101.5, 100.0, "green"),
            ],
        ),
    ],
)
def test_task_1_on_a_day(runner: CliRunner, day: str, expected: list[tuple[Any, ...]]) -> None:
    rows = _rows(runner, "--as-of", day, "--grep", "补贴性职业技能培训")
    assert _progress(rows) == expected


def test_every_quantified_target_on_a_day(runner: CliRunner) -> None:
    rows = _rows(runner, "--as-of", "2026-02-01")
    assert [p for p in _progress(rows) if p[3] is not None] == [
        (1, TASK_1[0], "2026-01-15", 4600000, 92.0, 100.0, "yellow"),
        (1, TASK_1[1], "2026-01-15", 1850000, 92.5, 100.0, "yellow"),
        # A figure naming no target counts toward the task's only quantified one.
        (2, "建设新型技师学院", "2026-01-15", 16, 80.0, 100.0, "red"),
        # A report without a date counts from its period's first day.
        (27, "建设示范性培养基地", None, 72, 90.0, 100.0, "yellow"),
    ]
    assert {p[6] for p in _progress(rows) if p[3] is None} == {"none"}


def test_the_expected_share_is_the_plan_period_elapsed(runner: CliRunner) -> None:
    rows = _rows(runner, "--as-of", "2023-07-02", "--grep", "示范性培养基地")
    # 2021-01-01 … 2025-12-31: 912 of 1,825 days.
    assert _progress(rows) == [(27, "建设示范性培养基地", None, None, None, 50.0, "none")]


def test_no_ledger_leaves_attainment_null(runner: CliRunner) -> None:
    rows = _rows(runner, "--as-of", "2026-02-01", data=str(ROOT / "data" / "tasks.yaml"))
    assert rows
    assert {(r["reported"], r["figure"], r["attainment"], r["light"]) for r in rows} == {
        (None, None, None, "none")
    }


def test_without_progress_nothing_is_added(runner: CliRunner) -> None:
    result = runner.invoke(app, ["targets", "--data", PLAN, "-f", "json"])
    assert result.exit_code == 0
    assert not {*ADDED, "parts"} & {k for r in json.loads(result.stdout) for k in r}
    plain = runner.invoke(app, ["targets", "--data", str(ROOT / "data" / "tasks.yaml")])
    assert plain.stdout == runner.invoke(app, ["targets", "--data", PLAN]).stdout


def test_qualitative_goals_are_written_with_nulls(runner: CliRunner) -> None:
    rows = _rows(runner, "--all", "--as-of", "2026-02-01")
    qualitative = [r for r in rows if r["qualitative"]]
    assert qualitative
    assert {(r["figure"], r["attainment"], r["light"]) for r in qualitative} == {
        (None, None, "none")
    }


def test_the_table_and_csv(runner: CliRunner) -> None:
    args = ["targets", "--data", PLAN, "--progress", "--as-of", "2026-04-16", "--grep", "农民工"]
    csv = runner.invoke(app, [*args, "-f", "csv"])
    assert csv.stdout.splitlines()[-1] == (
        "1,农民工职业技能培训,200,万人次,2000000,力争,false,市人力资源社会保障局,各区,"
        "2026-04-16,2030000,101.5,100,green,[]"
    )
    table = runner.invoke(app, args)
    assert "101.5%" in table.stdout
    assert "as of 2026-04-16" in table.stdout


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    shutil.copytree(EXAMPLES / "progress", tmp_path / "progress")
    return tmp_path


def test_the_bands_of_lights_yaml(runner: CliRunner, copied: Path) -> None:
    (copied / "lights.yaml").write_text("preset: schedule\nbands: {green: 0, yellow: 5}\n")
    rows = _rows(
        runner, "--as-of", "2026-02-01", "--grep", "补贴性", data=str(copied / "tasks.yaml")
    )
    assert [r["light"] for r in rows] == ["red", "red"]


def test_a_supporting_body_s_figure_is_a_part_not_the_figure(
    runner: CliRunner, copied: Path
) -> None:
    (copied / "progress" / "2026-Q2.yaml").write_text(
        "period: 2026-Q2\nentries:\n"
        "  - task: 1\n    body: 浦东新区\n    status: done\n    reported: 2026-07-10\n"
        "    figures:\n      - {value: 30, unit: 万人次, target: 全市补贴性职业技能培训}\n",
        encoding="utf-8",
    )
    rows = _rows(
        runner, "--as-of", "2026-08-01", "--grep", "补贴性", data=str(copied / "tasks.yaml")
    )
    assert [(r["reported"], r["figure"], r["parts"]) for r in rows] == [
        ("2026-04-16", 5120000, [{"body": "浦东新区", "figure": 300000, "reported": "2026-07-10"}]),
        ("2026-04-16", 2030000, []),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-02-01"], "--as-of is for --progress"),
        (["--progress", "--as-of", "2026-02-30"], "--as-of 2026-02-30 is not a date"),
    ],
)
def test_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["targets", "--data", PLAN, *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
