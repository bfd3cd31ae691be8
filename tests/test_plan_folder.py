"""A folder named that is no library: the folder of one plan file reads as that file, its
台账 included; a folder whose plan lies below it (data/tasks.yaml) says to name the plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.errors import UsageError
from fenggong.store import datapath
from tests.helpers import FIXTURES, ROOT

EXAMPLES = ROOT / "examples"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The bundled plan with the example 台账 beside it, which names tasks by bare id."""
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    shutil.copy(EXAMPLES / "lights.yaml", tmp_path / "lights.yaml")
    shutil.copytree(EXAMPLES / "progress", tmp_path / "progress")
    return tmp_path


def test_a_folder_of_one_plan_stands_for_it(tmp_path: Path) -> None:
    shutil.copy(MINIMAL, tmp_path / "tasks.yaml")
    (tmp_path / "progress").mkdir()  # a subfolder is no plan
    assert datapath.meant(tmp_path) == tmp_path / "tasks.yaml"
    assert datapath.choose(str(tmp_path)).path == tmp_path / "tasks.yaml"
    # With a registry.yaml, or a second plan, it is a library.
    shutil.copy(MINIMAL, tmp_path / "other.yaml")
    assert datapath.meant(tmp_path) == tmp_path
    (tmp_path / "other.yaml").unlink()
    (tmp_path / "registry.yaml").write_text("jurisdictions: {}\n", encoding="utf-8")
    assert datapath.meant(tmp_path) == tmp_path
    # An empty folder stays an empty library, reported as such (FG033).
    assert datapath.meant(tmp_path / "progress") == tmp_path / "progress"


@pytest.mark.parametrize("how", ["argument", "--data", "variable"])
def test_validate_of_the_plan_s_folder_is_validate_of_the_plan(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.chdir(folder)
    args = {"argument": ["validate", "."], "--data": ["--data", ".", "validate"]}
    if how == "variable":
        monkeypatch.setenv("FENGGONG_DATA", ".")
    result = runner.invoke(app, args.get(how, ["validate"]))
    alone = runner.invoke(app, ["validate", "tasks.yaml"])
    assert (result.exit_code, result.stdout) == (0, alone.stdout)
    shown = "reading tasks.yaml (from $FENGGONG_DATA)\n" if how == "variable" else ""
    assert result.stderr == shown
    assert alone.stdout == (
        "tasks.yaml: valid — 111 tasks, 9 sections, 37 topics, 43 departments, 10 targets "
        "(7 quantified)\n"
        "lights.yaml: valid — preset default: yellow within 30 days\n"
        "progress/2025-Q4.yaml: valid — 2025-Q4: 7 reports by 3 bodies on 5 tasks\n"
        "progress/2026-Q1.yaml: valid — 2026-Q1: 7 reports by 3 bodies on 6 tasks\n"
    )


def test_every_command_reads_the_plan_s_folder_as_the_plan(runner: CliRunner, folder: Path) -> None:
    for command in (["status", "--as-of", "2026-04-20"], ["show", "47"], ["targets"]):
        by_folder = runner.invoke(app, ["--data", str(folder), *command])
        by_file = runner.invoke(app, ["--data", str(folder / "tasks.yaml"), *command])
        assert by_folder.exit_code == 0, by_folder.stderr
        assert by_folder.stdout == by_file.stdout, command


def test_a_folder_whose_plan_lies_below_says_to_name_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    shutil.copy(MINIMAL, tmp_path / "data" / "tasks.yaml")
    monkeypatch.chdir(tmp_path)
    said = (
        "error: . holds no plan file at its top level, so it is no library; its plan is "
        "data/tasks.yaml\n"
        "  hint: name the plan file: data/tasks.yaml\n"
    )
    for args in (["validate", "."], ["--data", ".", "list"], ["diff", "--git", "HEAD", "."]):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", said), args
    with pytest.raises(UsageError):
        datapath.meant(tmp_path)
    # Named, the plan is read; found from the folder, as ever, too.
    assert runner.invoke(app, ["validate", "data/tasks.yaml"]).exit_code == 0
    assert runner.invoke(app, ["validate"]).stderr == "reading ./data/tasks.yaml\n"
