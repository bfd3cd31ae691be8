"""``fenggong validate`` over the fixture folder, and the loader's unit behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong import datapath, loader
from fenggong.cli import app
from fenggong.errors import DataError, FileAccessError
from tests.conftest import FIXTURES, ROOT

VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def test_the_fixture_folders_are_not_empty() -> None:
    assert len(VALID) >= 3
    assert len(INVALID) >= 25


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{path}: valid — 3 tasks, 2 sections, 2 topics, 6 departments, 3 targets (2 quantified)\n"
    )
    assert result.stderr == ""


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture(runner: CliRunner, path: Path) -> None:
    expected = path.with_suffix(".expect").read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.replace(str(path), "FILE") == expected
    assert "Traceback" not in result.output


def test_every_rule_has_an_invalid_fixture() -> None:
    from fenggong.rules import RULES

    seen = {
        line.split()[2]
        for path in INVALID
        for line in path.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
        if line.startswith("FILE:") and " error " in line
    }
    assert set(RULES) == seen


def test_bundled_dataset_is_valid(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "valid — 111 tasks, 9 sections, 37 topics, 43 departments, 11 targets (8 quantified)\n"
    )


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("/nonexistent/tasks.yaml", "error: /nonexistent/tasks.yaml: no such file\n"),
        (str(FIXTURES), f"error: {FIXTURES} is a directory, not a dataset file\n"),
        ("/dev/null", "error: /dev/null is not a regular file\n"),
    ],
)
def test_unreadable_path_is_a_usage_error(runner: CliRunner, argument: str, message: str) -> None:
    result = runner.invoke(app, ["validate", argument])
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stdout == ""


def test_data_option_and_environment_choose_the_dataset(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimal = FIXTURES / "valid" / "minimal.yaml"
    assert runner.invoke(app, ["--data", str(minimal), "validate"]).stdout.startswith(str(minimal))
    monkeypatch.setenv("FENGGONG_DATA", str(minimal))
    assert runner.invoke(app, ["validate"]).stdout.startswith(str(minimal))
    assert datapath.active() == minimal
    assert datapath.active("other.yaml") == Path("other.yaml")


def test_bundled_path_is_the_working_copy_in_a_source_checkout() -> None:
    assert datapath.bundled() == ROOT / "data" / "tasks.yaml"


def test_load_raises_with_every_problem() -> None:
    with pytest.raises(DataError) as caught:
        loader.load(FIXTURES / "invalid" / "many-problems.yaml")
    assert [p.code for p in caught.value.problems] == ["FG013", "FG003", "FG007"]
    assert [p.path for p in caught.value.problems] == [
        "tasks[0].targets[0].quantity",
        "tasks[1].lead[0]",
        "tasks[2].id",
    ]


def test_load_missing_file_raises_file_access_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError):
        loader.load(tmp_path / "absent.yaml")


def test_duplicate_key_is_found_where_pyyaml_would_keep_the_last() -> None:
    report = loader.check(FIXTURES / "invalid" / "duplicate-key.yaml")
    assert report.dataset is None
    (problem,) = report.problems
    assert (problem.code, problem.line, problem.column) == ("FG004", 22, 3)


def test_python_tags_are_refused_without_running_anything(tmp_path: Path) -> None:
    evil = tmp_path / "evil.yaml"
    marker = tmp_path / "ran"
    evil.write_text(f"!!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    report = loader.check(evil)
    assert [p.code for p in report.problems] == ["FG001"]
    assert not marker.exists()


def test_a_problem_in_an_invalid_record_hides_no_other() -> None:
    # tasks[1] fails the shape check, yet the unknown department of tasks[2] is still found.
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: 2\n", '  - id: "2"\n').replace("lead: [黄浦区]", "lead: [黄埔区]")
    _, found = loader.validate(loader.parse(text)[0])
    assert [(p.code, p.path) for p, _ in found] == [
        ("FG002", "tasks[1].id"),
        ("FG003", "tasks[2].lead[0]"),
    ]
