"""Deterministic terminal for every test: fixed width, no colour, the bundled dataset.

And no test writes the user's cache: before any test module is imported (some load the
dataset at import), the cache moves to a folder of this session; each test then gets its
own, empty but for a command test's (``runner``), which holds the bundled dataset.
"""

from __future__ import annotations

import atexit
import inspect
import itertools
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

# Windows (the workflow's Windows job) has no pseudo-terminals, FIFOs, POSIX signals or
# permission bits, and makes symbolic links for administrators only: a test that uses
# one is POSIX's alone, and skipped there. Recognized by what its own code calls.
POSIX_ONLY = ("mkfifo", "symlink", "chmod", "SIGKILL", "SIGHUP", "/dev/", "getuid", "umask")
if sys.platform == "win32":
    collect_ignore = ["test_output_boundary_pty.py"]  # termios, at import


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if sys.platform != "win32":
        return
    for item in items:
        function = getattr(item, "function", None)
        try:
            source = inspect.getsource(function) if function else ""
        except (OSError, TypeError):
            continue
        used = [word for word in POSIX_ONLY if word in source]
        if used:
            item.add_marker(pytest.mark.skip(reason=f"POSIX only: {', '.join(used)}"))


SESSION_CACHE = Path(tempfile.mkdtemp(prefix="fenggong-test-cache-"))
os.environ["XDG_CACHE_HOME"] = str(SESSION_CACHE)
atexit.register(shutil.rmtree, SESSION_CACHE, ignore_errors=True)
_NUMBERS = itertools.count(1)


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("FENGGONG_DATA", raising=False)
    # English is the tests' language, whatever the machine's locale; a test of Chinese
    # sets FENGGONG_LANG=zh itself.
    monkeypatch.setenv("FENGGONG_LANG", "en")
    yield


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's language is Chinese (``@pytest.mark.usefixtures("chinese")``)."""
    monkeypatch.setenv("FENGGONG_LANG", "zh")


@pytest.fixture(autouse=True)
def _cache(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's own cache folder, made only when something is cached in it."""
    folder = SESSION_CACHE / "tests" / str(next(_NUMBERS))
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def runner(_cache: Path) -> CliRunner:
    """Runs the command line as a user's second run does: the bundled dataset is cached.

    A cold load (YAML with locations, then validation) would cost every command test
    tens of milliseconds; test_cache covers the cold path and that both paths agree.
    """
    session = SESSION_CACHE / "fenggong"
    if session.is_dir():
        shutil.copytree(session, _cache / "fenggong", dirs_exist_ok=True)
    return CliRunner()
