"""The report form's rows are each as tall as their longest cell at the form's column
widths, pre-filled or not, so that nothing is clipped when printed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.exporting.spreadsheet import height
from tests.test_report_forms import plan, rows, sheet

__all__ = ["plan"]  # the fixture, shared

LONG = "进展" * 100  # 200 characters: 16 lines of 13 in 进展情况's 32-wide column


def _ledger(plan: Path, entries: str) -> None:
    folder = plan.parent / "progress"
    folder.mkdir()
    (folder / "2025-Q4.yaml").write_text(f"period: 2025-Q4\nentries:\n{entries}", "utf-8")


def _heights(form: Path) -> dict[int, float]:
    view = load_workbook(form)["进展填报"]
    return {r: view.row_dimensions[r].height or 0.0 for r in range(1, view.max_row + 1)}


def test_a_long_prefilled_answer_sets_the_height(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    _ledger(
        plan,
        f"  - {{task: 2, body: 市教委, status: in_progress, progress: {LONG}}}\n"
        "  - {task: 3, body: 市教委, status: done, next: 巩固成果}\n",
    )
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    at, tall = rows(form), _heights(form)
    assert tall[at[2]] == height(16) == 269.0
    # Task 3: two lines of task text at 重点任务's width, its short answers one line.
    assert tall[at[3]] == height(2) == 38.0


def test_unfilled_rows_fit_their_longest_plan_cell(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    at, tall = rows(form), _heights(form)
    # Task 2: one line of task text, but 目标及单位 takes two: 建设新型技师学院, 20所（单位：所）.
    assert tall[at[2]] == 38.0
    # Task 7: its long text, 9 lines at 重点任务's width.
    assert tall[at[7]] == height(9) == 153.5
    # Task 81: six supporting bodies, five lines of 配合部门 (20 wide) beside 4 of text.
    assert tall[at[81]] == height(5) == 87.5
    # The note beside 填报日期: 160 units where its merged width holds 125, two lines.
    assert tall[2] == height(2)


def test_target_rows_share_out_a_long_merged_cell(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    """Task 1's two target rows under its merged cells: each as tall as its own target's
    cells, and together as tall as the longest merged cell."""
    hrss = "市人力资源社会保障局"
    _ledger(plan, f"  - {{task: 1, body: {hrss}, status: in_progress, progress: {LONG}}}\n")
    form = sheet(runner, plan, hrss, tmp_path / "f.xlsx")
    first = rows(form)[1]
    tall = _heights(form)
    # Own cells: 4 lines of 目标及单位 each; 269 - (71 + 71) shared out: 63.5 each.
    assert (tall[first], tall[first + 1]) == (134.5, 134.5)
    assert tall[first] + tall[first + 1] >= height(16)


def test_no_row_is_taller_than_excel_allows(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    _ledger(plan, f"  - {{task: 2, body: 市教委, status: in_progress, progress: {LONG * 3}}}\n")
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    assert _heights(form)[rows(form)[2]] == 409


def test_the_rows_of_a_form_are_counted_as_made(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    """forms.sheet_rows counts the rows of the larger sheet, pre-filled or not: the
    answers' here, the hidden record's when it has more (its seal counted)."""
    import msgspec

    from fenggong.forms import META, sheet_rows

    _ledger(plan, "- {task: 3, body: 市教委, status: in_progress, reported: 2025-12-20}\n")
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    book = load_workbook(form)
    answers, record = book["进展填报"], book[META]
    kinds = [r[0] for r in record.iter_rows(values_only=True)]
    assert kinds == ["format", "body", "period", "plan", "lines", "prefills", "seal"]
    lines = msgspec.json.decode(record["B5"].value)
    assert sheet_rows(len(lines), len(kinds) - 1) == answers.max_row == 3 + len(lines)
    assert sheet_rows(1, 100) == 101


def test_a_form_larger_than_collect_reads_is_not_made(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fenggong.query import forms

    monkeypatch.setattr(forms, "MAX_ROWS", 20)
    out = tmp_path / "f.xlsx"
    result = _sheet(runner, plan, out)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: 市教委's form would have 32 rows: a form holds 20 at most, and collect reads "
        "no more\n  hint: make a form for a few plans at a time, with --plan KEY\n"
    )
    assert not out.exists()


def test_a_hidden_record_larger_than_collect_reads_is_not_made(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of the hidden record count: its lines' JSON (1,011 characters) cut into
    102 pieces of ten, with 4 rows before them, a row of pre-filled tasks and the seal."""
    from fenggong import forms as layout
    from fenggong.query import forms

    monkeypatch.setattr(layout, "CHUNK", 10)
    monkeypatch.setattr(forms, "MAX_ROWS", 100)
    out = tmp_path / "f.xlsx"
    result = _sheet(runner, plan, out)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: 市教委's form would have 108 rows: a form holds 100 ")
    assert not out.exists()


def _sheet(runner: CliRunner, plan: Path, out: Path) -> Any:
    """市教委's form of 2026-Q1 made of ``plan`` into ``out``."""
    from fenggong.cli.app import app

    return runner.invoke(
        app,
        ["report", "sheet", "--period", "2026-Q1", "--dept", "市教委", "-o", str(out)],
        env={"FENGGONG_DATA": str(plan)},
    )
