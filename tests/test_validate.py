"""``fenggong validate`` over the fixture folder, and the loader's unit behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.errors import DataError, FileAccessError
from fenggong.store import datapath, loader
from tests.helpers import FIXTURES, ROOT
from tests.test_ledger import LEDGER_RULES

VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
# Libraries: a folder per case, its .expect beside it (tests/test_library_validate.py).
LIBRARIES = FIXTURES / "libraries"


def _expected(folder: str) -> list[tuple[Path, str]]:
    """Each fixture's .expect (its path written FILE) and each library's (its folder DIR)."""
    files = sorted((FIXTURES / folder).glob("*.yaml"))
    found = [(p.with_suffix(".expect"), "FILE:") for p in files]
    return found + [(p, "DIR") for p in sorted((LIBRARIES / folder).glob("*.expect"))]


def _codes(folder: str, severity: str) -> set[str]:
    """The rule ids the expected reports of the fixtures of ``folder`` name."""
    return {
        line.split()[2]
        for path, head in _expected(folder)
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(head) and f" {severity} " in line
    }


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
    from fenggong.checks.rulebook import RULES
    from fenggong.errors import Severity

    seen = _codes("invalid", "error")
    # FG022 needs a file over 128 MiB: test_hostile makes a sparse one instead of a fixture.
    # The ledger's rules have their cases under tests/fixtures/ledger (tests/test_ledger.py),
    # lights.yaml's under tests/fixtures/lights (tests/test_lights.py).
    errors = {code for code, rule in RULES.items() if rule.severity is Severity.ERROR}
    lights = {code for code, rule in RULES.items() if rule.name.startswith("lights-")}
    assert seen == errors - {"FG022"} - LEDGER_RULES - lights


def test_bundled_dataset_is_valid(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0
    assert result.stdout.endswith(
        "valid — 111 tasks, 9 sections, 37 topics, 43 departments, 10 targets (7 quantified)\n"
    )
    # Task 78's 8个系列 is recorded as its basis, not a goal: no warning is left.
    assert result.stderr == "reading ./data/tasks.yaml\n"
    assert runner.invoke(app, ["validate", "--strict"]).exit_code == 0


def test_a_figure_under_basis_satisfies_fg104(runner: CliRunner, tmp_path: Path) -> None:
    bundled = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    start = bundled.index("    basis:\n      - {metric: 全面推进")
    end = bundled.index("\n", bundled.index("\n", start) + 1)
    path = tmp_path / "tasks.yaml"
    path.write_text(bundled[:start] + bundled[end + 1 :], encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert "warning FG104 unrecorded-target at task 78 (tasks[77]).text" in result.stderr


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("/nonexistent/tasks.yaml", "error: /nonexistent/tasks.yaml: no such file\n"),
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


WARNING = sorted((FIXTURES / "warning").glob("*.yaml"))


@pytest.mark.parametrize("path", WARNING, ids=lambda p: p.stem)
def test_warning_fixture_passes_unless_strict(runner: CliRunner, path: Path) -> None:
    expected = path.with_suffix(".expect").read_text(encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stderr.replace(str(path), "FILE") == expected
    assert result.stdout.endswith(", 1 warning\n")
    strict = runner.invoke(app, ["validate", "--strict", str(path)])
    assert strict.exit_code == 1
    assert strict.stderr.endswith("invalid, 0 errors, 1 warning (--strict)\n")


def test_every_warning_rule_has_a_fixture() -> None:
    from fenggong.checks.rulebook import RULES
    from fenggong.errors import Severity

    seen = _codes("warning", "warning")
    warnings = {code for code, rule in RULES.items() if rule.severity is Severity.WARNING}
    assert seen == warnings - LEDGER_RULES


def test_github_annotations(runner: CliRunner) -> None:
    path = "tests/fixtures/invalid/unknown-department.yaml"
    result = runner.invoke(app, ["validate", "--format", "github", str(ROOT / path)])
    assert result.exit_code == 1
    first = result.stdout.splitlines()[0]
    assert first == (
        f"::error file={ROOT / path},line=35,col=12,title=FG003 unknown-department::"
        "task 2 (tasks[1]).lead[0]: unknown department 市教育委 (did you mean 市教委?)"
    )


def test_github_annotation_escapes() -> None:
    from fenggong.checks.report import annotation
    from fenggong.errors import Problem

    problem = Problem("FG001", "yaml-syntax", "50% bad\nline", file="a,b:c.yaml", line=1)
    assert annotation(problem, strict=False) == (
        "::error file=a%2Cb%3Ac.yaml,line=1,title=FG001 yaml-syntax::50%25 bad%0Aline"
    )


def test_json_report_is_one_object_per_problem(runner: CliRunner) -> None:
    import json

    path = FIXTURES / "invalid" / "many-problems.yaml"
    result = runner.invoke(app, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert [(p["code"], p["line"], p["column"], p["severity"]) for p in problems] == [
        ("FG013", 31, 45, "error"),
        ("FG003", 35, 12, "error"),
        ("FG007", 39, 5, "error"),
    ]
    assert problems[1]["hint"] == "did you mean 市教委?"
    valid = runner.invoke(
        app, ["validate", "--format", "json", str(FIXTURES / "valid" / "minimal.yaml")]
    )
    assert (valid.exit_code, valid.stdout) == (0, "[]\n")


def test_several_paths_fail_if_any_fails(runner: CliRunner) -> None:
    good = FIXTURES / "valid" / "minimal.yaml"
    bad = FIXTURES / "invalid" / "no-lead.yaml"
    result = runner.invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{good}: valid")
    assert result.stderr.endswith(f"{bad}: invalid, 1 error\n")


def test_report_formats_each_have_a_reporter() -> None:
    from fenggong.checks.report import REPORTERS, ReportFormat

    assert set(REPORTERS) == set(ReportFormat)


def test_a_variant_name_still_matches_its_body(runner: CliRunner) -> None:
    path = FIXTURES / "warning" / "variant-name.yaml"
    result = runner.invoke(app, ["--data", str(path), "list", "--lead", "市教委", "-f", "jsonl"])
    assert result.exit_code == 0
    assert [line[:8] for line in result.stdout.splitlines()] == ['{"id": 2']


def test_merge_keys_may_be_overridden_but_written_keys_not_repeated() -> None:
    merged = "base: &b {a: 1, b: 2}\nother:\n  <<: *b\n  b: 3\n"
    assert loader.parse(merged) == ({"base": {"a": 1, "b": 2}, "other": {"a": 1, "b": 3}}, None)
    _, problem = loader.parse("a: 1\nb: 2\na: 3\n")
    assert problem is not None
    assert (problem.code, problem.line, problem.column) == ("FG004", 3, 1)


def test_a_task_id_of_zero_is_refused_where_it_stands(tmp_path: Path) -> None:
    # PositiveInt in the model, not a bare int, is what refuses it.
    path = tmp_path / "zero.yaml"
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: 1\n", "  - id: 0\n"), encoding="utf-8")
    report = loader.check(path)
    assert report.dataset is None
    assert [(p.code, p.path, p.line, p.column, p.message) for p in report.problems] == [
        ("FG002", "tasks[0].id", 25, 5, "id must be greater than 0, got 0"),
    ]
