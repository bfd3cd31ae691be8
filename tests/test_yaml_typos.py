"""Typos YAML reads as something else, or cannot read: each a located problem, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

BASE = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
DATE = "  date: 2022-09-16\n"
ID = "  - id: 1\n"
VALUE = "{metric: 全市补贴性职业技能培训, value: 500, unit: 万人次, quantity: 5000000,"

CASES = {
    # what was written: (where it goes, what the file then says, line:column, message)
    "date-feb-30": (DATE, "  date: 2022-02-30\n", "10:9", "'2022-02-30' is not a valid date"),
    "date-month-13": (DATE, "  date: 2022-13-45\n", "10:9", "'2022-13-45' is not a valid date"),
    "date-hour-25": (
        DATE,
        "  date: 2022-01-01 25:61:61\n",
        "10:9",
        "'2022-01-01 25:61:61' is not a valid date",
    ),
    "date-tagged": (DATE, '  date: !!timestamp "x"\n', "10:9", "'x' is not a valid date"),
    "date-zero": (DATE, "  date: 0\n", "10:3", "date must be a date, got 0"),
    "int-tagged": (ID, '  - id: !!int "abc"\n', "202:9", "'abc' is not a valid int"),
    "float-tagged": (ID, '  - id: !!float "x"\n', "202:9", "'x' is not a valid float"),
    "bool-tagged": (ID, '  - id: !!bool "maybe"\n', "202:9", "'maybe' is not a valid bool"),
    "set-tagged": (ID, "  - id: !!set x\n", "202:9", "expected a mapping node"),
    "id-hex": (ID, "  - id: 0x2f\n", "202:5", "id must be a whole number, got '0x2f'"),
    "id-octal": (ID, "  - id: 010\n", "202:5", "id must be a whole number, got '010'"),
    "id-sexagesimal": (
        ID,
        "  - id: 1:01\n",
        "202:5",
        "id must be a whole number, got '1:01'",
    ),
    "id-5000-digits": (ID, "  - id: " + "9" * 5000 + "\n", "202:9", "is not a valid int"),
    "value-10^400": (
        VALUE,
        VALUE.replace("500", "1" + "0" * 400).replace("5000000", "1" + "0" * 404),
        "208:31",
        "value must be a number, got 1000",
    ),
    "value-10^25": (
        VALUE,
        VALUE.replace("500", "1" + "0" * 25).replace("5000000", "1" + "0" * 29),
        "208:31",
        "value must be at most 1000000000000000, got 1" + "0" * 25,
    ),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("typos")
    out = {}
    for name, (where, written, _, _) in CASES.items():
        assert where in BASE
        path = folder / f"{name}.yaml"
        path.write_text(BASE.replace(where, written, 1), encoding="utf-8")
        out[name] = path
    return out


@pytest.mark.parametrize("name", list(CASES))
def test_validate_locates_the_typo(runner: CliRunner, files: dict[str, Path], name: str) -> None:
    _, _, place, message = CASES[name]
    result = runner.invoke(app, ["validate", str(files[name])])
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{files[name]}:{place}: error FG00")
    assert message in first
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize(
    "command", [["list"], ["show", "1"], ["export", "sqlite", "-o", "-"], ["depts"]]
)
def test_every_command_ends_in_the_same_problem(
    runner: CliRunner, files: dict[str, Path], name: str, command: list[str]
) -> None:
    result = runner.invoke(app, ["--data", str(files[name]), *command])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert CASES[name][3] in result.stderr


@pytest.mark.parametrize("name", ["date-feb-30", "id-5000-digits", "value-10^400"])
def test_diff_with_a_broken_side_is_an_input_error(
    runner: CliRunner, files: dict[str, Path], name: str
) -> None:
    result = runner.invoke(app, ["diff", str(ROOT / "data" / "tasks.yaml"), str(files[name])])
    assert result.exit_code == 2
    assert CASES[name][3] in result.stderr
