"""report sheet → a body fills the form → report collect → the period's ledger file, exactly."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

# The day these tests collect on (cli.days.today): in the report window of 2026-Q1, the
# period of their forms, so that a form without a 填报日期 is dated that day.
COLLECT_DAY = datetime.date(2026, 4, 20)
TODAY = COLLECT_DAY.isoformat()
HEADER = (
    "# 2026-Q1 台账：每项任务、每个单位一条报送，\n"
    "# 由 `fenggong report collect` 从各单位交回的报表写入。\n"
    "# The 台账 of 2026-Q1, one report per task and body, written by `fenggong report collect`.\n"
)


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled plan, its ledger folder beside it; today is COLLECT_DAY."""
    from fenggong.cli import days as ledger_options

    monkeypatch.setattr(ledger_options, "today", lambda: COLLECT_DAY)
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(ROOT / "data" / "tasks.yaml", folder / "tasks.yaml")
    return folder / "tasks.yaml"


def sheet(runner: CliRunner, plan: Path, dept: str, out: Path, *extra: str) -> Path:
    result = runner.invoke(
        app,
        ["report", "sheet", "--period", "2026-Q1", "--dept", dept, "-o", str(out), *extra],
        env={"FENGGONG_DATA": str(plan)},
    )
    assert result.exit_code == 0, result.stderr
    return out


def collect(runner: CliRunner, plan: Path, *files: Path | str) -> tuple[int, str]:
    result = runner.invoke(
        app, ["report", "collect", *map(str, files)], env={"FENGGONG_DATA": str(plan)}
    )
    return result.exit_code, result.stderr


def fill(path: Path, cells: dict[str, Any], out: Path | None = None) -> Path:
    book = load_workbook(path)
    sheet = book["进展填报"]
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(out or path)
    return out or path


def rows(path: Path) -> dict[object, int]:
    """序号 → its row on the form."""
    sheet = load_workbook(path)["进展填报"]
    return {
        sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value
    }


def ledger(plan: Path) -> str:
    return (plan.parent / "progress" / "2026-Q1.yaml").read_text(encoding="utf-8")


def test_a_municipal_body_round_trip(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    form = sheet(runner, plan, "sjw", tmp_path / "sjw.xlsx")
    at = rows(form)
    assert list(at)[:4] == [2, 3, 6, 7]  # 6: through 各相关委办局, possibly its own
    book = load_workbook(form)
    view = book["进展填报"]
    assert [c.value for c in view[3]] == [
        "序号", "重点任务", "牵头部门", "配合部门", "本单位职责", "完成时限",
        "进展状态", "进展情况", "存在问题", "下一步计划", "完成值", "目标及单位",
    ]  # fmt: skip
    assert book["_fenggong"].sheet_state == "veryHidden"
    # Format 2: the lines and pre-filled tasks as JSON, a row each here.
    hidden = [r[:2] for r in book["_fenggong"].iter_rows(values_only=True)]
    assert [kind for kind, _value in hidden] == [
        "format", "body", "period", "plan", "lines", "prefills", "seal",
    ]  # fmt: skip
    assert hidden[:3] == [
        ("format", "fenggong-report-form 2"),
        ("body", "市教委"),
        ("period", "2026-Q1"),
    ]
    assert str(hidden[4][1]).startswith('[[4,"2","建设新型技师学院","')  # ROW, REF, METRIC, …
    assert hidden[5][1] == "[]"
    assert view.protection.sheet and not view.protection.password
    assert view.cell(at[2], 12).value == "建设新型技师学院\n20所（单位：所）"
    assert view.cell(at[2], 1).protection.locked and not view.cell(at[2], 7).protection.locked
    assert view.cell(at[3], 11).protection.locked  # no target: no 完成值
    (choice,) = view.data_validations.dataValidation
    assert choice.formula1 == '"未启动,推进中,持续推进,已完成,滞后,已终止"'
    fill(
        form,
        {
            "B2": "职成处 张三",
            "D2": datetime.date(2026, 4, 10),
            f"G{at[2]}": "推进中",
            f"H{at[2]}": "已建成8所",
            f"K{at[2]}": 8,
            f"G{at[3]}": "已完成",
            f"J{at[3]}": "巩固成果",
        },
    )
    assert collect(runner, plan, form) == (
        0,
        f"collected 1 form (市教委) into {plan.parent}/progress/2026-Q1.yaml: "
        "2 new reports, 0 replaced\n",
    )
    assert ledger(plan) == HEADER + (
        "period: 2026-Q1\n"
        "entries:\n"
        "- task: 2\n  body: 市教委\n  status: in_progress\n  progress: 已建成8所\n"
        "  figures:\n  - value: 8\n    unit: 所\n"
        "  reported: 2026-04-10\n  reporter: 职成处 张三\n"
        "- task: 3\n  body: 市教委\n  status: done\n  next: 巩固成果\n"
        "  reported: 2026-04-10\n  reporter: 职成处 张三\n"
    )
    result = runner.invoke(app, ["validate"], env={"FENGGONG_DATA": str(plan)})
    assert result.exit_code == 0, result.stdout


def test_a_district_through_its_group(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    form = sheet(runner, plan, "浦东新区", tmp_path / "pd.xlsx")
    at = rows(form)
    view = load_workbook(form)["进展填报"]
    assert view.cell(at[97], 5).value == "牵头（经由“各区”）"
    assert view.cell(at[1], 5).value == "配合（经由“各区”）"
    # Only possibly concerned (相关区): on the form, marked so, its answer the body's to give.
    assert view.cell(at[66], 5).value == "可能涉及（经由“相关区”）"
    # Task 1 has two quantified targets: a 完成值 row each, the rest merged over them.
    assert [view.cell(at[1] + i, 12).value for i in (0, 1)] == [
        "全市补贴性职业技能培训\n力争500万人次（单位：万人次）",
        "农民工职业技能培训\n力争200万人次（单位：万人次）",
    ]
    fill(
        form,
        {
            f"G{at[1]}": "持续推进",
            f"K{at[1]}": "12.5",
            f"K{at[1] + 1}": 3,
            f"G{at[97]}": "滞后",
            f"I{at[97]}": "经费未到位",
        },
    )
    assert collect(runner, plan, form)[0] == 0
    assert ledger(plan) == HEADER + (
        "period: 2026-Q1\n"
        "entries:\n"
        "- task: 1\n  body: 浦东新区\n  status: ongoing\n"
        "  figures:\n  - value: 12.5\n    unit: 万人次\n    target: 全市补贴性职业技能培训\n"
        "  - value: 3\n    unit: 万人次\n    target: 农民工职业技能培训\n"
        f"  reported: {TODAY}\n"
        "- task: 97\n  body: 浦东新区\n  status: delayed\n  problems: 经费未到位\n"
        f"  reported: {TODAY}\n"
    )


def test_collecting_twice_changes_nothing(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    fill(form, {"G4": "推进中", "D2": "2026-04-10"})
    assert collect(runner, plan, form)[0] == 0
    before = (plan.parent / "progress" / "2026-Q1.yaml").read_bytes()
    code, said = collect(runner, plan, form, form)
    assert (code, said) == (
        0,
        f"nothing new in 2 forms: {plan.parent}/progress/2026-Q1.yaml is unchanged\n",
    )
    assert (plan.parent / "progress" / "2026-Q1.yaml").read_bytes() == before


def test_collect_counts_a_form_and_a_report_in_the_singular(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    written = plan.parent / "progress" / "2026-Q1.yaml"
    sjw = sheet(runner, plan, "市教委", tmp_path / "sjw.xlsx")
    at = rows(sjw)
    fill(sjw, {"D2": "2026-04-10", f"G{at[2]}": "推进中"})
    assert collect(runner, plan, sjw) == (
        0,
        f"collected 1 form (市教委) into {written}: 1 new report, 0 replaced\n",
    )
    fill(sjw, {f"G{at[2]}": "滞后", f"G{at[3]}": "已完成"})
    pd = sheet(runner, plan, "浦东新区", tmp_path / "pd.xlsx")
    fill(pd, {"D2": "2026-04-11", f"G{rows(pd)[97]}": "推进中"})
    assert collect(runner, plan, "--replace", sjw, pd) == (
        0,
        f"collected 2 forms (市教委, 浦东新区) into {written}: 2 new reports, 1 replaced\n",
    )
    fill(pd, {f"G{rows(pd)[97]}": "已完成"})
    result = runner.invoke(
        app,
        ["report", "collect", "--replace", str(pd)],
        env={"FENGGONG_DATA": str(plan), "FENGGONG_LANG": "zh"},
    )
    assert (result.exit_code, result.stderr) == (
        0,
        f"已将 1 份填报表（浦东新区）并入 {written}：新增 0 条，替换 1 条\n",
    )


def test_last_period_answers_are_prefilled(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    progress = plan.parent / "progress"
    progress.mkdir()
    (progress / "2025-Q4.yaml").write_text(
        "period: 2025-Q4\nentries:\n"
        "  - {task: 2, body: 市教委, status: in_progress, progress: 已建成5所,"
        " figures: [{value: 5, unit: 所}]}\n",
        encoding="utf-8",
    )
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    view = load_workbook(form)["进展填报"]
    assert [view.cell(4, c).value for c in (1, 7, 8, 11)] == [2, "推进中", "已建成5所", 5]


def test_a_form_is_never_replaced_unasked(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    out.write_bytes(b"filled in by hand")
    result = runner.invoke(
        app,
        ["report", "sheet", "--period", "2026-Q1", "--dept", "市教委", "-o", str(out)],
        env={"FENGGONG_DATA": str(plan)},
    )
    assert result.exit_code == 2
    assert out.read_bytes() == b"filled in by hand"
    sheet(runner, plan, "市教委", out, "--force")
    assert out.read_bytes().startswith(b"PK")


def test_each_dept(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["report", "sheet", "--period", "2026-Q1", "--each-dept", "-o", str(tmp_path / "out")],
        env={"FENGGONG_DATA": str(plan)},
    )
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "市教委-2026-Q1.xlsx" in names and "浦东新区-2026-Q1.xlsx" in names
    assert result.stderr == f"wrote {len(names)} forms into {tmp_path / 'out'}\n"


def test_data_after_the_command(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.xlsx"
    result = runner.invoke(
        app,
        [
            "report",
            "sheet",
            "--period",
            "2026-Q1",
            "-d",
            "市教委",
            "-o",
            str(out),
            "--data",
            str(plan),
        ],
    )
    assert result.exit_code == 0, result.stderr
    fill(out, {"G4": "已完成"})
    result = runner.invoke(app, ["report", "collect", str(out), "--data", str(plan)])
    assert result.exit_code == 0, result.stderr
    assert "status: done" in ledger(plan)


@pytest.mark.slow
def test_concurrent_collects_both_land(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    """Two processes collecting two bodies' forms for one period at once: both land."""
    forms = []
    for dept in ("市教委", "浦东新区"):
        form = sheet(runner, plan, dept, tmp_path / f"{dept}.xlsx")
        forms.append(fill(form, {"G4": "推进中", "D2": "2026-04-01"}))
    command = [sys.executable, "-m", "fenggong", "--data", str(plan), "report", "collect"]
    running = [
        subprocess.Popen([*command, str(f)], stderr=subprocess.PIPE, text=True) for f in forms
    ]
    for process in running:
        assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    text = ledger(plan)
    assert "body: 市教委" in text and "body: 浦东新区" in text
    assert not list((plan.parent / "progress").glob(".*"))  # no lock, no temporary file left
