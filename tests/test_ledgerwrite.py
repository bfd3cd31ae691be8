"""The period file's writer: turns under a lock, nothing written on a failed change."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import msgspec
import pytest

from fenggong.checks.scope import Scope
from fenggong.errors import FileAccessError, FormError
from fenggong.model import Entry, Status
from fenggong.store import ledgerwrite, lock
from fenggong.store.ledgerpack import Reports
from tests.helpers import CATALOG

SCOPE = Scope.of_dataset(CATALOG.dataset)


def _adding(entry: Entry):  # type: ignore[no-untyped-def]
    def change(existing: Reports) -> ledgerwrite.Delta:
        return ledgerwrite.Delta({}, (entry,))

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
        lock.locked(path),
        pytest.raises(FileAccessError, match="locked by another"),
        lock.locked(path, wait=0.1),
    ):
        pass
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="flock: the system releases the lock")
def test_a_lock_left_by_a_holder_killed_midway_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q1.yaml"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from fenggong.store.lock import locked\n"
            "with locked(Path(sys.argv[1])):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(60)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(FileAccessError, match="locked by another"), lock.locked(path, wait=0.1):
        pass
    holder.kill()  # as kill -9: no clean-up runs, the lock file stays
    holder.wait()
    assert (tmp_path / ".2026-Q1.yaml.lock").exists()
    ledgerwrite.commit(
        tmp_path, "2026-Q1", SCOPE, _adding(Entry(task=2, body="市教委", status=Status.DONE))
    )
    assert "body: 市教委" in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["2026-Q1.yaml"]


def test_a_failed_change_writes_nothing(tmp_path: Path) -> None:
    def refuse(existing: Reports) -> ledgerwrite.Delta:
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


def _replacing(index: int, entry: Entry):  # type: ignore[no-untyped-def]
    def change(existing: Reports) -> ledgerwrite.Delta:
        return ledgerwrite.Delta({index: entry}, ())

    return change


HAND = """\
# The 台账 of 2026-Q1, kept by hand too.
period: 2026-Q1
entries:
- task: 2
  body: 市教委
  status: done  # 已验收
# 下面一条由督查室补录
- {task: 97, body: 浦东新区, status: delayed}
"""


def test_a_collect_keeps_every_line_it_does_not_change(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q1.yaml"
    path.write_text(HAND, encoding="utf-8")
    added = Entry(task=3, body="市教委", status=Status.IN_PROGRESS, progress="推进中")
    ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, _adding(added))
    tail = "- task: 3\n  body: 市教委\n  status: in_progress\n  progress: 推进中\n"
    assert path.read_text(encoding="utf-8") == HAND + tail
    replaced = Entry(task=97, body="浦东新区", status=Status.DONE)
    ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, _replacing(1, replaced))
    expected = HAND.replace(
        "- {task: 97, body: 浦东新区, status: delayed}\n",
        "- task: 97\n  body: 浦东新区\n  status: done\n",
    )
    assert path.read_text(encoding="utf-8") == expected + tail


def test_the_next_collect_finds_the_reports_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fenggong.store import ledgersplice

    path = tmp_path / "2026-Q1.yaml"
    path.write_text(HAND, encoding="utf-8")
    ledgerwrite.commit(
        tmp_path, "2026-Q1", SCOPE, _adding(Entry(task=3, body="市教委", status=Status.DONE))
    )

    def unread(data: bytes) -> None:
        raise AssertionError("the file was parsed for its layout again")

    monkeypatch.setattr(ledgersplice, "find", unread)
    ledgerwrite.commit(
        tmp_path, "2026-Q1", SCOPE, _adding(Entry(task=7, body="市教委", status=Status.DONE))
    )
    assert path.read_text(encoding="utf-8").endswith("- task: 7\n  body: 市教委\n  status: done\n")


# HAND's two reports start at these bytes; the file ends at len(HAND).
FIRST, SECOND = HAND.encode().index(b"- task: 2"), HAND.encode().index(b"- {task: 97")
STATUS = HAND.encode().index(b"  status: done")


@pytest.mark.parametrize(
    "wrong",
    [
        ((0, 5), None),  # not where the items start
        ((FIRST, SECOND), STATUS),  # ends inside a report, at a line of its own
        ((FIRST, SECOND), SECOND + 3),  # ends inside a line
        ((FIRST,), None),  # one report missed
        ((SECOND,), None),
        ((FIRST, SECOND), SECOND),  # ends where the last report starts
        ((SECOND, FIRST), None),  # out of order
        ((FIRST, FIRST), None),  # one place twice
    ],
)
def test_a_cached_layout_that_does_not_fit_the_file_is_not_believed(
    tmp_path: Path, wrong: tuple[tuple[int, ...], int | None]
) -> None:
    from fenggong.periods import parse_period
    from fenggong.store import ledgercache
    from fenggong.store.ledgersplice import Layout

    path = tmp_path / "2026-Q1.yaml"
    path.write_text(HAND, encoding="utf-8")
    span = parse_period("2026-Q1")
    assert span is not None
    (read,) = ledgercache.read(tmp_path, [(span, path)], SCOPE, whole=False)
    assert read.packed is not None
    starts, end = wrong
    layout = Layout(starts, len(HAND.encode()) if end is None else end)
    poisoned = msgspec.structs.replace(read.packed, layout=layout)
    ledgercache.remember(path.read_bytes(), span, SCOPE, poisoned, 1)
    ledgerwrite.commit(
        tmp_path, "2026-Q1", SCOPE, _adding(Entry(task=3, body="市教委", status=Status.DONE))
    )
    assert path.read_text(encoding="utf-8") == HAND + "- task: 3\n  body: 市教委\n  status: done\n"


def test_a_second_report_on_a_task_and_body_is_refused_where_it_stands(tmp_path: Path) -> None:
    from fenggong.errors import DataError

    path = tmp_path / "2026-Q1.yaml"
    path.write_text(HAND, encoding="utf-8")
    again = Entry(task=2, body="市教委", status=Status.DELAYED)
    with pytest.raises(DataError) as raised:
        ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, _adding(again))
    # Located in the file as it would have been written: the new report's lines 9-11.
    assert [(p.code, p.line) for p in raised.value.problems] == [("FG047", 10)]
    assert path.read_text(encoding="utf-8") == HAND


def test_a_file_too_large_for_any_reader_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fenggong.errors import DataError
    from fenggong.store import source

    path = tmp_path / "2026-Q1.yaml"
    path.write_text(HAND, encoding="utf-8")
    monkeypatch.setattr(source, "MAX_BYTES", len(HAND.encode()) + 10)
    added = Entry(task=3, body="市教委", status=Status.DONE, progress="很长的进展" * 10)
    with pytest.raises(DataError) as raised:
        ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, _adding(added))
    (problem,) = raised.value.problems
    assert (problem.code, problem.file) == ("FG022", str(path))
    assert problem.message.endswith("a ledger file may be 0 MiB at most")
    assert path.read_text(encoding="utf-8") == HAND


def test_a_crlf_file_keeps_its_line_ends_and_its_other_lines(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q1.yaml"
    path.write_bytes(HAND.replace("\n", "\r\n").encode())
    ledgerwrite.commit(
        tmp_path, "2026-Q1", SCOPE, _adding(Entry(task=3, body="市教委", status=Status.DONE))
    )
    expected = HAND + "- task: 3\n  body: 市教委\n  status: done\n"
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode()


def test_a_report_replaced_keeps_the_notes_written_after_it(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q1.yaml"
    path.write_text(HAND, encoding="utf-8")
    replaced = Entry(task=2, body="市教委", status=Status.DELAYED, problems="经费未到位")
    ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, _replacing(0, replaced))
    expected = HAND.replace(
        "  status: done  # 已验收\n",
        "  status: delayed\n  problems: 经费未到位\n",
    )
    # The note before the next report stays; the replaced report's own comment goes with it.
    assert path.read_text(encoding="utf-8") == expected


def test_a_period_file_that_is_a_link_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text(HAND, encoding="utf-8")
    folder = tmp_path / "progress"
    folder.mkdir()
    (folder / "2026-Q1.yaml").symlink_to(target)
    added = Entry(task=3, body="市教委", status=Status.DONE)
    with pytest.raises(FileAccessError, match="is a symbolic link; collect writes only"):
        ledgerwrite.commit(folder, "2026-Q1", SCOPE, _adding(added))
    assert (folder / "2026-Q1.yaml").is_symlink()
    assert target.read_text(encoding="utf-8") == HAND


def test_a_report_replaced_by_another_task_and_body_is_judged_against_the_rest(
    tmp_path: Path,
) -> None:
    from fenggong.errors import DataError

    path = tmp_path / "2026-Q1.yaml"
    path.write_text(HAND, encoding="utf-8")
    # Report 0 made into 浦东新区's on task 97, which report 1 already is: two of one.
    onto = Entry(task=97, body="浦东新区", status=Status.DONE)
    with pytest.raises(DataError) as raised:
        ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, _replacing(0, onto))
    assert [p.code for p in raised.value.problems] == ["FG047"]
    assert path.read_text(encoding="utf-8") == HAND

    # Report 0 given up for task 3, and its task and body taken by a new report: one each.
    def swap(existing: Reports) -> ledgerwrite.Delta:
        moved = Entry(task=3, body="市教委", status=Status.DONE)
        return ledgerwrite.Delta({0: moved}, (Entry(task=2, body="市教委", status=Status.DONE),))

    ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, swap)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        HAND.split("- task: 2")[0] + "- task: 3\n  body: 市教委\n  status: done\n"
    )
    assert text.endswith("- task: 2\n  body: 市教委\n  status: done\n")


def test_a_folder_named_like_the_period_file_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "2026-Q1.yaml").mkdir()
    added = Entry(task=3, body="市教委", status=Status.IN_PROGRESS)
    with pytest.raises(FileAccessError, match="is no regular file"):
        ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, _adding(added))
    assert [p.name for p in tmp_path.iterdir()] == ["2026-Q1.yaml"]
    assert list((tmp_path / "2026-Q1.yaml").iterdir()) == []


def test_a_change_adding_nothing_to_a_new_period_makes_no_file(tmp_path: Path) -> None:
    def nothing(existing: Reports) -> ledgerwrite.Delta:
        return ledgerwrite.Delta({}, ())

    assert ledgerwrite.commit(tmp_path, "2026-Q1", SCOPE, nothing) is None
    assert list(tmp_path.iterdir()) == []
