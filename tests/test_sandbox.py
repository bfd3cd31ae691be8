"""The test run itself: it never writes the user's real cache (~/.cache/fenggong)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.store import source as sources
from tests import conftest
from tests.helpers import ROOT, cache_entry, cache_folder


def test_the_dataset_loaded_at_collection_went_to_the_session_cache() -> None:
    digest = sources.digest(sources.from_path(ROOT / "data" / "tasks.yaml"))
    session_entry = conftest.SESSION_CACHE / "fenggong" / cache_entry(digest).name
    assert session_entry.is_file()


def test_each_test_has_a_cache_of_its_own(_cache: Path) -> None:
    assert _cache.parent == conftest.SESSION_CACHE / "tests"
    assert cache_folder() == _cache / "fenggong"
    assert not _cache.exists()  # until something is cached


def test_a_command_test_starts_with_the_bundled_dataset_cached(runner: CliRunner) -> None:
    digest = sources.digest(sources.from_path(ROOT / "data" / "tasks.yaml"))
    assert [p.name for p in cache_folder().iterdir()] == [cache_entry(digest).name]


@pytest.mark.slow
def test_a_test_run_leaves_the_home_cache_untouched(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env["HOME"] = str(home)
    # Modules that load the dataset at import, and one that runs the command line.
    tests = [
        "tests/test_matching.py",
        "tests/test_fidelity.py",
        "tests/test_cli.py::test_python_dash_m",
    ]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.fullmatch(r"\d+ passed in .+", run.stdout.splitlines()[-1]), run.stdout
    assert sorted(p.name for p in home.rglob("*")) == []
