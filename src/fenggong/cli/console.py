"""The one output boundary: every character fenggong writes to stdout or stderr passes ``clean``.

Data (a task text, a department name, a file name) may hold terminal controls, written in
by mistake or by someone who means harm: ESC starts sequences that set the window title,
rewrite the clipboard (OSC 52) or hide lines; U+009B is a one-byte CSI; CR overwrites what
was shown; bidi overrides make a line read backwards. The policy, by destination:

- stderr (diagnostics, errors, the progress bar) is always made safe: ``names.visible``
  shows every C0 control but ``\\n`` and ``\\t``, DEL, every C1 control (U+0080–U+009F)
  and the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) as
  escapes (``\\x1b``, ``\\x9b``, ``\\u202e``).
- stdout to a terminal: the same, always, for every format. JSON says it in its own
  escapes (``\\u001b``, ``\\u009b``) so that what is shown is still valid JSON.
- stdout to a pipe or file: formats for people (table, markdown, ``diff`` text and
  markdown, ``validate`` text and github, an exported markdown or HTML page) are made safe
  too: they end up in CI logs and job summaries, which render escapes. Formats for
  machines stay faithful: JSON and JSONL carry every control and bidi mark as a JSON
  escape (lossless, valid JSON); YAML carries controls as YAML escapes (PyYAML
  double-quotes any string that holds one), while bidi marks, printable to YAML, stay
  characters; CSV is written raw, as the data is, because it is a data contract: a
  reader gets back exactly the strings in the dataset.

Rich's own codes are legitimate: a table is rendered to a string with the terminal's width
and colour settings (its data was made visible before it entered the renderable), then
written in a mode that keeps Rich's SGR colour sequences and escapes every other control.
The progress bar redraws itself, so its mode also keeps the few cursor codes Rich uses for
that (CR, erase line, cursor up, hide and show the cursor).
A stream whose encoding cannot write every character (a GBK or cp1252 console, an ascii
pipe) gets what it can: cli.encoding has that policy, applied here to each stream in its
own encoding, stdout and stderr apart. Rich renders as for UTF-8 and the boundary puts an
ASCII line for each of its box lines. An exported file written to stdout stays its UTF-8
bytes, unless a person reads it on such a terminal.
Nothing else in ``cli/`` writes to stdout or stderr (a test holds it to that). Help comes
here too (cli.helptext), so that a console's encoding never breaks it. Click writes one
thing itself: shell completions, whose values and descriptions cli.complete makes visible.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from enum import Enum
from typing import IO, TYPE_CHECKING, TextIO, cast

from fenggong.cli.encoding import encodable, is_unicode
from fenggong.errors import DataError, FenggongError, FormError, Problem
from fenggong.messages import _
from fenggong.names import UNSAFE, one_line, visible

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


class Mode(Enum):
    """How a text is made safe; see the module's policy."""

    PEOPLE = "people"  # always made visible
    STYLED = "styled"  # Rich's rendering: its SGR sequences kept, all else made visible
    LIVE = "live"  # the progress bar: Rich's cursor codes kept too
    JSON = "json"  # controls as JSON escapes, in a pipe and on a terminal alike
    FAITHFUL = "faithful"  # csv, yaml: raw in a pipe, made visible on a terminal


_SGR = re.compile(f"(\x1b\\[[0-9;]*m)|{UNSAFE.pattern}")
# What Rich's live display sends besides colour: CR, erase line, cursor up, hide and show.
_LIVE = re.compile(f"(\x1b\\[[0-9;]*m|\r|\x1b\\[(?:2K|[0-9]*A|\\?25[hl]))|{UNSAFE.pattern}")


def _keep_own(match: re.Match[str]) -> str:
    return match.group(1) or visible(match.group())


def clean(text: str, mode: Mode, terminal: bool) -> str:
    """``text`` as it may be written in ``mode``, to a terminal or not."""
    if mode is Mode.PEOPLE:
        return visible(text)
    if mode is Mode.STYLED:
        return _SGR.sub(_keep_own, text)
    if mode is Mode.LIVE:
        return _LIVE.sub(_keep_own, text)
    if mode is Mode.JSON:
        from fenggong.render.jsonout import escape_controls

        return escape_controls(text)
    if not terminal:
        return text
    # An exported csv ends its rows in CRLF: a line ending, which overwrites nothing.
    return "\r\n".join(visible(line) for line in text.split("\r\n"))


def _write(stream: TextIO, text: str, mode: Mode, exact: bool = False) -> None:
    """The one place that writes: every other function here comes through it.

    ``exact`` writes UTF-8 bytes as they are, for an exported file sent to a pipe or a
    file: its bytes (a BOM, CRLF) must not depend on the locale's encoding or newline
    translation. On a terminal that is not UTF-8 a person reads it: written as text.
    What the stream's encoding cannot write falls back as cli.encoding says.
    """
    terminal = stream.isatty()
    cleaned = clean(text, mode, terminal)
    encoding = getattr(stream, "encoding", None) or "utf-8"
    if exact and (not terminal or is_unicode(encoding)):
        stream.buffer.write(cleaned.encode("utf-8"))
    else:
        glyphs = mode in (Mode.PEOPLE, Mode.STYLED, Mode.LIVE)
        stream.write(encodable(cleaned, encoding, glyphs=glyphs, json=mode is Mode.JSON))
    stream.flush()


class _Closed(io.TextIOBase):
    """A standard stream the process was started without (`>&-`): Python makes it None.
    Writing to it fails as writing to a closed descriptor does, and is said as such."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        import errno
        import os

        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def isatty(self) -> bool:
        return False


def closed_streams() -> None:
    """Give a stream the process was started without something to write to: stdout one
    whose writes fail (the answer has nowhere to go: `cannot write the output`), stderr
    the null device (what would be said has nowhere to go either)."""
    import os
    from pathlib import Path

    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 (for the run)


def silence_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit fails no more."""
    import os

    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())


def out(text: str, mode: Mode = Mode.PEOPLE, nl: bool = True) -> None:
    """Write to stdout."""
    _write(sys.stdout, text + "\n" if nl else text, mode)


def out_file(data: bytes, mode: Mode) -> None:
    """Write a file's UTF-8 bytes to stdout, made safe as ``mode`` asks."""
    _write(sys.stdout, data.decode("utf-8"), mode, exact=True)


def err(text: str, mode: Mode = Mode.PEOPLE, nl: bool = True) -> None:
    """Write to stderr: always made safe, whatever ``mode`` asks."""
    if mode not in (Mode.PEOPLE, Mode.LIVE):
        mode = Mode.PEOPLE
    _write(sys.stderr, text + "\n" if nl else text, mode)


def is_terminal(stream: str) -> bool:
    """Whether ``"stdout"`` or ``"stderr"`` is a terminal."""
    return bool(getattr(sys, stream).isatty())


class Stream:
    """stderr as a file, for code that writes on its own (Rich's live display, Click's
    errors), in ``Mode.PEOPLE`` or ``Mode.LIVE``."""

    def __init__(self, mode: Mode) -> None:
        # Held, not looked up at each write: a live display puts a proxy in sys.stderr
        # that prints through its console, which would write back into the proxy.
        self.stream = sys.stderr
        self.mode = mode if mode is Mode.LIVE else Mode.PEOPLE

    def write(self, text: str) -> int:
        _write(self.stream, text, self.mode)
        return len(text)

    def flush(self) -> None:
        """Each write is flushed already."""

    def isatty(self) -> bool:
        return is_terminal("stderr")

    def fileno(self) -> int:
        return self.stream.fileno()


def _console(file: IO[str] | None = None, no_color: bool | None = None) -> Console:
    from rich.console import Console

    class Drawing(Console):
        """Rich draws as on a UTF-8 console, whatever the stream's encoding: on another,
        Rich would put its own ASCII box around a table (another table, wider), where the
        boundary puts a character for each line (cli.encoding), the table's shape kept."""

        @property
        def encoding(self) -> str:
            return "utf-8"

    # Data is never markup: "[red]" or ":smile:" in a task text is shown as written.
    return Drawing(file=file, no_color=no_color, highlight=False, markup=False, emoji=False)


def styled(renderable: RenderableType, plain: bool) -> None:
    """A Rich renderable on stdout, at the terminal's width, in colour unless ``plain``."""
    # Rendered to a string first, not written by Rich: its codes are then known to be its own.
    console = _console(no_color=plain or None)
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    if plain:
        # Rich pads every line to the width; in a file or a pipe that is only noise (and
        # lines of nothing but spaces). Colour, on a terminal, needs the padding kept.
        text = "\n".join(line.rstrip(" ") for line in text.split("\n"))
    out(text, Mode.STYLED, nl=False)


def live_console() -> Console:
    """A Rich console for a live display on stderr, through the boundary."""
    return _console(file=cast("IO[str]", Stream(Mode.LIVE)))


def report_error(error: FenggongError) -> None:
    # A message may quote what was typed (--dept $'x\n::error::…'): one line each, so that
    # it cannot forge a line of a CI log.
    if isinstance(error, DataError):
        from fenggong.checks.report import problem_line

        problems = error.problems
        if isinstance(error, FormError):
            problems, unshown = _fewer(problems)
        else:
            unshown = []
        for problem in problems:
            err(problem_line(problem))
        for line in unshown:
            err(line)
        # The report is above, whole: say what it adds up to, not where to find it.
        err(_("error: {message}, listed above").format(message=error.message))
        return
    err(_("error: {message}").format(message=one_line(error.message)))
    if error.hint:
        err(_("  hint: {hint}").format(hint=one_line(error.hint)))


SHOWN = 10  # problems of one kind in one form shown: a form re-sent whole conflicts 90 times


def _fewer(problems: list[Problem]) -> tuple[list[Problem], list[str]]:
    """The forms' problems shown, the first ten of a kind in each form, and a line counting
    the rest of each kind (the error's last line counts them all)."""
    seen: dict[tuple[str, str, str], int] = {}
    shown: list[Problem] = []
    for problem in problems:
        file = problem.file or ""
        form = file.rsplit("!", 2)[0] if file.count("!") >= 2 else file
        kind = (form, problem.code, problem.name)
        count = seen[kind] = seen.get(kind, 0) + 1
        if count <= SHOWN:
            shown.append(problem)
    lines = [
        _("{file}: {count} more {code} {name} not shown").format(
            file=one_line(form) or "<form>", count=count - SHOWN, code=code, name=name
        )
        for (form, code, name), count in seen.items()
        if count > SHOWN
    ]
    return shown, lines


def terminate(signum: int, _frame: object) -> None:
    """A SIGTERM handler: end as Ctrl-C does, unwinding, so writes clean up after themselves."""
    raise SystemExit(128 + signum)
