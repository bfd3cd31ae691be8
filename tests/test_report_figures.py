"""A 完成值 implausible against its target is refused at its cell, with what was likely
meant, unless the clerk confirms it (--accept-figures): a fraction toward a per cent above
1% (0.8 for 80%), or more than ten times the target (a figure in 人次 toward 万人次). And
``targets --progress`` shows people the figure in the target's unit as written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.model import Target
from fenggong.query.cells import implausible
from tests.test_report_forms import collect, fill, ledger, plan, rows

__all__ = ["plan"]  # the fixture, used by name
HRSS = "市人力资源社会保障局"
ACCEPT = "collect with --accept-figures"


def _form(runner: CliRunner, plan: Path, out: Path, answers: dict[int, Any]) -> Path:
    """市人社局's form, each task of ``answers`` 推进中 with its first 完成值."""
    made = runner.invoke(
        app,
        ["report", "sheet", "--period", "2026-Q1", "--dept", HRSS, "-o", str(out)],
        env={"FENGGONG_DATA": str(plan)},
    )
    assert made.exit_code == 0, made.stderr
    at = rows(out)
    cells: dict[str, Any] = {"B2": "李四", "D2": "2026-03-20"}
    for task, value in answers.items():
        cells |= {f"G{at[task]}": "推进中", f"K{at[task]}": value}
    return fill(out, cells)


def test_a_fraction_and_a_figure_in_the_wrong_unit_are_refused_at_their_cells(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _form(runner, plan, tmp_path / "f.xlsx", {73: 0.8, 1: 4800000, 2: 300, 4: 15})
    code, said = collect(runner, plan, "f.xlsx")
    assert code == 1
    assert said.splitlines() == [
        "f.xlsx!进展填报!K4: error form form-figure: 完成值 4,800,000 is more than 10 times "
        "the target, 力争500万人次",
        "  hint: the unit is 万人次 (column L): write 480 for 4,800,000 人次; if "
        f"4,800,000万人次 is right, {ACCEPT}",
        "f.xlsx!进展填报!K6: error form form-figure: 完成值 300 is more than 10 times the "
        "target, 20所",
        f"  hint: the unit is 所 (column L); if 300所 is right, {ACCEPT}",
        "f.xlsx!进展填报!K70: error form form-figure: 完成值 0.8 reads as a fraction, but the "
        "target is 力争达80%",
        "  hint: did you mean 80? Write the per cent as its number (80 for 80%); if 0.8% is "
        f"right, {ACCEPT}",
        "error: 3 problems in the forms; nothing was written, listed above",
    ]
    assert not (plan.parent / "progress").exists()


def test_confirmed_figures_are_taken_as_written(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = _form(runner, plan, tmp_path / "f.xlsx", {73: 0.8, 1: 4800000})
    result = runner.invoke(
        app, ["report", "collect", "--accept-figures", str(form)], env={"FENGGONG_DATA": str(plan)}
    )
    assert result.exit_code == 0, result.stderr
    text = ledger(plan)
    task_73 = text[text.index("- task: 73\n") :].split("\n- task:")[0]
    assert "  figures:\n  - value: 0.8\n    unit: '%'\n" in task_73
    assert "  - value: 4800000\n    unit: 万人次\n" in text


@pytest.mark.parametrize(
    ("answers", "shown"),
    [({73: 80}, "80"), ({73: "80%"}, "80%"), ({73: 1.5}, "1.5"), ({1: 480}, "480"),
     ({1: 5000}, "5,000"), ({2: 200}, "200"), ({4: 0}, "0")],
)  # fmt: skip
def test_plausible_figures_are_taken(
    runner: CliRunner, plan: Path, tmp_path: Path, answers: dict[int, Any], shown: str
) -> None:
    """80 and 1.5 toward 80%, ten times the target and no more, nothing reached yet."""
    form = _form(runner, plan, tmp_path / "f.xlsx", answers)
    code, said = collect(runner, plan, form)
    assert (code, "form-figure" in said) == (0, False), said


def test_a_figure_pre_filled_again_is_not_judged_again(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    """A figure once confirmed comes back pre-filled on the next period's form: sent back
    as it was, it is no report of that period, and nothing asks to confirm it again."""
    first = _form(runner, plan, tmp_path / "q1.xlsx", {73: 0.8})
    taken = runner.invoke(
        app, ["report", "collect", "--accept-figures", str(first)], env={"FENGGONG_DATA": str(plan)}
    )
    assert taken.exit_code == 0, taken.stderr
    made = runner.invoke(
        app,
        ["report", "sheet", "--period", "2026-Q2", "--dept", HRSS, "-o", str(tmp_path / "q2.xlsx")],
        env={"FENGGONG_DATA": str(plan)},
    )
    assert made.exit_code == 0
    again = fill(tmp_path / "q2.xlsx", {"B2": "李四", "D2": "2026-04-10"})
    code, said = collect(runner, plan, again)
    assert code == 0 and "form-figure" not in said, said


@pytest.mark.usefixtures("chinese")
def test_in_chinese(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _form(runner, plan, tmp_path / "f.xlsx", {73: 0.8, 1: 4800000})
    code, said = collect(runner, plan, "f.xlsx")
    assert code == 1
    assert said.splitlines()[:4] == [
        "f.xlsx!进展填报!K4: error form form-figure: 完成值 4,800,000 超过目标 力争500万人次 "
        "的 10 倍",
        "  提示：单位是 万人次（L 列）：4,800,000 人次应填 480；如 4,800,000万人次 确实无误，"
        "请用 --accept-figures 收取",
        "f.xlsx!进展填报!K70: error form form-figure: 完成值 0.8 像是小数比例，而目标是 力争达80%",
        "  提示：是否应为 80？百分数填其数值（80% 填 80）；如 0.8% 确实无误，请用 "
        "--accept-figures 收取",
    ]


@pytest.mark.parametrize(
    ("value", "unit", "goal", "quantity", "doubted"),
    [(0.8, "%", 80, 0.8, True), (1, "%", 80, 0.8, True), (1.01, "%", 80, 0.8, False),
     (0, "%", 80, 0.8, False), (0.5, "%", 1, 0.01, False), (0.3, "%", 0.5, 0.005, False),
     (200, "所", 20, 20, False), (201, "所", 20, 20, True), (5000, "万人次", 500, 5_000_000, False),
     (5001, "万人次", 500, 5_000_000, True), (900, "%", 80, 0.8, True)],
)  # fmt: skip
def test_the_bounds(value: float, unit: str, goal: float, quantity: float, doubted: bool) -> None:
    target = Target(metric="m", value=goal, unit=unit, quantity=quantity)
    assert (implausible(value, target) is not None) is doubted


def test_a_target_of_nothing_doubts_nothing() -> None:
    assert implausible(5, Target(metric="m", value=0, unit="项", quantity=0)) is None


def _progress(runner: CliRunner, plan: Path, fmt: str) -> str:
    result = runner.invoke(
        app,
        ["targets", "--data", str(plan), "--progress", "--as-of", "2026-04-01", "-f", fmt],
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_people_read_the_figure_in_the_target_s_unit_machines_its_quantity(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = _form(runner, plan, tmp_path / "f.xlsx", {73: 0.8, 1: 4800000, 2: 12})
    taken = runner.invoke(
        app, ["report", "collect", "--accept-figures", str(form)], env={"FENGGONG_DATA": str(plan)}
    )
    assert taken.exit_code == 0, taken.stderr
    cells = [line.split(" | ") for line in _progress(runner, plan, "markdown").splitlines()]
    figure = {(c[0].removeprefix("| "), c[1]): c[8] for c in cells if len(c) > 8}
    assert figure["1", "全市补贴性职业技能培训"] == "4,800,000万人次"
    assert figure["2", "建设新型技师学院"] == "12所"
    assert figure["4", "新增高技能人才"] == ""
    assert figure["73", "职业学校毕业学年学生可参加相应职业技能等级认定的专业覆盖率"] == "0.8%"
    document = {(r["task"], r["metric"]): r for r in json.loads(_progress(runner, plan, "json"))}
    assert document[(1, "全市补贴性职业技能培训")]["figure"] == 48_000_000_000
    assert document[(2, "建设新型技师学院")]["figure"] == 12
    csv = _progress(runner, plan, "csv").splitlines()
    assert csv[1].startswith("1,全市补贴性职业技能培训,500,万人次,5000000,力争,false,")
    assert ",2026-03-20,48000000000,960000," in csv[1]


def test_a_whole_number_no_float_holds_is_out_of_range_not_a_crash() -> None:
    from fenggong.errors import Problem
    from fenggong.query.cells import figure_value

    found = figure_value(10**400, "所", "f.xlsx!进展填报!K4")
    assert isinstance(found, Problem)
    assert (found.name, found.file) == ("form-number", "f.xlsx!进展填报!K4")
    assert found.message == "完成值 '1" + "0" * 38 + " is out of range"
    assert figure_value(12, "所", "f.xlsx!进展填报!K4") == 12


@pytest.mark.parametrize("window", ["1" + "0" * 5000 + "d", "9999999d"])
def test_a_window_of_a_million_days_or_more_is_refused(window: str) -> None:
    from fenggong.cli.ledger import window_days
    from fenggong.errors import UsageError

    with pytest.raises(UsageError, match="is not a number of days or weeks"):
        window_days(window)
    assert window_days("999999d") == 999_999


def test_every_problem_of_a_form_is_said_in_one_round(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 完成值 that is no number, a formula never calculated and a figure less than nothing
    do not hide a figure implausible against its target: the clerk goes back once."""
    monkeypatch.chdir(tmp_path)
    _form(runner, plan, tmp_path / "f.xlsx", {73: 0.8, 1: "约8所", 2: -5, 4: "=1+1"})
    code, said = collect(runner, plan, "f.xlsx")
    assert code == 1
    assert [line.split(": error form ")[1] for line in said.splitlines() if ": error" in line] == [
        "form-formula: 完成值 holds a formula whose value was never calculated, so its answer "
        "cannot be read",
        "form-number: 完成值 '约8所' is not a number",
        "form-figure: 完成值 -5 is negative, but the target is 20所",
        "form-figure: 完成值 0.8 reads as a fraction, but the target is 力争达80%",
    ]
    assert said.endswith("error: 4 problems in the forms; nothing was written, listed above\n")
    assert not (plan.parent / "progress").exists()
