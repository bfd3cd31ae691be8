"""The form's 目标及单位 shows the target with its value and the unit of the 完成值
(建设新型技师学院, then 20所（单位：所）); a form made before, which showed
建设新型技师学院（所）, is still collected, and a cell edited by hand in either is still
refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT
from tests.test_report_forms import collect, fill, ledger, plan, rows, sheet

__all__ = ["plan"]  # the fixture, used by name
HRSS = "市人力资源社会保障局"
# The cells of forms made before the target's value was shown.
OLD = {
    1: ("全市补贴性职业技能培训（万人次）", "农民工职业技能培训（万人次）"),
    2: ("建设新型技师学院（所）",),
    73: ("职业学校毕业学年学生可参加相应职业技能等级认定的专业覆盖率（%）",),
}


def _units(form: Path) -> dict[int, list[object]]:
    view = load_workbook(form)["进展填报"]
    at = rows(form)
    return {
        task: [view.cell(at[task] + i, 12).value for i in range(len(OLD[task]))] for task in OLD
    }


def test_the_cell_shows_the_target_and_the_unit(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, HRSS, tmp_path / "f.xlsx")
    assert _units(form) == {
        1: [
            "全市补贴性职业技能培训\n力争500万人次（单位：万人次）",
            "农民工职业技能培训\n力争200万人次（单位：万人次）",
        ],
        2: ["建设新型技师学院\n20所（单位：所）"],
        73: ["职业学校毕业学年学生可参加相应职业技能等级认定的专业覆盖率\n力争达80%（单位：%）"],
    }


def _answered(form: Path) -> Path:
    at = rows(form)
    return fill(
        form,
        {
            "D2": "2026-03-20",
            f"G{at[1]}": "推进中",
            f"K{at[1]}": 120,
            f"K{at[1] + 1}": 30,
            f"G{at[2]}": "推进中",
            f"K{at[2]}": 12,
            f"G{at[73]}": "推进中",
            f"K{at[73]}": 60,
        },
    )


FIGURES = (
    "  figures:\n  - value: 120\n    unit: 万人次\n    target: 全市补贴性职业技能培训\n"
    "  - value: 30\n    unit: 万人次\n    target: 农民工职业技能培训\n"
)


def test_a_form_of_this_version_is_collected(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    form = _answered(sheet(runner, plan, HRSS, tmp_path / "f.xlsx"))
    assert collect(runner, plan, form)[0] == 0
    assert FIGURES in ledger(plan)


def test_a_form_made_before_is_collected_as_it_was(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, HRSS, tmp_path / "f.xlsx")
    at = rows(form)
    fill(form, {f"L{at[t] + i}": text for t, cells in OLD.items() for i, text in enumerate(cells)})
    assert _units(form) == {task: list(cells) for task, cells in OLD.items()}
    code, said = collect(runner, plan, _answered(form))
    assert (code, "form-locked" in said) == (0, False), said
    assert FIGURES in ledger(plan)


@pytest.mark.parametrize(
    "written", ["建设新型技师学院\n200所（单位：所）", "建设新型技师学院（家）", "20所"]
)
def test_a_cell_edited_by_hand_is_refused(
    runner: CliRunner, plan: Path, tmp_path: Path, written: str
) -> None:
    form = sheet(runner, plan, HRSS, tmp_path / "f.xlsx")
    row = rows(form)[2]
    code, said = collect(runner, plan, fill(_answered(form), {f"L{row}": written}))
    assert code == 1
    assert f"f.xlsx!进展填报!L{row}: error form form-locked: a cell the body does not fill " in said
    assert repr(written) in said
    assert not (plan.parent / "progress").exists()


def test_a_library_s_form(runner: CliRunner, tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(ROOT / "examples" / "library", library)
    form = tmp_path / "f.xlsx"
    args = ["--data", str(library), "report", "sheet", "--period", "2026-Q1", "--dept", HRSS]
    made = runner.invoke(app, [*args, "-o", str(form)])
    assert made.exit_code == 0, made.stderr
    row = rows(form)["hrss-2022-256:2"]
    book = load_workbook(form)
    assert book["进展填报"].cell(row, 12).value == "建设新型技师学院\n20所（单位：所）"
    hidden = [r[:2] for r in book["_fenggong"].iter_rows(values_only=True)]
    assert [kind for kind, _value in hidden] == [
        "format", "body", "period", "plan", "lines", "prefills", "seal",
    ]  # fmt: skip
    assert hidden[0] == ("format", "fenggong-report-form 2")
    assert hidden[3] == ("plan", "hrss-2022-256")
    assert f'[{row},"hrss-2022-256:2","建设新型技师学院","' in str(hidden[4][1])
    fill(form, {"D2": "2026-03-20", f"G{row}": "推进中", f"K{row}": 12})
    result = runner.invoke(app, ["--data", str(library), "report", "collect", str(form)])
    assert result.exit_code == 0, result.stderr
    text = (library / "progress" / "2026-Q1.yaml").read_text(encoding="utf-8")
    assert "- task: hrss-2022-256:2\n" in text and "  - value: 12\n    unit: 所\n" in text
