"""Tasks of a group naming no members (各相关委办局, 相关区): on the forms of the bodies it
may stand for, collected from them, and counted under the bodies that reported on them.

Task 96 is led by 各相关委办局 alone, task 111 by 各相关委办局 and 各区; neither has a
deadline. Without the forms, no office could report on them, and the 通报 had a line for
各相关委办局 that no office could ever clear.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli import days as ledger_options
from tests.test_report_forms import collect, fill, plan, rows, sheet

__all__ = ["plan"]  # the fixture, shared with the form tests

POSSIBLE = "可能涉及（经由“各相关委办局”）"
Q1 = "no report for the period 2026-01-01 to 2026-03-31"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger_options, "today", lambda: datetime.date(2026, 4, 20))


def _json(runner: CliRunner, plan: Path, *args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["--data", str(plan), *args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def _status(runner: CliRunner, plan: Path, task: int) -> tuple[str, str | None, str, str]:
    row = next(r for r in _json(runner, plan, "status") if r["task"] == task)
    return (row["body"], row["status"], row["light"], row["reason"])


def _lines(runner: CliRunner, plan: Path) -> dict[tuple[str, str], dict[str, Any]]:
    found = _json(runner, plan, "report", "summary", "--period", "2026-Q1")
    return {(o["scope"], o["name"]): o for o in found}


def _answer(runner: CliRunner, plan: Path, tmp_path: Path, body: str, tasks: list[int]) -> None:
    """``body``'s form for 2026-Q1, 推进中 on ``tasks`` and the rest left empty, collected."""
    form = sheet(runner, plan, body, tmp_path / f"{body}.xlsx")
    at = rows(form)
    fill(form, {"D2": "2026-04-15"} | {f"G{at[t]}": "推进中" for t in tasks})
    assert collect(runner, plan, form)[0] == 0


def test_the_form_has_the_tasks_it_may_be_concerned_in(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["--data", str(plan), "report", "sheet", "--period", "2026-Q1", "--dept", "市教委"]
    )
    # 25 tasks it leads or supports, and 6, 26, 96 and 111 through 各相关委办局.
    assert result.stderr == "wrote 市教委-2026-Q1.xlsx (29 tasks)\n"
    form = tmp_path / "市教委-2026-Q1.xlsx"
    at = rows(form)
    view = load_workbook(form)["进展填报"]
    duties = {task: view.cell(row, 5).value for task, row in at.items()}
    assert {t: d for t, d in duties.items() if str(d).startswith("可能涉及")} == {
        6: POSSIBLE,
        26: POSSIBLE,
        96: POSSIBLE,
        111: POSSIBLE,
    }
    assert (duties[2], duties[3]) == ("配合", "牵头")
    # A district: what 相关区 and 有关区 may mean it for (task 111 is its own through 各区).
    districts = rows(sheet(runner, plan, "浦东新区", tmp_path / "pd.xlsx"))
    view = load_workbook(tmp_path / "pd.xlsx")["进展填报"]
    assert [view.cell(districts[t], 5).value for t in (66, 110, 111)] == [
        "可能涉及（经由“相关区”）",
        "可能涉及（经由“有关区”）",
        "牵头（经由“各区”）",
    ]


def test_an_empty_row_is_no_report_and_an_answer_is_collected(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    _answer(runner, plan, tmp_path, "市教委", [96])
    ledger = (plan.parent / "progress" / "2026-Q1.yaml").read_text(encoding="utf-8")
    assert ledger.endswith(
        "entries:\n- task: 96\n  body: 市教委\n  status: in_progress\n  reported: 2026-04-15\n"
    )
    result = runner.invoke(app, ["--data", str(plan), "validate"])
    assert result.exit_code == 0, result.stdout
    # The group's task is the reporting body's now: lit by its report, its line in the 通报.
    assert _status(runner, plan, 96) == (
        "市教委",
        "in_progress",
        "green",
        "on track as reported 2026-04-15",
    )
    # 111, left empty, is still no one's report.
    assert _status(runner, plan, 111) == (
        "各相关委办局",
        None,
        "none",
        "no report yet and no deadline",
    )


def test_the_summary_has_no_line_for_the_group(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    _answer(runner, plan, tmp_path, "浦东新区", [111])
    lines = _lines(runner, plan)
    assert ("body", "各相关委办局") not in lines
    # The district reported on 111; the group, which no municipal body has answered for
    # yet, leaves it yellow: a silent lead where another reported.
    assert _status(runner, plan, 111) == ("各相关委办局", None, "yellow", f"各相关委办局: {Q1}")
    assert (lines[("body", "浦东新区")]["tasks"], lines[("body", "浦东新区")]["on_track"]) == (3, 1)
    # A body it may stand for answers on its own form, and the task stands on both reports.
    _answer(runner, plan, tmp_path, "市民政局", [96, 111])
    assert _status(runner, plan, 111)[:3] == ("黄浦区", None, "yellow")
    lines = _lines(runner, plan)
    assert ("body", "各相关委办局") not in lines
    # Its line counts the task it is named to lead (44), not 96 and 111, which it answers
    # for the group: a line that came and went with its reports.
    civil = lines[("body", "市民政局")]
    assert [civil[k] for k in ("tasks", "on_track", "not_reported")] == [1, 0, 1]  # 44


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "en",
            [
                "error: 各相关委办局 is a group (统称), not a body that fills in a form",
                "  hint: the bodies it may stand for report on their own forms, where its tasks "
                f"are marked {POSSIBLE}: --dept 市人力资源社会保障局, or --each-dept",
            ],
        ),
        (
            "zh",
            [
                "错误：各相关委办局 是统称，不是填写填报表的单位",
                f"  提示：它可能指代的单位用各自的填报表报送，其任务在表中标为{POSSIBLE}："
                "--dept 市人力资源社会保障局，或 --each-dept",
            ],
        ),
    ],
)
def test_the_group_is_refused_with_a_true_hint(
    runner: CliRunner,
    plan: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    said: list[str],
) -> None:
    monkeypatch.setenv("FENGGONG_LANG", language)
    result = runner.invoke(
        app,
        ["--data", str(plan), "report", "sheet", "--period", "2026-Q1", "--dept", "各相关委办局"],
    )
    assert (result.exit_code, result.stderr.splitlines()) == (2, said)
