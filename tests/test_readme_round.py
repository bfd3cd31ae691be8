"""README's reporting round, played: each ``$ fenggong …`` of the section runs in a fresh
台账 folder, and prints what the section shows under it (up to a line ``…``), in English
for README.md and in Chinese for README.zh-CN.md."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT
from tests.test_report_forms import fill, rows

SECTIONS = {
    "en": ("README.md", "### One reporting round, end to end"),
    "zh": ("README.zh-CN.md", "### 一轮报送的全过程"),
}
_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.M | re.S)


def _steps(language: str) -> list[tuple[list[str], list[str]]]:
    """Each fenggong command of the section and the lines shown under it."""
    name, heading = SECTIONS[language]
    text = (ROOT / name).read_text(encoding="utf-8")
    lines, fenced = [], False
    for line in text[text.index(heading) + len(heading) :].splitlines():
        fenced ^= line.startswith("```")
        if line.startswith("#") and not fenced:
            break  # the next heading: "## All tasks" inside an example is output, not one
        lines.append(line)
    section = "\n".join(lines) + "\n"
    steps: list[tuple[list[str], list[str]]] = []
    for block in _BLOCK.finditer(section):
        for line in block.group(1).splitlines():
            if line.startswith("$ "):
                command = line.removeprefix("$ ").split("   #")[0]
                steps.append((shlex.split(command), []))
            else:
                steps[-1][1].append(line)
    return [(argv[1:], shown) for argv, shown in steps if argv[0] == "fenggong"]


def _fill(form: Path) -> None:
    """The answers the section says 市教委's office gives."""
    found = rows(form)
    cells: dict[str, object] = {"B2": "张三", "D2": "2026-04-15"}
    for task, row in found.items():
        if str(task) == "3":
            cells |= {f"G{row}": "已完成", f"H{row}": "开放实训中心建设方案已印发。"}
        elif str(task) == "22":
            cells |= {
                f"G{row}": "滞后",
                f"H{row}": "已起草方案。",
                f"I{row}": "经费尚未落实。",
                f"J{row}": "6月底前报市政府。",
            }
        else:
            cells |= {f"G{row}": "推进中", f"H{row}": "按计划推进。"}
        if str(task) == "2":
            cells[f"K{row}"] = 12
    fill(form, cells)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_round_prints_what_readme_shows(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    home = tmp_path / "台账"
    (home / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "tasks.yaml", home / "data" / "tasks.yaml")
    monkeypatch.chdir(home)
    monkeypatch.setenv("FENGGONG_LANG", language)
    steps = _steps(language)
    assert [argv[:2] for argv, _shown in steps] == [
        ["report", "sheet"],
        ["report", "collect"],
        ["report", "collect"],
        ["status", "--lead"],
        ["report", "summary"],
        ["report", "summary"],
    ]
    for argv, shown in steps:
        result = runner.invoke(app, argv)
        assert result.exit_code == 0, (argv, result.stderr)
        printed = (result.stdout + result.stderr).rstrip("\n").splitlines()
        if shown and shown[-1] == "…":
            assert printed[: len(shown) - 1] == shown[:-1], argv
        else:
            assert printed == shown, argv
        if argv[:2] == ["report", "sheet"]:
            _fill(home / "市教委-2026-Q1.xlsx")
    assert (home / "data" / "progress" / "2026-Q1.yaml").is_file()
    assert (home / "通报.docx").is_file()
