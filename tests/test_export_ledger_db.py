"""The 台账 in the SQLite export: its reports and the lights of `status --as-of` on a day."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

EXAMPLE = ROOT / "examples" / "tasks.yaml"  # the bundled plan, with examples/progress/
LEDGER_TABLES = {
    "meta",
    "status_labels",
    "light_labels",
    "progress",
    "figures",
    "lights",
    "lights_by_body",
}


def _export(runner: CliRunner, data: Path, path: Path, *options: str) -> sqlite3.Connection:
    result = runner.invoke(
        app, ["--data", str(data), "export", "sqlite", "-o", str(path), *options]
    )
    assert result.exit_code == 0, result.output
    return sqlite3.connect(path)


def _tables(db: sqlite3.Connection) -> set[str]:
    return {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_the_reports_of_the_ledger_are_rows(runner: CliRunner, tmp_path: Path) -> None:
    db = _export(runner, EXAMPLE, tmp_path / "t.db", "--as-of", "2026-05-01")
    assert _tables(db) >= LEDGER_TABLES
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM progress").fetchone() == (14,)
    rows = db.execute(
        "SELECT task, body, period, period_start, period_end, status, status_label, problems, "
        "next, reported, reporter, figures, evidence FROM progress "
        "WHERE task = 2 AND body = '市人力资源社会保障局' ORDER BY period"
    ).fetchall()
    assert [r[:7] for r in rows] == [
        (2, "市人力资源社会保障局", "2025-Q4", "2025-10-01", "2025-12-31", "in_progress", "推进中"),
        (2, "市人力资源社会保障局", "2026-Q1", "2026-01-01", "2026-03-31", "delayed", "滞后"),
    ]
    latest = rows[1]
    assert latest[7:11] == (
        "（示例）2所学院的建设周期延至2026年",
        "（示例）2026年6月底前完成剩余建设",
        "2026-04-16",
        None,
    )
    assert json.loads(latest[11]) == [{"value": 18, "unit": "所", "target": None}]
    assert json.loads(latest[12]) == ["https://example.org/demo/2026-q1/task-2"]
    figures = db.execute(
        "SELECT position, value, unit, target FROM figures "
        "WHERE task = 1 AND period = '2026-Q1' ORDER BY position"
    ).fetchall()
    assert figures == [
        (1, 512.0, "万人次", "全市补贴性职业技能培训"),
        (2, 203.0, "万人次", "农民工职业技能培训"),
    ]
    cancelled = db.execute("SELECT body, status_label FROM progress WHERE task = 30").fetchall()
    assert cancelled == [("浦东新区", "已终止")]


def test_the_day_and_the_preset_are_recorded(runner: CliRunner, tmp_path: Path) -> None:
    db = _export(runner, EXAMPLE, tmp_path / "t.db", "--as-of", "2026-05-01")
    assert dict(db.execute("SELECT key, value FROM meta").fetchall()) == {
        "as_of": "2026-05-01",
        "lights_preset": "default",
        "lights_settings": '{"preset": "default", "yellow_within_days": 30, '
        '"report_grace_days": 0, "bands": null}',
        "periods": '["2025-Q4", "2026-Q1"]',
        "last_period": "2026-Q1",
    }
    assert db.execute("SELECT label FROM light_labels WHERE code = 'red'").fetchone() == ("红灯",)
    assert db.execute("SELECT label FROM status_labels WHERE code = 'done'").fetchone() == (
        "已完成",
    )


def test_lights_on_a_day_are_exactly_rows(runner: CliRunner, tmp_path: Path) -> None:
    db = _export(runner, EXAMPLE, tmp_path / "t.db", "--as-of", "2026-05-01")
    rows = db.execute(
        "SELECT task, body, lead, light, light_label, reason, status, status_label, due, "
        "due_kind, due_date, days, reported, period FROM lights WHERE task IN (2, 3, 30) "
        "ORDER BY task"
    ).fetchall()
    assert rows == [
        (2, "市人力资源社会保障局", 1, "red", "红灯", "已超过完成时限 2025-12-31 121 天，尚未完成",
         "delayed", "滞后", "“十四五”时期", "period", "2025-12-31", -121, "2026-04-16",
         "2026-Q1"),
        (3, "市教委", 1, "green", "绿灯", "已完成（2026-04-14 报送）", "done", "已完成",
         "“十四五”时期", "period", "2025-12-31", -121, "2026-04-14", "2026-Q1"),
        (30, "市人力资源社会保障局", 1, "none", "不亮灯", "尚无报送，也没有完成时限", None, None,
         None, None, None, None, None, None),
    ]  # fmt: skip
    by_body = db.execute(
        "SELECT body, lead, light, status FROM lights_by_body WHERE task = 30 ORDER BY rowid"
    ).fetchall()
    # Task 30 is led by 市人力资源社会保障局 and supported by 各区: every district has its
    # row, 浦东新区's the one that reported.
    assert by_body[:3] == [
        ("市人力资源社会保障局", 1, "none", None),
        ("浦东新区", 0, "none", "cancelled"),
        ("黄浦区", 0, "none", None),
    ]
    assert len(by_body) == 17


def _status(runner: CliRunner, day: str, *options: str) -> list[dict[str, object]]:
    result = runner.invoke(
        app,
        ["--data", str(EXAMPLE), "status", "--as-of", day, "--format", "json", *options],
        env={"FENGGONG_LANG": "zh"},
    )
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def _as_status(db: sqlite3.Connection, table: str) -> list[dict[str, object]]:
    """The table's rows in the shape of `status --format json`'s objects."""
    db.row_factory = sqlite3.Row
    rows = db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
    return [
        {
            "task": r["task"],
            "plan": r["plan"],
            "body": r["body"],
            "lead": bool(r["lead"]),
            "status": r["status"],
            "light": r["light"],
            "reason": r["reason"],
            "due": None
            if r["due"] is None
            else {"raw": r["due"], "kind": r["due_kind"], "date": r["due_date"]},
            "days": r["days"],
            "reported": r["reported"],
            "period": r["period"],
            # sqlite3.Row: "in" looks among its values, keys() among its columns.
            **({"duty": r["duty"]} if "duty" in r.keys() else {}),  # noqa: SIM118
        }
        for r in rows
    ]


def _shaped(objects: list[dict[str, object]]) -> list[dict[str, object]]:
    plan = objects[0]["plan"]
    assert isinstance(plan, dict)
    return [{**o, "plan": plan["key"]} for o in objects]


@pytest.mark.parametrize("day", ["2025-12-01", "2026-02-15", "2026-05-01"])
def test_lights_equal_status_on_the_same_day(runner: CliRunner, tmp_path: Path, day: str) -> None:
    db = _export(runner, EXAMPLE, tmp_path / "t.db", "--as-of", day)
    assert _as_status(db, "lights") == _shaped(_status(runner, day))
    by_body = _shaped(_status(runner, day, "--by", "dept"))
    assert _as_status(db, "lights_by_body") == by_body


def test_a_filtered_database_has_the_reports_of_its_tasks(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = _export(runner, EXAMPLE, tmp_path / "t.db", "--lead", "市教委", "--as-of", "2026-05-01")
    assert db.execute("SELECT DISTINCT task FROM progress ORDER BY task").fetchall() == [(3,)]
    assert db.execute("SELECT count(*) FROM lights").fetchone() == (13,)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_without_a_ledger_there_are_no_ledger_tables(runner: CliRunner, tmp_path: Path) -> None:
    db = _export(runner, ROOT / "data" / "tasks.yaml", tmp_path / "t.db")
    assert not LEDGER_TABLES & _tables(db)


def test_a_library_s_ledger_is_keyed_by_plan(runner: CliRunner, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    shutil.copytree(ROOT / "examples" / "library", library)
    (library / "progress").mkdir()
    (library / "progress" / "2026-Q1.yaml").write_text(
        "period: 2026-Q1\nentries:\n"
        "  - {task: 'hrss-2022-256:3', body: 市教委, status: done, reported: 2026-04-14}\n",
        encoding="utf-8",
    )
    db = _export(runner, library, tmp_path / "t.db", "--as-of", "2026-05-01")
    assert db.execute("SELECT plan, task, body, status FROM progress").fetchall() == [
        ("hrss-2022-256", 3, "市教委", "done")
    ]
    lit = db.execute(
        "SELECT light, body FROM lights WHERE plan = 'hrss-2022-256' AND task = 3"
    ).fetchone()
    assert lit == ("green", "市教委")
    assert db.execute("SELECT count(DISTINCT plan) FROM lights").fetchone() == (3,)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["xlsx", "-o", "t.xlsx", "--as-of", "2026-05-01"], "--as-of judges the 台账's lights"),
        (["sqlite", "-o", "t.db", "--as-of", "May 1"], "--as-of May 1 is not a date"),
    ],
)
def test_as_of_is_refused_where_it_means_nothing(
    runner: CliRunner, tmp_path: Path, options: list[str], said: str
) -> None:
    options[2] = str(tmp_path / options[2])
    result = runner.invoke(app, ["--data", str(EXAMPLE), "export", *options])
    assert result.exit_code == 2
    assert said in result.stderr
    assert not Path(options[2]).exists()
