"""status, due and overdue -o FILE.xlsx: the people's columns, each light a filled cell
with its word (green, yellow, red, and the 督办单's blue; none unfilled)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "tasks.yaml")
DAY = "2026-05-01"  # the demonstration ledger: 1 done, 2 delayed, 4 overdue, 7 no deadline
HEADING = "《落实国家“十四五”职业技能培训规划的实施方案》分工表（沪人社职〔2022〕256号）"


def _write(runner: CliRunner, out: Path, *args: str, data: str = EXAMPLE) -> Any:
    result = runner.invoke(app, ["--data", data, *args, "-o", str(out)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {out}\n")
    sheet = load_workbook(out).active
    assert sheet is not None
    return sheet


def _light(cell: Any) -> tuple[str, str | None, str | None]:
    fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
    ink = cell.font.color.rgb if cell.font.color is not None else None
    return cell.value, fill, ink


def test_status_fills_each_light(runner: CliRunner, tmp_path: Path) -> None:
    sheet = _write(runner, tmp_path / "s.xlsx", "status", "--as-of", DAY)
    assert sheet.title == "台账"
    # Titled as a printed document is: what it is, of which day, of which plan.
    assert [sheet["A1"].value, sheet["A2"].value] == [
        f"台账（截至2026-05-01）\u3000{HEADING}",
        "as of 2026-05-01: 111 rows; green 2, red 8, none 101",
    ]
    assert [c.value for c in sheet[3]] == [
        "No.", "Task", "Status", "Light", "Due", "Days", "Last reported", "Reason",
    ]  # fmt: skip
    assert (sheet.print_title_rows, sheet.freeze_panes) == ("$3:$3", "A4")
    # The printed sheet says what each task is: no one reads a 台账 by numbers alone.
    assert (
        sheet["B4"].value
        == "“十四五”时期，力争全市补贴性职业技能培训500万人次，农民工职业技能培训200万人次"
    )
    assert [c.value for c in sheet[4]][2:4] == ["done", "green"]
    assert _light(sheet["D4"]) == ("green", "00C6EFCE", "00006100")
    assert _light(sheet["D5"]) == ("red", "00FFC7CE", "009C0006")
    assert [c.value for c in sheet[7]][2:4] == [None, "red"]
    assert _light(sheet["D10"]) == ("none", None, None)  # task 7: no colour, the word alone
    assert sheet["D10"].alignment.horizontal == "center"
    # Wider than a page at 100 %: fitted to its width, as many pages long as it takes.
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)


def test_a_filtered_sheet_says_its_filters(runner: CliRunner, tmp_path: Path) -> None:
    sheet = _write(runner, tmp_path / "s.xlsx", "status", "--as-of", DAY, "--lead", "市教委")
    assert [sheet[f"A{r}"].value for r in (1, 2, 3, 4)] == [
        f"台账（截至2026-05-01）\u3000{HEADING}",
        "筛选：牵头部门 市教委",
        "as of 2026-05-01: 13 rows; green 1, none 12",
        "No.",
    ]


def test_a_library_s_sheet_names_its_plans(runner: CliRunner, tmp_path: Path) -> None:
    library = str(ROOT / "examples" / "library")
    sheet = _write(runner, tmp_path / "s.xlsx", "status", "--as-of", DAY, data=library)
    assert sheet["A1"].value == (
        "台账（截至2026-05-01）\u30003 个分工方案："
        "国发〔2018〕38号、国发〔2018〕39号、沪人社职〔2022〕256号"
    )


def test_chinese_words_under_chinese_headings(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    out = tmp_path / "s.xlsx"
    result = runner.invoke(app, ["--data", EXAMPLE, "status", "--as-of", DAY, "-o", str(out)])
    assert result.exit_code == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["A2"].value == "截至 2026-05-01：共 111 行；绿灯 2、红灯 8、不亮灯 101"
    assert [c.value for c in sheet[3]][:4] == ["序号", "重点任务", "进展状态", "亮灯"]
    assert _light(sheet["D4"]) == ("绿灯", "00C6EFCE", "00006100")
    assert _light(sheet["D10"])[0] == "不亮灯"


def test_overdue_leads_each_row_with_its_body(runner: CliRunner, tmp_path: Path) -> None:
    sheet = _write(runner, tmp_path / "o.xlsx", "overdue", "--as-of", DAY)
    assert sheet.title == "已逾期"
    assert sheet["A1"].value == f"已逾期（截至2026-05-01）\u3000{HEADING}"
    assert [c.value for c in sheet[3]][:5] == ["Department", "No.", "Task", "Status", "Light"]
    assert [c.value for c in sheet[4]][:2] == ["市人力资源社会保障局", "2"]
    assert _light(sheet["E4"]) == ("red", "00FFC7CE", "009C0006")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_the_supervision_preset_s_blue(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    shutil.copytree(ROOT / "examples" / "progress", tmp_path / "progress")
    (tmp_path / "lights.yaml").write_text("preset: supervision\n", encoding="utf-8")
    data = str(tmp_path / "tasks.yaml")
    sheet = _write(runner, tmp_path / "d.xlsx", "due", "--as-of", "2025-10-01", data=data)
    assert sheet.title == "即将到期"
    sheet = _write(runner, tmp_path / "s.xlsx", "status", "--as-of", "2025-10-01", data=data)
    assert _light(sheet["D4"]) == ("blue", "00BDD7EE", "001F4E78")


def test_only_xlsx_and_never_over_a_file_unasked(runner: CliRunner, tmp_path: Path) -> None:
    wrong = runner.invoke(app, ["status", "-o", str(tmp_path / "s.csv")])
    assert wrong.exit_code == 2
    assert (
        wrong.stderr.splitlines()[0] == f"error: -o {tmp_path}/s.csv: the 台账 is written as .xlsx"
    )
    out = tmp_path / "s.xlsx"
    out.write_bytes(b"kept")
    again = runner.invoke(app, ["status", "-o", str(out)])
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert out.read_bytes() == b"kept"
    assert runner.invoke(app, ["status", "-o", str(out), "--force"]).exit_code == 0
    assert out.read_bytes().startswith(b"PK")
