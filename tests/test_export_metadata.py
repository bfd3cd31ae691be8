"""Datasette's metadata beside the SQLite export: every table and column described in
Chinese, the codes' labels, facets, and a search every word of the text answers."""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.exporting.dbsearch import SEARCHABLE, terms
from fenggong.names import fold
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


def _pieces(text: str) -> list[str]:
    """What the index holds for a text, as it was first made, character by character:
    every piece of each run of letters and digits, once, in the order first met."""
    pieces: list[str] = []
    run: list[str] = []
    for ch in [*fold(text), " "]:
        category = unicodedata.category(ch)
        if category[0] in "LN" or category == "Co":
            run.append(ch)
            continue
        word = "".join(run)
        run.clear()
        pieces += (
            word[i:j]
            for i in range(len(word))
            for j in range(i + 1, min(len(word), i + SEARCHABLE) + 1)
        )
    return list(dict.fromkeys(pieces))


_WRITTEN = st.text(
    st.sampled_from("培训技能十四五AIａｂ１２ 　，。、·_-\t\n\u200b\ue000Ⅻ①ßİ") | st.characters(),
    max_size=120,
)


@given(_WRITTEN)
def test_the_terms_are_the_pieces_of_each_run(text: str) -> None:
    assert terms(text) == " ".join(_pieces(text))


def test_a_run_longer_than_the_longest_piece_is_indexed_in_pieces() -> None:
    text = "甲" * 50 + "乙" + "丙" * 60
    assert terms(text) == " ".join(_pieces(text))
    assert max(len(t) for t in terms(text).split()) == SEARCHABLE


def test_the_index_holds_each_tasks_pieces_in_order(runner: CliRunner, tmp_path: Path) -> None:
    """Every search, of a word or of a phrase of several, finds what it found when the
    index was made a piece at a time: each task's entry holds the same terms at the same
    places, however the index is now built (streamed, gathered in memory)."""
    db, _metadata = _export(runner, ROOT / "data" / "tasks.yaml", tmp_path / "t.db")
    db.execute("CREATE VIRTUAL TABLE temp.held USING fts5vocab(main, tasks_fts, instance)")
    held: dict[int, list[str]] = {}
    for term, doc, offset in db.execute("SELECT term, doc, offset FROM held ORDER BY doc, offset"):
        assert offset == len(held.setdefault(doc, []))
        held[doc].append(term)
    written = dict(db.execute("SELECT id, text FROM tasks ORDER BY id"))
    assert held == {task: _pieces(text) for task, text in written.items()}
    assert len(held) == 111
    # Nothing of how it was built is left in the file.
    assert db.execute("SELECT * FROM tasks_fts_config").fetchall() == [("version", 4)]


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
