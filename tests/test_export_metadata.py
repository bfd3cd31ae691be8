"""Datasette's metadata beside the SQLite export: every table and column described in
Chinese, the codes' labels, facets, and a search every word of the text answers."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.exporting.dbsearch import terms
from tests.helpers import ROOT

EXAMPLE = ROOT / "examples" / "tasks.yaml"
LIBRARY = ROOT / "examples" / "library"


def _export(
    runner: CliRunner, data: Path, path: Path
) -> tuple[sqlite3.Connection, dict[str, object]]:
    result = runner.invoke(app, ["--data", str(data), "export", "sqlite", "-o", str(path)])
    assert result.exit_code == 0, result.output
    described = path.with_name(f"{path.stem}.metadata.json")
    return sqlite3.connect(path), json.loads(described.read_text(encoding="utf-8"))


def _described(db: sqlite3.Connection, metadata: dict[str, object], name: str) -> dict[str, dict]:  # type: ignore[type-arg]
    databases = metadata["databases"]
    assert isinstance(databases, dict)
    assert list(databases) == [name]  # Datasette names a database after its file's stem
    tables: dict[str, dict] = databases[name]["tables"]  # type: ignore[type-arg]
    shown = {
        n
        for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not n.startswith("tasks_fts")  # the index, which Datasette hides itself
    }
    assert set(tables) == shown
    for table, entry in tables.items():
        columns = [c for (_n, c, *_rest) in db.execute(f"PRAGMA table_info({table})")]
        assert list(entry["columns"]) == columns, table
        assert entry["title"]
        assert entry["description"]
    return tables


@pytest.mark.parametrize(
    ("data", "ledger"), [(ROOT / "data" / "tasks.yaml", False), (EXAMPLE, True)]
)
def test_every_table_and_column_is_described(
    runner: CliRunner, tmp_path: Path, data: Path, ledger: bool
) -> None:
    db, metadata = _export(runner, data, tmp_path / "分工表.db")
    tables = _described(db, metadata, "分工表")
    assert ("lights" in tables) is ledger
    assert metadata["title"] == "《落实国家“十四五”职业技能培训规划的实施方案》分工表"
    assert metadata["source"] == (
        "《落实国家“十四五”职业技能培训规划的实施方案》分工表（沪人社职〔2022〕256号，2022-09-16）"
    )
    assert metadata["license"] == "MIT"
    assert tables["tasks"]["facets"] == ["section", "topic"]
    assert tables["tasks"]["sort"] == "id"
    assert tables["tasks"]["fts_table"] == "tasks_fts"
    assert tables["assignments"]["facets"] == ["department", "role"]
    assert tables["role_labels"] == {
        "title": "角色代码",
        "description": "角色和归类代码的中文。",
        "columns": {"code": "代码", "label": "中文"},
        "label_column": "label",
        "hidden": True,
    }


def test_the_codes_have_their_labels(runner: CliRunner, tmp_path: Path) -> None:
    db, _metadata = _export(runner, EXAMPLE, tmp_path / "t.db")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    labelled = db.execute(
        "SELECT a.role, r.label FROM assignments a JOIN role_labels r ON r.code = a.role "
        "WHERE a.task = 1 ORDER BY a.role, a.position LIMIT 1"
    ).fetchall()
    assert labelled == [("lead", "牵头")]
    assert db.execute("SELECT * FROM how_labels ORDER BY code").fetchall() == [
        ("direct", "直接列名"),
        ("group", "经由统称"),
        ("possible", "可能涉及"),
    ]
    assert db.execute("SELECT label FROM kind_labels WHERE code = 'district'").fetchone() == ("区",)


def test_a_library_is_one_database_with_the_plans_as_a_facet(
    runner: CliRunner, tmp_path: Path
) -> None:
    db, metadata = _export(runner, LIBRARY, tmp_path / "库.db")
    tables = _described(db, metadata, "库")
    assert metadata["title"] == "分工表（3 项方案）"
    assert tables["tasks"]["facets"] == ["plan", "section", "topic"]
    assert "sort" not in tables["tasks"]  # ids repeat across plans: by plan, then id
    assert "plan" not in tables
    found = db.execute(
        "SELECT count(*) FROM tasks WHERE rowid IN "
        "(SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH '\"培训\"')"
    ).fetchone()
    assert found == (db.execute("SELECT count(*) FROM tasks WHERE text LIKE '%培训%'").fetchone())


def test_every_word_of_a_run_is_indexed() -> None:
    assert terms("培训，AI 技能") == "培 培训 训 a ai ai技 ai技能 i i技 i技能 技 技能 能"
    assert terms("，。") == ""


@pytest.mark.parametrize("word", ["培训", "学徒制", "数字技能", "区", "十四五"])
def test_the_index_finds_what_like_finds(runner: CliRunner, tmp_path: Path, word: str) -> None:
    db, _metadata = _export(runner, EXAMPLE, tmp_path / "t.db")
    matched = db.execute(
        "SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ? ORDER BY rowid", (f'"{word}"',)
    ).fetchall()
    liked = db.execute(
        "SELECT id FROM tasks WHERE text LIKE ? ORDER BY id", (f"%{word}%",)
    ).fetchall()
    assert matched == liked
    assert matched
