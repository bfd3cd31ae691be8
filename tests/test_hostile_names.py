"""Names typed by anyone: bytes of another encoding, a list of thousands, a console that
cannot show Chinese — located errors and exit codes, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

# What a shell hands Python for 市教委 typed in a GBK terminal: bytes that are no UTF-8,
# decoded as lone surrogates.
GBK = "市教委".encode("gbk").decode("utf-8", "surrogateescape")


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--lead", GBK],
        ["list", "--dept", "\udcff"],
        ["depts", GBK],
        ["targets", "--dept", GBK],
        ["export", "markdown", "--dept", GBK, "-o", "-"],
    ],
)
def test_a_name_in_another_encoding_is_unknown_not_a_crash(
    runner: CliRunner, args: list[str]
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: unknown department ")


def test_a_list_of_thousands_is_refused_at_once_and_quoted_short(runner: CliRunner) -> None:
    typed = ",".join(["x"] * 65_000)
    result = runner.invoke(app, ["list", "--dept", typed])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: " + typed[:60] + "… is a list of 65000 names; a list may have 100 at most\n"
        "  hint: repeat the option for each name, or give fewer\n"
    )


def test_a_long_unknown_name_is_quoted_short(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "未" * 5000])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "error: unknown department " + "未" * 60 + "…"


@pytest.mark.parametrize("command", ["list", "targets"])
def test_how_without_a_department_filter_is_refused(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--how", "group"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --how and --direct choose how a department filter reaches a body\n"
        "  hint: add --dept, --lead or --support NAME\n"
    )


def test_pinyin_with_a_syllable_mark(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "jing'an", "-f", "json"])
    assert result.exit_code == 0
    assert result.stderr == "jing'an → 静安区 (pinyin)\n"


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "gbk"])
@pytest.mark.parametrize(
    "args", [["depts", "--chart"], ["validate"], ["list", "-f", "json"], ["show", "1"]]
)
def test_a_console_that_cannot_show_chinese_gets_escapes(encoding: str, args: list[str]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "FENGGONG_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "fenggong", *args],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert done.stdout.decode(encoding)  # what was written is text in that encoding


@pytest.mark.parametrize(("command", "fmt"), [("targets", "xlsx"), ("list", "docx")])
def test_a_file_format_asked_of_a_query_points_to_export(
    runner: CliRunner, command: str, fmt: str
) -> None:
    result = runner.invoke(app, [command, "-f", fmt])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-2] == (
        f"Error: Invalid value for '--format' / '-f': '{fmt}' is not one of 'table', "
        "'json', 'jsonl', 'csv', 'markdown', 'yaml'."
    )
    assert lines[-1] == f"  hint: {fmt} is a file: fenggong export {fmt} takes the same filters"


@pytest.mark.parametrize(
    ("command", "fmt"),
    [
        (["status"], "xlsx"),
        (["overdue"], "xlsx"),
        (["report", "summary", "--period", "2026-Q1"], "docx"),
    ],
)
def test_a_file_format_asked_of_a_command_that_writes_files_points_to_its_own_output(
    runner: CliRunner, command: list[str], fmt: str
) -> None:
    result = runner.invoke(app, [*command, "-f", fmt])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"  hint: {fmt} is a file: write it with -o FILE.{fmt}"
