"""README's table of csv headers is what the commands write; every format is wired up."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli.output import MODES
from fenggong.render.formats import RENDERERS, Format
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
ROWS = dict(re.findall(r"^\| `([a-z]+(?: NAME)?)` \| `([a-z0-9_,]+)`", README, re.M))
ARGS = {
    "list": ["list"],
    "show": ["show", "1"],
    "search": ["search", "培训"],
    "targets": ["targets"],
    "depts": ["depts"],
    "depts NAME": ["depts", "市教委"],
    "outline": ["outline"],
}


def test_the_table_names_every_command() -> None:
    assert set(ROWS) == {*ARGS, "matrix"}  # the matrix's header is spelled out below


@pytest.mark.parametrize("command", list(ARGS))
def test_each_documented_header_is_written(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [*ARGS[command], "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ROWS[command]


def test_list_adds_match_with_a_department_filter(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "市教委", "-f", "csv"])
    assert result.stdout.splitlines()[0] == ROWS["list"] + ",match"


def test_show_writes_the_columns_of_list_in_the_same_order(runner: CliRunner) -> None:
    shown = runner.invoke(app, ["show", "1,47", "-f", "csv"]).stdout.splitlines()
    listed = runner.invoke(app, ["list", "-f", "csv"]).stdout.splitlines()
    assert shown[0] == listed[0] == "id,section,topic,text,lead,support"
    assert shown[1:] == [listed[1], listed[47]]


def test_the_matrix_header(runner: CliRunner) -> None:
    result = runner.invoke(app, ["matrix", "-f", "csv"])
    sections = [f"{n}_{role}" for n in range(1, 10) for role in ("lead", "support")]
    assert result.stdout.splitlines()[0] == ",".join(["department", *sections, "lead", "support"])


@pytest.mark.parametrize("fmt", list(Format), ids=str)
def test_every_format_has_a_renderer_and_an_output_mode(fmt: Format) -> None:
    # A new format needs both: how it is drawn (render.formats) and how cli.console makes
    # it safe for a terminal (cli.output.MODES); the table is Rich's, made safe as styled.
    assert fmt in RENDERERS
    assert (fmt in MODES) is (fmt is not Format.TABLE)


def test_format_help_names_every_format(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--help"], env={"COLUMNS": "400"})
    for fmt in Format:
        assert str(fmt) in result.stdout.split("--format")[1].split("\n  -")[0]


@pytest.mark.parametrize(
    "args", [["list"], ["show", "1"], ["search", "点击"], ["depts", "市教委"], ["outline"]]
)
def test_machine_csv_is_raw_while_the_excel_export_neutralizes(
    runner: CliRunner, args: list[str]
) -> None:
    # README: `-f csv` is a data contract, cells as the data has them; `export csv` is the
    # file for Excel, where a cell starting with = + - @ is kept text by a leading '.
    import csv
    import io

    hostile = ROOT / "tests" / "fixtures" / "hostile" / "hostile.yaml"
    machine = runner.invoke(app, ["--data", str(hostile), *args, "-f", "csv"])
    assert machine.exit_code == 0, machine.stderr
    cells = [c for row in csv.reader(io.StringIO(machine.stdout)) for c in row]
    assert any(c.startswith("=HYPERLINK(") for c in cells)
    excel = runner.invoke(app, ["--data", str(hostile), "export", "csv", "-o", "-"])
    rows = list(csv.reader(io.StringIO(excel.stdout_bytes.decode("utf-8-sig"))))
    assert not any(c.startswith(("=", "+", "-", "@")) for row in rows for c in row)
    assert any(c.startswith("'=HYPERLINK(") for row in rows for c in row)
