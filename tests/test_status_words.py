"""A status in the reader's language: in progress in English, 推进中 in Chinese; the code in
json and csv; the report form's drop-down Chinese always; collect reads any of the three."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.forms import STATUS_WORDS, read_status
from fenggong.messages import _
from fenggong.model import STATUS_LABELS, Status
from tests.helpers import ROOT
from tests.test_report_forms import collect, fill, ledger, plan, rows, sheet

__all__ = ["plan"]  # the fixture, shared

EXAMPLE = str(ROOT / "examples" / "tasks.yaml")
# On 2026-05-01 the demonstration ledger has task 1 done and task 2 delayed.
ARGS = ("--data", EXAMPLE, "status", "--as-of", "2026-05-01", "--section", "一")


def _cells(runner: CliRunner, *more: str) -> list[list[str]]:
    result = runner.invoke(app, [*ARGS, *more, "-f", "markdown"])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    lines = [x for x in result.stdout.splitlines() if x.startswith("| ")]
    return [[c.strip() for c in x.strip("|").split("|")] for x in lines[1:]]


def test_english_says_the_english_word(runner: CliRunner) -> None:
    assert [row[:3] for row in _cells(runner)[:2]] == [
        ["1", "done", "green"],
        ["2", "delayed", "red"],
    ]


def test_json_and_csv_keep_the_code(runner: CliRunner) -> None:
    found = json.loads(runner.invoke(app, [*ARGS, "-f", "json"]).stdout)
    assert [r["status"] for r in found[:2]] == ["done", "delayed"]
    csv = runner.invoke(app, [*ARGS, "-f", "csv"]).stdout.splitlines()
    assert [line.split(",")[3] for line in csv[1:3]] == ["done", "delayed"]


@pytest.mark.parametrize("status", list(Status))
def test_chinese_says_the_label(monkeypatch: pytest.MonkeyPatch, status: Status) -> None:
    """The catalogue translates each word to the label the ledger's files and forms use
    (a word not yet translated is test_messages's failure, not this one's)."""
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    word = STATUS_WORDS[status]
    assert _(word) in (word, STATUS_LABELS[status])


def test_chinese_table(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    assert _cells(runner)[0][:3] == ["1", "已完成", "绿灯"]


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("推进中", Status.IN_PROGRESS),
        (" 推 进 中 ", Status.IN_PROGRESS),
        ("in progress", Status.IN_PROGRESS),
        ("In Progress", Status.IN_PROGRESS),
        ("ｉｎ　ｐｒｏｇｒｅｓｓ", Status.IN_PROGRESS),  # full-width, NFKC
        ("in_progress", Status.IN_PROGRESS),
        ("in-progress", Status.IN_PROGRESS),
        ("Not started", Status.NOT_STARTED),
        ("not_started", Status.NOT_STARTED),
        ("持续推进", Status.ONGOING),
        ("ongoing", Status.ONGOING),
        ("DONE", Status.DONE),
        ("已完成", Status.DONE),
        ("滞后", Status.DELAYED),
        ("delayed", Status.DELAYED),
        ("已终止", Status.CANCELLED),
        ("cancelled", Status.CANCELLED),
        ("差不多", None),
        ("progress", None),
        ("", None),
    ],
)
def test_read_status(written: str, status: Status | None) -> None:
    assert read_status(written) is status


def test_the_form_keeps_chinese_labels_in_english(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, "sjw", tmp_path / "sjw.xlsx")
    (choice,) = load_workbook(form)["进展填报"].data_validations.dataValidation
    assert choice.formula1 == '"未启动,推进中,持续推进,已完成,滞后,已终止"'
    at = rows(form)
    fill(form, {"D2": "2026-04-10", f"G{at[2]}": "In Progress", f"G{at[3]}": " done "})
    assert collect(runner, plan, form)[0] == 0
    text = ledger(plan)
    assert "- task: 2\n  body: 市教委\n  status: in_progress\n" in text
    assert "- task: 3\n  body: 市教委\n  status: done\n" in text
    again = sheet(runner, plan, "sjw", tmp_path / "again.xlsx", "--force")
    view = load_workbook(again)["进展填报"]
    # The answers pre-filled in the next form are the Chinese labels.
    assert (view.cell(at[2], 7).value, view.cell(at[3], 7).value) == ("推进中", "已完成")
