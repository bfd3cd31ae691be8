"""The cache's trust boundary: whose folder, which files, and what an entry must hold."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import cache, loader
from fenggong.store import source as sources
from tests.helpers import ROOT, cache_entry, cache_folder

DATASET = ROOT / "data" / "tasks.yaml"


def _digest() -> str:
    return sources.digest(sources.from_path(DATASET))


def _show_3(runner: CliRunner) -> str:
    result = runner.invoke(app, ["show", "3", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    text: str = json.loads(result.stdout)[0]["text"]
    return text


def _edit_entry(change: str) -> None:
    """Rewrite the entry of the bundled dataset as an attacker with write access would."""
    path = cache_entry(_digest())
    stored = json.loads(path.read_text(encoding="utf-8"))
    task = stored["data"]["tasks"][2]
    if change == "text":
        task["text"] = "被篡改的任务"
    elif change == "lead":
        task["lead"] = ["不存在的部门"]
    elif change == "topic":
        task["topic"] = 999
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")


def test_the_folder_is_made_private() -> None:
    loader.load(DATASET)
    assert cache_folder().stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("change", ["lead", "topic"])
def test_an_entry_that_does_not_hang_together_is_not_used(runner: CliRunner, change: str) -> None:
    truth = _show_3(runner)
    _edit_entry(change)
    assert cache.read(_digest()) is None
    assert _show_3(runner) == truth  # from the YAML, no KeyError


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_folder_others_may_write_is_not_believed(runner: CliRunner, mode: int) -> None:
    truth = _show_3(runner)
    _edit_entry("text")
    cache_folder().chmod(mode)
    assert _show_3(runner) == truth
    cache_folder().chmod(0o700)
    assert _show_3(runner) == "被篡改的任务"  # the user's own folder is trusted: see README


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder someone else's needs root")
def test_a_folder_of_another_user_is_not_believed(runner: CliRunner) -> None:
    truth = _show_3(runner)
    _edit_entry("text")
    os.chown(cache_folder(), 65534, 65534)
    assert _show_3(runner) == truth


def test_links_fifos_and_devices_at_an_entrys_place_are_never_read(runner: CliRunner) -> None:
    truth = _show_3(runner)
    entry = cache_entry(_digest())
    for kind in ("link to /dev/zero", "fifo", "dangling link"):
        entry.unlink()
        if kind == "fifo":
            os.mkfifo(entry)
        else:
            entry.symlink_to("/dev/zero" if kind.endswith("zero") else entry.parent / "gone")
        assert cache.read(_digest()) is None  # returns at once: nothing blocks or grows
        assert _show_3(runner) == truth


def test_an_entry_too_large_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    loader.load(DATASET)
    monkeypatch.setattr(cache, "MAX_ENTRY", 1000)
    assert cache.read(_digest()) is None


def test_no_home_folder_means_no_cache_not_a_crash(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As with `docker run --user 1234`: no $HOME, and no passwd entry to find one in.
    expected = runner.invoke(app, ["list", "--lead", "市教委", "-f", "json"]).stdout

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", no_home)
    assert cache.directory() is None
    result = runner.invoke(app, ["list", "--lead", "市教委", "-f", "json"])
    assert (result.exit_code, result.stderr, result.stdout) == (0, "", expected)


def test_a_relative_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", "/home/someone")
    assert cache.directory() == Path("/home/someone/.cache/fenggong")


def test_an_entry_s_times_are_its_own_not_those_of_what_a_link_points_to(
    tmp_path: Path,
) -> None:
    from fenggong.store import cache

    outside = tmp_path / "victim"
    outside.write_text("x", encoding="utf-8")
    os.utime(outside, (1000, 1000))
    link = tmp_path / "entry.json"
    link.symlink_to(outside)
    cache.touch(link)
    cache.touch(link, (0, 0))
    assert outside.stat().st_mtime == 1000


def test_a_file_written_at_a_link_s_place_gets_the_usual_mode(tmp_path: Path) -> None:
    from fenggong.store.atomic import write_atomic

    outside = tmp_path / "open"
    outside.write_text("x", encoding="utf-8")
    outside.chmod(0o666)
    link = tmp_path / "entry.json"
    link.symlink_to(outside)
    umask = os.umask(0o022)
    try:
        write_atomic(link, b"{}")
    finally:
        os.umask(umask)
    assert not link.is_symlink()
    assert link.stat().st_mode & 0o777 == 0o644
    assert outside.read_text(encoding="utf-8") == "x"
