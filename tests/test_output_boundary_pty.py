"""The output boundary on a real terminal: fenggong run in a pseudo-terminal, bytes read back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.test_output_boundary import CONTROLS, JSON_SHOWN, PAYLOAD, RAW, SHOWN, TEXT

pty = pytest.importorskip("pty")

SGR = re.compile("\x1b\\[[0-9;]*m")


def in_terminal(*args: str, colour: bool = True) -> bytes:
    """What ``python -m fenggong ARGS`` writes to stdout when stdout is a terminal."""
    leader, follower = pty.openpty()
    # No output processing: the bytes read back are the bytes written (no LF → CRLF).
    attributes = termios.tcgetattr(follower)
    attributes[1] &= ~termios.OPOST
    termios.tcsetattr(follower, termios.TCSANOW, attributes)
    env = dict(os.environ, COLUMNS="400", PYTHONPATH=str(ROOT / "src"))
    if colour:
        env.pop("NO_COLOR", None)
        env["TERM"] = "xterm-256color"
    child = subprocess.Popen(
        [sys.executable, "-m", "fenggong", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 1 << 16)
        except OSError:  # Linux: EIO once the child has closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    child.wait(timeout=60)
    return b"".join(chunks)


@pytest.mark.usefixtures("chinese")
def test_a_table_on_a_terminal_keeps_its_colour_and_escapes_the_data() -> None:
    shown = in_terminal("--data", str(CONTROLS), "list").decode("utf-8")
    assert "\x1b[1m序号\x1b[0m" in shown  # Rich's styling reaches the terminal
    assert RAW.findall(SGR.sub("", shown)) == []  # and nothing else does
    assert SGR.sub("", shown).count(SHOWN) == 4


def test_a_diff_on_a_terminal_escapes_the_data(tmp_path: Path) -> None:
    escaped = r"\e]52;c;SGk=\e\\\e[2J\a\x9B31m\x7F\u202Eevil\u2066\rX"
    edited = tmp_path / "edited.yaml"
    text = CONTROLS.read_text(encoding="utf-8")
    edited.write_text(text.replace("text: 加强监督", f'text: "加强监督{escaped}"'), "utf-8")
    shown = in_terminal("diff", str(CONTROLS), str(edited)).decode("utf-8")
    assert shown == f"task 3 text: 加强监督{{+{SHOWN}+}}\n\nNo department gains or loses a task.\n"


def test_json_on_a_terminal_is_escaped_and_still_json() -> None:
    shown = in_terminal("--data", str(CONTROLS), "show", "1", "-f", "json").decode("utf-8")
    assert RAW.findall(shown) == []
    assert shown.count(JSON_SHOWN) == 8  # the plan's title, in the task's plan object
    (record,) = json.loads(shown)
    assert record["text"] == TEXT


def test_csv_on_a_terminal_is_escaped() -> None:
    shown = in_terminal("--data", str(CONTROLS), "list", "-f", "csv", colour=False)
    assert RAW.findall(shown.decode("utf-8")) == []
    assert shown.decode("utf-8").count(SHOWN) == 7
    assert PAYLOAD.encode("utf-8") not in shown
