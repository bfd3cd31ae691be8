"""The validated cache: hits skip parsing; misses, corrupt and foreign files rebuild."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from fenggong import __version__
from fenggong.checks.plan import PLAN
from fenggong.store import atomic, cache, loader, pipeline
from fenggong.store import source as sources
from tests.helpers import FIXTURES, ROOT, cache_entry, cache_folder

DATASET = ROOT / "data" / "tasks.yaml"


def _digest(path: Path) -> str:
    return sources.digest(sources.from_path(path))


def _cached_files() -> list[Path]:
    return sorted(cache_folder().glob("*.json")) if cache_folder().exists() else []


def test_a_load_writes_the_cache_and_the_next_load_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    first = loader.load(DATASET)
    (entry,) = _cached_files()
    assert entry.name == f"plan.{PLAN.format}-{_digest(DATASET)}-{__version__}-{cache.FORMAT}.json"
    stored = json.loads(entry.read_text(encoding="utf-8"))
    assert (stored["format"], stored["version"]) == (cache.FORMAT, __version__)
    assert (stored["kind"], stored["kind_format"]) == ("plan", PLAN.format)

    def no_parsing(*_: object) -> None:
        raise AssertionError("a cache hit must not parse")

    monkeypatch.setattr(pipeline, "run", no_parsing)
    assert loader.load(DATASET) == first


def test_two_releases_keep_an_entry_each(monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / "valid" / "minimal.yaml"
    monkeypatch.setattr(cache, "__version__", "1.0.0")
    loader.load(path)
    monkeypatch.setattr(cache, "__version__", "2.0.0")
    loader.load(path)
    assert [p.name.split("-")[2] for p in _cached_files()] == ["1.0.0", "2.0.0"]

    def no_parsing(*_: object) -> None:
        raise AssertionError("each release must hit its own entry")

    monkeypatch.setattr(pipeline, "run", no_parsing)
    for version in ("1.0.0", "2.0.0"):
        monkeypatch.setattr(cache, "__version__", version)
        assert len(loader.load(path).tasks) == 3


def test_a_changed_file_is_a_miss(tmp_path: Path) -> None:
    copy = tmp_path / "tasks.yaml"
    shutil.copy(FIXTURES / "valid" / "minimal.yaml", copy)
    loader.load(copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace("加强监督", "加强督导"), "utf-8")
    assert loader.load(copy).tasks[2].text == "加强督导"
    assert len(_cached_files()) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"format": 1}',
        b'{"format": 4, "version": "0.0.0-other", "kind": "plan", "kind_format": 3,'
        b' "sha256": "x", "data": {}}',
        b"[1, 2, 3]",
        b'{"format": 4, "version": "VERSION", "kind": "plan", "kind_format": 3,'
        b' "sha256": "DIGEST", "data": {"plan": 1}}',
        b'{"format": 3, "version": "VERSION", "sha256": "DIGEST", "dataset": {}}',
    ],
    ids=["empty", "corrupt", "partial", "foreign", "wrong-type", "wrong-shape", "older-layout"],
)
def test_a_bad_cache_file_rebuilds_silently(content: bytes) -> None:
    path = FIXTURES / "valid" / "minimal.yaml"
    digest = _digest(path)
    cache_folder().mkdir(parents=True, exist_ok=True)
    entry = cache_entry(digest)
    entry.write_bytes(
        content.replace(b"VERSION", __version__.encode()).replace(b"DIGEST", digest.encode())
    )
    assert len(loader.load(path).tasks) == 3
    assert json.loads(entry.read_text(encoding="utf-8"))["sha256"] == digest  # rewritten


def test_a_read_only_cache_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from fenggong.store import atomic

    def refuse(path: Path, data: bytes, durable: bool = True) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(atomic, "write_atomic", refuse)
    assert len(loader.load(FIXTURES / "valid" / "minimal.yaml").tasks) == 3
    assert _cached_files() == []


def test_an_unwritable_cache_location_means_no_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # cache dir would be inside a file
    assert len(loader.load(FIXTURES / "valid" / "minimal.yaml").tasks) == 3


def test_an_invalid_dataset_is_never_cached() -> None:
    with pytest.raises(loader.DataError):
        loader.load(FIXTURES / "invalid" / "no-lead.yaml")
    assert _cached_files() == []


def _variant(folder: Path, n: int) -> Path:
    """A valid dataset whose bytes differ from every other variant's: its own entry."""
    path = folder / f"tasks-{n}.yaml"
    text = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("加强监督", f"加强监督{n}"), encoding="utf-8")
    return path


def _entry_of(path: Path) -> Path:
    return cache_entry(_digest(path))


def test_only_the_most_recently_used_entries_are_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(cache, "KEEP", 2)
    one, two, three, four = (_variant(tmp_path, n) for n in range(4))

    def age(path: Path, when: int) -> None:
        # Set times apart, whatever the file system's timestamp granularity.
        os.utime(_entry_of(path), (when, when))

    loader.load(one)
    loader.load(two)
    age(one, 1000)
    age(two, 2000)
    loader.load(three)  # a write: three and two are the two most recently used
    assert _cached_files() == sorted([_entry_of(two), _entry_of(three)])
    age(three, 3000)
    loader.load(two)  # a hit makes two the most recently used
    loader.load(four)
    assert _cached_files() == sorted([_entry_of(two), _entry_of(four)])


def test_a_killed_writers_temporary_files_are_removed_once_stale(tmp_path: Path) -> None:
    cache_folder().mkdir(parents=True)
    stale = cache_folder() / ".fenggong-abc12345.tmp"
    fresh = cache_folder() / ".fenggong-def67890.tmp"
    foreign = cache_folder() / ".entry.json.abc.tmp"  # not a name this tool writes
    for path in (stale, fresh, foreign):
        path.write_bytes(b"{")
    hours_ago = time.time() - 2 * atomic.STALE
    for path in (stale, foreign):
        os.utime(path, (hours_ago, hours_ago))
    loader.load(_variant(tmp_path, 0))
    assert not stale.exists()
    assert fresh.exists()
    assert foreign.exists()


def test_pruning_touches_only_the_tools_own_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "KEEP", 1)
    cache_folder().mkdir(parents=True)
    mine = [cache_folder() / name for name in ("notes.json", "plan.mine.json", "plan.json")]
    for path in mine:
        path.write_bytes(b"a user's own file")
        os.utime(path, (1000, 1000))
    loader.load(_variant(tmp_path, 0))
    loader.load(_variant(tmp_path, 1))
    assert all(path.read_bytes() == b"a user's own file" for path in mine)
    assert len([p for p in cache_folder().iterdir() if p not in mine]) == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", 0), ("text", "")],
    ids=["id-zero", "empty-text"],
)
def test_an_entry_breaking_a_constraint_of_the_model_is_refused(field: str, value: object) -> None:
    # The cache decodes into the records, so PositiveInt and Text hold there too.
    path = FIXTURES / "valid" / "minimal.yaml"
    first = loader.load(path)
    entry = cache_entry(_digest(path))
    stored = json.loads(entry.read_text(encoding="utf-8"))
    stored["data"]["tasks"][0][field] = value
    entry.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert cache.read(_digest(path)) is None
    assert loader.load(path) == first
    assert json.loads(entry.read_text(encoding="utf-8")) != stored  # rewritten


def test_a_cache_entry_is_not_synced_to_disk_and_a_file_of_the_data_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    synced: list[int] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    loader.load(FIXTURES / "valid" / "minimal.yaml")  # writes its cache entry
    assert len(_cached_files()) == 1 and synced == []
    atomic.write_atomic(tmp_path / "tasks.yaml", b"x")
    assert len(synced) == 1
