"""Deterministic terminal for every test: fixed width, no colour, the bundled dataset.

And no test writes the user's cache: before any test module is imported (some load the
dataset at import), the cache moves to a folder of this session; each test then gets its
own, empty.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

SESSION_CACHE = Path(tempfile.mkdtemp(prefix="fenggong-test-cache-"))
os.environ["XDG_CACHE_HOME"] = str(SESSION_CACHE)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(SESSION_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("FENGGONG_DATA", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
