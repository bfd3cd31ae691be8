"""``report summary``: the 通报 numbers of a period over the demonstration 台账 at fixed days."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

PLAN = str(ROOT / "examples" / "tasks.yaml")
BUCKETS = ("tasks", "done", "on_track", "yellow", "red", "not_reported", "cancelled")


def _lines(runner: CliRunner, *args: str) -> dict[tuple[str, str], tuple[int, ...]]:
    result = runner.invoke(app, ["--data", PLAN, "report", "summary", *args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return {
        (o["scope"], o["name"]): tuple(o[b] for b in BUCKETS) for o in json.loads(result.stdout)
    }


@pytest.mark.parametrize(
    ("as_of", "whole", "hrss", "goals"),
    [
        # On the last day of 2025, ten tasks fall due: task 3, reported, is yellow; task 27
        # was reported delayed; the eight no one has reported on are not reported.
        ("2025-12-31", (111, 0, 0, 1, 1, 109, 0), (93, 0, 0, 0, 1, 92, 0), (6, 0, 0, 1, 0, 5, 0)),
        # Three weeks on, the year-end deadlines have passed: red are the reported ones
        # not done (1, 2, 3, 27); those still unreported stay not reported, counted once.
        ("2026-01-20", (111, 0, 0, 0, 4, 107, 0), (93, 0, 0, 0, 3, 90, 0), (6, 0, 0, 0, 3, 3, 0)),
        # After the first quarter's reports: two tasks done.
        ("2026-04-30", (111, 2, 0, 0, 2, 107, 0), (93, 1, 0, 0, 2, 90, 0), (6, 2, 0, 0, 1, 3, 0)),
    ],
)
def test_exact_numbers_at_fixed_days(
    runner: CliRunner,
    as_of: str,
    whole: tuple[int, ...],
    hrss: tuple[int, ...],
    goals: tuple[int, ...],
) -> None:
    lines = _lines(runner, "--period", "2026-Q1", "--as-of", as_of)
    assert lines[("all", "")] == whole
    assert lines[("body", "市人力资源社会保障局")] == hrss
    assert lines[("section", "一、目标任务")] == goals
    # Each task falls in one bucket, and the sections share the tasks out.
    for counts in lines.values():
        assert counts[0] == sum(counts[1:])
    sections = [c for (scope, _n), c in lines.items() if scope == "section"]
    assert len(sections) == 9
    assert sum(c[0] for c in sections) == 111


def test_a_period_counts_its_reports_sent_in_after_it_closed(runner: CliRunner) -> None:
    # The 2026-Q1 reports of the demonstration 台账 were sent in on 2026-04-10 to -16: the
    # period's 通报 counts them (two tasks done), as status does once they are in, and
    # not as status on the period's last day, when none had been sent.
    default = _lines(runner, "--period", "2026-Q1")
    assert default[("all", "")] == (111, 2, 0, 0, 2, 107, 0)
    assert default == _lines(runner, "--period", "2026-Q1", "--as-of", "2026-04-30")
    on_the_day = _lines(runner, "--period", "2026-Q1", "--as-of", "2026-03-31")
    assert on_the_day[("all", "")] == (111, 0, 0, 0, 4, 107, 0)


def _ledger(tmp_path: Path, *periods: tuple[str, str]) -> str:
    plan = tmp_path / "tasks.yaml"
    plan.write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    (tmp_path / "progress").mkdir()
    for name, text in periods:
        (tmp_path / "progress" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return str(plan)


REPORT = """period: {period}
entries:
- task: 22
  body: 市教委
  status: in_progress
  progress: 已启动
  reported: {reported}
"""


@pytest.mark.parametrize("grace", [None, 20])
def test_a_body_silent_for_the_period_is_yellow_in_its_summary(
    runner: CliRunner, tmp_path: Path, grace: int | None
) -> None:
    plan = _ledger(tmp_path, ("2025-Q4", REPORT.format(period="2025-Q4", reported="2026-01-10")))
    if grace is not None:
        # Grace days wait for reports still coming in; a period's 通报 has them all.
        (tmp_path / "lights.yaml").write_text(f"report_grace_days: {grace}\n", encoding="utf-8")

    def line(*args: str) -> tuple[int, ...]:
        result = runner.invoke(app, ["--data", plan, "report", "summary", *args, "-f", "json"])
        assert result.exit_code == 0, result.stderr
        found = [o for o in json.loads(result.stdout) if o["name"] == "市教委"]
        return tuple(found[0][b] for b in BUCKETS)

    # 市教委 leads eleven tasks; task 22 (no deadline) is its only report: on track for the
    # period it answers, yellow for the next, in which it said nothing. The other ten it
    # never reported on are not reported, task 3 too, due on 2025-12-31.
    assert line("--period", "2025-Q4") == (11, 0, 1, 0, 0, 10, 0)
    assert line("--period", "2026-Q1") == (11, 0, 0, 1, 0, 10, 0)


def test_csv_and_table(runner: CliRunner) -> None:
    args = ["--data", PLAN, "report", "summary", "--period", "2026-Q1", "--as-of", "2026-04-30"]
    result = runner.invoke(app, [*args, "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0] == {
        "period": "2026-Q1",
        "as_of": "2026-04-30",
        "scope": "all",
        "plan": "",
        "name": "",
        "tasks": "111",
        "done": "2",
        "on_track": "0",
        "yellow": "0",
        "red": "2",
        "not_reported": "107",
        "cancelled": "0",
    }
    assert [r["name"] for r in rows if r["scope"] == "body"][:2] == [
        "市人力资源社会保障局",
        "市教委",
    ]
    table = runner.invoke(app, args)
    assert table.exit_code == 0
    said = "2026-Q1 as of 2026-04-30; reports made by then: 111 tasks, 2 done, 2 red"
    assert said in table.stdout
    assert "By lead body" in table.stdout and "By section" in table.stdout


PLAN_NAMED = "《落实国家“十四五”职业技能培训规划的实施方案》分工表（沪人社职〔2022〕256号）"


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_files(runner: CliRunner, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"summary{suffix}"
    args = ["--data", PLAN, "report", "summary", "--period", "2026-Q1", "--as-of", "2026-04-30"]
    result = runner.invoke(app, [*args, "-o", str(target)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"wrote {target}\n"
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(target).active
        assert sheet is not None
        assert sheet["A1"].value == (
            "2026年第一季度工作任务推进情况通报（截至2026-04-30；按当日已有的报送）"
        )
        # Which plan it counts, under the title: a 通报 passed on says so.
        assert sheet["A2"].value == PLAN_NAMED
        assert [c.value for c in sheet[4]] == ["合计", "全部任务", 111, 2, 0, 0, 2, 107, 0]
        # 45 lines: three pages at 100 %, the last holding a few; fitted to two instead.
        assert sheet.max_row == 48
        fitted = sheet.sheet_properties.pageSetUpPr
        assert fitted is not None and fitted.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 2)
    else:
        import docx

        word = docx.Document(str(target))
        assert [p.text for p in word.paragraphs][2] == PLAN_NAMED
        grid = word.tables[0]
        assert [c.text for c in grid.rows[1].cells] == [
            "合计",
            "全部任务",
            "111",
            "2",
            "0",
            "0",
            "2",
            "107",
            "0",
        ]
    again = runner.invoke(app, [*args, "-o", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert runner.invoke(app, [*args, "-o", str(target), "--force"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--period", "2026Q5"], "is not a reporting period"),
        (["--period", "2026-Q1", "--as-of", "soon"], "--as-of soon is not a date"),
        (["--period", "2026-Q1", "-o", "summary.pdf"], "written as .xlsx or .docx"),
    ],
)
def test_usage_errors(runner: CliRunner, args: list[str], said: str) -> None:
    result = runner.invoke(app, ["--data", PLAN, "report", "summary", *args])
    assert result.exit_code == 2
    assert said in result.stderr
    assert "Traceback" not in result.stderr


def test_without_a_ledger_nothing_is_lit(runner: CliRunner) -> None:
    # The bundled plan has no progress/ folder: no task is lit, none is reported.
    result = runner.invoke(app, ["report", "summary", "--period", "2026-Q1", "-f", "json"])
    whole = json.loads(result.stdout)[0]
    assert [whole[b] for b in BUCKETS] == [111, 0, 0, 0, 0, 111, 0]


def test_a_period_still_running_is_taken_today(runner: CliRunner) -> None:
    import datetime

    today = datetime.date.today()
    running = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    result = runner.invoke(
        app, ["--data", PLAN, "report", "summary", "--period", running, "-f", "json"]
    )
    assert result.exit_code == 0
    assert {o["as_of"] for o in json.loads(result.stdout)} == {today.isoformat()}
    # A period not yet begun has no reports to count: said, not a 通报 of nothing.
    ahead = runner.invoke(app, ["--data", PLAN, "report", "summary", "--period", "2099-Q1"])
    assert (ahead.exit_code, ahead.stderr) == (
        2,
        f"error: 2099-Q1 has not begun: today is {today.isoformat()}\n"
        "  hint: count a period that has begun, or give --as-of DATE\n",
    )


CO_LEAD = """period: 2026-Q1
entries:
- task: 44
  body: 市教委
  status: in_progress
  reported: 2026-04-10
"""


def test_a_body_that_sent_nothing_is_not_reported_whatever_its_co_leads_did(
    runner: CliRunner, tmp_path: Path
) -> None:
    # Task 44 is led by 市人力资源社会保障局, 市民政局, 市教委 and 市商务委; only 市教委
    # reported. Task 9 is led by 市应急局 and 市市场监管局; neither did.
    plan = _ledger(tmp_path, ("2026-Q1", CO_LEAD))
    lines = _lines_of(runner, plan, "--period", "2026-Q1")
    assert lines[("body", "市民政局")] == (1, 0, 0, 0, 0, 1, 0)
    assert lines[("body", "市应急局")] == (1, 0, 0, 0, 0, 1, 0)
    assert lines[("body", "市教委")][:3] == (11, 0, 1)
    # The task itself waits on its silent leads: yellow, as status lights it.
    task = json.loads(
        runner.invoke(app, ["--data", plan, "status", "--as-of", "2026-04-20", "-f", "json"]).stdout
    )[43]
    assert (task["task"], task["light"], task["reason"]) == (
        44,
        "yellow",
        "市人力资源社会保障局: no report for the period 2026-01-01 to 2026-03-31",
    )
    # status --by dept: each body by its own reports.
    args = ["--data", plan, "status", "--by", "dept", "--as-of", "2026-04-20", "-f", "csv"]
    rows = runner.invoke(app, args).stdout.splitlines()
    assert [r for r in rows if r.startswith("44,")] == [
        "44,市人力资源社会保障局,true,,none,,,,,,no report yet and no deadline,leads",
        "44,市民政局,true,,none,,,,,,no report yet and no deadline,leads",
        "44,市教委,true,in_progress,green,,,,2026-04-10,2026-Q1,"
        "on track as reported 2026-04-10,leads",
        "44,市商务委,true,,none,,,,,,no report yet and no deadline,leads",
    ]


def _lines_of(runner: CliRunner, plan: str, *args: str) -> dict[tuple[str, str], tuple[int, ...]]:
    result = runner.invoke(app, ["--data", plan, "report", "summary", *args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return {
        (o["scope"], o["name"]): tuple(o[b] for b in BUCKETS) for o in json.loads(result.stdout)
    }


@pytest.mark.parametrize(
    ("language", "own", "on_the_day"),
    [
        (
            "en",
            "*2026-Q1 as of 2026-03-31; reports of the period and before received by "
            "2026-04-20: 111 tasks, 1 done, 0 red*",
            "*2026-Q1 as of 2026-03-31; reports made by then: 111 tasks, 0 done, 0 red*",
        ),
        (
            "zh",
            "*2026-Q1，截至 2026-03-31；计入截至 2026-04-20 收到的本期及以前各期报送："
            "111 项任务，已完成 1，红灯 0*",
            "*2026-Q1，截至 2026-03-31；按当日已有的报送：111 项任务，已完成 0，红灯 0*",
        ),
    ],
)
def test_two_summaries_of_one_date_say_which_reports_they_count(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    own: str,
    on_the_day: str,
) -> None:
    import datetime

    from fenggong.cli import days as ledger_options

    monkeypatch.setattr(ledger_options, "today", lambda: datetime.date(2026, 4, 20))
    monkeypatch.setenv("FENGGONG_LANG", language)
    # Task 3 (due 2025-12-31) reported done on 2026-04-10: counted by the period's own
    # 通报, not on its last day, when the report had not been made.
    done = REPORT.replace("in_progress", "done").replace("task: 22", "task: 3")
    plan = _ledger(tmp_path, ("2026-Q1", done.format(period="2026-Q1", reported="2026-04-10")))
    args = ["--data", plan, "report", "summary", "--period", "2026-Q1"]
    for extra, caption in (([], own), (["--as-of", "2026-03-31"], on_the_day)):
        markdown = runner.invoke(app, [*args, *extra, "-f", "markdown"]).stdout
        assert markdown.rstrip().splitlines()[-1] == caption
        table = runner.invoke(app, [*args, *extra], env={"COLUMNS": "400"}).stdout
        assert table.rstrip().splitlines()[-1] == caption.strip("*")


@pytest.mark.parametrize(
    ("extra", "title"),
    [
        ([], "（截至2026-03-31；计入截至2026-04-20收到的本期及以前各期报送）"),
        (["--as-of", "2026-03-31"], "（截至2026-03-31；按当日已有的报送）"),
    ],
)
def test_the_files_say_which_reports_they_count(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    title: str,
) -> None:
    import datetime

    import docx
    from openpyxl import load_workbook

    from fenggong.cli import days as ledger_options

    monkeypatch.setattr(ledger_options, "today", lambda: datetime.date(2026, 4, 20))
    plan = _ledger(tmp_path, ("2026-Q1", REPORT.format(period="2026-Q1", reported="2026-04-10")))
    args = ["--data", plan, "report", "summary", "--period", "2026-Q1", *extra]
    for name in ("t.xlsx", "t.docx"):
        assert runner.invoke(app, [*args, "-o", str(tmp_path / name)]).exit_code == 0
    expected = "2026年第一季度工作任务推进情况通报" + title
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None and sheet["A1"].value == expected
    # The docx sets the date apart, under the title: a subtitle, as 通报 print it.
    heading, date = docx.Document(str(tmp_path / "t.docx")).paragraphs[:2]
    assert (heading.text, date.text) == ("2026年第一季度工作任务推进情况通报", title)


def test_a_summary_of_a_plan_without_a_ledger_says_so(runner: CliRunner, tmp_path: Path) -> None:
    plan = tmp_path / "tasks.yaml"
    shutil.copy(ROOT / "data" / "tasks.yaml", plan)
    result = runner.invoke(
        app, ["--data", str(plan), "report", "summary", "--period", "2026-Q1", "-f", "json"]
    )
    assert result.exit_code == 0
    assert result.stderr == (
        f"no 台账 beside {plan} ({tmp_path / 'progress'} holds no period file): every task "
        "counts as not reported; collect forms with fenggong report collect, or name another "
        "plan with --data PATH\n"
    )


def test_a_body_reporting_on_a_task_of_a_group_naming_no_members_gets_no_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Task 96 is led by 各相关委办局 (naming no members): 市财政局's report on it counts in
    all and in its section, and gives 市财政局, which is named to lead nothing, no line."""
    report = (
        "period: 2026-Q1\nentries:\n"
        "- {task: 96, body: 市财政局, status: done, reported: 2026-03-20}\n"
    )
    plan = _ledger(tmp_path, ("2026-Q1", report))
    lines = _lines_of(runner, plan, "--period", "2026-Q1")
    assert not [key for key in lines if key[1] == "市财政局"]
    assert lines[("all", "")][:2] == (111, 1)
