"""Every command, in every text format and its help, on consoles that are not UTF-8.

A Chinese Windows console in code page 936 (GBK), a Western one (cp1252) and an ascii
stream: each run, a real process under ``PYTHONIOENCODING``, exits as under UTF-8, shows
no traceback, and writes what the UTF-8 run wrote, as that console can: every character
it can encode the same, our glyphs in their fallbacks, anything else as an escape.

The commands are read from the application, not listed by hand: a command without a
case below fails ``test_every_command_has_a_case``. Each case runs once per choice of
its ``--format``. The runs are many and each is a process: they run in parallel, once,
in a module fixture, and the tests read their results.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._click.core import Context
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli.encoding import GLYPHS
from fenggong.exporting import TEXT_FORMATS
from tests.helpers import ROOT

pytestmark = pytest.mark.slow

AS_OF = ["--as-of", "2026-03-20"]
LEDGER = ["--data", "examples/tasks.yaml"]

# What each command is run with (after its name), in a copy of examples/ and data/.
CASES: dict[str, list[list[str]]] = {
    "list": [["--lead", "市教委"]],
    "show": [["1,47"]],
    "targets": [[]],
    "search": [["数字技能"]],
    "depts": [[], ["市教委"], ["--chart"]],
    "departments": [["--chart"]],
    "outline": [["--section", "五"]],
    "matrix": [[]],
    "export": [
        *([fmt.value, "-o", "-"] for fmt in sorted(TEXT_FORMATS)),
        ["markdown", "--dept", "市教委", "-o", "-"],
        ["xlsx"],  # a default name: 分工表.xlsx, said on stderr
        ["docx", "--dept", "市教委"],
    ],
    "validate": [[], ["tests/fixtures/warning"]],
    "diff": [
        [
            "tests/fixtures/diff/added-and-edited/old.yaml",
            "tests/fixtures/diff/added-and-edited/new.yaml",
        ]
    ],
    "schema": [[]],
    "plans": [["--data", "examples/library"]],
    "import": [["tests/fixtures/import/readers/prose-utf8.txt", "-o", "-"]],
    "status": [[*LEDGER, *AS_OF]],
    "due": [[*LEDGER, *AS_OF]],
    "overdue": [[*LEDGER, *AS_OF]],
    "report sheet": [[*LEDGER, "--period", "2026-Q1", "--dept", "市教委", "-o", "表.xlsx"]],
    "report collect": [[*LEDGER, "form.xlsx"]],
    "report summary": [[*LEDGER, "--period", "2026-Q1", *AS_OF]],
}


def commands() -> Iterator[tuple[str, Any]]:
    """Every command of the application by its path (``report sheet``), groups included."""
    root = typer.main.get_command(app)
    ctx = Context(root, info_name="fenggong")

    def walk(group: Any, prefix: str) -> Iterator[tuple[str, Any]]:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            path = f"{prefix}{name}"
            yield path, command
            if hasattr(command, "list_commands"):
                yield from walk(command, f"{path} ")

    yield from walk(root, "")


def _formats(command: Any) -> list[str | None]:
    option = next((p for p in command.params if "--format" in getattr(p, "opts", ())), None)
    if option is None:
        return [None]
    kind = option.type_descriptor.annotation  # the option's Enum: Format, ReportFormat, …
    return [member.value for member in kind]


@dataclass(frozen=True)
class Run:
    argv: tuple[str, ...]
    fmt: str | None  # the --format asked for, None for help and the default

    @property
    def exact(self) -> bool:
        """An export written to stdout: a file's UTF-8 bytes, whatever the console."""
        return self.argv[0] == "export" and "-o" in self.argv and "-" in self.argv

    @property
    def mode(self) -> str:
        if "--help" in self.argv:
            return "people"
        if self.fmt in ("json", "jsonl") or self.argv[0] == "schema":
            return "json"
        if self.fmt in ("csv", "yaml") or self.argv[0] == "import":
            return "faithful"
        return "people"


def _runs() -> list[Run]:
    runs = []
    for path, command in commands():
        words = tuple(path.split())
        runs.append(Run((*words, "--help"), None))
        for args in CASES.get(path, []):
            for fmt in _formats(command):
                more = () if fmt is None else ("--format", fmt)
                runs.append(Run((*words, *args, *more), fmt))
    return runs


RUNS = _runs()
# ascii once per command line, not per format: it adds nothing gbk and cp1252 do not.
ASKED = {
    **dict.fromkeys(("utf-8", "gbk", "cp1252"), RUNS),
    "ascii": [run for run in RUNS if run.fmt in (None, "table", "text")],
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/, data/ and the fixtures the cases read, and a form to collect."""
    folder = tmp_path_factory.mktemp("encodings")
    for part in ("data", "examples", "tests/fixtures/diff", "tests/fixtures/warning"):
        shutil.copytree(ROOT / part, folder / part)
    shutil.copytree(
        ROOT / "tests/fixtures/import/readers", folder / "tests/fixtures/import/readers"
    )
    result = CliRunner().invoke(
        app,
        [
            *("report", "sheet", "--data", str(folder / "examples/tasks.yaml")),
            *("--period", "2026-Q1", "--dept", "市教委", "-o", str(folder / "form.xlsx")),
        ],
        # Module-wide, before the tests' own cache folders: it caches the example ledger
        # into one of its own, never the session's that every command test starts from.
        env={"XDG_CACHE_HOME": str(folder / "cache")},
    )
    assert result.exit_code == 0, result.output
    return folder


@dataclass(frozen=True)
class Done:
    code: int
    stdout: bytes
    stderr: bytes


def _run_all(encoding: str, runs: list[Run], workspace: Path, folder: Path) -> list[Done]:
    """Every run in one process whose console is in ``encoding`` (tests.console_runs)."""
    folder.mkdir()
    jobs = folder / "jobs.json"
    spec = {"workspace": str(workspace), "results": str(folder), "jobs": [r.argv for r in runs]}
    jobs.write_text(json.dumps(spec), encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONIOENCODING": encoding,
        "FENGGONG_LANG": "zh",  # Chinese help and messages: the case that matters
        "XDG_CACHE_HOME": str(folder / "cache"),
        "COLUMNS": "100",
    }
    env.pop("PYTHONUTF8", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.console_runs", str(jobs)],
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    codes = json.loads((folder / "codes.json").read_text(encoding="utf-8"))

    def read(number: int, stream: str) -> bytes:
        said = (folder / f"{number}.{stream}").read_bytes()
        # A path said on stderr names the run's own copy: the same in every run.
        return said.replace(str(folder / f"run-{number}").encode(), b"WORKSPACE")

    return [Done(code, read(n, "out"), read(n, "err")) for n, code in enumerate(codes)]


@pytest.fixture(scope="module")
def results(
    workspace: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[Run, str], Done]:
    top = tmp_path_factory.mktemp("runs")
    asked = ASKED
    with ThreadPoolExecutor(len(asked)) as pool:
        futures = {
            enc: pool.submit(_run_all, enc, runs, workspace, top / enc)
            for enc, runs in asked.items()
        }
        return {
            (run, enc): done
            for enc, future in futures.items()
            for run, done in zip(asked[enc], future.result(), strict=True)
        }


def shown(text: str, encoding: str, mode: str) -> str:
    """What a console in ``encoding`` is expected to show of ``text``, written out here
    rather than with cli.encoding, so that a change to the policy shows as a failure."""
    table = {}
    if mode == "people":
        for family in GLYPHS.values():
            if any(_cannot(glyph, encoding) for glyph in family):
                table.update({ord(glyph): plain for glyph, plain in family.items()})
    out = []
    for char in text.translate(table):
        if not _cannot(char, encoding):
            out.append(char)
        elif mode == "json":  # a JSON escape, of each UTF-16 unit: a pair beyond the BMP
            units = char.encode("utf-16-be").hex()
            out.append("".join(f"\\u{units[i : i + 4]}" for i in range(0, len(units), 4)))
        else:
            out.append(char.encode("ascii", "backslashreplace").decode("ascii"))
    return "".join(out)


def _cannot(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except UnicodeEncodeError:
        return True
    return False


def test_every_command_has_a_case() -> None:
    missing = [
        path
        for path, command in commands()
        if path not in CASES and not hasattr(command, "list_commands")
    ]
    assert missing == []
    assert len(RUNS) > 60


@pytest.mark.parametrize(
    ("run", "encoding"),
    [(run, enc) for enc, runs in ASKED.items() if enc != "utf-8" for run in runs],
    ids=lambda value: " ".join(value.argv) if isinstance(value, Run) else value,
)
def test_a_console_that_is_not_utf8(
    results: dict[tuple[Run, str], Done], run: Run, encoding: str
) -> None:
    utf8, done = results[(run, "utf-8")], results[(run, encoding)]
    assert b"Traceback" not in utf8.stderr, utf8.stderr.decode()
    assert b"Traceback" not in done.stderr, done.stderr.decode(encoding, "replace")
    assert done.code == utf8.code, done.stderr.decode(encoding, "replace")
    assert done.stderr.decode(encoding) == shown(utf8.stderr.decode(), encoding, "people")
    if run.exact:
        assert done.stdout == utf8.stdout  # the file's bytes, as -o FILE writes them
    else:
        assert done.stdout.decode(encoding) == shown(utf8.stdout.decode(), encoding, run.mode)
