"""A library's cache entry: packed (each table of bodies once), refused when it does not
hang together, and read without the checks across files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong import __version__
from fenggong.checks import library as checks_library
from fenggong.checks.registry import REGISTRY
from fenggong.cli import app
from fenggong.query.library import Library
from fenggong.query.select import matcher_of
from fenggong.store import cache, pipeline, shelfcache
from fenggong.store import library as shelves
from fenggong.store import source as sources
from tests.helpers import FIXTURES, cache_folder

SHARED = FIXTURES / "libraries" / "shared"


def _entries() -> list[Path]:
    return sorted(cache_folder().glob("library.*.json")) if cache_folder().exists() else []


def _no_checking(*_: object) -> None:
    raise AssertionError("a cache hit must not check a file")


def test_the_copies_of_the_checks_constants_agree() -> None:
    # Written again in store to keep the checks off the warm path: a new format of the
    # rules across files or of the registry must miss every cached library.
    assert (checks_library.LIBRARY.format, REGISTRY.format) == shelfcache.CHECKED_AS
    assert shelves.REGISTRY_FILE == checks_library.REGISTRY_FILE


def test_a_library_is_cached_and_the_next_load_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    first = shelves.load(SHARED)
    (entry,) = _entries()
    assert entry.name.startswith(f"library.{shelfcache.LAYOUT}-")
    assert entry.name.endswith(f"-{__version__}-{cache.FORMAT}.json")
    monkeypatch.setattr(pipeline, "run", _no_checking)
    assert shelves.load(SHARED) == first


def test_the_shelf_read_back_is_the_shelf_checked() -> None:
    checked = shelves.check(SHARED).shelf
    assert checked is not None
    shelves.load(SHARED)  # cold: checks and writes
    assert shelves.load(SHARED) == checked  # warm: unpacked from the entry


def test_plans_of_one_jurisdiction_share_one_table_in_the_entry_and_in_memory() -> None:
    shelves.load(SHARED)
    (entry,) = _entries()
    stored = json.loads(entry.read_text(encoding="utf-8"))["data"]
    # 上海市's two plans (one carrying a copy of an entry) and 浦东新区's: two tables.
    assert [list(t) for t in stored["tables"]] == [
        ["市教委", "市发展改革委"],
        ["区发改委", "市教委", "市发展改革委"],
    ]
    assert [(p["key"], p["table"], p["dataset"].get("departments")) for p in stored["plans"]] == [
        ("city-a", 0, {}),
        ("city-b", 0, {}),
        ("pudong", 1, {}),
    ]
    a, b, pudong = shelves.load(SHARED).plans
    assert a.dataset.departments is b.dataset.departments
    assert pudong.dataset.departments is not a.dataset.departments


def test_plans_sharing_a_table_share_its_matcher() -> None:
    library = Library.shelved(shelves.load(SHARED), str(SHARED))
    a, b, pudong = library.catalogs
    assert matcher_of(a) is matcher_of(b)
    assert matcher_of(pudong) is not matcher_of(a)
    assert matcher_of(pudong).departments is pudong.departments


def test_a_changed_plan_is_a_miss(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    shutil.copytree(SHARED, folder)
    shelves.load(folder)
    plan = folder / "city-b.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("培养技能人才", "培养高技能人才"))
    (_a, b, _pudong) = shelves.load(folder).plans
    assert b.dataset.tasks[0].text == "培养高技能人才"
    assert len(_entries()) == 2


def _corrupt(change: Any) -> None:
    (entry,) = _entries()
    stored = json.loads(entry.read_text(encoding="utf-8"))
    change(stored["data"])
    entry.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")


def _set(plan: int, field: str, value: Any) -> Any:
    return lambda data: data["plans"][plan].__setitem__(field, value)


def _beside(data: dict[str, Any]) -> None:
    data["plans"][0]["dataset"]["departments"] = data["tables"][0]


def _duplicate_key(data: dict[str, Any]) -> None:
    data["plans"][1]["key"] = data["plans"][0]["key"]


def _unknown_body(data: dict[str, Any]) -> None:
    data["plans"][2]["dataset"]["tasks"][0]["lead"] = ["市财政局"]


def _stray_table(data: dict[str, Any]) -> None:
    del data["tables"][1]


@pytest.mark.parametrize(
    "change",
    [
        _set(0, "table", 5),
        _set(0, "table", -1),
        _set(2, "homes", 9),
        _beside,
        _duplicate_key,
        _unknown_body,
        _stray_table,
    ],
    ids=[
        "table-out-of-range",
        "table-negative",
        "homes-out-of-range",
        "departments-beside-the-table",
        "duplicate-key",
        "a-body-no-table-has",
        "a-table-missing",
    ],
)
def test_a_packed_entry_that_does_not_hang_together_is_refused(change: Any) -> None:
    checked = shelves.load(SHARED)
    _corrupt(change)
    calls: list[object] = []
    real = pipeline.run

    def counted(*args: Any) -> Any:
        calls.append(args[0])
        return real(*args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "run", counted)
        assert shelves.load(SHARED) == checked
    assert len(calls) == 4  # the registry and the three plans, checked again


def test_the_answers_cold_and_warm_agree(runner: CliRunner) -> None:
    args = ["--data", str(SHARED), "list", "--dept", "市教委", "-f", "json"]
    cold = runner.invoke(app, args)
    warm = runner.invoke(app, args)
    assert cold.exit_code == 0, cold.output
    assert warm.stdout == cold.stdout
    assert [(t["plan"]["key"], t["id"]) for t in json.loads(cold.stdout)] == [
        ("city-a", 1),
        ("city-b", 1),
        ("pudong", 1),
    ]


@pytest.mark.slow
def test_a_warm_library_imports_no_checks_but_the_plans(tmp_path: Path) -> None:
    # The checks across files (checks.library, its locate, registry and rulebook) cost a
    # warm start more than reading a one-plan library's entry.
    shelves.load(SHARED)
    script = (
        "import sys; from pathlib import Path; from fenggong.store import library; "
        f"library.load(Path({str(SHARED)!r})); "
        "print(sorted(m for m in sys.modules if m.startswith(('fenggong.checks', "
        "'fenggong.store.pipeline'))))"
    )
    env = {"XDG_CACHE_HOME": str(cache_folder().parent), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == str(
        ["fenggong.checks", "fenggong.checks.kind", "fenggong.checks.plan"]
    )


# The stat shortcut --------------------------------------------------------------------


@pytest.fixture
def settled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the library whose files look left alone for long: the clock runs ahead."""
    folder = tmp_path / "library"
    shutil.copytree(SHARED, folder)
    real = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: real() + 10 * shelfcache.SETTLE_NS)
    return folder


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files read from now on."""
    read: list[Path] = []
    real = sources.from_path

    def counted(path: Path) -> sources.Source:
        read.append(path)
        return real(path)

    monkeypatch.setattr(sources, "from_path", counted)
    return read


def _seen() -> list[Path]:
    return sorted(cache_folder().glob("seen.*.json"))


def test_a_settled_library_is_found_without_reading_its_files(
    settled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = shelves.load(settled)
    assert len(_seen()) == 1
    read = _reads(monkeypatch)
    assert shelves.load(settled) == first
    assert read == []


def test_files_changed_within_the_settling_time_are_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "library"
    shutil.copytree(SHARED, folder)  # just written: a second write might not show
    shelves.load(folder)
    read = _reads(monkeypatch)
    shelves.load(folder)
    assert [p.name for p in read] == ["city-a.yaml", "city-b.yaml", "pudong.yaml", "registry.yaml"]
    assert _seen() == []


def test_a_same_size_rewrite_with_the_old_modification_time_is_seen(settled: Path) -> None:
    plan = settled / "city-a.yaml"
    shelves.load(settled)
    before = plan.stat()
    time.sleep(0.05)  # past the tick of the filesystem's clock the copy was written in
    text = plan.read_text(encoding="utf-8")
    changed = text.replace("推进职业教育", "推进职业培训")
    assert len(changed.encode()) == len(text.encode())
    with plan.open("r+b") as stream:  # in place: the same inode
        stream.write(changed.encode())
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = plan.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    assert shelves.load(settled).plans[0].dataset.tasks[0].text == "推进职业培训"


def test_a_plan_added_is_a_miss(settled: Path) -> None:
    shelves.load(settled)
    shutil.copy(settled / "city-b.yaml", settled / "city-c.yaml")
    (settled / "city-c.yaml").write_text(
        (settled / "city-b.yaml")
        .read_text(encoding="utf-8")
        .replace("plan:\n", "plan:\n  key: c\n")
    )
    assert [p.key for p in shelves.load(settled).plans] == ["city-a", "city-b", "c", "pudong"]
