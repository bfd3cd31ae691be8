"""The period file's writer: turns under a lock, nothing written on a failed change."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from fenggong.checks.scope import Scope
from fenggong.errors import FileAccessError, FormError
from fenggong.model import Entry, Status
from fenggong.store import ledgerwrite
from tests.helpers import CATALOG

SCOPE = Scope.of_dataset(CATALOG.dataset)


def _adding(entry: Entry):  # type: ignore[no-untyped-def]
    def change(existing: tuple[Entry, ...]) -> tuple[Entry, ...]:
        return (*existing, entry)

    return change


def test_two_threads_both_land(tmp_path: Path) -> None:
    entries = [
        Entry(task=2, body="市教委", status=Status.DONE),
        Entry(task=97, body="浦东新区", status=Status.DELAYED),
    ]
    threads = [
        threading.Thread(target=ledgerwrite.commit, args=(tmp_path, "2026-Q1", SCOPE, _adding(e)))
        for e in entries
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    text = (tmp_path / "2026-Q1.yaml").read_text(encoding="utf-8")
    assert "body: 市教委" in text and "body: 浦东新区" in text
    assert [p.name for p in tmp_path.iterdir()] == ["2026-Q1.yaml"]


def test_a_held_lock_times_out(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q1.yaml"
    with (
        ledgerwrite.locked(path),
        pytest.raises(FileAccessError, match="locked by another"),
        ledgerwrite.locked(path, wait=0.1),
    ):
        pass
    assert list(tmp_path.iterdir()) == []


def test_a_failed_change_writes_nothing(tmp_path: Path) -> None:
    def refuse(existing: tuple[Entry, ...]) -> tuple[Entry, ...]:
        raise FormError([])

    with pytest.raises(FormError):
        ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, refuse)
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_result_is_not_written(tmp_path: Path) -> None:
    from fenggong.errors import DataError

    wrong = Entry(task=3, body="浦东新区", status=Status.DONE)  # 浦东新区 has no part in 3
    with pytest.raises(DataError) as raised:
        ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, _adding(wrong))
    assert [p.code for p in raised.value.problems] == ["FG044"]
    assert list(tmp_path.iterdir()) == []
