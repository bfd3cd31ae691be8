"""``report collect`` writes the 台账 beside the plan the user chose, never beside the
bundled dataset (inside a wheel, in site-packages), which no one chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import datapath
from tests.test_report_forms import fill, rows, sheet


def test_collect_refuses_to_write_beside_the_bundled_dataset(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "mine" / "tasks.yaml"
    plan.parent.mkdir()
    plan.write_bytes(datapath.bundled().read_bytes())
    form = sheet(runner, plan, "市教委", tmp_path / "sjw.xlsx")
    fill(form, {"D2": "2026-04-10", f"G{next(iter(rows(form).values()))}": "推进中"})
    # A folder with no data/tasks.yaml above it: the bundled dataset would be the one.
    away = tmp_path / "away"
    away.mkdir()
    monkeypatch.chdir(away)
    assert datapath.choose().origin is datapath.Origin.BUNDLED
    before = sorted(p.name for p in datapath.bundled().parent.iterdir())
    result = runner.invoke(app, ["report", "collect", str(form)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: no plan named: the 台账 would be written beside the bundled dataset, "
        f"{datapath.bundled()}",
        "  hint: copy it to data/tasks.yaml in a folder of your own and collect there, or "
        "name the plan with --data PATH",
    ]
    assert sorted(p.name for p in datapath.bundled().parent.iterdir()) == before
    # Named, it lands beside the plan named.
    named = runner.invoke(app, ["--data", str(plan), "report", "collect", str(form)])
    assert named.exit_code == 0, named.stderr
    assert (plan.parent / "progress").is_dir()


@pytest.mark.parametrize(
    ("group", "hint"),
    [
        (
            "各区",
            "  hint: its members report, each on its own form: --dept 浦东新区, or --each-dept",
        ),
        (
            "相关区",
            "  hint: the bodies it may stand for report on their own forms, where its tasks are "
            "marked 可能涉及（经由“相关区”）: --dept 浦东新区, or --each-dept",
        ),
    ],
)
def test_a_group_gets_no_form(runner: CliRunner, tmp_path: Path, group: str, hint: str) -> None:
    out = tmp_path / "f.xlsx"
    args = ["report", "sheet", "--period", "2026-Q1", "--dept", group, "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {group} is a group (统称), not a body that fills in a form",
        hint,
    ]
    assert not out.exists()


def test_each_dept_makes_forms_for_bodies_not_groups(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    args = ["report", "sheet", "--period", "2026-Q1", "--each-dept", "-o", str(folder)]
    assert runner.invoke(app, args).exit_code == 0
    made = sorted(p.name for p in folder.iterdir())
    assert "市教委-2026-Q1.xlsx" in made and "浦东新区-2026-Q1.xlsx" in made
    assert [n for n in made if n.startswith(("各区", "相关", "有关", "各相关"))] == []
