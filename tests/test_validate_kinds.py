"""``fenggong validate PATH`` checks a file as what it is: a lights.yaml by the lights
rules, a registry.yaml as a registry, a 台账 period file (or its progress/ folder) against
the plans beside it; before, each was read as a plan and failed on the plan's schema."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES, ROOT

EXAMPLES = ROOT / "examples"
LEDGER = FIXTURES / "ledger"


def _validate(runner: CliRunner, *paths: Path | str) -> tuple[int, list[str], list[str]]:
    result = runner.invoke(app, ["validate", *map(str, paths)])
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def test_a_lights_file_is_checked_as_one(runner: CliRunner) -> None:
    lights = EXAMPLES / "lights.yaml"
    assert _validate(runner, lights) == (
        0,
        [f"{lights}: valid — preset default: yellow within 30 days"],
        [],
    )


def test_a_lights_file_breaking_its_rules_says_which(runner: CliRunner, tmp_path: Path) -> None:
    lights = tmp_path / "lights.yml"
    lights.write_text("preset: default\nbands: {green: 20, yellow: 10}\n", encoding="utf-8")
    assert _validate(runner, lights) == (
        1,
        [],
        [
            f"{lights}:2:1: error FG051 lights-tunable at bands: bands does nothing under "
            "preset default",
            "  hint: remove bands, or choose preset schedule",
            f"{lights}:2:9: error FG050 lights-bands at bands.green: bands: green (20 points) "
            "is wider than yellow (10 points)",
            "  hint: a gap up to green is green, up to yellow yellow, beyond red: make green at "
            "most yellow",
            f"{lights}: invalid, 2 errors",
        ],
    )


def test_a_registry_is_checked_as_one(runner: CliRunner) -> None:
    registry = LEDGER / "library" / "registry.yaml"
    assert _validate(runner, registry) == (
        0,
        [f"{registry}: valid — 3 jurisdictions, 5 departments"],
        [],
    )


def test_a_period_file_is_checked_against_the_plan_beside_it(runner: CliRunner) -> None:
    period = EXAMPLES / "progress" / "2026-Q1.yaml"
    assert _validate(runner, period) == (
        0,
        [f"{period}: valid — 2026-Q1: 7 reports by 3 bodies on 6 tasks"],
        [],
    )
    # In a library, against the library's plans (tasks named KEY:ID).
    period = LEDGER / "library" / "progress" / "2026-03.yaml"
    assert _validate(runner, period)[:2] == (
        0,
        [f"{period}: valid — 2026-03: 3 reports by 3 bodies on 3 tasks"],
    )


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    shutil.copy(LEDGER / "plan.yaml", tmp_path / "tasks.yaml")
    shutil.copytree(LEDGER / "valid", tmp_path / "progress")
    return tmp_path / "tasks.yaml"


def test_a_period_file_s_problems_are_its_own(runner: CliRunner, dataset: Path) -> None:
    unknown = LEDGER / "invalid" / "unknown-task" / "2026-Q1.yaml"
    period = dataset.parent / "progress" / "2026-Q1.yaml"
    shutil.copy(unknown, period)
    expected = (LEDGER / "invalid" / "unknown-task.expect").read_text(encoding="utf-8")
    code, out, err = _validate(runner, period)
    assert code == 1 and out == []
    assert err == expected.replace("DIR", str(dataset.parent)).splitlines()
    # A file named after no period, given alone, is FG041 as in the folder.
    misnamed = period.with_name("2026q3.yaml")
    period.rename(misnamed)
    code, out, err = _validate(runner, misnamed)
    assert (code, out, err[-2:]) == (
        1,
        [],
        ["  hint: rename it 2026-Q3.yaml", f"{misnamed}: invalid, 1 error"],
    )


def test_a_progress_folder_is_the_ledger(runner: CliRunner, dataset: Path) -> None:
    folder = dataset.parent / "progress"
    assert _validate(runner, folder) == (
        0,
        [
            f"{folder / '2025-Q4.yaml'}: valid — 2025-Q4: 2 reports by 2 bodies on 2 tasks",
            f"{folder / '2026-Q1.yaml'}: valid — 2026-Q1: 6 reports by 4 bodies on 3 tasks",
        ],
        [],
    )


def test_the_plans_must_load_for_the_ledger_to_be_checked(runner: CliRunner, dataset: Path) -> None:
    dataset.write_text(dataset.read_text(encoding="utf-8") + "oops: 1\n", encoding="utf-8")
    code, out, err = _validate(runner, dataset.parent / "progress" / "2026-Q1.yaml")
    assert (code, out) == (1, [])
    assert err[0].startswith(f"{dataset}:")  # the plan's problem, the reason
    assert not any("progress" in line for line in err)


def test_a_ledger_with_no_plans_beside_it_is_a_usage_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    shutil.copytree(LEDGER / "valid", tmp_path / "progress")
    # A file of it, or the folder (its period files are no library's plans).
    for path in (tmp_path / "progress" / "2025-Q4.yaml", tmp_path / "progress"):
        result = runner.invoke(app, ["validate", str(path)])
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"error: {tmp_path / 'progress'} lies beside no plan file: a 台账 is checked "
            "against its plans",
            "  hint: keep progress/ beside its plan file or in its library folder",
        ]


def test_in_chinese(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    lights = EXAMPLES / "lights.yaml"
    period = EXAMPLES / "progress" / "2026-Q1.yaml"
    code, out, err = _validate(runner, lights, period)
    assert (code, err) == (0, [])
    assert [line.split("：")[0] for line in out] == [str(lights), str(period)]
