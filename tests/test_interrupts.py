"""Interrupted and concurrent writes: the previous file survives, no temporary is left."""

from __future__ import annotations

import json
import os
import re
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


@pytest.mark.parametrize(
    ("signum", "raised", "args"),
    [(signal.SIGINT, KeyboardInterrupt, ()), (signal.SIGTERM, SystemExit, (143,))],
)
def test_a_signal_inside_a_write_keeps_the_old_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    signum: int,
    raised: type[BaseException],
    args: tuple[int, ...],
) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(b"old")
    previous = signal.signal(signal.SIGTERM, terminate)
    real_fsync = os.fsync

    def interrupted(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), signum)  # arrives with the temporary file half-way in place
        time.sleep(1)  # where the handler runs: the signal cuts the sleep short

    monkeypatch.setattr(os, "fsync", interrupted)
    try:
        with pytest.raises(raised) as caught:
            atomic.write_atomic(path, b"new")
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert caught.value.args == args  # SIGTERM ends as exit status 143
    assert path.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


# Runs the command line as its console script does, with the rename of the file it writes
# delayed until a signal has arrived: the temporary file then is whole and in place but
# not yet the target. It notes what the temporary file held at that moment.
WRAPPER = """
import json, os, sys, time, zipfile
from pathlib import Path

signum, target, note = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
real_replace = Path.replace

def replace(self, to):
    if Path(to) == target:  # the export's rename, not the cache's
        note.write_text(json.dumps({"temporary": self.name, "whole": zipfile.is_zipfile(self)}))
        os.kill(os.getpid(), signum)
        time.sleep(30)  # where the handler runs: the signal cuts the sleep short
    return real_replace(self, to)

Path.replace = replace
sys.argv = ["fenggong", *sys.argv[4:]]
from fenggong.__main__ import main
main()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGQUIT, 131)],
)
def test_killing_an_export_leaves_the_old_file_intact(
    tmp_path: Path, signum: int, status: int
) -> None:
    wrapper, note = tmp_path / "wrapper.py", tmp_path / "note.json"
    wrapper.write_text(WRAPPER, encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "table.xlsx"
    target.write_bytes(b"the previous export")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = [str(signum), str(target), str(note), "export", "xlsx", "-o", str(target)]
    run = subprocess.run(
        [sys.executable, str(wrapper), *args], env=env, capture_output=True, timeout=120
    )
    assert (run.returncode, run.stderr, run.stdout) == (status, b"", b"")
    seen = json.loads(note.read_text(encoding="utf-8"))
    assert seen["whole"] is True  # the signal came between a whole workbook and the rename
    assert re.fullmatch(r"\.fenggong-\w+\.tmp", seen["temporary"])
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in folder.iterdir()) == ["table.xlsx"]


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "tasks.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "make_dataset.py"), "3000", str(path)],
        check=True,
    )
    return path


@pytest.mark.slow
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
