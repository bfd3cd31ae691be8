"""A table draws a line between its rows only where a row takes several lines: `status`
in a wide terminal is a line a task, not a line and a blank; where a reason wraps, the
rows are kept apart. In a narrow terminal a table that does not fit becomes one labelled
block per row, the tool's narrow layout (`report summary` at 60 columns)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "tasks.yaml")
STATUS = ["--data", EXAMPLE, "status", "--as-of", "2026-05-01"]
HEAD = (
    "  No.   Status    Light   Due                         Days       Last reported          Reason"
)


def _lines(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: int, *args: str
) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def test_a_wide_terminal_gives_a_line_a_task(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _lines(runner, monkeypatch, 200, *STATUS)
    assert lines[1] == HEAD
    assert [line.rstrip() for line in lines[3:5]] == [
        "    1   done      green   “十四五”时期 (2025-12-31)              2026-04-16 (2026-Q1)"
        "   done (reported 2026-04-16)",
        "    2   delayed   red     “十四五”时期 (2025-12-31)   121 over   2026-04-16 (2026-Q1)"
        "   past due 2025-12-31 by 121 days and not done",
    ]
    # 111 tasks in 111 lines: the blank line, heading and rule above, the count below.
    assert len(lines) == 3 + 111 + 2
    assert "" not in lines[3:-2]


def test_where_a_row_wraps_the_rows_are_kept_apart(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _lines(runner, monkeypatch, 120, *STATUS)
    assert [line.rstrip() for line in lines[3:8]] == [
        "    1   done      green   “十四五”时期 (2025-12-31)              2026-04-16 (2026-Q1)"
        "   done (reported 2026-04-16)",
        "",
        "    2   delayed   red     “十四五”时期 (2025-12-31)   121 over   2026-04-16 (2026-Q1)"
        "   past due 2025-12-31 by 121",
        "                                                                                        "
        "days and not done",
        "",
    ]


def test_names_one_a_line_keep_the_rows_apart(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Task 2's text fits a line at 300 columns; its three supporting bodies take three.
    lines = _lines(runner, monkeypatch, 300, "list", "--grep", "新型")
    at = next(i for i, line in enumerate(lines) if line.startswith("    2 "))
    assert [line.split() for line in lines[at : at + 4]] == [
        ["2", "“十四五”时期，建设20所新型技师学院", "市人力资源社会保障局", "市教委"],
        ["各相关委办局"],
        ["各区"],
        [],
    ]


def test_a_narrow_terminal_gives_the_summary_a_block_a_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["--data", EXAMPLE, "report", "summary", "--period", "2026-Q1", "--as-of", "2026-04-30"]
    lines = _lines(runner, monkeypatch, 60, *args)
    assert lines[:12] == [
        "",
        "All tasks",
        "",
        "Department or section: All tasks",
        "Tasks: 111",
        "Done: 2",
        "On track: 0",
        "Yellow: 0",
        "Red: 2",
        "Not reported: 107",
        "Cancelled: 0",
        "",
    ]
    # Where the table fits, it is a table: a line a body.
    wide = [line.split() for line in _lines(runner, monkeypatch, 120, *args)]
    assert ["All", "tasks", "111", "2", "0", "0", "2", "107", "0"] in wide
    assert ["市教委", "11", "1", "0", "0", "0", "10", "0"] in wide
