"""The 台账's whole entry (store.ledgerwhole): a ledger read before, unchanged, is loaded
from it with no period decoded until a query reaches that period; any edit of a period
file or a plan, or a damaged entry, is a silent miss and the ledger reads as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fenggong.checks.scope import Scope
from fenggong.store import ledger, ledgercache, ledgerwhole, loader, pipeline
from tests.helpers import FIXTURES, cache_folder

LEDGER = FIXTURES / "ledger"


def _dataset(tmp_path: Path) -> Path:
    shutil.copy(LEDGER / "plan.yaml", tmp_path / "tasks.yaml")
    shutil.copytree(LEDGER / "valid", tmp_path / "progress")
    return tmp_path / "tasks.yaml"


def _load(path: Path) -> ledger.Ledgers:
    return ledger.load(ledger.folder_of(path), Scope.of_dataset(loader.load(path)))


def _wholes() -> list[Path]:
    return sorted(cache_folder().glob("ledgers.*.json"))


def _answers(loaded: ledger.Ledgers) -> tuple[object, ...]:
    tasks = [1, 2, 3, 4, 5, 6, 7, 8]
    reporters = [loaded.reporters(t) for t in tasks]
    latest = [loaded.latest(t, b) for t in tasks for b in loaded.reporters(t)]
    return reporters, latest, loaded.ledgers, loaded.keys


class _Counting:
    """Counts the period files checked and the period entries decoded."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.checked: list[str] = []
        self.decoded = 0
        run, hit = pipeline.run, ledgercache.hit

        def counted_run(source, progress, kind):  # type: ignore[no-untyped-def]
            if kind.name == "ledger":
                self.checked.append(source.name.name)
            return run(source, progress, kind)

        def counted_hit(*args):  # type: ignore[no-untyped-def]
            self.decoded += 1
            return hit(*args)

        monkeypatch.setattr(pipeline, "run", counted_run)
        monkeypatch.setattr(ledgercache, "hit", counted_hit)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> _Counting:
    return _Counting(monkeypatch)


def test_a_ledger_read_again_decodes_a_period_only_when_reached(
    tmp_path: Path, counted: _Counting
) -> None:
    path = _dataset(tmp_path)
    first = _answers(_load(path))
    assert len(_wholes()) == 1
    counted.decoded = 0
    again = _load(path)
    assert counted.decoded == 0
    assert again.reporters(3) == first[0][2]  # type: ignore[index]
    assert counted.decoded == 0  # who reported comes from the whole entry
    found = again.latest(1, "市人力资源社会保障局")
    assert found is not None and found[0].name == "2026-Q1"
    assert counted.decoded == 1  # the latest period alone
    assert _answers(again) == first
    assert counted.checked == ["2025-Q4.yaml", "2026-Q1.yaml"]  # nothing checked again


def test_editing_a_period_file_is_a_miss(tmp_path: Path, counted: _Counting) -> None:
    path = _dataset(tmp_path)
    _load(path)
    edited = tmp_path / "progress" / "2026-Q1.yaml"
    text = edited.read_text(encoding="utf-8").replace("status: not_started", "status: done", 1)
    edited.write_text(text, encoding="utf-8")
    loaded = _load(path)
    assert counted.checked == ["2025-Q4.yaml", "2026-Q1.yaml", "2026-Q1.yaml"]
    assert loaded.latest(3, "浦东新区")[1].status == "done"  # type: ignore[index]
    assert len(_wholes()) == 2


def test_a_new_period_file_is_a_miss(tmp_path: Path, counted: _Counting) -> None:
    path = _dataset(tmp_path)
    _load(path)
    (tmp_path / "progress" / "2025-Q4.yaml").unlink()
    loaded = _load(path)
    assert loaded.periods[0].name == "2026-Q1" and len(loaded.periods) == 1


def test_editing_a_plan_is_a_miss(tmp_path: Path, counted: _Counting) -> None:
    path = _dataset(tmp_path)
    _load(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("力争培训500万人次", "力争培训600万人次"), encoding="utf-8")
    _load(path)
    # The periods' entries and the whole one are keyed by the plans: all missed.
    assert counted.checked == ["2025-Q4.yaml", "2026-Q1.yaml"] * 2
    assert len(_wholes()) == 2


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"format": 4}', b"null"],
    ids=["empty", "corrupt", "foreign", "null"],
)
def test_a_damaged_whole_entry_is_a_silent_miss(
    tmp_path: Path, counted: _Counting, damage: bytes
) -> None:
    path = _dataset(tmp_path)
    first = _answers(_load(path))
    for entry in _wholes():
        entry.write_bytes(damage)
    assert _answers(_load(path)) == first
    assert counted.checked == ["2025-Q4.yaml", "2026-Q1.yaml"]  # the periods' entries served


def test_a_damaged_period_entry_is_checked_in_full_when_reached(
    tmp_path: Path, counted: _Counting
) -> None:
    path = _dataset(tmp_path)
    first = _answers(_load(path))
    _load(path)  # and its whole entry
    for entry in cache_folder().glob("ledger.*.json"):
        entry.write_bytes(b"{not json")
    again = _load(path)
    assert counted.checked == ["2025-Q4.yaml", "2026-Q1.yaml"]  # none reached yet
    assert _answers(again) == first
    assert sorted(counted.checked) == sorted(["2025-Q4.yaml", "2026-Q1.yaml"] * 2)


def test_an_entry_pointing_out_of_its_tables_is_refused() -> None:
    whole = ledgerwhole.Whole(periods=("2026-Q1",), refs=("1",), bodies=("a",), reporters=((0,),))
    assert ledgerwhole.consistent(whole)
    assert not ledgerwhole.consistent(ledgerwhole.Whole(("2026-Q1",), ("1",), ("a",), ((1,),)))
    assert not ledgerwhole.consistent(ledgerwhole.Whole(("2026-Q1",), ("1", "2"), ("a",), ((0,),)))
