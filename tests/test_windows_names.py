"""File names and paths as a Windows desktop has them: names made from data are valid there,
and folders with Chinese names and spaces work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.names import file_name
from tests.helpers import ROOT

# Written out here rather than imported: what Windows refuses in a name.
RESERVED = re.compile('[<>:"/\\\\|?*\x00-\x1f]')
DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(10)}


def valid_on_windows(name: str) -> bool:
    return (
        not RESERVED.search(name)
        and not name.endswith((".", " "))
        and name.split(".")[0].rstrip(" ").upper() not in DEVICES
        and len(name) < 255
    )


@pytest.mark.parametrize(
    ("stem", "extension", "tail", "name"),
    [
        ("市教委", "xlsx", "责任清单", "市教委责任清单.xlsx"),
        ('a<b>c:d"e/f\\g|h?i*j', "docx", "", "a_b_c_d_e_f_g_h_i_j.docx"),
        ("x\ny\x1b", "md", "", "x_y_.md"),
        ("各区. ", "xlsx", "责任清单", "各区责任清单.xlsx"),
        ("...", "xlsx", "", "_.xlsx"),
        ("CON", "xlsx", "", "CON_.xlsx"),
        ("nul", "docx", "", "nul_.docx"),
        ("Com1", "md", "", "Com1_.md"),
        ("LPT9.tar", "gz", "", "LPT9_.tar.gz"),
        ("AUX ", "html", "", "AUX_.html"),
        ("CON", "xlsx", "责任清单", "CON责任清单.xlsx"),  # not a device name: as it is
        ("COM10", "xlsx", "", "COM10.xlsx"),
        ("市教委", "xlsx", "-2026-Q1", "市教委-2026-Q1.xlsx"),
        ("长" * 100, "xlsx", "责任清单", "长" * 80 + "责任清单.xlsx"),
    ],
)
def test_file_name(stem: str, extension: str, tail: str, name: str) -> None:
    assert file_name(stem, extension, tail=tail) == name
    assert valid_on_windows(name)


@pytest.fixture
def chinese_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "上海 分工"
    folder.mkdir()
    return folder


def test_each_dept_names_are_valid_on_windows(runner: CliRunner, chinese_folder: Path) -> None:
    out = chinese_folder / "责任清单"
    result = runner.invoke(app, ["export", "markdown", "--each-dept", "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "市教委责任清单.md" in names
    assert len(names) == 44  # 43 bodies and index.md
    assert all(valid_on_windows(n) for n in names)


def test_report_sheets_in_a_chinese_folder(runner: CliRunner, chinese_folder: Path) -> None:
    out = chinese_folder / "填报 表"
    data = str(ROOT / "examples" / "tasks.yaml")
    result = runner.invoke(
        app,
        ["report", "sheet", "--data", data, "--period", "2026-Q1", "--each-dept", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "市教委-2026-Q1.xlsx" in names
    assert all(valid_on_windows(n) for n in names)


def test_default_names_land_in_the_working_folder(
    runner: CliRunner, chinese_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(chinese_folder)
    for args in (["export", "xlsx"], ["export", "docx", "--dept", "sjw"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in chinese_folder.iterdir()) == [
        "分工表.xlsx",
        "市教委责任清单.docx",
    ]


def test_a_dataset_in_a_chinese_folder(runner: CliRunner, chinese_folder: Path) -> None:
    data = chinese_folder / "分工 表.yaml"
    data.write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    result = runner.invoke(app, ["--data", str(data), "validate"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--data", str(data), "list", "--lead", "市教委", "-f", "json"])
    assert result.exit_code == 0
