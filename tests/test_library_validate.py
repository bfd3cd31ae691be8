"""``fenggong validate DIR``: every file of a library, then the library as a whole."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES, ROOT

LIBRARIES = FIXTURES / "libraries"
INVALID = sorted(p for p in (LIBRARIES / "invalid").iterdir() if p.is_dir())
WARNING = sorted(p for p in (LIBRARIES / "warning").iterdir() if p.is_dir())
DISTRICTS = LIBRARIES / "valid" / "districts"


def test_the_library_fixtures_are_listed() -> None:
    assert [p.name for p in INVALID] == [
        "conflicting-body",
        "duplicate-plan",
        "file-key",
        "no-plan",
        "unknown-jurisdiction",
    ]
    assert [p.name for p in WARNING] == ["jurisdiction-unlisted", "shadowed-body"]
    # Every case has its expected report, and every report its case.
    for folder in ("invalid", "warning"):
        cases = {p.name for p in (LIBRARIES / folder).iterdir() if p.is_dir()}
        assert {p.stem for p in (LIBRARIES / folder).glob("*.expect")} == cases


@pytest.mark.parametrize("folder", INVALID, ids=lambda p: p.name)
def test_invalid_library(runner: CliRunner, folder: Path) -> None:
    expected = folder.with_suffix(".expect").read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.replace(str(folder), "DIR") == expected
    assert "Traceback" not in result.output
    # Each file that is valid on its own says so; the library's line is the last.
    files = sorted(p.name for p in folder.glob("*.yaml"))
    shown = [line.split(":")[0] for line in result.stdout.splitlines()]
    assert all(line.endswith(tuple(files)) for line in shown)


@pytest.mark.parametrize("folder", WARNING, ids=lambda p: p.name)
def test_warning_library_passes_unless_strict(runner: CliRunner, folder: Path) -> None:
    expected = folder.with_suffix(".expect").read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0
    assert result.stderr.replace(str(folder), "DIR") == expected
    assert result.stdout.splitlines()[-1] == f"{folder}: valid — 1 plan, 1 task, 1 warning"
    strict = runner.invoke(app, ["validate", "--strict", str(folder)])
    assert strict.exit_code == 1
    assert strict.stderr.endswith(f"{folder}: invalid, 0 errors, 1 warning (--strict)\n")


def test_a_valid_library_has_a_line_per_file_and_one_for_the_library(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(DISTRICTS)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"{DISTRICTS}/registry.yaml: valid — 3 jurisdictions, 5 departments\n"
        f"{DISTRICTS}/minhang.yaml: valid — 1 task, 1 section, 1 topic, 2 departments, "
        "0 targets (0 quantified)\n"
        f"{DISTRICTS}/pudong.yaml: valid — 2 tasks, 1 section, 1 topic, 3 departments, "
        "0 targets (0 quantified)\n"
        f"{DISTRICTS}: valid — 2 plans, 3 tasks\n"
    )


def test_data_names_the_library_too(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    named = runner.invoke(app, ["--data", str(DISTRICTS), "validate"])
    assert (named.exit_code, named.stderr) == (0, "")
    assert named.stdout.endswith(f"{DISTRICTS}: valid — 2 plans, 3 tasks\n")
    monkeypatch.setenv("FENGGONG_DATA", str(DISTRICTS))
    from_variable = runner.invoke(app, ["validate"])
    assert from_variable.exit_code == 0
    assert from_variable.stderr == f"reading {DISTRICTS} (from $FENGGONG_DATA)\n"
    assert from_variable.stdout == named.stdout


def test_a_folder_of_the_bundled_plan_is_its_file(runner: CliRunner, tmp_path: Path) -> None:
    # One plan file and no registry.yaml: no library, but the plan's folder.
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"{tmp_path}/tasks.yaml: valid — 111 tasks, 9 sections, 37 topics, 43 departments, "
        "10 targets (7 quantified)\n"
    )


def test_a_problem_in_a_plan_file_is_located_in_it(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "invalid" / "unknown-department.yaml", tmp_path / "broken.yaml")
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", tmp_path / "sound.yaml")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path}/broken.yaml:35:12: error FG003 unknown-department at task 2 (tasks[1])"
        ".lead[0]: unknown department 市教育委\n"
        "  hint: did you mean 市教委?\n"
        f"{tmp_path}/broken.yaml: invalid, 1 error\n"
        f"{tmp_path}: invalid, 1 error\n"
    )
    assert result.stdout == (
        f"{tmp_path}/sound.yaml: valid — 3 tasks, 2 sections, 2 topics, 6 departments, "
        "3 targets (2 quantified)\n"
    )


def test_github_annotations_name_each_file(runner: CliRunner) -> None:
    folder = LIBRARIES / "invalid" / "conflicting-body"
    result = runner.invoke(app, ["validate", "--format", "github", str(folder)])
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{folder}/a.yaml: valid — 1 task, 1 section, 1 topic, 1 department, "
        "0 targets (0 quantified)",
        f"{folder}/b.yaml: valid — 1 task, 1 section, 1 topic, 1 department, "
        "0 targets (0 quantified)",
        f"::error file={folder}/b.yaml,line=13,col=3,title=FG031 conflicting-body::"
        "departments.市教委: 市教委 of the unnamed jurisdiction is 上海市教育局 here but "
        f"上海市教育委员会 in {folder}/a.yaml:13:3 (one name in one jurisdiction is one body: "
        "make the entries agree, or give the plan its own jurisdiction)",
        f"{folder}: invalid, 1 error",
    ]


def test_a_folder_without_plans_is_annotated_on_the_folder(runner: CliRunner) -> None:
    folder = LIBRARIES / "invalid" / "no-plan"
    result = runner.invoke(app, ["validate", "-f", "github", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"::error file={folder},title=FG033 no-plan::{folder} holds no plan file "
        "(a library is a folder of plan files (*.yaml), with an optional registry.yaml)"
    )


def test_json_lists_the_problems_of_every_file(runner: CliRunner) -> None:
    folder = LIBRARIES / "invalid" / "unknown-jurisdiction"
    result = runner.invoke(app, ["validate", "--format", "json", str(folder)])
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == [
        {
            "file": f"{folder}/registry.yaml",
            "line": 7,
            "column": 5,
            "path": "jurisdictions.浦东新区.within",
            "subject": None,
            "code": "FG032",
            "name": "unknown-jurisdiction",
            "severity": "error",
            "message": "浦东新区 lies within 上海, which registry.yaml does not define",
            "hint": "did you mean 上海市?",
        }
    ]
    warned = runner.invoke(app, ["validate", "-f", "json", str(WARNING[0])])
    assert warned.exit_code == 0
    assert [(p["file"], p["code"]) for p in json.loads(warned.stdout)] == [
        (f"{WARNING[0]}/plan.yaml", "FG106")
    ]


def test_files_and_folders_together(runner: CliRunner) -> None:
    minimal = FIXTURES / "valid" / "minimal.yaml"
    folder = LIBRARIES / "invalid" / "duplicate-plan"
    result = runner.invoke(app, ["validate", str(minimal), str(DISTRICTS), str(folder)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{minimal}: valid — 3 tasks")
    assert f"{DISTRICTS}: valid — 2 plans, 3 tasks\n" in result.stdout
    assert result.stderr.endswith(f"{folder}: invalid, 1 error\n")


def test_the_fixtures_folder_itself_holds_no_plan(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(FIXTURES)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[0] == (
        f"{FIXTURES}: error FG033 no-plan: {FIXTURES} holds no plan file"
    )


def test_a_subfolder_is_not_a_plan_whatever_its_name(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").mkdir()
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"{tmp_path}: error FG033 no-plan")


def test_a_plan_file_that_is_a_pipe_is_never_read(runner: CliRunner, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "plan.yaml")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: {tmp_path}/plan.yaml is not a regular file\n")


@pytest.mark.usefixtures("chinese")
def test_the_library_line_in_chinese(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(DISTRICTS)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == f"{DISTRICTS}：有效——2 个方案，3 项任务"


def test_the_example_library_is_valid(runner: CliRunner) -> None:
    folder = ROOT / "examples" / "library"
    result = runner.invoke(app, ["validate", "--strict", str(folder)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == f"{folder}: valid — 3 plans, 179 tasks"
