"""`--data PATH` after a command means what it means before it; given twice, one file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES

MINIMAL = str(FIXTURES / "valid" / "minimal.yaml")
OTHER = str(FIXTURES / "valid" / "crlf.yaml")

# Every command that reads the dataset, with arguments that make it do so.
COMMANDS = {
    "list": ["list", "-f", "csv"],
    "show": ["show", "3", "-f", "json"],
    "targets": ["targets", "--all", "-f", "csv"],
    "search": ["search", "培训", "-f", "csv"],
    "depts": ["depts", "-f", "csv"],
    "departments": ["departments", "-f", "csv"],
    "depts NAME": ["depts", "市教委", "-f", "csv"],
    "outline": ["outline", "-f", "csv"],
    "matrix": ["matrix", "-f", "csv"],
    "plans": ["plans", "-f", "csv"],
    "export": ["export", "csv", "-o", "-"],
    "validate": ["validate"],
    "status": ["status", "--as-of", "2026-03-31", "-f", "csv"],
    "due": ["due", "--as-of", "2025-12-10", "-f", "csv"],
    "overdue": ["overdue", "--as-of", "2026-03-31", "-f", "csv"],
    "report summary": ["report", "summary", "--period", "2026-Q1", "-f", "csv"],
    # The names of a document are read against the bodies --data defines.
    "import": ["import", "data/source/000_fa1586bf4b2f0390.txt", "-o", "-"],
}


def test_every_command_that_reads_the_dataset_is_here() -> None:
    from fenggong.cli.app import _MODULES

    # report writes files, not stdout: test_report_forms reads --data after its commands.
    reads = {args[0] for args in COMMANDS.values()} | {"diff", "report"}
    assert reads == set(_MODULES) - {"schema"}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_after_the_command_as_before_it(runner: CliRunner, name: str) -> None:
    args = COMMANDS[name]
    before = runner.invoke(app, ["--data", MINIMAL, *args])
    after = runner.invoke(app, [*args, "--data", MINIMAL])
    bundled = runner.invoke(app, args)
    assert before.exit_code == 0, before.stderr
    assert (after.exit_code, after.stdout, after.stderr) == (0, before.stdout, before.stderr)
    assert after.stdout != bundled.stdout


def test_between_the_arguments_and_with_an_equals_sign(runner: CliRunner) -> None:
    expected = runner.invoke(app, ["--data", MINIMAL, "show", "1,3", "-f", "json"]).stdout
    for args in (["show", "--data", MINIMAL, "1,3"], ["show", "1,3", f"--data={MINIMAL}"]):
        result = runner.invoke(app, [*args, "-f", "json"])
        assert (result.exit_code, result.stdout) == (0, expected)


@pytest.mark.parametrize(
    "args",
    [
        ["--data", MINIMAL, "list", "--data", OTHER],
        ["list", "--data", MINIMAL, "--data", OTHER],
        ["--data", MINIMAL, "--data", OTHER, "list"],
    ],
    ids=["before and after", "twice after", "twice before"],
)
def test_two_different_files_are_a_usage_error(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: --data is given twice, as {MINIMAL} and {OTHER}\n"
        "  hint: give --data once, before or after the command\n"
    )


def test_the_same_file_twice_is_that_file(runner: CliRunner) -> None:
    expected = runner.invoke(app, ["--data", MINIMAL, "list", "-f", "csv"]).stdout
    spelled = str(Path(MINIMAL).parent / "." / "minimal.yaml")
    result = runner.invoke(app, ["--data", MINIMAL, "list", "--data", spelled, "-f", "csv"])
    assert (result.exit_code, result.stdout) == (0, expected)


def test_an_empty_path_after_the_command_names_no_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "3", "--data", ""])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("error: '': no such file\n")


@pytest.mark.parametrize("where", ["before", "after"])
def test_completion_reads_the_data_wherever_it_is(runner: CliRunner, where: str) -> None:
    words = (
        f"fenggong --data {MINIMAL} list --lead "
        if where == "before"
        else f"fenggong list --data {MINIMAL} --lead "
    )
    env = {
        "_FENGGONG_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split())),
    }
    result = runner.invoke(app, [], env=env, prog_name="fenggong")
    assert result.exit_code == 0, result.output
    # The minimal fixture's six bodies, not the bundled 43.
    assert len(result.stdout.split()) == 6
