"""Output at its edges: bytes that are not UTF-8, file names that break lines, a full disk,
a reader that goes away, an empty name, and controls inside the HTML page's data."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.names import visible
from fenggong.render.jsonout import dumps
from tests.helpers import ROOT

DATASET = ROOT / "data" / "tasks.yaml"
FENGGONG = [sys.executable, "-m", "fenggong"]


def test_a_lone_surrogate_is_shown_escaped_and_json_stays_encodable() -> None:
    # An argument byte 0x9b that is not UTF-8 arrives as U+DC9B.
    assert visible("a\udc9b2J") == "a\\udc9b2J"
    assert json.loads(dumps({"q": "a\udc9b"}, indent=2)) == {"q": "a\udc9b"}
    assert dumps(["\udc9b"], indent=0) == '["\\udc9b"]'


@pytest.mark.slow
def test_a_non_utf8_argument_never_reaches_stdout_raw(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for args in (["list", "--grep"], ["search", "职业"]):
        done = subprocess.run(
            [*map(os.fsencode, FENGGONG), *(a.encode() for a in args), b"\x9b2J\x9b31m"],
            env=env,
            capture_output=True,
            check=False,
        )
        # (0x9b on its own is also a continuation byte of many 汉字 in UTF-8)
        assert b"\x9b2J" not in done.stdout and b"\x9b2J" not in done.stderr
        assert b"Traceback" not in done.stderr
        assert b"\\udc9b2J" in done.stdout + done.stderr


def test_a_file_name_cannot_forge_a_workflow_command(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "x\n::stop-commands::pwn\n"
    folder.mkdir()
    shutil.copy(DATASET, folder / "tasks.yaml")
    for fmt in ("github", "text"):
        result = runner.invoke(app, ["validate", "-f", fmt, str(folder / "tasks.yaml")])
        assert result.exit_code == 0
        assert not any(line.startswith("::stop") for line in result.stdout.splitlines())
        assert "x\\n::stop-commands::pwn\\n/tasks.yaml: valid" in result.stdout


def test_the_html_page_piped_keeps_valid_json(runner: CliRunner, tmp_path: Path) -> None:
    text = DATASET.read_text(encoding="utf-8").replace(
        "full_name: 上海市教育委员会", 'full_name: "上海市教育委员会\\u0080\\u009b\\e"', 1
    )
    dataset = tmp_path / "c1.yaml"
    dataset.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--data", str(dataset), "export", "html", "-o", "-"])
    assert result.exit_code == 0
    block = re.search(r'id="fg-data">(.*?)</script>', result.stdout, re.S)
    assert block is not None
    names = json.loads(block[1])["departments"]["市教委"]
    assert names["full_name"] == "上海市教育委员会\x80\x9b\x1b"


@pytest.mark.parametrize("args", [["validate", ""], ["--data", "", "list"]])
def test_an_empty_name_is_no_file(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: '': no such file")


@pytest.mark.slow
def test_a_full_disk_behind_stdout_is_said(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for args in (["list"], ["list", "-f", "json"], ["export", "csv", "-o", "-"]):
        with Path("/dev/full").open("wb") as full:
            done = subprocess.run(
                [*FENGGONG, *args], env=env, stdout=full, stderr=subprocess.PIPE, check=False
            )
        assert done.returncode == 1
        assert done.stderr == b"error: cannot write the output: No space left on device\n"


@pytest.mark.slow
def test_a_reader_that_goes_away_ends_it_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    big = tmp_path / "big.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_dataset.py"), "3000", str(big)],
        check=True,
    )
    process = subprocess.Popen(
        [*FENGGONG, "--data", str(big), "list", "-f", "json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()
    errors = process.stderr.read()
    # Click's own handling of a closed pipe ends the process quietly, as `| head` expects.
    assert process.wait(timeout=120) == 0
    assert errors == b""


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_an_exported_page_holds_no_raw_control(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    # A page is for people: `cat 分工表.md` must not set the clipboard (OSC 52).
    text = DATASET.read_text(encoding="utf-8").replace(
        "full_name: 上海市教育委员会", 'full_name: "上海市教育委员会\\e]52;c;SGFja2Vk\\a"', 1
    )
    dataset = tmp_path / "osc.yaml"
    dataset.write_text(text, encoding="utf-8")
    out = tmp_path / f"page.{'md' if fmt == 'markdown' else fmt}"
    args = ["--data", str(dataset), "export", fmt, "--dept", "市教委", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    written = out.read_text(encoding="utf-8")
    assert "\x1b" not in written and "\x07" not in written
    assert "52;c;SGFja2Vk" in written


@pytest.mark.slow
def test_a_stream_the_process_was_started_without_is_said_not_a_traceback(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    closed = subprocess.run(
        [*FENGGONG, "list"],
        env=env,
        stdout=None,
        stderr=subprocess.PIPE,
        check=False,
        pass_fds=(),
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert (closed.returncode, closed.stderr) == (
        1,
        b"error: cannot write the output: Bad file descriptor\n",
    )
    quiet = subprocess.run(
        [*FENGGONG, "show", "999"],
        env=env,
        stdout=subprocess.PIPE,
        check=False,
        preexec_fn=lambda: os.close(2),
    )
    assert (quiet.returncode, quiet.stdout) == (2, b"")


@pytest.mark.slow
def test_a_reader_gone_before_the_first_line_ends_it_with_141(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [*FENGGONG, "list"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # as `| true`: gone before anything is read
    assert process.wait(timeout=60) == 141
    assert process.stderr.read() == b""
