"""Writing a period's ledger file: under a lock, checked before it lands, atomically.

``report collect`` is the one writer. Two collects of one period (two offices' forms at
once) take turns through a lock file beside the period file, made with O_EXCL, which
every system and network file system honours; the second reads what the first wrote.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import yaml

from fenggong.checks.scope import Scope
from fenggong.errors import DataError, FileAccessError
from fenggong.messages import _
from fenggong.model import Entry, Figure, Ledger
from fenggong.store.atomic import same_line_endings, write_atomic
from fenggong.store.ledger import SUFFIX, files

HEADER = (
    "# The 台账 of {period}, one report per task and body.\n"
    "# Written by `fenggong report collect` from the bodies' returned forms.\n"
)
WAIT = 10.0  # seconds a collect waits for another to finish with the period's file
_POLL = 0.05


@contextlib.contextmanager
def locked(path: Path, wait: float = WAIT) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside ``path`` while the block runs; FileAccessError after
    ``wait`` seconds of another holding it."""
    lock = path.with_name(f".{path.name}.lock")
    deadline = time.monotonic() + wait
    while True:
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise FileAccessError(
                    _("{path} is locked by another fenggong report collect").format(path=lock),
                    hint=_("wait for it to finish; if none runs, remove {path}").format(path=lock),
                ) from None
            time.sleep(_POLL)
        except OSError as err:
            raise FileAccessError(
                _("cannot lock {path}: {reason}").format(path=lock, reason=err.strerror or err)
            ) from None
    try:
        os.write(handle, f"{os.getpid()}\n".encode())
        os.close(handle)
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()


def commit(
    folder: Path,
    period: str,
    scope: Scope,
    change: Callable[[tuple[Entry, ...]], tuple[Entry, ...]],
) -> Path | None:
    """Apply ``change`` to the period's entries and write the file, if anything changed.

    The file is read under the lock; the result is checked as ``validate`` checks a
    ledger file before it replaces the old one. Returns the path written, or None when
    the entries are as they were (the file is left byte for byte). ``change`` may raise:
    then nothing is written.
    """
    from fenggong.checks.ledger import ledger_kind
    from fenggong.periods import parse_period
    from fenggong.store import ledgercache

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
        header = HEADER.format(period=period)
        existing: tuple[Entry, ...] = ()
        if path.exists():
            # Read as every command reads it: from the cache when it checked clean before.
            (read,) = ledgercache.read(folder, [(span, path)], scope, whole=False)
            if read.packed is None:
                raise DataError(list(read.report.problems if read.report else ()))
            existing = read.packed.ledger().entries
            header = _comments(path.read_bytes()) or header
        entries = change(existing)
        if path.exists() and entries == existing:
            return None
        ledger = Ledger(period, entries)
        data = same_line_endings(path, header.encode() + dump(ledger))
        packed = _check(data, path, ledger, kind, scope)
        try:
            write_atomic(path, data)
        except OSError as err:
            raise FileAccessError(
                _("cannot write {path}: {reason}").format(path=path, reason=err.strerror or err)
            ) from None
        if packed is not None:
            ledgercache.remember(data, span, scope, packed, len(files(folder)[0]))
    return path


def _check(data: bytes, path: Path, ledger: Ledger, kind: Any, scope: Scope) -> Any:
    """Refuse the file about to be written if ``validate`` would find an error in it;
    what to cache once it is written (None: nothing), so that the next command does not
    check it again.

    Its reports were checked cell by cell against the plans already (query.forms): the
    records are held to their types and the ledger's rules run on them. Only a file in
    which they find an error is parsed and checked in full, to say where; one with
    warnings is written and not cached, so the next read locates them.
    """
    from fenggong.errors import Severity
    from fenggong.messages import language, speaking
    from fenggong.store import source as sources
    from fenggong.store.ledgercache import reference
    from fenggong.store.ledgerpack import pack
    from fenggong.store.pipeline import run

    try:
        msgspec.convert(msgspec.to_builtins(ledger), Ledger)
        parts = kind.parts(ledger)
        # The rules word a message per report: the reader's language is looked up once,
        # not in the environment for each of thousands of them.
        with speaking(language()):
            found = [problem for problem, _path in [*kind.rules(parts), *kind.lints(parts)]]
    except msgspec.ValidationError:
        found = None
    if found is not None and all(p.severity is Severity.WARNING for p in found):
        return None if found else pack(ledger, lambda task: reference(scope, task))
    checked = run(sources.from_bytes(data, path), None, kind)
    if checked.dataset is None or checked.errors:
        raise DataError(list(checked.problems))
    return None


def _comments(data: bytes) -> str:
    """The comment lines a ledger file opens with, kept when it is rewritten."""
    kept = []
    for line in data.decode("utf-8", "replace").splitlines(keepends=True):
        if not line.startswith("#"):
            break
        kept.append(line if line.endswith("\n") else line + "\n")
    return "".join(kept)


def dump(ledger: Ledger) -> bytes:
    """A ledger as YAML: fields in the records' order, empty ones left out."""
    document = {"period": ledger.period, "entries": [_entry(e) for e in ledger.entries]}
    text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return text.encode()


# libyaml's emitter when PyYAML has it (five times faster, the same bytes).
_BASE: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE):  # type: ignore[misc]
    """Every value written out where it stands: a date two reports share is no anchor."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _entry(entry: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {"task": entry.task, "body": entry.body, "status": str(entry.status)}
    for name in ("progress", "problems", "next"):
        value = getattr(entry, name)
        if value is not None:
            out[name] = value
    if entry.figures:
        out["figures"] = [_figure(f) for f in entry.figures]
    if entry.evidence:
        out["evidence"] = list(entry.evidence)
    if entry.reported is not None:
        out["reported"] = entry.reported
    if entry.reporter is not None:
        out["reporter"] = entry.reporter
    return out


def _figure(figure: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {"value": figure.value, "unit": figure.unit}
    if figure.target is not None:
        out["target"] = figure.target
    return out
