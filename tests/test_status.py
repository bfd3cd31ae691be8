"""status, due and overdue: the 台账's lights and deadlines over a fixture ledger, on fixed days.

The ledger tests/fixtures/ledger/status/ reports on the bundled plan (its ten dues are
2025-12-31): quarterly, 2025-Q3 and 2025-Q4, each Q4 report dated in January 2026.
"""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from rich.console import Console
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.lights import Settings
from fenggong.query.library import Library
from fenggong.query.progress import Book, standings
from fenggong.render.formats import Format, Options, render
from fenggong.views.status import status_view
from tests.helpers import CATALOG, FIXTURES, ROOT

LEDGER = FIXTURES / "ledger" / "status"
LIBRARY = FIXTURES / "ledger" / "library"
PAST = "2026-01-20"  # the ten dues 20 days past, the Q4 reports all made
NEAR = "2025-12-10"  # the ten dues 21 days ahead, only the Q3 reports made


@pytest.fixture
def dataset(tmp_path: Path) -> str:
    """The bundled plan with the fixture ledger as its progress/ folder."""
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    shutil.copytree(LEDGER, tmp_path / "progress")
    return str(tmp_path / "tasks.yaml")


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def _json(runner: CliRunner, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(_run(runner, *args, "-f", "json"))
    return rows


def _row(
    task: int | str, body: str | None, status: str | None, light: str, reason: str, **more: Any
) -> dict[str, Any]:
    return {"task": task, "body": body, "status": status, "light": light, "reason": reason, **more}


def _short(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("task", "body", "status", "light", "reason", "days", "reported", "period")
    return {k: row[k] for k in keys}


DUE = {"raw": "“十四五”时期", "kind": "period", "date": "2025-12-31"}
HRSS = "市人力资源社会保障局"


def test_each_rule_lights_its_task(runner: CliRunner, dataset: str) -> None:
    rows = {r["task"]: r for r in _json(runner, "status", "--data", dataset, "--as-of", PAST)}
    assert len(rows) == 111
    past = "past due 2025-12-31 by 20 days and not done"
    assert [_short(rows[t]) for t in (1, 2, 3, 6, 7, 8, 9)] == [
        # done: green, though its date has passed
        _row(
            1,
            HRSS,
            "done",
            "green",
            "done (reported 2026-01-12)",
            days=-20,
            reported="2026-01-12",
            period="2025-Q4",
        ),
        # reported in progress, but past due: red
        _row(
            2, HRSS, "in_progress", "red", past, days=-20, reported="2026-01-10", period="2025-Q4"
        ),
        _row(
            3,
            "市教委",
            "in_progress",
            "red",
            past,
            days=-20,
            reported="2025-10-09",
            period="2025-Q3",
        ),
        # cancelled: not judged
        _row(
            6,
            HRSS,
            "cancelled",
            "none",
            "cancelled: not judged",
            days=-20,
            reported="2026-01-10",
            period="2025-Q4",
        ),
        # no report for the last quarter: yellow
        _row(
            7,
            HRSS,
            "in_progress",
            "yellow",
            "no report for the period 2025-10-01 to 2025-12-31",
            days=None,
            reported="2025-10-10",
            period="2025-Q3",
        ),
        # reported in progress last quarter, no deadline: green
        _row(
            8,
            HRSS,
            "in_progress",
            "green",
            "on track as reported 2026-01-15",
            days=None,
            reported="2026-01-15",
            period="2025-Q4",
        ),
        # two leads: the worst-lit decides, the second one here, reporting delayed
        _row(
            9,
            "市市场监管局",
            "delayed",
            "red",
            "reported delayed",
            days=None,
            reported="2026-01-14",
            period="2025-Q4",
        ),
    ]
    assert rows[1]["due"] == DUE and rows[1]["lead"] is True
    assert rows[1]["plan"]["key"] == "hrss-2022-256"
    assert rows[10] == {
        **rows[10],
        **_row(10, "市国资委", None, "none", "no report yet and no deadline", reported=None),
    }


def test_a_past_day_replays_without_the_later_reports(runner: CliRunner, dataset: str) -> None:
    rows = {r["task"]: r for r in _json(runner, "status", "--data", dataset, "--as-of", NEAR)}
    # Due within 30 days and not done: yellow; the Q3 report answers the last quarter.
    assert _short(rows[3]) == _row(
        3,
        "市教委",
        "in_progress",
        "yellow",
        "due 2025-12-31 in 21 days and not done",
        days=21,
        reported="2025-10-09",
        period="2025-Q3",
    )
    # Its Q4 report (done, 2026-01-12) is not made yet: unreported, and due soon.
    assert _short(rows[1]) == _row(
        1,
        HRSS,
        None,
        "yellow",
        "not reported yet; due 2025-12-31 in 21 days",
        days=21,
        reported=None,
        period=None,
    )
    assert (rows[9]["status"], rows[9]["light"]) == ("in_progress", "green")


@pytest.mark.parametrize("body", ["市教委", "浦东新区", "市财政局"])
def test_by_dept_filtered_to_a_body_is_its_rows_of_the_whole(
    runner: CliRunner, dataset: str, body: str
) -> None:
    """Unfiltered, every supporting body has its row on each task it supports, named or
    through 各区, reported or not; filtered to a body, the table is that body's rows of
    the whole. (A body 各相关委办局 may stand for has one once it reports.)"""
    by_dept = ("status", "--data", dataset, "--as-of", PAST, "--by", "dept")
    every = [r for r in _json(runner, *by_dept) if r["body"] == body]
    own = _json(runner, *by_dept, "--dept", body)
    assert len(own) > 5
    assert own == every


def test_by_dept_lights_each_body(runner: CliRunner, dataset: str) -> None:
    rows = _json(runner, "status", "--data", dataset, "--as-of", PAST, "--by", "dept")
    by = {(r["task"], r["body"]): r for r in rows}
    assert [(r["body"], r["lead"], r["status"], r["light"]) for r in rows if r["task"] == 9] == [
        ("市应急局", True, "in_progress", "green"),
        ("市市场监管局", True, "delayed", "red"),
    ]
    # Each supporting body has its own row, after the leads: 各区 supports task 1, so
    # each district, the one that reported (浦东新区) and the fifteen silent ones.
    task1 = [(r["body"], r["lead"]) for r in rows if r["task"] == 1]
    assert task1[:3] == [(HRSS, True), ("浦东新区", False), ("黄浦区", False)]
    assert len(task1) == 17
    assert by[(1, "浦东新区")]["light"] == "red"
    assert (by[(1, "黄浦区")]["light"], by[(1, "黄浦区")]["reason"]) == (
        "red",
        "not reported; past due 2025-12-31 by 20 days",
    )
    # 各区 leads task 97: each district is a lead body.
    districts = [r for r in rows if r["task"] == 97]
    assert len(districts) == 16
    assert by[(97, "浦东新区")]["light"] == "green"
    # A district's own row stands on its own reports: silent, it is not reported, whatever
    # another district did (the 通报's line per body counts it so)...
    assert (by[(97, "黄浦区")]["light"], by[(97, "黄浦区")]["reason"]) == (
        "none",
        "no report yet and no deadline",
    )
    # ...while the task's row, lit by its worst lead, counts its silence as a missing report.
    task = next(
        r for r in _json(runner, "status", "--data", dataset, "--as-of", PAST) if r["task"] == 97
    )
    assert (task["body"], task["status"], task["light"], task["reason"]) == (
        "黄浦区",
        None,
        "yellow",
        "黄浦区: no report for the period 2025-10-01 to 2025-12-31",
    )


def test_csv_and_table(runner: CliRunner, dataset: str) -> None:
    args = ("status", "--data", dataset, "--as-of", PAST, "--section", "一")
    D = "“十四五”时期,2025-12-31,-20"  # noqa: N806
    LATE = "past due 2025-12-31 by 20 days and not done"  # noqa: N806
    SILENT = "not reported; past due 2025-12-31 by 20 days"  # noqa: N806
    assert _run(runner, *args, "-f", "csv").splitlines() == [
        "task,body,lead,status,light,due,due_date,days,reported,period,reason",
        f"1,{HRSS},true,done,green,{D},2026-01-12,2025-Q4,done (reported 2026-01-12)",
        f"2,{HRSS},true,in_progress,red,{D},2026-01-10,2025-Q4,{LATE}",
        f"3,市教委,true,in_progress,red,{D},2025-10-09,2025-Q3,{LATE}",
        f"4,{HRSS},true,,red,{D},,,{SILENT}",
        f"5,{HRSS},true,,red,{D},,,{SILENT}",
        f"6,{HRSS},true,cancelled,none,{D},2026-01-10,2025-Q4,cancelled: not judged",
    ]
    table = _run(runner, *args)
    lines = [line.split() for line in table.splitlines() if line.strip()]
    # Without colour (NO_COLOR), the light's word alone; people read the status's word.
    assert lines[0] == ["No.", "Status", "Light", "Due", "Days", "Last", "reported", "Reason"]
    assert lines[2][:6] == ["1", "done", "green", "“十四五”时期", "(2025-12-31)", "2026-01-12"]
    late = ["2", "in", "progress", "red", "“十四五”时期", "(2025-12-31)", "20", "over"]
    assert lines[3][:8] == late
    assert "●" not in table
    assert lines[-1] == [
        "as",
        "of",
        "2026-01-20:",
        "6",
        "rows;",
        "green",
        "1,",
        "red",
        "4,",
        "none",
        "1",
    ]


def test_a_colour_terminal_shows_a_dot_before_the_word() -> None:
    day = datetime.date(2026, 1, 20)
    rows = standings(
        Library([CATALOG]), [(CATALOG, [CATALOG.tasks[1]])], Book(None, Settings(), False), day
    )
    doc = status_view(rows, day, across=False, by_body=False)
    console = Console(width=160, record=True, color_system="truecolor", force_terminal=True)
    console.print(render(doc, Format.TABLE, Options(plain=False)))
    assert "● none" in console.export_text()


def test_without_a_ledger_every_light_is_none(runner: CliRunner) -> None:
    rows = _json(runner, "status", "--as-of", PAST)
    assert {r["light"] for r in rows} == {"none"}
    assert {r["reason"] for r in rows} == {"no ledger: nothing reported"}
    assert rows[0]["days"] == -20 and rows[0]["status"] is None
    # Deadlines are known without one: the ten tasks are overdue, under their lead.
    late = _json(runner, "overdue", "--as-of", PAST)
    assert [(r["body"], r["task"]) for r in late] == [
        (HRSS, t) for t in (1, 2, 4, 5, 6, 27, 47, 73, 78)
    ] + [("市教委", 3)]


def test_a_library_names_tasks_key_id(runner: CliRunner) -> None:
    rows = _json(runner, "status", "--data", str(LIBRARY), "--as-of", "2026-04-10")
    assert [(r["task"], r["plan"]["key"], r["body"], r["status"], r["light"]) for r in rows] == [
        ("minhang:1", "minhang", "闵行区:区发改委", "done", "green"),
        ("pudong:1", "pudong", "浦东新区:区人社局", "in_progress", "green"),
        ("pudong:2", "pudong", "浦东新区:区发改委", None, "none"),
    ]
    one = _json(
        runner, "status", "--data", str(LIBRARY), "--as-of", "2026-04-10", "--plan", "pudong"
    )
    assert [r["task"] for r in one] == ["pudong:1", "pudong:2"]


@pytest.mark.parametrize(
    ("window", "day", "tasks"),
    [
        ("21d", NEAR, 10),  # due in exactly 21 days: in
        ("20d", NEAR, 0),  # one day short
        ("3w", NEAR, 10),
        ("21", NEAR, 10),
        ("0d", "2025-12-31", 10),  # due today: due, not yet late; no Q4 report made yet
        ("30d", "2026-01-01", 0),  # past: no longer due, overdue
    ],
)
def test_due_within_its_window(
    runner: CliRunner, dataset: str, window: str, day: str, tasks: int
) -> None:
    rows = _json(runner, "due", "--data", dataset, "--within", window, "--as-of", day)
    assert len({r["task"] for r in rows}) == tasks
    assert all(r["days"] >= 0 for r in rows)


def test_due_defaults_to_the_lights_window(runner: CliRunner, dataset: str, tmp_path: Path) -> None:
    assert len(_json(runner, "due", "--data", dataset, "--as-of", "2025-12-01")) == 10  # 30 days
    (tmp_path / "lights.yaml").write_text("yellow_within_days: 14\n", encoding="utf-8")
    assert _json(runner, "due", "--data", dataset, "--as-of", "2025-12-01") == []


def test_overdue_at_its_boundary(runner: CliRunner, dataset: str) -> None:
    assert _json(runner, "overdue", "--data", dataset, "--as-of", "2025-12-31") == []
    late = _json(runner, "overdue", "--data", dataset, "--as-of", "2026-01-01")
    # Task 1 is reported done (2026-01-12) only later, task 6 cancelled only later.
    assert [(r["body"], r["task"], r["days"]) for r in late] == [
        *((HRSS, t, -1) for t in (1, 2, 4, 5, 6, 27, 47, 73, 78)),
        ("市教委", 3, -1),
    ]
    later = _json(runner, "overdue", "--data", dataset, "--as-of", PAST)
    assert [(r["body"], r["task"], r["days"], r["status"]) for r in later] == [
        (HRSS, 2, -20, "in_progress"),
        (HRSS, 4, -20, None),
        (HRSS, 5, -20, None),
        (HRSS, 27, -20, None),
        (HRSS, 47, -20, None),
        (HRSS, 73, -20, None),
        (HRSS, 78, -20, None),
        ("市教委", 3, -20, "in_progress"),
    ]
    markdown = _run(runner, "overdue", "--data", dataset, "--as-of", PAST, "-f", "markdown")
    assert markdown.index(f"## {HRSS}") < markdown.index("## 市教委")
    assert markdown.rstrip().endswith("*as of 2026-01-20: 8 tasks of 2 bodies*")


def test_nothing_due_or_overdue_is_said_so(runner: CliRunner, dataset: str) -> None:
    late = _run(runner, "overdue", "--data", dataset, "--as-of", "2025-01-01", "-f", "markdown")
    assert late.endswith("*as of 2025-01-01: nothing is overdue*\n")
    due = _run(runner, "due", "--data", dataset, "--as-of", "2025-01-01", "--within", "1d")
    assert due.endswith("\nas of 2025-01-01: nothing falls due within 1 day\n")
    assert _json(runner, "due", "--data", dataset, "--as-of", "2025-01-01") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--as-of", "2026-13-01"], "error: --as-of 2026-13-01 is not a date"),
        (["due", "--within", "3m"], "error: --within 3m is not a number of days or weeks"),
    ],
)
def test_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message
    assert "Traceback" not in result.output


def test_by_dept_with_a_department_filter_shows_that_body_alone(
    runner: CliRunner, dataset: str
) -> None:
    def csv_rows(*args: str) -> list[str]:
        return _run(
            runner, "status", "--data", dataset, "--as-of", PAST, "--by", "dept", *args, "-f", "csv"
        ).splitlines()[1:]

    # 浦东新区 leads 97 and 106 through 各区, and 111 through 各区 too: its rows alone, not
    # the fifteen other districts' (sixteen rows on each of those tasks without a filter).
    assert csv_rows("--lead", "浦东新区") == [
        "97,浦东新区,true,in_progress,green,,,,2026-01-05,2025-Q4,"
        "on track as reported 2026-01-05,leads (through 各区)",
        "106,浦东新区,true,,none,,,,,,no report yet and no deadline,leads (through 各区)",
        "111,浦东新区,true,,none,,,,,,no report yet and no deadline,leads (through 各区)",
    ]
    assert len([r for r in csv_rows() if r.startswith("97,")]) == 16
    # A body it supports a task with has its row there, reported or not (task 1: it did).
    supported = csv_rows("--support", "浦东新区")
    assert {r.split(",")[1] for r in supported} == {"浦东新区"}
    assert supported[:2] == [
        "1,浦东新区,false,ongoing,red,“十四五”时期,2025-12-31,-20,2026-01-06,2025-Q4,"
        "past due 2025-12-31 by 20 days and not done,supports (through 各区)",
        "2,浦东新区,false,,red,“十四五”时期,2025-12-31,-20,,,"
        "not reported; past due 2025-12-31 by 20 days,supports (through 各区)",
    ]
    # A group named stands for its members; --dept for a body's every task, one row each.
    districts = set(CATALOG.departments["各区"].members or ())
    assert {r.split(",")[1] for r in csv_rows("--lead", "各区")} == districts
    own = csv_rows("--dept", "市应急局")
    # It leads 9; through 各相关委办局 it may support 2, 6, 26 and 81, and lead 96 and 111:
    # silent there, it is not known to be concerned, and has no row (as unfiltered).
    assert [r.split(",")[:5] for r in own] == [["9", "市应急局", "true", "in_progress", "green"]]


def test_overdue_of_a_supporting_body_lists_the_tasks_under_their_leads(
    runner: CliRunner, dataset: str
) -> None:
    # 市教委 supports tasks 2 and 73 (led by 市人力资源社会保障局), both late; it leads
    # task 3, late too. A supporting body asking what of its own is late is shown each.
    later = _json(runner, "overdue", "--data", dataset, "--as-of", PAST, "--support", "市教委")
    assert [(r["body"], r["task"]) for r in later] == [(HRSS, 2), (HRSS, 73)]
    mine = _json(runner, "overdue", "--data", dataset, "--as-of", PAST, "--dept", "市教委")
    assert [(r["body"], r["task"]) for r in mine] == [(HRSS, 2), (HRSS, 73), ("市教委", 3)]
    due = _json(runner, "due", "--data", dataset, "--as-of", "2025-12-01", "--support", "市教委")
    # Task 6 too, which 市教委 may support through 各相关委办局 (cancelled by PAST).
    assert [(r["body"], r["task"]) for r in due] == [(HRSS, 2), (HRSS, 6), (HRSS, 73)]


def test_light_keeps_the_rows_lit_so(runner: CliRunner, dataset: str, tmp_path: Path) -> None:
    every = _json(runner, "status", "--data", dataset, "--as-of", PAST)
    red = _json(runner, "status", "--data", dataset, "--as-of", PAST, "--light", "red")
    assert red == [r for r in every if r["light"] == "red"] and red
    both = _json(
        runner, "status", "--data", dataset, "--as-of", PAST, "--light", "RED", "--light", "yellow"
    )
    assert both == [r for r in every if r["light"] in ("red", "yellow")]
    bodies = _json(
        runner, "status", "--data", dataset, "--as-of", PAST, "--by", "dept", "--light", "none"
    )
    assert bodies and {r["light"] for r in bodies} == {"none"}
    assert _json(runner, "status", "--data", dataset, "--as-of", PAST, "--light", "blue") == []
    none = runner.invoke(app, ["status", "--data", dataset, "--as-of", PAST, "--light", "blue"])
    assert none.stdout.splitlines()[-1] == f"as of {PAST}: no row matches the filters"
    sheet = tmp_path / "red.xlsx"
    result = runner.invoke(
        app,
        ["status", "--data", dataset, "--as-of", PAST, "--light", "red", "-o", str(sheet)],
    )  # in an English terminal too: the sheet is Chinese
    assert result.exit_code == 0, result.stderr
    assert load_workbook(sheet).sheetnames == ["台账（红灯）"]
