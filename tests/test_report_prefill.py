"""A form's rows sent back exactly as they were pre-filled are last period's answers, not
this period's reports: collect leaves them out and says so; an empty 填报日期 is said too."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli import days as ledger_options
from tests.test_report_forms import collect, fill, plan, rows

__all__ = ["plan"]  # the fixture, used by name


def _form(runner: CliRunner, plan: Path, period: str, out: Path) -> Path:
    result = runner.invoke(
        app,
        [
            "--data",
            str(plan),
            "report",
            "sheet",
            "--period",
            period,
            "--dept",
            "市教委",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    return out


def test_rows_sent_back_as_prefilled_are_not_reports(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    first = _form(runner, plan, "2026-Q1", tmp_path / "q1.xlsx")
    at = {str(k): v for k, v in rows(first).items()}
    fill(first, {"D2": "2026-04-10", f"G{at['3']}": "推进中", f"H{at['3']}": "已启动",
                 f"G{at['22']}": "推进中", f"H{at['22']}": "已起草"})  # fmt: skip
    assert collect(runner, plan, first)[0] == 0
    second = _form(runner, plan, "2026-Q2", tmp_path / "q2.xlsx")
    at = {str(k): v for k, v in rows(second).items()}
    # Task 3 answered again; task 22 left as it came, last quarter's answer.
    fill(second, {f"H{at['3']}": "方案已印发"})
    code, said = collect(runner, plan, second)
    today = "2026-04-20"  # tests.test_report_forms.COLLECT_DAY, in 2026-Q2
    assert code == 0
    assert said.splitlines() == [
        f"{second}: 填报日期 is empty; its reports are dated today, {today}",
        f"{second}: 1 row came back as it was pre-filled, last period's answers, and "
        "is not taken as a report of 2026-Q2 (task 22); a body that means it again "
        "writes this period's 进展情况",
        f"collected 1 form (市教委) into {plan.parent}/progress/2026-Q2.yaml: "
        "1 new report, 0 replaced",
    ]
    written = (plan.parent / "progress" / "2026-Q2.yaml").read_text(encoding="utf-8")
    assert "- task: 3\n" in written and "- task: 22\n" not in written


def test_a_form_without_a_date_collected_again_later_changes_nothing(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = _form(runner, plan, "2026-Q1", tmp_path / "q1.xlsx")
    at = {str(k): v for k, v in rows(form).items()}
    fill(form, {f"G{at['3']}": "已完成", f"G{at['22']}": "滞后", f"I{at['22']}": "经费未落实"})
    written = plan.parent / "progress" / "2026-Q1.yaml"
    monkeypatch.setattr(ledger_options, "today", lambda: datetime.date(2026, 4, 10))
    assert collect(runner, plan, form) == (
        0,
        f"{form}: 填报日期 is empty; its reports are dated today, 2026-04-10\n"
        f"collected 1 form (市教委) into {written}: 2 new reports, 0 replaced\n",
    )
    first = written.read_bytes()
    assert first.count(b"  reported: 2026-04-10\n") == 2
    # A week later the same form is dated another today, and says the same: no conflict.
    monkeypatch.setattr(ledger_options, "today", lambda: datetime.date(2026, 4, 17))
    assert collect(runner, plan, form) == (
        0,
        f"{form}: 填报日期 is empty; its reports are dated today, 2026-04-17\n"
        f"nothing new in 1 form: {written} is unchanged\n",
    )
    assert written.read_bytes() == first
