"""A body that never reported on a task, on the day before its deadline, on it and after:
lit by the date in ``status`` (its reason saying nothing came), counted once as not
reported in the 通报, on its own line and, when no lead reported, on the whole's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

BUCKETS = ("tasks", "done", "on_track", "yellow", "red", "not_reported", "cancelled")

# Task 3 (due 2025-12-31, the end of “十四五”) led by 市教委 and 市发展改革委: 市教委
# reported it in progress; 市发展改革委 said nothing. Task 1 (due the same day) is led by
# 市人力资源社会保障局 alone, which said nothing either.
REPORT = """period: 2025-Q4
entries:
- task: 3
  body: 市教委
  status: in_progress
  progress: 已启动
  reported: 2025-12-10
"""


@pytest.fixture
def plan(tmp_path: Path) -> str:
    text = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    before = "提质增效\n    lead: [市教委]\n    support: [市发展改革委]\n"
    assert text.count(before) == 1
    text = text.replace(before, "提质增效\n    lead: [市教委, 市发展改革委]\n    support: []\n")
    path = tmp_path / "tasks.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "progress").mkdir()
    (tmp_path / "progress" / "2025-Q4.yaml").write_text(REPORT, encoding="utf-8")
    return str(path)


def _run(runner: CliRunner, plan: str, *args: str) -> str:
    result = runner.invoke(app, ["--data", plan, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


# (day, 市教委's row, 市发展改革委's row, task 1's row): light and reason.
DAYS = [
    (
        "2025-12-30",
        ("yellow", "due 2025-12-31 in 1 day and not done"),
        ("yellow", "not reported yet; due 2025-12-31 in 1 day"),
        ("yellow", "not reported yet; due 2025-12-31 in 1 day"),
    ),
    (
        "2025-12-31",
        ("yellow", "due today (2025-12-31) and not done"),
        ("yellow", "not reported yet; due today (2025-12-31)"),
        ("yellow", "not reported yet; due today (2025-12-31)"),
    ),
    (
        "2026-01-01",
        ("red", "past due 2025-12-31 by 1 day and not done"),
        ("red", "not reported; past due 2025-12-31 by 1 day"),
        ("red", "not reported; past due 2025-12-31 by 1 day"),
    ),
]


@pytest.mark.parametrize(("day", "reported", "silent", "alone"), DAYS, ids=[d[0] for d in DAYS])
def test_a_silent_body_is_lit_by_the_date_and_says_it_did_not_report(
    runner: CliRunner,
    plan: str,
    day: str,
    reported: tuple[str, str],
    silent: tuple[str, str],
    alone: tuple[str, str],
) -> None:
    rows = json.loads(_run(runner, plan, "status", "--by", "dept", "--as-of", day, "-f", "json"))
    assert [(r["body"], r["status"], r["light"], r["reason"]) for r in rows if r["task"] == 3] == [
        ("市教委", "in_progress", *reported),
        ("市发展改革委", None, *silent),
    ]
    task = json.loads(_run(runner, plan, "status", "--as-of", day, "-f", "json"))[0]
    assert (task["task"], task["status"], task["light"], task["reason"]) == (1, None, *alone)


# (day, 市教委's line, 市发展改革委's line, 市人力资源社会保障局's line, the whole's).
LINES = [
    # The day before and on the day: due soon, yellow; the silent ones not reported.
    (
        "2025-12-30",
        (11, 0, 0, 1, 0, 10, 0),
        (6, 0, 0, 0, 0, 6, 0),
        (93, 0, 0, 0, 0, 93, 0),
        (111, 0, 0, 1, 0, 110, 0),
    ),
    (
        "2025-12-31",
        (11, 0, 0, 1, 0, 10, 0),
        (6, 0, 0, 0, 0, 6, 0),
        (93, 0, 0, 0, 0, 93, 0),
        (111, 0, 0, 1, 0, 110, 0),
    ),
    # The day after: the reported task is red; the silent bodies stay not reported, once,
    # and task 1, which no lead reported on, is not reported on the whole's line too.
    (
        "2026-01-01",
        (11, 0, 0, 0, 1, 10, 0),
        (6, 0, 0, 0, 0, 6, 0),
        (93, 0, 0, 0, 0, 93, 0),
        (111, 0, 0, 0, 1, 110, 0),
    ),
]


@pytest.mark.parametrize(("day", "sjw", "ndrc", "hrss", "whole"), LINES, ids=[d[0] for d in LINES])
def test_the_summary_counts_a_silent_body_once_as_not_reported(
    runner: CliRunner,
    plan: str,
    day: str,
    sjw: tuple[int, ...],
    ndrc: tuple[int, ...],
    hrss: tuple[int, ...],
    whole: tuple[int, ...],
) -> None:
    found = json.loads(
        _run(runner, plan, "report", "summary", "--period", "2025-Q4", "--as-of", day, "-f", "json")
    )
    lines = {(o["scope"], o["name"]): tuple(o[b] for b in BUCKETS) for o in found}
    assert lines[("body", "市教委")] == sjw
    assert lines[("body", "市发展改革委")] == ndrc
    assert lines[("body", "市人力资源社会保障局")] == hrss
    assert lines[("all", "")] == whole
    # status --by dept and the 通报 agree body by body: a row with no report is not
    # reported, whatever its light; the others are counted by their light.
    rows = json.loads(_run(runner, plan, "status", "--by", "dept", "--as-of", day, "-f", "json"))
    leads = [r for r in rows if r["lead"] and r["body"] == "市发展改革委"]
    assert len(leads) == ndrc[0] and all(r["status"] is None for r in leads)


def test_the_period_summary_and_chinese_say_it_too(
    runner: CliRunner, plan: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The period's own 通报, on its last day (reports sent in after it counted).
    found = json.loads(_run(runner, plan, "report", "summary", "--period", "2025-Q4", "-f", "json"))
    ndrc = next(o for o in found if o["name"] == "市发展改革委")
    assert (ndrc["red"], ndrc["not_reported"]) == (0, 6)
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    args = ("status", "--by", "dept", "--as-of", "2026-01-01", "--lead", "市发展改革委", "-f")
    rows = _run(runner, plan, *args, "csv").splitlines()
    assert rows[1] == (
        "3,市发展改革委,true,,red,“十四五”时期,2025-12-31,-1,,,"
        "未报送；已超过完成时限 2025-12-31 1 天,牵头"
    )


def test_under_the_supervision_preset_a_silent_body_in_hand_is_not_reported(
    runner: CliRunner, plan: str
) -> None:
    # 督办单: a task assigned and not yet near its date is blue (in hand); with no report
    # behind it, the 通报 counts it as not reported (it counted it on track).
    Path(plan).with_name("lights.yaml").write_text("preset: supervision\n", encoding="utf-8")
    day = ("--as-of", "2025-11-01")
    rows = json.loads(_run(runner, plan, "status", "--by", "dept", *day, "-f", "json"))
    assert [(r["body"], r["light"], r["reason"]) for r in rows if r["task"] == 3] == [
        ("市教委", "blue", "not reported yet; due 2025-12-31 in 60 days"),
        ("市发展改革委", "blue", "not reported yet; due 2025-12-31 in 60 days"),
    ]
    args = ("report", "summary", "--period", "2025-Q4", *day, "-f", "json")
    found = json.loads(_run(runner, plan, *args))
    lines = {(o["scope"], o["name"]): tuple(o[b] for b in BUCKETS) for o in found}
    assert lines[("body", "市发展改革委")] == (6, 0, 0, 0, 0, 6, 0)
    assert lines[("all", "")] == (111, 0, 0, 0, 0, 111, 0)
