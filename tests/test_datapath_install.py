"""Real installs in real folders: inside a clone, fenggong answers for that clone's data.

Two installs: a wheel-like one (`pip install .` into a venv of its own, as README says),
whose bundled dataset lies in site-packages, and the editable one the tests run from,
whose bundled dataset is the data/tasks.yaml of another clone (this repository). Each is
run with its current folder inside a temporary clone holding a modified data/tasks.yaml.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.helpers import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

ORIGINAL = "“十四五”时期，建设20所新型技师学院"
EDITED = "“十四五”时期，建设30所新型技师学院"
SUMMARY = "valid — 111 tasks, 9 sections, 37 topics, 43 departments, 10 targets (7 quantified)"


def _git(repo: Path, *args: str) -> None:
    config = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run(["git", *config, *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def wheel_install(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The console script of `pip install .` of this repository into a venv of its own.

    The package is built and installed as a wheel; its dependencies are this test run's
    own (a .pth names their folder), so that no index is asked for them.
    """
    venv = tmp_path_factory.mktemp("wheel") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    subprocess.run([*pip, "--no-deps", str(ROOT)], check=True, capture_output=True)
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.run(
        [python, "-c", "import fenggong; print(fenggong.__file__)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(purelib)  # the wheel's copy, not this checkout's
    assert Path(purelib, "fenggong", "data", "tasks.yaml").is_file()
    return venv / "bin" / "fenggong"


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A clone whose main holds the dataset, edited (task 2: 20所 → 30所) in its working copy."""
    repo = tmp_path / "clone"
    (repo / "data").mkdir(parents=True)
    (repo / "docs" / "deep").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "tasks.yaml", repo / "data" / "tasks.yaml")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "dataset")
    path = repo / "data" / "tasks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(ORIGINAL, EDITED), "utf-8")
    return repo


def _run(command: list[str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/nonexistent",  # not above the clone: the search never climbs into home
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],  # the test session's (conftest)
        "NO_COLOR": "1",
        "COLUMNS": "120",
    }
    return subprocess.run(
        [*command, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def _installs(wheel_install: Path) -> dict[str, list[str]]:
    return {"wheel": [str(wheel_install)], "editable": [sys.executable, "-m", "fenggong"]}


@pytest.mark.parametrize("install", ["wheel", "editable"])
def test_diff_compares_the_clone_with_its_main(
    wheel_install: Path, clone: Path, install: str
) -> None:
    command = _installs(wheel_install)[install]
    result = _run(command, clone / "docs" / "deep", "diff", "--git", "main")
    assert result.stderr == "reading ../../data/tasks.yaml\n"
    assert (result.returncode, result.stdout) == (
        1,
        "task 2 text: “十四五”时期，建设[-2-]{+3+}0所新型技师学院\n"
        "\nNo department gains or loses a task.\n",
    )


@pytest.mark.parametrize("install", ["wheel", "editable"])
def test_validate_and_queries_read_the_clone(
    wheel_install: Path, clone: Path, install: str
) -> None:
    command = _installs(wheel_install)[install]
    result = _run(command, clone, "validate")
    assert result.returncode == 0
    assert result.stdout == f"data/tasks.yaml: {SUMMARY}\n"
    assert result.stderr.startswith("reading ./data/tasks.yaml\n")
    shown = _run(command, clone / "docs", "show", "2", "-f", "csv")
    assert (shown.returncode, shown.stderr) == (0, "")
    assert EDITED in shown.stdout


@pytest.mark.parametrize("install", ["wheel", "editable"])
def test_outside_any_clone_the_bundled_dataset_answers(
    wheel_install: Path, tmp_path: Path, install: str
) -> None:
    command = _installs(wheel_install)[install]
    bundled = (
        wheel_install.parent.parent.glob("lib/python*/site-packages/fenggong/data/tasks.yaml")
        if install == "wheel"
        else iter([ROOT / "data" / "tasks.yaml"])
    )
    result = _run(command, tmp_path, "validate")
    assert result.returncode == 0
    assert result.stderr.startswith(
        f"reading the bundled dataset {next(bundled)}: no data/tasks.yaml here or above\n"
    )
    shown = _run(command, tmp_path, "show", "2", "-f", "csv")
    assert ORIGINAL in shown.stdout
