"""A form's hidden record is sealed: one edited by hand (an answer filed under another
task, another period) is refused as broken, with nothing written; a form made before
forms were sealed (of format 1) is read as it was, one of format 2 never lacks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.test_report_forms import collect, fill, plan, sheet
from tests.test_report_record import format_1, record, rewrite

__all__ = ["plan"]  # the fixture, used by name


def _record(form: Path, change: str) -> None:
    book = load_workbook(form)
    meta = book["_fenggong"]
    for row in meta.iter_rows():
        kind = row[0].value
        if change == "task" and kind == "lines":
            pieces = str(row[1].value)
            assert '[4,"2",' in pieces
            row[1].value = pieces.replace('[4,"2",', '[4,"8",', 1)
            break
        if change == "period" and kind == "period":
            row[1].value = "9999-Q4"
            break
    book.save(form)


@pytest.mark.parametrize("change", ["task", "period"])
def test_an_edited_record_is_refused(
    runner: CliRunner, plan: Path, tmp_path: Path, change: str
) -> None:
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    fill(form, {"G4": "已完成", "D2": "2026-04-10"})
    _record(form, change)
    code, said = collect(runner, plan, form)
    assert code == 1
    assert f"{form}: the form's hidden record (_fenggong) is missing or broken" in said
    assert not (plan.parent / "progress").exists()


def test_a_form_of_format_1_made_before_the_seal_is_read(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    fill(form, {"G4": "已完成", "D2": "2026-04-10"})
    format_1(form, sealed=False)
    assert collect(runner, plan, form)[0] == 0
    assert (plan.parent / "progress" / "2026-Q1.yaml").is_file()


def test_a_record_of_format_2_without_its_seal_is_refused(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    fill(form, {"G4": "已完成", "D2": "2026-04-10"})
    rewrite(form, record(form), sealed=False)
    code, said = collect(runner, plan, form)
    assert code == 1
    assert f"{form}: the form's hidden record (_fenggong) is missing or broken" in said
    assert not (plan.parent / "progress").exists()
