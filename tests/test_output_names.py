"""An -o FILE of the wrong kind is refused with the name the user typed, given the right
suffix, in its folder: 通报.pdf → 通报.xlsx or 通报.docx, never a fixed summary.xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli.output import renamed
from tests.helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "tasks.yaml")
SUMMARY = ["report", "summary", "--period", "2026-Q1"]
OR_FORMATS = "or leave out -o for -f csv, json or markdown"


@pytest.mark.parametrize(
    ("args", "output", "hint"),
    [
        (SUMMARY, "通报.pdf", "name the file 通报.xlsx or 通报.docx, or leave out -o"),
        (SUMMARY, "out/通报", "name the file out/通报.xlsx or out/通报.docx, or leave out -o"),
        (["status"], "s.pdf", f"name the file s.xlsx, {OR_FORMATS}"),
        (["overdue"], "逾期.csv", f"name the file 逾期.xlsx, {OR_FORMATS}"),
        (["due"], "到期", f"name the file 到期.xlsx, {OR_FORMATS}"),
        (["report", "sheet", "--period", "2026-Q1", "--dept", "市教委"], "表/f.xls",
         "name it 表/f.xlsx"),
    ],
)  # fmt: skip
def test_the_hint_names_the_file_typed(
    runner: CliRunner, tmp_path: Path, args: list[str], output: str, hint: str
) -> None:
    result = runner.invoke(app, ["--data", EXAMPLE, *args, "-o", output])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[1] == f"  hint: {hint}"


@pytest.mark.usefixtures("chinese")
def test_in_chinese(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", EXAMPLE, *SUMMARY, "-o", "通报.pdf"])
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：-o 通报.pdf：通报只能写成 .xlsx 或 .docx\n"
        "  提示：请将文件命名为 通报.xlsx 或 通报.docx，或不加 -o\n"
    )


@pytest.mark.parametrize(
    ("output", "expected"),
    [("通报.pdf", "通报.xlsx"), ("a/b/通报", "a/b/通报.xlsx"), ("x.tar.gz", "x.tar.xlsx"),
     (".pdf", ".pdf.xlsx"), ("/", "/通报.xlsx"), ("..", "../通报.xlsx")],
)  # fmt: skip
def test_renamed(output: str, expected: str) -> None:
    assert renamed(output, ".xlsx", "通报") == expected
