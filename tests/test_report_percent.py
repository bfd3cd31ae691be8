"""A 完成值 toward a target in % as offices type it: 85% in a percentage cell (Excel keeps
0.85) or the text 85% is 85; a percentage toward a target counted in another unit is
refused, located, with nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from tests.test_report_forms import collect, ledger, plan, rows, sheet

__all__ = ["plan"]  # the fixture, used by name
HRSS = "市人力资源社会保障局"


def _answer(form: Path, task: str, value: Any, number_format: str | None = None) -> str:
    book = load_workbook(form)
    page = book["进展填报"]
    row = {str(k): v for k, v in rows(form).items()}[task]
    page[f"G{row}"] = "推进中"
    page[f"K{row}"] = value
    if number_format is not None:
        page[f"K{row}"].number_format = number_format
    book.save(form)
    return f"K{row}"


@pytest.mark.parametrize(
    ("value", "number_format"), [(0.85, "0%"), (0.85, "0.0%"), ("85%", None), (85, None)]
)
def test_85_percent_toward_a_target_in_percent_is_85(
    runner: CliRunner, plan: Path, tmp_path: Path, value: Any, number_format: str | None
) -> None:
    form = sheet(runner, plan, HRSS, tmp_path / "f.xlsx")
    _answer(form, "73", value, number_format)
    assert collect(runner, plan, form)[0] == 0
    text = ledger(plan)
    entry = text[text.index("- task: 73\n") :].split("\n- task:")[0]
    assert "  figures:\n  - value: 85\n    unit: '%'\n" in entry


def test_a_percentage_toward_a_target_in_another_unit_is_refused(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, HRSS, tmp_path / "f.xlsx")
    cell = _answer(form, "4", 0.5, "0%")  # task 4: 20 万人
    code, said = collect(runner, plan, form)
    assert code == 1
    assert f"f.xlsx!进展填报!{cell}" in said
    assert "完成值 50% is a percentage, but the target counts 万人" in said
    assert not (plan.parent / "progress").exists()
