"""report collect refuses: every bad cell located, another plan version, conflicts; the
ledger left byte for byte."""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli import days as ledger_options
from tests.test_report_forms import collect, fill, ledger, plan, rows, sheet

__all__ = ["plan"]  # the fixture, shared

EXISTING = (
    "# kept\nperiod: 2026-Q1\nentries:\n  - {task: 1, body: 市人力资源社会保障局, status: done}\n"
)


@pytest.fixture
def form(runner: CliRunner, plan: Path, tmp_path: Path) -> Path:
    """市教委's form, with a ledger file already there."""
    (plan.parent / "progress").mkdir()
    (plan.parent / "progress" / "2026-Q1.yaml").write_text(EXISTING, encoding="utf-8")
    return sheet(runner, plan, "市教委", tmp_path / "sjw.xlsx")


def _hidden(form: Path) -> None:
    book = load_workbook(form)
    del book["_fenggong"]
    book.save(form)


def _added_row(form: Path) -> None:
    book = load_workbook(form)
    sheet = book["进展填报"]
    sheet.cell(sheet.max_row + 1, 2, "我们还做了这个")
    book.save(form)


BAD: dict[str, tuple[dict[str, Any], str]] = {
    "unknown status": (
        {"G4": "差不多"},
        "sjw.xlsx!进展填报!G4: error form form-status: 进展状态 '差不多' is not a status",
    ),
    "a 完成值 not a number": (
        {"G4": "推进中", "K4": "约8所"},
        "sjw.xlsx!进展填报!K4: error form form-number: 完成值 '约8所' is not a number",
    ),
    "a 完成值 where there is no target": (
        {"G5": "推进中", "K5": 3},
        "sjw.xlsx!进展填报!K5: error form form-locked",
    ),
    "a locked cell changed": (
        {"B4": "改过的任务"},
        "sjw.xlsx!进展填报!B4: error form form-locked: "
        "a cell the body does not fill was changed: '改过的任务'",
    ),
    "answers without a status": (
        {"H4": "进展顺利"},
        "sjw.xlsx!进展填报!G4: error form form-status: the row has answers but no 进展状态",
    ),
    "a date that is none": (
        {"G4": "推进中", "D2": "下周"},
        "sjw.xlsx!进展填报!D2: error form form-date",
    ),
    "a header renamed": ({"H3": "情况"}, "sjw.xlsx!进展填报!H3: error form form-locked"),
    "cells right of the form": (
        {"N20": "补充说明", "M6": "另附材料"},  # located at the first, by row
        "sjw.xlsx!进展填报!M6: error form form-row: cells were written right of the form's "
        "last column",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_cell_writes_nothing(runner: CliRunner, plan: Path, form: Path, case: str) -> None:
    cells, said = BAD[case]
    fill(form, {"G6": "推进中", **cells})  # a good row beside it is not taken either
    code, stderr = collect(runner, plan, form)
    assert code == 1
    assert said in stderr.replace(str(form.parent) + "/", "")
    assert stderr.endswith("nothing was written, listed above\n")
    assert ledger(plan) == EXISTING


def test_a_task_number_typed_as_true(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    """Task 1's 序号 typed over with TRUE, which equals 1 in Python, and reads otherwise."""
    hrss = sheet(runner, plan, "市人力资源社会保障局", tmp_path / "hrss.xlsx")
    assert load_workbook(hrss)["进展填报"]["A4"].value == 1
    fill(hrss, {"A4": True, "G4": "推进中"})
    code, stderr = collect(runner, plan, hrss)
    assert code == 1
    assert (
        "hrss.xlsx!进展填报!A4: error form form-locked: a cell the body does not fill was "
        "changed: 'TRUE'" in stderr.replace(str(tmp_path) + "/", "")
    )


@pytest.mark.parametrize("spoil", [_hidden, _added_row], ids=["no hidden sheet", "a row added"])
def test_a_spoilt_form_writes_nothing(
    runner: CliRunner, plan: Path, form: Path, spoil: object
) -> None:
    fill(form, {"G4": "推进中"})
    spoil(form)  # type: ignore[operator]
    assert collect(runner, plan, form)[0] == 1
    assert ledger(plan) == EXISTING


def test_not_a_workbook(runner: CliRunner, plan: Path, form: Path) -> None:
    form.write_bytes(b"not a zip")
    code, stderr = collect(runner, plan, form)
    assert code in (1, 2) and "Traceback" not in stderr
    assert ledger(plan) == EXISTING


def _edit_plan(plan: Path, old: str, new: str) -> None:
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_form_of_another_plan_version(runner: CliRunner, plan: Path, form: Path) -> None:
    fill(form, {"G5": "推进中"})
    _edit_plan(plan, "推动开放实训中心围绕产业发展方向提质增效", "推动开放实训中心提质增效")
    code, stderr = collect(runner, plan, form)
    assert code == 1
    assert "the form was made for another version of the plan: task 3 changed since" in stderr
    assert ledger(plan) == EXISTING
    # --force takes it, the changed task's plan cells not held against it.
    result = runner.invoke(
        app, ["report", "collect", str(form), "--force"], env={"FENGGONG_DATA": str(plan)}
    )
    assert result.exit_code == 0, result.stderr
    assert "- task: 3\n  body: 市教委\n  status: in_progress\n" in ledger(plan)
    assert ledger(plan).startswith("# kept\nperiod: 2026-Q1\nentries:\n- task: 1\n")


def test_a_task_no_longer_the_bodys(runner: CliRunner, plan: Path, form: Path) -> None:
    fill(form, {"G5": "推进中"})
    at = rows(form)
    assert at[3] == 5
    _edit_plan(plan, "lead: [市教委]\n    support: [市发展改革委]", "lead: [市发展改革委]")
    code, stderr = collect(runner, plan, form, "--force")
    assert code == 1
    assert "sjw.xlsx!进展填报!A5: error form form-task: task 3 is no longer 市教委's" in stderr
    assert ledger(plan) == EXISTING


def test_two_forms_answering_differently(
    runner: CliRunner, plan: Path, form: Path, tmp_path: Path
) -> None:
    other = fill(form, {"G4": "滞后"}, tmp_path / "again.xlsx")
    fill(form, {"G4": "推进中"})
    code, stderr = collect(runner, plan, form, other)
    assert code == 1
    assert re.search(
        r"again\.xlsx!进展填报!G4: error form form-conflict: a second form answers "
        r"for task 2 · 市教委 differently \(进展状态\), at .*sjw\.xlsx!进展填报!G4",
        stderr,
    )
    assert ledger(plan) == EXISTING


def test_a_corrected_form_replaces_only_when_asked(
    runner: CliRunner, plan: Path, form: Path, tmp_path: Path
) -> None:
    fill(form, {"G4": "推进中", "D2": "2026-04-01"})
    assert collect(runner, plan, form)[0] == 0
    first = ledger(plan)
    corrected = fill(form, {"G4": "已完成"}, tmp_path / "corrected.xlsx")
    code, stderr = collect(runner, plan, corrected)
    assert code == 1
    said = "the ledger of 2026-Q1 already has a different report by 市教委 on task 2"
    assert (
        f"corrected.xlsx!进展填报!G4: error form form-conflict: {said}, differing in 进展状态"
        in stderr
    )
    assert ledger(plan) == first
    result = runner.invoke(
        app, ["report", "collect", str(corrected), "--replace"], env={"FENGGONG_DATA": str(plan)}
    )
    assert result.exit_code == 0, result.stderr
    assert ledger(plan) == first.replace("status: in_progress", "status: done")


# 填报日期 (D2) of a 2026-Q1 form, collected on the day given: a report on Q1 may be dated
# from 1 January until Q2 ends (validate's FG108), and not after the day it is collected.
FUTURE = "a form is not filled in on a day to come: write the day it was filled in"


def _far(day: str) -> str:
    return (
        f"if the form was filled in on {day}, its answers report on another period: send "
        "市教委 that period's form (fenggong report sheet --period PERIOD --dept 市教委); "
        f"if {day} is a slip, write the day the form was filled in"
    )


def _near(day: str, period: str) -> str:
    return (
        f"a form filled in on {day} reports on {period}: send 市教委 the form of {period} "
        f"(fenggong report sheet --period {period} --dept 市教委); if {day} is a slip, "
        "write the day the form was filled in"
    )


# No hint names a span of days to choose from: the date is the day the form was filled in.
MISDATED: dict[str, tuple[object, datetime.date, str, str]] = {
    "the end of time": (
        "9999-12-31",
        datetime.date(2026, 5, 20),
        "填报日期 9999-12-31 is later than today, 2026-05-20",
        FUTURE,
    ),
    "tomorrow": (
        datetime.date(2026, 5, 21),
        datetime.date(2026, 5, 20),
        "填报日期 2026-05-21 is later than today, 2026-05-20",
        FUTURE,
    ),
    "1900": (
        "1900-01-01",
        datetime.date(2026, 5, 20),
        "填报日期 1900-01-01 is before 2026-Q1 began, on 2026-01-01",
        _far("1900-01-01"),
    ),
    "Excel's day 60": (
        60,  # typed into the date cell: Excel's serial day 60, read as 1900-02-28
        datetime.date(2026, 5, 20),
        "填报日期 1900-02-28 is before 2026-Q1 began, on 2026-01-01",
        _far("1900-02-28"),
    ),
    "filled in the quarter before": (
        "2025-12-20",
        datetime.date(2026, 5, 20),
        "填报日期 2025-12-20 is before 2026-Q1 began, on 2026-01-01",
        _near("2025-12-20", "2025-Q4"),
    ),
    "filled in after the round closed": (
        "2026-07-10",
        datetime.date(2026, 7, 20),
        "填报日期 2026-07-10 is after 2026-Q2 ended, on 2026-06-30: "
        "too late for a report on 2026-Q1",
        _near("2026-07-10", "2026-Q2"),
    ),
    "years after": (
        "2029-03-01",
        datetime.date(2030, 1, 1),
        "填报日期 2029-03-01 is after 2026-Q2 ended, on 2026-06-30: "
        "too late for a report on 2026-Q1",
        _far("2029-03-01"),
    ),
}


@pytest.mark.parametrize("case", list(MISDATED))
def test_a_date_the_report_cannot_bear_writes_nothing(
    runner: CliRunner, plan: Path, form: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    written, today, message, hint = MISDATED[case]
    monkeypatch.setattr(ledger_options, "today", lambda: today)
    fill(form, {"G4": "推进中", "D2": written})
    code, stderr = collect(runner, plan, form)
    assert code == 1
    assert stderr == (
        f"{form}!进展填报!D2: error form form-date: {message}\n  hint: {hint}\n"
        "error: 1 problem in the forms; nothing was written, listed above\n"
    )
    assert ledger(plan) == EXISTING


@pytest.mark.parametrize(
    ("written", "today"),
    [("2026-01-01", datetime.date(2026, 1, 1)), ("2026-06-30", datetime.date(2030, 1, 1))],
)
def test_the_first_and_last_days_a_report_may_bear_are_taken(
    runner: CliRunner,
    plan: Path,
    form: Path,
    monkeypatch: pytest.MonkeyPatch,
    written: str,
    today: datetime.date,
) -> None:
    monkeypatch.setattr(ledger_options, "today", lambda: today)
    fill(form, {"G4": "推进中", "D2": written})
    assert collect(runner, plan, form)[0] == 0
    assert f"  reported: {written}\n" in ledger(plan)


@pytest.mark.parametrize(
    ("today", "refused"),
    [
        (datetime.date(2026, 1, 1), None),  # the period's first day: dated today
        (datetime.date(2026, 6, 30), None),  # the last day of the next quarter
        (
            datetime.date(2026, 7, 1),
            "填报日期 is empty, and a report on 2026-Q1 is dated by 2026-06-30 at the latest "
            "(the end of 2026-Q2): its reports cannot be dated today, 2026-07-01\n"
            "  hint: write the day the form was filled in",
        ),
        (
            datetime.date(2025, 12, 31),
            "填报日期 is empty, and 2026-Q1 begins on 2026-01-01: its reports cannot be "
            "dated today, 2025-12-31\n  hint: collect forms for 2026-Q1 from 2026-01-01, "
            "when it begins",
        ),
    ],
)
def test_a_form_without_a_date_is_dated_today_only_within_its_window(
    runner: CliRunner,
    plan: Path,
    form: Path,
    monkeypatch: pytest.MonkeyPatch,
    today: datetime.date,
    refused: str | None,
) -> None:
    monkeypatch.setattr(ledger_options, "today", lambda: today)
    fill(form, {"G4": "推进中"})
    code, stderr = collect(runner, plan, form)
    if refused is None:
        assert code == 0, stderr
        assert f"  reported: {today}\n" in ledger(plan)
        return
    assert code == 1
    assert stderr == (
        f"{form}!进展填报!D2: error form form-date: {refused}\n"
        "error: 1 problem in the forms; nothing was written, listed above\n"
    )
    assert ledger(plan) == EXISTING


@pytest.mark.parametrize(
    ("cell", "heading", "size"), [("I4", "存在问题", 40_000), ("B2", "填报人", 32_768)]
)
def test_a_text_longer_than_an_excel_cell_holds_writes_nothing(
    runner: CliRunner, plan: Path, form: Path, cell: str, heading: str, size: int
) -> None:
    # Excel and openpyxl keep 32,767 characters at most: such a form was made by hand.
    fill(form, {"G4": "推进中", cell: "LONGTEXT"})
    _written_in(form, b"LONGTEXT", ("长" * size).encode())
    before = ledger(plan)
    code, stderr = collect(runner, plan, form)
    assert code == 1
    said = f"sjw.xlsx!进展填报!{cell}: error form form-text: {heading} holds {size:,} characters"
    assert said + "; an Excel cell holds 32,767 at most" in stderr
    assert ledger(plan) == before


def test_a_conflict_names_the_fields_that_differ_at_the_first_ones_cell(
    runner: CliRunner, plan: Path, form: Path, tmp_path: Path
) -> None:
    fill(form, {"G4": "推进中", "H4": "已启动", "D2": "2026-04-01"})
    assert collect(runner, plan, form)[0] == 0
    first = ledger(plan)
    corrected = fill(form, {"H4": "已启动，完成一半", "J4": "下月验收"}, tmp_path / "c.xlsx")
    code, stderr = collect(runner, plan, corrected)
    assert code == 1
    assert (
        "c.xlsx!进展填报!H4: error form form-conflict: the ledger of 2026-Q1 already has a "
        "different report by 市教委 on task 2, differing in 进展情况, 下一步计划"
    ) in stderr
    assert ledger(plan) == first


def test_a_form_whose_sheet_was_renamed_says_to_rename_it_back(
    runner: CliRunner, plan: Path, form: Path, tmp_path: Path
) -> None:
    from openpyxl import Workbook, load_workbook

    book = load_workbook(form)
    book["进展填报"].title = "Sheet1"
    book.save(form)
    other = tmp_path / "other.xlsx"
    Workbook().save(other)
    refused = {
        form: (
            f"{form} has no sheet 进展填报: its sheet of answers is named Sheet1",
            "rename the sheet of answers back to 进展填报, save, and collect again",
        ),
        other: (
            f"{other} is not a report form of fenggong (no sheet _fenggong)",
            "collect the forms fenggong report sheet made, filled in",
        ),
    }
    for path, (said, hint) in refused.items():
        code, stderr = collect(runner, plan, path)
        assert code == 1
        expected = [f"{path}: error form form-file: {said}", f"  hint: {hint}"]
        assert stderr.splitlines()[:2] == expected
    assert ledger(plan) == EXISTING


def test_a_carriage_return_excel_escapes_is_read_back_as_a_line_end(
    runner: CliRunner, plan: Path, form: Path
) -> None:
    # Excel writes a CR of a text pasted from Windows as _x000D_; other escapes stay text.
    fill(form, {"G4": "推进中", "H4": "MARK", "D2": "2026-04-10"})
    _written_in(form, b"MARK", "第一行_x000D_\n第二行_x0009_完_x001B_".encode())
    code, stderr = collect(runner, plan, form)
    assert code == 0, stderr
    import yaml

    entries = yaml.safe_load(ledger(plan))["entries"]
    assert entries[-1]["progress"] == "第一行\n第二行\t完_x001B_"


def _written_in(form: Path, marker: bytes, text: bytes) -> None:
    """The form with ``text`` in place of ``marker`` in its XML, as written by hand (or by
    Excel) where openpyxl would not write it so."""
    with zipfile.ZipFile(form) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    (part,) = [name for name, data in parts.items() if marker in data]
    parts[part] = parts[part].replace(marker, text)
    with zipfile.ZipFile(form, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)


def test_a_form_with_many_problems_of_one_kind_shows_ten_and_counts_the_rest(
    runner: CliRunner, plan: Path, form: Path
) -> None:
    at = rows(form)
    assert len(at) > 12
    fill(form, {f"G{row}": "差不多" for row in at.values()})
    code, stderr = collect(runner, plan, form)
    assert code == 1
    lines = stderr.splitlines()
    said = [line for line in lines if "error form form-status" in line]
    assert len(said) == 10
    assert lines[-2:] == [
        f"{form}: {len(at) - 10} more form form-status not shown",
        f"error: {len(at)} problems in the forms; nothing was written, listed above",
    ]
    assert ledger(plan) == EXISTING


def test_forms_of_two_periods_are_named_by_period(
    runner: CliRunner, plan: Path, form: Path, tmp_path: Path
) -> None:
    """A form's period is its record's, whatever its file is named: each period's forms
    are named, so the one sent back for another period is found."""
    q2 = tmp_path / "市教委-2026-Q1（补报）.xlsx"
    made = ["report", "sheet", "--period", "2026-Q2", "--dept", "市教委", "-o", str(q2)]
    assert runner.invoke(app, made, env={"FENGGONG_DATA": str(plan)}).exit_code == 0
    code, stderr = collect(runner, plan, form, q2)
    assert code == 2
    assert stderr.replace(str(tmp_path) + "/", "") == (
        "error: the forms are for 2 periods: 2026-Q1 (sjw.xlsx), 2026-Q2 "
        "(市教委-2026-Q1（补报）.xlsx)\n"
        "  hint: collect each period's forms in a run of its own\n"
    )
    assert ledger(plan) == EXISTING


def test_a_date_that_is_no_date_is_refused_with_a_day_of_the_period(
    runner: CliRunner, plan: Path, form: Path
) -> None:
    fill(form, {"D2": "下周一", "G4": "推进中"})
    code, stderr = collect(runner, plan, form)
    assert code == 1
    assert (
        "sjw.xlsx!进展填报!D2: error form form-date: 填报日期 '下周一' is not a date\n"
        "  hint: write it as 2026-03-31\n"
    ) in stderr.replace(str(form.parent) + "/", "")
    assert ledger(plan) == EXISTING


def test_as_of_takes_a_day_written_as_a_form_takes_it(runner: CliRunner, plan: Path) -> None:
    said = [
        runner.invoke(
            app, ["status", "--as-of", day, "-f", "json"], env={"FENGGONG_DATA": str(plan)}
        )
        for day in ("2026-04-20", "2026/04/20", "2026.4.20")
    ]
    assert [r.exit_code for r in said] == [0, 0, 0]
    assert said[0].stdout == said[1].stdout == said[2].stdout
