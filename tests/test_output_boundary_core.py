"""The output boundary's core: what names.visible escapes, console.clean in each mode, the
progress bar's console, and the rule that only cli/console.py writes."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from fenggong.cli import console
from fenggong.cli.console import Mode, clean
from fenggong.names import visible
from tests.helpers import ROOT
from tests.test_output_boundary import JSON_SHOWN, PAYLOAD, SHOWN, raw


def test_visible_escapes_exactly_controls_and_bidi_overrides() -> None:
    unsafe = {*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F)}
    unsafe |= set(range(0x2066, 0x206A))
    unsafe -= {0x09, 0x0A}
    changed = {cp for cp in range(0x3100) if visible(chr(cp)) != chr(cp)}
    assert changed == unsafe
    for cp in (0xFEFF, 0x200E, 0x3000, 0x1F600, 0x10FFFF):  # not controls: left alone
        assert visible(chr(cp)) == chr(cp)


def test_visible_writes_each_control_as_a_python_escape() -> None:
    assert visible(PAYLOAD) == SHOWN
    assert visible("\x00\x1b\x7f\x85\x9b\u202a\u2069") == r"\x00\x1b\x7f\x85\x9b\u202a\u2069"
    assert visible("一\t二\n三") == "一\t二\n三"


def test_people_and_styled_text_is_made_visible_on_a_terminal_and_in_a_pipe() -> None:
    for terminal in (True, False):
        assert clean(PAYLOAD, Mode.PEOPLE, terminal) == SHOWN
        assert clean(f"\x1b[1m{PAYLOAD}\x1b[0m", Mode.STYLED, terminal) == (
            f"\x1b[1m{SHOWN}\x1b[0m"
        )


def test_styled_text_keeps_colour_codes_only() -> None:
    assert clean("\x1b[1;38;5;4mA\x1b[0m\x1b[2J\x1b[1A\r", Mode.STYLED, True) == (
        "\x1b[1;38;5;4mA\x1b[0m\\x1b[2J\\x1b[1A\\r"
    )


def test_a_live_display_keeps_its_cursor_codes_and_nothing_else() -> None:
    rich_codes = "\x1b[?25l\r\x1b[2K\x1b[1A\x1b[1mreading\x1b[0m\x1b[?25h"
    assert clean(rich_codes + PAYLOAD, Mode.LIVE, True) == rich_codes + (
        SHOWN.replace(r"\rX", "\rX")
    )


def test_json_carries_controls_as_json_escapes_everywhere() -> None:
    for terminal in (True, False):
        written = clean(json.dumps(PAYLOAD, ensure_ascii=False), Mode.JSON, terminal)
        assert written == f'"{JSON_SHOWN}"'
        assert json.loads(written) == PAYLOAD


def test_faithful_text_is_raw_in_a_pipe_and_visible_on_a_terminal() -> None:
    text = f"a,{PAYLOAD}\r\nb\r\n"
    assert clean(text, Mode.FAITHFUL, False) == text
    assert clean(text, Mode.FAITHFUL, True) == f"a,{SHOWN}\r\nb\r\n"


def test_stderr_is_made_safe_whatever_mode_is_asked(capsys: pytest.CaptureFixture[str]) -> None:
    console.err(PAYLOAD, Mode.FAITHFUL)
    console.err(PAYLOAD, Mode.JSON, nl=False)
    assert capsys.readouterr().err == f"{SHOWN}\n{SHOWN}"


def test_a_progress_bar_shows_a_hostile_file_name_escaped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from fenggong.cli import progress

    path = tmp_path / "tasks\x1b]0;t\x07\u202e.yaml"
    path.write_text("tasks: []\n", encoding="utf-8")
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setenv("TERM", "xterm")  # Rich draws no live display on a dumb terminal
    monkeypatch.setattr(progress, "THRESHOLD", 0)
    monkeypatch.setattr(console, "is_terminal", lambda stream: True)
    with progress.reading(path) as step:
        assert step is not None
        step("parse", 5, 10)
        step("check", 10, 10)
    written = stderr.getvalue()
    assert r"tasks\x1b]0;t\x07\u202e.yaml" in written
    rich_codes = re.compile("\x1b\\[[0-9;?]*[A-Za-z]|\r")
    assert raw(rich_codes.sub("", written)) == []


def test_the_forms_bar_names_each_body_escaped_and_only_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fenggong.cli import progress

    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    monkeypatch.setenv("TERM", "xterm")
    with progress.making(3) as begun:  # not a terminal: nothing shown
        begun("市教委")
    assert stderr.getvalue() == ""
    monkeypatch.setattr(console, "is_terminal", lambda stream: True)
    with progress.making(2) as begun:
        begun("市教委")
        begun("区\x1b]0;t\x07")
    written = stderr.getvalue()
    assert r"making 区\x1b]0;t\x07's form" in written and "1/2" in written
    rich_codes = re.compile("\x1b\\[[0-9;?]*[A-Za-z]|\r")
    assert raw(rich_codes.sub("", written)) == []


# -- the rule that keeps it so ----------------------------------------------------------------

WRITES = re.compile(
    r"\b(typer|click)\.(echo|secho)\b|\bprint\(|\bsys\.(__)?(stdout|stderr)\b"
    r"|\bos\.write\(|\.buffer\.write\(|\bConsole\("
)


def test_only_the_boundary_writes_in_the_command_line_code() -> None:
    folder = ROOT / "src" / "fenggong" / "cli"
    writers = {
        f"{path.name}:{number}: {line.strip()}"
        for path in folder.glob("*.py")
        if path.name != "console.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRITES.search(line)
    }
    assert writers == set()
    # The pattern does find writes: the boundary's own.
    assert WRITES.search((folder / "console.py").read_text(encoding="utf-8"))
