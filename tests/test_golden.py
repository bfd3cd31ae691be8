"""Every query command in every format, byte for byte against tests/golden/: in English,
and the formats for people (table, markdown) in Chinese too, under tests/golden/zh/; and
every command's help in both languages, under tests/golden/help/.

Regenerate after an intended change with ``FENGGONG_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli.app import _HIDDEN, _MODULES
from fenggong.render.formats import Format
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"
EXTENSIONS = {
    Format.TABLE: "txt",
    Format.JSON: "json",
    Format.JSONL: "jsonl",
    Format.CSV: "csv",
    Format.MARKDOWN: "md",
    Format.YAML: "yaml",
}
CASES = {
    "list-lead-sjw": ["list", "--lead", "市教委"],
    "list-pudong-section": ["list", "--dept", "浦东新区", "--section", "七"],
    "show-47": ["show", "47", "1,2"],
    "targets-all": ["targets", "--all"],
    "depts": ["depts"],
    "depts-sjw": ["depts", "市教委"],
    "outline": ["outline"],
    "matrix": ["matrix"],
    "search": ["search", "数字技能"],
}


@pytest.mark.parametrize("fmt", list(Format), ids=str)
@pytest.mark.parametrize("case", list(CASES))
def test_golden(runner: CliRunner, case: str, fmt: Format) -> None:
    result = runner.invoke(app, [*CASES[case], "--format", str(fmt)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    path = GOLDEN / f"{case}.{EXTENSIONS[fmt]}"
    if os.environ.get("FENGGONG_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


PEOPLE = [Format.TABLE, Format.MARKDOWN]
HELP = [[], *([name] for name in _MODULES if name not in _HIDDEN)]


def _check(path: Path, text: str) -> None:
    if os.environ.get("FENGGONG_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize("fmt", PEOPLE, ids=str)
@pytest.mark.parametrize("case", list(CASES))
def test_golden_in_chinese(runner: CliRunner, case: str, fmt: Format) -> None:
    result = runner.invoke(app, [*CASES[case], "--format", str(fmt)])
    assert (result.exit_code, result.stderr) == (0, "")
    _check(GOLDEN / "zh" / f"{case}.{EXTENSIONS[fmt]}", result.stdout)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("command", HELP, ids=lambda c: " ".join(c) or "fenggong")
def test_help(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: list[str], language: str
) -> None:
    monkeypatch.setenv("FENGGONG_LANG", language)
    result = runner.invoke(app, [*command, "--help"])
    assert (result.exit_code, result.stderr) == (0, "")
    _check(
        GOLDEN / "help" / language / f"{command[0] if command else 'fenggong'}.txt", result.stdout
    )


def test_every_format_has_a_golden_extension() -> None:
    assert set(EXTENSIONS) == set(Format)


# The 责任清单 as exported documents: a municipal body's and a district's.
EXPORTS = {
    "export-duties-sjw.md": ["export", "markdown", "--dept", "市教委", "-o", "-"],
    "export-duties-pudong.md": ["export", "markdown", "--dept", "浦东新区", "-o", "-"],
}


@pytest.mark.parametrize("name", list(EXPORTS))
def test_golden_export(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, EXPORTS[name])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    path = GOLDEN / name
    if os.environ.get("FENGGONG_UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
