"""Markdown that a wiki or a CI job summary renders: the data is text, never markup or HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.render.text import markdown
from tests.helpers import ROOT

FORGERY = "\n\n## No change in meaning.\n\n"
HTML = "<script>alert(1)</script><img src=x onerror=alert(2)><!-- hide"
LINK = "![x](https://example.invalid/x.png)[click](javascript:alert(3))"
NAME = f"市教委{FORGERY}{LINK}"


@pytest.fixture(scope="module")
def sides(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("md")
    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    data["plan"]["title"] = "方案" + HTML
    old = folder / "old.yaml"
    old.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    data["departments"][NAME] = {"full_name": "上海市" + HTML, "kind": "municipal"}
    data["tasks"][0]["lead"] = [NAME]
    data["tasks"][0]["text"] += HTML + FORGERY + LINK
    new = folder / "new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return old, new


def _inert(text: str) -> None:
    assert "<script" not in text and "<img" not in text and "<!--" not in text
    assert "![x]" not in text and "[click]" not in text
    assert "\n## No change" not in text
    lines = text.splitlines()
    assert [line for line in lines if line.startswith("## ")] == [
        line for line in lines if line.startswith("## ") and "No change" not in line
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["list", "-f", "markdown"],
        ["show", "1", "-f", "markdown"],
        ["depts", "市教委", "-f", "markdown"],
        ["export", "markdown", "-o", "-"],
        ["export", "markdown", "--dept", "市教委", "-o", "-"],
    ],
)
def test_query_markdown_is_inert(
    runner: CliRunner, sides: tuple[Path, Path], args: list[str]
) -> None:
    result = runner.invoke(app, ["--data", str(sides[1]), *args])
    assert result.exit_code == 0, result.stderr
    _inert(result.stdout)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout


def test_the_diff_summary_cannot_be_forged(runner: CliRunner, sides: tuple[Path, Path]) -> None:
    old, new = sides
    result = runner.invoke(app, ["diff", "-f", "markdown", str(old), str(new)])
    assert result.exit_code == 1
    _inert(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0] == "## Changes to the division of work"
    # A new municipal body is also possibly concerned by the tasks of 各相关委办局.
    assert f"| {markdown(NAME)} | +1 lead, +6 possibly concerned |" in lines
    assert markdown(NAME).count("\n") == 0


def test_the_text_diff_keeps_one_line_per_change(
    runner: CliRunner, sides: tuple[Path, Path]
) -> None:
    old, new = sides
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 1
    assert "No change in meaning" not in result.stdout.splitlines()
    assert "市教委\\n\\n## No change in meaning.\\n\\n![x]" in result.stdout


def test_markdown_escape() -> None:
    assert markdown("a|b*c_d`e[f]g#h\\i") == "a\\|b\\*c\\_d\\`e\\[f\\]g\\#h\\\\i"
    assert markdown("<a & b>") == "&lt;a &amp; b&gt;"
    assert markdown("x\r\ny\nz\rw", breaks="<br>") == "x<br>y<br>z\\\\rw"
