"""README's promises about writes, held by real processes: interrupted, killed, or racing.

A wrapper runs the command line with ``Path.replace`` (the rename that puts a written file
in place) delayed: until a signal has arrived, or until every racing process has its
complete temporary file beside the target, so that the renames truly happen at once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import atomic, cache, loader
from fenggong.store import source as sources
from tests.helpers import FIXTURES

pytestmark = pytest.mark.slow

MINIMAL = FIXTURES / "valid" / "minimal.yaml"
TIMEOUT = 120

# argv: ACTION ARG WHERE COMMAND...; WHERE is the target file, or a folder (the cache's),
# whose renames are delayed. ACTION "signal" sends signal ARG to the process itself there;
# "barrier" waits until ARG processes have reached their rename.
WRAPPER = """
import os, sys, time
from pathlib import Path

action, arg, where = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
real_replace = Path.replace

def replace(self, to):
    if Path(to) == where or Path(to).parent == where:
        if action == "signal":
            os.kill(os.getpid(), arg)
            time.sleep(30)  # where the handler runs: the signal cuts the sleep short
        else:
            barrier = where.parent / "barrier"
            barrier.mkdir(exist_ok=True)
            (barrier / str(os.getpid())).touch()
            deadline = time.time() + 60
            while len(list(barrier.iterdir())) < arg and time.time() < deadline:
                time.sleep(0.01)
    return real_replace(self, to)

Path.replace = replace
sys.argv = ["fenggong", *sys.argv[4:]]
from fenggong.__main__ import main
main()
"""


def _wrapper(tmp_path: Path) -> Path:
    path = tmp_path / "wrapper.py"
    path.write_text(WRAPPER, encoding="utf-8")
    return path


def _env(cache_home: Path) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(cache_home)}


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


# -- Ctrl-C, SIGTERM and SIGKILL during a cache write -----------------------------------------


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_cache_write_interrupted_leaves_the_previous_file_and_no_temporary(
    tmp_path: Path, signum: int, status: int
) -> None:
    folder = tmp_path / "cache" / "fenggong"
    folder.mkdir(parents=True, mode=0o700)
    entry = _entry(folder, MINIMAL)
    entry.write_bytes(b"the previous file: a corrupt entry, rebuilt by this run")
    other = folder / entry.name.replace(entry.name.split("-")[1], "0" * 64)
    other.write_bytes(b"another dataset's entry")
    args = ["signal", str(signum), str(folder), "--data", str(MINIMAL), "list"]
    done = subprocess.run(
        [sys.executable, str(_wrapper(tmp_path)), *args],
        env=_env(tmp_path / "cache"),
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert (done.returncode, done.stderr, done.stdout) == (status, b"", b"")
    assert entry.read_bytes() == b"the previous file: a corrupt entry, rebuilt by this run"
    assert other.read_bytes() == b"another dataset's entry"
    assert sorted(p.name for p in folder.iterdir()) == sorted([entry.name, other.name])


def test_a_killed_cache_writers_temporary_file_is_removed_once_stale(tmp_path: Path) -> None:
    folder = tmp_path / "cache" / "fenggong"
    args = ["signal", str(signal.SIGKILL), str(folder), "--data", str(MINIMAL), "list"]
    done = subprocess.run(
        [sys.executable, str(_wrapper(tmp_path)), *args],
        env=_env(tmp_path / "cache"),
        capture_output=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == -signal.SIGKILL
    (left,) = _temporaries(folder)  # SIGKILL cannot be cleaned up after
    two_hours_ago = time.time() - 2 * atomic.STALE
    os.utime(folder / left, (two_hours_ago, two_hours_ago))
    subprocess.run(
        [sys.executable, "-m", "fenggong", "--data", str(MINIMAL), "list"],
        env=_env(tmp_path / "cache"),
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    assert _temporaries(folder) == []
    assert [p.name for p in folder.iterdir()] == [_entry(folder, MINIMAL).name]


def _entry(folder: Path, dataset: Path) -> Path:
    """Where the cache in ``folder`` keeps the entry of ``dataset``."""
    path = cache.entry_path(sources.digest(sources.from_path(dataset)))
    assert path is not None
    return folder / path.name


# -- two processes writing at once ------------------------------------------------------------

LEADS = ["市教委", "市人力资源社会保障局", "市经济信息化委", "市财政局"]


def test_exports_racing_to_one_file_leave_one_complete_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "t.csv"
    target.write_bytes(b"the previous export")
    wrapper = _wrapper(tmp_path)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                str(wrapper),
                "barrier",
                str(len(LEADS)),
                str(target),
                "export",
                "csv",
                "--lead",
                lead,
                "-o",
                str(target),
            ],
            env=_env(tmp_path / "cache"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for lead in LEADS
    ]
    results = [p.communicate(timeout=TIMEOUT) for p in processes]
    assert [p.returncode for p in processes] == [0] * len(LEADS), results
    # Every process had its whole file written beside the target before any rename.
    assert len(list((out / "barrier").iterdir())) == len(LEADS)
    runner = CliRunner()
    exports = {
        runner.invoke(app, ["export", "csv", "--lead", lead, "-o", "-"]).stdout_bytes
        for lead in LEADS
    }
    assert len(exports) == len(LEADS)
    assert target.read_bytes() in exports  # one of them, whole
    assert sorted(p.name for p in out.iterdir()) == ["barrier", "t.csv"]


def test_cache_writers_racing_leave_one_complete_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache" / "fenggong"
    wrapper = _wrapper(tmp_path)
    args = ["barrier", "4", str(folder), "--data", str(MINIMAL), "list", "-f", "json"]
    processes = [
        subprocess.Popen(
            [sys.executable, str(wrapper), *args],
            env=_env(tmp_path / "cache"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    results = [p.communicate(timeout=TIMEOUT) for p in processes]
    assert [p.returncode for p in processes] == [0] * 4, results
    assert len({out for out, _ in results}) == 1
    assert len(list((tmp_path / "cache" / "barrier").iterdir())) == 4
    (entry,) = folder.iterdir()
    assert entry == _entry(folder, MINIMAL)
    stored = json.loads(entry.read_bytes())
    assert stored["sha256"] == sources.digest(sources.from_path(MINIMAL))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cache.read(stored["sha256"]) == loader.load(MINIMAL)
