"""README's promises about the cache that no other test holds it to, through the command line."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong import __version__
from fenggong.checks.plan import PLAN
from fenggong.cli import app
from fenggong.store import atomic, cache, loader
from fenggong.store import source as sources
from tests.helpers import FIXTURES, ROOT, cache_entry, cache_folder

DATASET = ROOT / "data" / "tasks.yaml"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _digest(path: Path) -> str:
    return sources.digest(sources.from_path(path))


def _show_3(runner: CliRunner) -> str:
    result = runner.invoke(app, ["show", "3", "-f", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    text: str = json.loads(result.stdout)[0]["text"]
    return text


def _poisoned_copy(path: Path) -> bytes:
    """The bundled dataset's entry with task 3's text changed, as an attacker would write it."""
    stored = json.loads(cache_entry(_digest(DATASET)).read_text(encoding="utf-8"))
    stored["data"]["tasks"][2]["text"] = "被篡改的任务"
    raw = json.dumps(stored, ensure_ascii=False).encode()
    path.write_bytes(raw)
    return raw


def test_the_name_of_an_entry_is_as_readme_shows_it(runner: CliRunner) -> None:
    loader.load(DATASET)
    (entry,) = cache_folder().iterdir()
    kind, rest = entry.name.split(".", 1)
    assert f"`{kind}.{PLAN.format}-SHA256-VERSION-FORMAT.json`" in README
    assert rest == f"{PLAN.format}-{_digest(DATASET)}-{__version__}-{cache.FORMAT}.json"


def test_a_pickle_at_an_entrys_place_is_never_loaded(runner: CliRunner, tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.system, (f"touch {marker}",)

    truth = _show_3(runner)
    cache_entry(_digest(DATASET)).write_bytes(pickle.dumps(Payload()))
    assert _show_3(runner) == truth
    assert not marker.exists()
    assert json.loads(cache_entry(_digest(DATASET)).read_bytes())["kind"] == "plan"  # rebuilt


def test_a_folder_at_an_entrys_place_is_a_miss(runner: CliRunner) -> None:
    expected = runner.invoke(app, ["list", "--lead", "市教委", "-f", "json"])
    entry = cache_entry(_digest(DATASET))
    entry.unlink()
    entry.mkdir()
    for _ in range(2):  # read, then written over: neither can be
        result = runner.invoke(app, ["list", "--lead", "市教委", "-f", "json"])
        assert (result.exit_code, result.stderr, result.stdout) == (0, "", expected.stdout)
    assert entry.is_dir()


def test_a_corrupt_entry_is_rebuilt_silently(runner: CliRunner) -> None:
    expected = runner.invoke(app, ["list", "--lead", "市教委", "-f", "json"])
    cache_entry(_digest(DATASET)).write_bytes(b'{"format": 4, "data": {"tasks": [')
    result = runner.invoke(app, ["list", "--lead", "市教委", "-f", "json"])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", expected.stdout)
    assert json.loads(cache_entry(_digest(DATASET)).read_bytes())["sha256"] == _digest(DATASET)


def test_a_cache_location_that_cannot_be_written_means_no_cache(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = runner.invoke(app, ["--data", str(MINIMAL), "list", "-f", "json"]).stdout
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = runner.invoke(app, ["--data", str(MINIMAL), "list", "-f", "json"])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", expected)
    assert blocker.read_bytes() == b"not a folder"


def test_deleting_the_folder_is_safe(runner: CliRunner) -> None:
    expected = runner.invoke(app, ["depts", "-f", "json"]).stdout
    shutil.rmtree(cache_folder())
    result = runner.invoke(app, ["depts", "-f", "json"])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", expected)
    assert cache_entry(_digest(DATASET)).is_file()  # made again


def test_validate_always_checks_in_full(runner: CliRunner, tmp_path: Path) -> None:
    # An entry that says an invalid file is valid (a cache from an older, laxer release):
    # queries believe the user's own cache; validate reads and checks the YAML.
    invalid = tmp_path / "no-lead.yaml"
    shutil.copy(FIXTURES / "invalid" / "no-lead.yaml", invalid)
    loader.load(MINIMAL)
    lie = json.loads(cache_entry(_digest(MINIMAL)).read_bytes())
    lie["sha256"] = _digest(invalid)
    cache_entry(_digest(invalid)).write_text(json.dumps(lie, ensure_ascii=False), "utf-8")
    assert runner.invoke(app, ["--data", str(invalid), "list"]).exit_code == 0
    result = runner.invoke(app, ["validate", str(invalid)])
    assert result.exit_code == 1
    assert " error FG010 no-lead " in result.stderr


def test_ten_entries_of_a_kind_are_kept(runner: CliRunner, tmp_path: Path) -> None:
    shutil.rmtree(cache_folder())  # no entry but these
    text = MINIMAL.read_text(encoding="utf-8")
    paths = []
    for n in range(12):
        path = tmp_path / f"v{n}.yaml"
        path.write_text(text.replace("加强监督", f"加强监督{n}"), encoding="utf-8")
        paths.append(path)
        assert runner.invoke(app, ["--data", str(path), "outline"]).exit_code == 0
        os.utime(cache_entry(_digest(path)), (1000 + n, 1000 + n))  # apart, whatever the clock
    kept = sorted(p.name for p in cache_folder().glob("plan.*.json"))
    assert kept == sorted(cache_entry(_digest(p)).name for p in paths[2:])
    assert cache.KEEP == 10


def test_pruning_leaves_other_kinds_and_files_not_named_as_entries(tmp_path: Path) -> None:
    folder = cache_folder()
    folder.mkdir(parents=True, mode=0o700)
    sha = "0" * 64
    others = [
        f"library.1-{sha}-9.9.9-{cache.FORMAT}.json",  # another kind's entry
        f"plan.{PLAN.format}-{sha}-notes.json",  # almost an entry's name
        f"plan.{PLAN.format}-{'A' * 64}-1.0-{cache.FORMAT}.json",  # not a digest
        "plan.json",
        ".fenggong-my-notes.tmp",  # not a name the tool gives its temporary files
        ".fenggong-abcdefgh.tmp.bak",
    ]
    for name in others:
        (folder / name).write_bytes(b"keep me")
        os.utime(folder / name, (1000, 1000))  # older than any entry, and stale
    own_leftover = folder / f"{atomic.TEMP_PREFIX}abcd_123{atomic.TEMP_SUFFIX}"
    own_leftover.write_bytes(b"{")
    hours_ago = time.time() - 2 * atomic.STALE
    os.utime(own_leftover, (hours_ago, hours_ago))
    text = MINIMAL.read_text(encoding="utf-8")
    for n in range(cache.KEEP + 2):
        path = tmp_path / f"v{n}.yaml"
        path.write_text(text.replace("加强监督", f"加强监督{n}"), encoding="utf-8")
        loader.load(path)
    assert all((folder / name).read_bytes() == b"keep me" for name in others)
    assert not own_leftover.exists()
    assert len(list(folder.iterdir())) == len(others) + cache.KEEP


def test_entries_of_another_format_go_once_a_month_unused(tmp_path: Path) -> None:
    """An older release's entries of a kind (another format) are read by it alone: kept
    while it uses them, deleted once unused for a month, never counted with this one's."""
    folder = cache_folder()
    folder.mkdir(parents=True, mode=0o700)
    sha = "0" * 64
    older = PLAN.format - 1
    stale = folder / f"plan.{older}-{sha}-0.0.9-{cache.FORMAT}.json"
    used = folder / f"plan.{older}-{'1' * 64}-0.0.9-{cache.FORMAT}.json"
    for path in (stale, used):
        path.write_bytes(b"{}")
    month_ago = time.time() - cache.STALE - 60
    os.utime(stale, (month_ago, month_ago))
    os.utime(used, (month_ago + 3600, month_ago + 3600))  # used within the month
    loader.load(MINIMAL)
    assert not stale.exists()
    assert used.read_bytes() == b"{}"
    assert len(list(folder.glob(f"plan.{PLAN.format}-*.json"))) == 1


def test_an_exports_folder_keeps_a_users_file_named_like_a_temporary(
    runner: CliRunner, tmp_path: Path
) -> None:
    mine = tmp_path / ".fenggong-backup.tmp"
    mine.write_bytes(b"mine")
    hours_ago = time.time() - 2 * atomic.STALE
    os.utime(mine, (hours_ago, hours_ago))
    assert runner.invoke(app, ["export", "csv", "-o", str(tmp_path / "t.csv")]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".fenggong-backup.tmp", "t.csv"]


def test_a_linked_folder_is_not_believed(runner: CliRunner, tmp_path: Path) -> None:
    truth = _show_3(runner)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    _poisoned_copy(elsewhere / cache_entry(_digest(DATASET)).name)
    shutil.rmtree(cache_folder())
    cache_folder().symlink_to(elsewhere)  # a real folder of the user's, but through a link
    assert _show_3(runner) == truth
    assert sorted(p.name for p in elsewhere.iterdir()) == [cache_entry(_digest(DATASET)).name]


def test_an_entry_that_is_a_link_is_not_followed(runner: CliRunner, tmp_path: Path) -> None:
    truth = _show_3(runner)
    poisoned = _poisoned_copy(cache_folder() / "poisoned.json")  # a regular file, in the folder
    entry = cache_entry(_digest(DATASET))
    entry.unlink()
    entry.symlink_to(cache_folder() / "poisoned.json")
    assert cache.read(_digest(DATASET)) is None
    assert _show_3(runner) == truth
    assert (cache_folder() / "poisoned.json").read_bytes() == poisoned


@pytest.mark.parametrize("mode", [0o777, 0o720, 0o702])
def test_a_folder_others_may_write_is_not_written_either(
    runner: CliRunner, mode: int, tmp_path: Path
) -> None:
    cache_folder().chmod(mode)
    path = tmp_path / "v.yaml"
    shutil.copy(MINIMAL, path)
    assert runner.invoke(app, ["--data", str(path), "outline"]).exit_code == 0
    assert not cache_entry(_digest(path)).exists()


def test_an_entry_naming_a_missing_section_is_not_used(runner: CliRunner) -> None:
    truth = runner.invoke(app, ["outline", "-f", "json"]).stdout
    entry = cache_entry(_digest(DATASET))
    stored = json.loads(entry.read_text(encoding="utf-8"))
    stored["data"]["topics"][0]["section"] = 99
    entry.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    assert cache.read(_digest(DATASET)) is None
    assert runner.invoke(app, ["outline", "-f", "json"]).stdout == truth
