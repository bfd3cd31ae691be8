"""Interrupted and concurrent writes: the previous file survives, no temporary is left."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fenggong.cli.console import terminate
from fenggong.store import atomic, cache, loader
from fenggong.store import source as sources
from tests.helpers import ROOT

FENGGONG = [sys.executable, "-m", "fenggong"]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_inside_a_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(b"old")
    previous = signal.signal(signal.SIGTERM, terminate)
    real_fsync = os.fsync

    def interrupted(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), signum)  # arrives with the temporary file half-way in place
        time.sleep(1)

    monkeypatch.setattr(os, "fsync", interrupted)
    try:
        with pytest.raises((KeyboardInterrupt, SystemExit)):
            atomic.write_atomic(path, b"new")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert path.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "tasks.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_dataset.py"), "3000", str(path)],
        check=True,
    )
    return path


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5])
def test_killing_an_export_leaves_the_old_file_intact(
    tmp_path: Path, big_dataset: Path, signum: int, delay: float
) -> None:
    target = tmp_path / "table.xlsx"
    target.write_bytes(b"the previous export")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = [*FENGGONG, "--data", str(big_dataset), "export", "xlsx", "-o", str(target)]
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert b"Traceback" not in stderr or process.returncode != 0
    content = target.read_bytes()
    # Either the export finished first (a whole workbook) or the old file is untouched.
    assert content == b"the previous export" or content.startswith(b"PK")
    assert _leftovers(tmp_path) == []


def test_two_processes_writing_the_cache_at_once_never_corrupt_it(
    tmp_path: Path, big_dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = [*FENGGONG, "--data", str(big_dataset), "list", "--lead", "市教委", "-f", "json"]
    processes = [
        subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes), [e for _, e in outputs]
    assert len({out for out, _ in outputs}) == 1
    folder = tmp_path / "cache" / "fenggong"
    (entry,) = folder.iterdir()
    assert json.loads(entry.read_bytes())["format"] == cache.FORMAT
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    digest = sources.digest(sources.from_path(big_dataset))
    assert entry == cache.entry_path(digest)
    assert cache.read(digest) == loader.load(big_dataset)
