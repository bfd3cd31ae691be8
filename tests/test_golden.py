"""Every query command in every format, byte for byte against tests/golden/.

Regenerate after an intended change with ``FENGGONG_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
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
