"""A name in ``progress/`` that looks like a period file but is none (a folder, a symbolic
link, a pipe) is FG041 at that path for every command that reads the 台账, never skipped:
the reports someone meant to keep there would be read by nobody."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES

LEDGER = FIXTURES / "ledger"
VALID = LEDGER / "valid"


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """The fixture plan with the 2025-Q4 period file alone in its ledger."""
    shutil.copy(LEDGER / "plan.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress").mkdir()
    shutil.copy(VALID / "2025-Q4.yaml", tmp_path / "progress")
    return tmp_path / "tasks.yaml"


def _folder(path: Path) -> None:
    path.mkdir()
    shutil.copy(VALID / "2026-Q1.yaml", path)  # what someone meant to keep is inside


def _link(path: Path) -> None:
    path.symlink_to(VALID / "2026-Q1.yaml")


def _broken_link(path: Path) -> None:
    path.symlink_to(path.parent / "gone.yaml")


def _pipe(path: Path) -> None:
    os.mkfifo(path)


FOLDER_SAID = (
    "error FG041 period-file: 2026-Q1.yaml in the ledger is a folder, not a period file",
    "  hint: a period's reports are one file (progress/2026-Q1.yaml): move the folder out of "
    "progress/, or rename it without .yaml",
)
LINK_SAID = (
    "error FG041 period-file: 2026-Q1.yaml in the ledger is a symbolic link, not a period file",
    "  hint: put the file itself in progress/: report collect writes only a regular file",
)
PIPE_SAID = (
    "error FG041 period-file: 2026-Q1.yaml in the ledger is not a regular file (a pipe, a "
    "device or a socket)",
    "  hint: a period's reports are a regular file: remove 2026-Q1.yaml from progress/",
)
CASES: list[tuple[str, Callable[[Path], None], tuple[str, str]]] = [
    ("folder", _folder, FOLDER_SAID),
    ("link", _link, LINK_SAID),
    ("broken-link", _broken_link, LINK_SAID),
    ("pipe", _pipe, PIPE_SAID),
]


@pytest.mark.parametrize(("make", "said"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("given", ["plan", "name"])  # validate PLAN, or the name itself
def test_validate_says_what_the_name_is_at_its_path(
    runner: CliRunner,
    dataset: Path,
    make: Callable[[Path], None],
    said: tuple[str, str],
    given: str,
) -> None:
    path = dataset.parent / "progress" / "2026-Q1.yaml"
    make(path)
    result = runner.invoke(app, ["validate", str(dataset if given == "plan" else path)])
    assert result.exit_code == 1
    head, hint = said
    assert result.stderr.splitlines() == [f"{path}: {head}", hint, f"{path}: invalid, 1 error"]


@pytest.mark.parametrize(("make", "said"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize(
    "command",
    [
        ["status", "--as-of", "2026-04-20"],
        ["overdue", "--as-of", "2026-04-20"],
        ["report", "summary", "--period", "2026-Q1"],
        ["report", "sheet", "--period", "2026-Q1", "--dept", "市教委", "-o", "f.xlsx"],
    ],
    ids=["status", "overdue", "summary", "sheet"],
)
def test_every_command_reading_the_ledger_refuses_it(
    runner: CliRunner,
    dataset: Path,
    make: Callable[[Path], None],
    said: tuple[str, str],
    command: list[str],
) -> None:
    path = dataset.parent / "progress" / "2026-Q1.yaml"
    make(path)
    result = runner.invoke(app, ["--data", str(dataset), *command])
    assert (result.exit_code, result.stdout) == (1, "")
    head, hint = said
    assert result.stderr.splitlines() == [
        f"{path}: {head}",
        hint,
        "error: 1 error in the dataset, listed above",
    ]


def test_a_folder_with_any_yaml_name_is_said_and_other_folders_are_not(
    runner: CliRunner, dataset: Path
) -> None:
    (dataset.parent / "progress" / "old.yml").mkdir()
    (dataset.parent / "progress" / "attachments").mkdir()
    (dataset.parent / "progress" / "attachments" / "2026-Q1.yaml").write_text("{}\n")
    result = runner.invoke(app, ["validate", str(dataset)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{dataset.parent / 'progress' / 'old.yml'}: error FG041 period-file: "
        "old.yml in the ledger is a folder, not a period file"
    )
    assert result.stdout.splitlines()[1] == (
        f"{dataset.parent / 'progress' / '2025-Q4.yaml'}: valid — 2025-Q4: 2 reports by 2 "
        "bodies on 2 tasks"
    )
    assert result.stderr.splitlines()[2] == (
        f"{dataset.parent / 'progress' / 'old.yml'}: invalid, 1 error"
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_folder_named_like_a_period_file_is_said_at_a_revision(
    runner: CliRunner, dataset: Path
) -> None:
    def git(*args: str) -> None:
        command = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args]
        subprocess.run(command, cwd=dataset.parent, check=True, capture_output=True)

    _folder(dataset.parent / "progress" / "2026-Q1.yaml")
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "a folder where the period file belongs")
    result = runner.invoke(app, ["diff", "--git", "HEAD", str(dataset)])
    assert result.exit_code == 2  # diff's error: 1 says the sides differ
    assert result.stderr.splitlines()[:2] == [
        f"HEAD:{dataset.parent / 'progress' / '2026-Q1.yaml'}: {FOLDER_SAID[0]}",
        FOLDER_SAID[1],
    ]
