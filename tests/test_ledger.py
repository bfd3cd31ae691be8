"""The 台账: a period's file checked against its plans, the ledger folder, Ledgers loaded.

Each invalid case is a folder under tests/fixtures/ledger/invalid/ holding what a
``progress/`` folder holds, beside the plan tests/fixtures/ledger/plan.yaml; its
``.expect`` is what ``fenggong validate`` says of it (the dataset's folder written DIR).
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.checks.rulebook import RULES
from fenggong.checks.scope import Scope
from fenggong.cli import app
from fenggong.errors import DataError, Severity
from fenggong.model import STATUS_LABELS, Status
from fenggong.store import ledger, library, loader
from tests.helpers import FIXTURES

LEDGER = FIXTURES / "ledger"
PLAN = LEDGER / "plan.yaml"
INVALID = sorted(p for p in (LEDGER / "invalid").iterdir() if p.is_dir())
LEDGER_RULES = {"FG040", "FG041", "FG042", "FG043", "FG044", "FG045", "FG046", "FG047", "FG108"}


def _dataset(tmp_path: Path, progress: Path | None) -> Path:
    """A dataset folder: the fixture plan as tasks.yaml, and ``progress`` as its ledger."""
    shutil.copy(PLAN, tmp_path / "tasks.yaml")
    if progress is not None:
        shutil.copytree(progress, tmp_path / "progress")
    return tmp_path / "tasks.yaml"


def test_the_ledger_fixtures_are_listed() -> None:
    assert [p.name for p in INVALID] == [
        "duplicate-report",
        "figure-target",
        "ledger-period",
        "no-duty",
        "period-file",
        "report-date",
        "stray-file",
        "unknown-body",
        "unknown-status",
        "unknown-status-hides-nothing",
        "unknown-task",
    ]
    assert {p.stem for p in (LEDGER / "invalid").glob("*.expect")} == {p.name for p in INVALID}
    # Every rule of the ledger has its case, and names it in its expected report.
    named = {
        line.split()[2]
        for case in INVALID
        for line in case.with_suffix(".expect").read_text(encoding="utf-8").splitlines()
        if line.startswith("DIR/")
        and (" error " in line or " warning " in line)
        and "invalid," not in line
    }
    assert named == LEDGER_RULES


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_each_rule_is_reported_located_with_a_fix(
    runner: CliRunner, tmp_path: Path, case: Path
) -> None:
    expected = case.with_suffix(".expect").read_text(encoding="utf-8")
    path = _dataset(tmp_path, case)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.stderr.replace(str(tmp_path), "DIR") == expected
    assert result.exit_code == (1 if " error " in expected else 0)
    assert "Traceback" not in result.output
    # The plan is valid and said so first, the ledger's files after it.
    assert result.stdout.splitlines()[0].startswith(f"{path}: valid — 4 tasks")


def test_a_valid_ledger_is_summed_up_per_period(runner: CliRunner, tmp_path: Path) -> None:
    path = _dataset(tmp_path, LEDGER / "valid")
    result = runner.invoke(app, ["validate", str(path), "--strict"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[1:] == [
        f"{tmp_path}/progress/2025-Q4.yaml: valid — 2025-Q4: 2 reports by 2 bodies on 2 tasks",
        f"{tmp_path}/progress/2026-Q1.yaml: valid — 2026-Q1: 6 reports by 4 bodies on 3 tasks",
    ]


def test_a_dataset_without_a_ledger_validates_as_before(runner: CliRunner, tmp_path: Path) -> None:
    path = _dataset(tmp_path, None)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stdout == (
        f"{path}: valid — 4 tasks, 2 sections, 2 topics, 6 departments, 5 targets (4 quantified)\n"
    )
    assert result.stderr == ""


def test_the_ledger_of_an_invalid_plan_is_not_checked(runner: CliRunner, tmp_path: Path) -> None:
    path = _dataset(tmp_path, LEDGER / "invalid" / "unknown-task")
    path.write_text(path.read_text(encoding="utf-8").replace("topic: 2\n", "topic: 7\n"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "progress" not in result.output


def test_other_files_and_folders_in_progress_are_not_the_ledgers(tmp_path: Path) -> None:
    folder = tmp_path / "progress"
    shutil.copytree(LEDGER / "valid", folder)
    (folder / "README.md").write_text("示例", encoding="utf-8")
    (folder / "old").mkdir()
    (folder / "old" / "notes.yaml").write_text("{}", encoding="utf-8")
    (folder / ".2026-Q2.yaml.swp").write_text("", encoding="utf-8")
    (folder / "2026-Q2.yml").write_text("period: 2026-Q2\n", encoding="utf-8")
    (folder / "2026q3.yaml").write_text("period: 2026-Q3\n", encoding="utf-8")
    periods, strays = ledger.files(folder)
    assert [(p.name, f.name) for p, f in periods] == [
        ("2025-Q4", "2025-Q4.yaml"),
        ("2026-Q1", "2026-Q1.yaml"),
    ]
    assert [f.name for f in strays] == ["2026-Q2.yml", "2026q3.yaml"]
    scope = Scope.of_dataset(loader.load(PLAN))
    hints = [r.problems[0].hint for r in ledger.check(folder, scope)[2:]]
    assert hints == ["rename it 2026-Q2.yaml", "rename it 2026-Q3.yaml"]


def test_ledgers_index_reports_by_task_and_body(tmp_path: Path) -> None:
    scope = Scope.of_dataset(loader.load(PLAN))
    loaded = ledger.load(LEDGER / "valid", scope)
    assert [p.name for p in loaded.periods] == ["2025-Q4", "2026-Q1"]
    latest = loaded.latest(1, "市人力资源社会保障局")
    assert latest is not None
    period, entry = latest
    assert period.name == "2026-Q1"
    assert entry.status is Status.IN_PROGRESS
    assert entry.figures[0].value == 320 and entry.reported == datetime.date(2026, 4, 15)
    assert [(p.name, e.status) for p, e in loaded.history(1, "市人力资源社会保障局")] == [
        ("2025-Q4", Status.NOT_STARTED),
        ("2026-Q1", Status.IN_PROGRESS),
    ]
    assert loaded.latest(2, "市教委") is not None
    assert loaded.latest(2, "黄浦区") is None
    assert loaded.latest(99, "市教委") is None
    assert len(loaded.entries("2026-Q1")) == 6 and loaded.entries("2027") == ()
    assert ("3", "黄浦区") in loaded.keys


def test_loading_an_invalid_ledger_raises_every_problem() -> None:
    scope = Scope.of_dataset(loader.load(PLAN))
    with pytest.raises(DataError) as raised:
        ledger.load(LEDGER / "invalid" / "figure-target", scope)
    assert [p.code for p in raised.value.problems] == ["FG046"] * 4


def test_a_missing_ledger_folder_is_an_empty_ledger(tmp_path: Path) -> None:
    scope = Scope.of_dataset(loader.load(PLAN))
    assert ledger.load(tmp_path / "progress", scope).periods == ()
    assert ledger.folder_of(tmp_path / "tasks.yaml") == tmp_path / "progress"
    assert ledger.folder_of(tmp_path) == tmp_path / "progress"


def test_a_librarys_ledger_names_tasks_key_id(runner: CliRunner) -> None:
    folder = LEDGER / "library"
    result = runner.invoke(app, ["validate", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"{folder}/progress/2026-03.yaml: valid — 2026-03: 3 reports by 3 bodies on 3 tasks"
    )
    loaded = ledger.load(folder / "progress", Scope.of_shelf(library.load(folder)))
    latest = loaded.latest("minhang:1", "区发改委")
    assert latest is not None and latest[1].status is Status.DONE
    assert loaded.latest("pudong:01", "区人社局") is not None  # the reference read as written


@pytest.mark.parametrize(
    ("task", "message", "hint"),
    [
        (
            "1",
            "a library names a task KEY:ID, not '1'",
            "write minhang:1, pudong:1",
        ),
        (
            "3",
            "a library names a task KEY:ID, not '3'",
            "write KEY:ID, with the key of a plan of the library: minhang, pudong",
        ),
        ("pudong:3", "no task pudong:3 in the plan", "the plan's task ids are 1–2"),
        ("pudng:1", "the library has no plan pudng", "did you mean pudong?"),
    ],
)
def test_a_librarys_ledger_refuses_a_reference_it_cannot_read(
    tmp_path: Path, task: str, message: str, hint: str
) -> None:
    folder = tmp_path / "library"
    shutil.copytree(LEDGER / "library", folder)
    (folder / "progress" / "2026-03.yaml").write_text(
        f'period: 2026-03\nentries:\n  - {{task: "{task}", body: 区人社局, status: done}}\n',
        encoding="utf-8",
    )
    (report,) = ledger.check(folder / "progress", Scope.of_shelf(library.load(folder)))
    (issue,) = report.problems
    assert (issue.code, issue.message, issue.hint) == ("FG042", message, hint)
    assert (issue.line, issue.column, issue.path) == (3, 6, "entries[0].task")


def test_a_one_plan_ledger_refuses_a_keyed_reference(tmp_path: Path) -> None:
    scope = Scope.of_dataset(loader.load(PLAN))
    found = scope.find("plan:3")
    assert found.message == "task 'plan:3' is not a task id"  # type: ignore[union-attr]
    assert found.hint == "a dataset of one plan names a task by its id: write task: 3"  # type: ignore[union-attr]


def test_the_rulebook_names_the_ledgers_rules() -> None:
    assert {code for code in RULES if code in LEDGER_RULES} == LEDGER_RULES
    assert RULES["FG108"].severity is Severity.WARNING
    assert [RULES[c].name for c in sorted(LEDGER_RULES)] == [
        "ledger-period", "period-file", "unknown-task", "unknown-body", "no-duty",
        "unknown-status", "figure-target", "duplicate-report", "report-date",
    ]  # fmt: skip


def test_every_status_has_its_label() -> None:
    assert {str(s): STATUS_LABELS[s] for s in Status} == {
        "not_started": "未启动",
        "in_progress": "推进中",
        "ongoing": "持续推进",
        "done": "已完成",
        "delayed": "滞后",
        "cancelled": "已终止",
    }


def test_a_scope_finds_the_ids_of_canonical_references_only() -> None:
    plan = loader.load(PLAN)
    one = Scope.of_dataset(plan)
    assert one.ids({"47", "2", "047", "x", "k:3", "٣"}) == {"": {2, 47}}
    keyed = Scope([("a", plan), ("b", plan)])
    assert keyed.ids({"a:47", "b:1", "a:047", "47", ":5", "c:9", "a:x"}) == {
        "a": {47},
        "b": {1},
        "": {5},
        "c": {9},
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (datetime.date(2026, 1, 1), "status 2026-01-01 is not a status"),
        (b"hello", "status (binary data) is not a status"),
        (True, "status true is not a status"),
        (3, "status 3 is not a status"),
        (["a"], "status (a list) is not a status"),
        ({"a": 1}, "status (a mapping) is not a status"),
        ("", "the status is empty"),
        ("  ", "the status is empty"),
        (None, "the status is empty"),
    ],
)
def test_a_status_that_is_none_is_shown_as_the_file_writes_it(value: object, message: str) -> None:
    from fenggong.checks.ledger_rules import unknown_status

    found = unknown_status(value, ("entries", 0, "status"))
    assert found[0].message == message
