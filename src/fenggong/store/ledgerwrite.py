"""Writing a period's ledger file: under a lock, checked before it lands, atomically.

``report collect`` is the one writer. Two collects of one period (two offices' forms at
once) take turns through a lock file beside the period file, made with O_EXCL, which
every system and network file system honours; the second reads what the first wrote.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from fenggong.checks.scope import Scope
from fenggong.errors import DataError, FileAccessError, Problem
from fenggong.messages import _
from fenggong.model import Entry, Ledger
from fenggong.store.atomic import same_line_endings, write_atomic
from fenggong.store.ledger import SUFFIX, files
from fenggong.store.ledgernames import nature
from fenggong.store.ledgeryaml import items, render
from fenggong.store.lock import locked

if TYPE_CHECKING:
    from fenggong.store.ledgerpack import Packed, Reports
    from fenggong.store.ledgersplice import Layout

HEADER = (
    "# {period} 台账：每项任务、每个单位一条报送，\n"
    "# 由 `fenggong report collect` 从各单位交回的报表写入。\n"
    "# The 台账 of {period}, one report per task and body, written by `fenggong report collect`.\n"
)


class Delta(NamedTuple):
    """What a change makes of a period's reports: some replaced, by their index, and
    new ones after the last."""

    replaced: dict[int, Entry]
    added: tuple[Entry, ...]


def commit(
    folder: Path,
    period: str,
    scope: Scope,
    change: Callable[[Reports], Delta],
) -> Path | None:
    """Apply ``change`` to the period's reports and write the file, if anything changed.

    The file is read under the lock; the result is checked as ``validate`` checks a
    ledger file before it replaces the old one. Returns the path written, or None when
    nothing changed (the file is left byte for byte). ``change`` may raise: then nothing
    is written. A file in the plain layout (store.ledgersplice) has only the reports that
    changed written anew, every other line kept as it was; another is written whole.
    """
    from fenggong.checks.ledger import ledger_kind
    from fenggong.periods import parse_period
    from fenggong.store import ledgercache
    from fenggong.store.ledgercache import reference
    from fenggong.store.ledgerpack import Reports

    path = folder / f"{period}{SUFFIX}"
    kind = ledger_kind(scope, period)
    span = parse_period(period)
    assert span is not None  # the forms' period parsed before any was read
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise FileAccessError(
            _("cannot create {path}: {reason}").format(path=folder, reason=err.strerror or err)
        ) from None
    with locked(path):
        what = nature(path)
        if what == "link":
            # Replacing it would cut the link; writing through it, a file elsewhere.
            raise FileAccessError(
                _("{path} is a symbolic link; collect writes only a regular file").format(
                    path=path
                ),
                hint=_("put the file itself in {folder}").format(folder=folder),
            )
        if what is not None:  # a folder or a pipe named like the period's file
            raise FileAccessError(
                _("{path} is no regular file; collect writes only a regular file").format(
                    path=path
                ),
                hint=_("move it out of {folder}, or rename it").format(folder=folder),
            )
        before: Before | None = None
        if path.exists():
            # Read as every command reads it: from the cache when it checked clean before.
            (read,) = ledgercache.read(folder, [(span, path)], scope, whole=False)
            if read.packed is None:
                raise DataError(list(read.report.problems if read.report else ()))
            # The bytes the cache entry was found by: the file read once, never mixed.
            assert read.data is not None  # a part of the folder is read with its bytes
            before = Before(read.data, read.packed, read.content)
        reports = Reports(before.packed if before else None)
        delta = change(reports)
        if not delta.replaced and not delta.added:  # a new period's file too: not made empty
            return None
        # A period's 34,000 reports name a few thousand tasks: each is looked up once.
        ref = functools.cache(functools.partial(reference, scope))
        written = None if before is None else _spliced(before, reports, delta, ref)
        if written is None:
            written = _whole(path, period, before, delta, ref)
        packed = _check(written, path, kind)
        try:
            write_atomic(path, written.data)
        except OSError as err:
            raise FileAccessError(
                _("cannot write {path}: {reason}").format(path=path, reason=err.strerror or err)
            ) from None
        if packed is not None:
            replaced = before.content if before else None
            ledgercache.remember(written.data, span, scope, packed, len(files(folder)[0]), replaced)
    return path


class Before(NamedTuple):
    """The period file as it was: its bytes, its columns, and its digest."""

    data: bytes
    packed: Packed
    content: str | None = None


class Written(NamedTuple):
    """A period file about to be written, and what of it is to be checked: the reports
    that changed (by index) when the rest were read from a file that checked clean, or
    all of them."""

    data: bytes
    period: str
    changed: list[tuple[int, Entry]]
    warned: bool  # the reports not checked again had warnings: the file is not cached
    pack: Callable[[], Packed | None]  # its columns, with its layout if known


def _whole(
    path: Path, period: str, before: Before | None, delta: Delta, ref: Callable[[Any], str]
) -> Written:
    from fenggong.store.ledgerpack import pack
    from fenggong.store.ledgersplice import Layout

    entries = list(before.packed.ledger().entries) if before else []
    for index, entry in delta.replaced.items():
        entries[index] = entry
    entries += delta.added
    kept = _comments(before.data) if before else ""
    header = (kept or HEADER.format(period=period)).encode()
    body, starts = render(period, entries)
    data = same_line_endings(path, header + body)
    layout = None
    if starts and data == header + body:  # its line ends kept: the offsets hold
        layout = Layout(tuple(len(header) + s for s in starts), len(data))
    ledger = Ledger(period, tuple(entries))
    return Written(
        data,
        period,
        list(enumerate(entries)),
        False,
        lambda: pack(ledger, ref, layout=layout),
    )


def _spliced(
    before: Before, reports: Reports, delta: Delta, ref: Callable[[Any], str]
) -> Written | None:
    """The file with only the changed reports written anew; None when it is to be
    written whole (and checked whole: two reports of one task and body are located by
    the full check)."""
    from fenggong.store.ledgerpack import repack
    from fenggong.store.ledgersplice import block, find, splice, trailer

    data, packed = before.data, before.packed
    count = len(packed)
    layout = packed.layout
    if layout is None or not _fits(layout, data, count):
        layout = find(data)
        if layout is None or len(layout.starts) != count:
            return None
    changed = sorted(delta.replaced.items())
    changed += list(enumerate(delta.added, start=count))
    if _twice(reports, changed, ref):
        return None
    # A file kept in CRLF (Windows, git's autocrlf) gets its new lines in CRLF too.
    first = data.find(b"\n")
    crlf = first > 0 and data[first - 1 : first] == b"\r"

    texts = items([*delta.replaced.values(), *delta.added])  # the changed reports, in one go
    if crlf:
        texts = [text.replace(b"\n", b"\r\n") for text in texts]
    # A report replaced keeps the notes written by hand after it, before the next one.
    replaced = {
        index: text + trailer(block(data, layout, index))
        for index, text in zip(delta.replaced, texts, strict=False)
    }
    added = texts[len(delta.replaced) :]
    data, layout = splice(data, layout, replaced, added, b"\r\n" if crlf else b"\n")
    return Written(
        data,
        packed.period,
        changed,
        bool(packed.warnings),
        lambda: repack(packed, delta.replaced, delta.added, ref, layout),
    )


def _twice(reports: Reports, changed: list[tuple[int, Entry]], ref: Callable[[Any], str]) -> bool:
    """Whether the reports, once changed, hold two of one task and body: the index of
    the reports of the bodies concerned as they were, corrected by the few that change,
    not rebuilt. (Other bodies' reports keep their keys, which a file checked clean
    holds once each.)"""
    count = len(reports)
    moved = {reports.key(row) for row, _entry in changed if row < count}  # keys given up
    bodies = {entry.body for _row, entry in changed} | {body for _task, body in moved}
    index = reports.rows_by_key(bodies)
    if len(index) != reports.count(bodies):  # two already (a file checked clean has none)
        return True
    taken: set[tuple[str, str]] = set()
    for _row, entry in changed:
        key = (ref(entry.task), entry.body)
        if key in taken or (key in index and key not in moved):
            return True
        taken.add(key)
    return False


def _fits(layout: Layout, data: bytes, count: int) -> bool:
    """Whether a cached layout is the file's: a start per report, each at a line opening
    an item ("- "), no other such line among them, and the last report ending at the end
    of the file or where a line at the margin that opens no item begins. An entry
    tampered with, or of another file, is not believed: the places are found again."""
    from fenggong.store.ledgerpack import ascending

    starts, end = layout.starts, layout.end
    if len(starts) != count or not starts or end > len(data) or end <= starts[-1]:
        return False
    if end < len(data) and (data[end - 1 : end] != b"\n" or data[end : end + 1] in b" \t-"):
        return False
    items = data.count(b"\n- ", starts[0], end) + 1
    return (
        items == count
        and (starts[0] == 0 or data[starts[0] - 1 : starts[0]] == b"\n")
        and ascending(starts)
        and all(map(functools.partial(data.startswith, b"- "), starts))
    )


def _check(written: Written, path: Path, kind: Any) -> Packed | None:
    """Refuse the file about to be written if ``validate`` would find an error in it;
    what to cache once it is written (None: nothing), so that the next command does not
    check it again.

    Its reports were checked cell by cell against the plans already (query.forms): the
    records are held to their types and the ledger's rules run on them (on the changed
    ones only, when the rest were read from a file that checked clean). Only a file in
    which they find an error is parsed and checked in full, to say where; one with
    warnings is written and not cached, so the next read locates them.
    """
    from fenggong.checks.ledger import Parts
    from fenggong.errors import Severity
    from fenggong.messages import language, speaking
    from fenggong.store import source as sources

    if len(written.data) > sources.MAX_BYTES:
        raise DataError([_too_large(path, len(written.data))])
    found: list[Any] | None
    try:
        changed = Ledger(written.period, tuple(e for _i, e in written.changed))
        msgspec.convert(msgspec.to_builtins(changed), Ledger)
        parts = Parts(written.period, written.changed)
        # The rules word a message per report: the reader's language is looked up once,
        # not in the environment for each of thousands of them.
        with speaking(language()):
            found = [problem for problem, _path in [*kind.rules(parts), *kind.lints(parts)]]
    except msgspec.ValidationError:
        found = None
    if found is not None and all(p.severity is Severity.WARNING for p in found):
        return None if found or written.warned else written.pack()
    from fenggong.store.pipeline import run

    full = run(sources.from_bytes(written.data, path), None, kind)
    if full.dataset is None or full.errors:
        raise DataError(list(full.problems))
    return None


def _too_large(path: Path, size: int) -> Problem:
    """A file every reader would refuse (FG022) is never written."""
    from fenggong.store.source import MAX_BYTES

    message = _("{path} would be {size} MiB; a ledger file may be {limit} MiB at most")
    return Problem(
        "FG022",
        "too-large",
        message.format(path=path, size=f"{size / 2**20:.0f}", limit=MAX_BYTES >> 20),
        file=str(path),
        hint=_("shorten the reports' text in the forms, and collect them again"),
    )


def _comments(data: bytes) -> str:
    """The comment lines a ledger file opens with, kept when it is rewritten."""
    kept = []
    for line in data.decode("utf-8", "replace").splitlines(keepends=True):
        if not line.startswith("#"):
            break
        kept.append(line if line.endswith("\n") else line + "\n")
    return "".join(kept)
