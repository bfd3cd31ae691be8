"""The demonstration 台账 in examples/progress/: valid, marked as example data, and the
only ledger in the repository (no invented figure is ever recorded beside data/)."""

from __future__ import annotations

from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.lights import Settings
from fenggong.model import Status
from fenggong.store import ledger, lights, loader
from tests.helpers import ROOT

EXAMPLES = ROOT / "examples"
PLAN = EXAMPLES / "tasks.yaml"
PROGRESS = EXAMPLES / "progress"


def test_the_example_plan_is_the_bundled_plan() -> None:
    # A link, so that the demonstration follows every edit of the bundled plan.
    assert PLAN.is_symlink()
    assert PLAN.resolve() == (ROOT / "data" / "tasks.yaml").resolve()


def test_the_example_ledger_validates(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--data", str(PLAN)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        str(PLAN),
        str(PLAN.parent / "lights.yaml"),  # read by every query: checked too
        str(PROGRESS / "2025-Q4.yaml"),
        str(PROGRESS / "2026-Q1.yaml"),
    ]


def test_the_example_ledger_shows_every_status_a_figure_and_evidence() -> None:
    loaded = ledger.load(PROGRESS, ledger.scope_of(loader.load(PLAN)))
    assert [p.name for p in loaded.periods] == ["2025-Q4", "2026-Q1"]
    entries = [e for p in loaded.periods for e in loaded.entries(p.name)]
    assert len(entries) == 14
    assert {e.status for e in entries} == set(Status)
    assert {e.body for e in entries} == {"市人力资源社会保障局", "市教委", "浦东新区"}
    figures = [f for e in entries if e.task == 1 for f in e.figures]
    assert {f.unit for f in figures} == {"万人次"}
    evidence = [link for e in entries for link in e.evidence]
    assert evidence and all(link.startswith("https://example.org/") for link in evidence)
    # 浦东新区 reports on task 1 through 各区, its status moving on between the periods.
    history = loaded.history(1, "浦东新区")
    assert [(p.name, e.status) for p, e in history] == [
        ("2025-Q4", Status.IN_PROGRESS),
        ("2026-Q1", Status.DONE),
    ]


def test_every_example_file_says_it_is_example_data() -> None:
    for path in sorted(PROGRESS.iterdir()):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header == "# EXAMPLE DATA — NOT REAL REPORTS. 示例数据，并非真实报送。", path


def test_the_example_ledger_is_lit_by_the_lights_file_beside_it() -> None:
    assert lights.lights_file(EXAMPLES) == EXAMPLES / "lights.yaml"
    assert lights.settings(EXAMPLES) == Settings(yellow_within_days=30, report_grace_days=0)


def test_no_ledger_is_kept_beside_the_bundled_data() -> None:
    # Real progress is reported by real offices: nothing invented is recorded in data/.
    data = ROOT / "data"
    assert not [p for p in data.rglob("*") if p.name == ledger.FOLDER]
    assert not ledger.folder_of(data / "tasks.yaml").exists()
