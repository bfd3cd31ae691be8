"""The 台账's cache: each period file that checked clean, with its warnings, in store.cache.

A ledger file's verdict depends on its bytes, its name (the period it must hold) and the
plans it reports on, so its entry is keyed by all three: the file's content digest, its
period, and ``scope_digest`` (every plan of the scope as the model encodes it, with its
key). Editing the file, renaming it, or any change to a plan or the registry is a miss,
and the file is checked again in full. Only a file without errors is cached; its
warnings are kept with it, in the language they were said in (which the key names), so
``validate`` reports exactly what a full check would.

The trust boundary is store.cache's: an entry decodes into the model's types or is a
miss. Finding a file's digest without reading it is store.shelfcache's stat shortcut,
kept for the ledger folder as a whole (one ``Seen`` entry, its key the files' digests).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import stat
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import msgspec

from fenggong.checks.plan import PLAN
from fenggong.messages import language
from fenggong.model import Ledger, Record
from fenggong.store import cache, ledgernames, shelfcache
from fenggong.store import source as sources
from fenggong.store.ledgerpack import Packed, consistent, pack

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind
    from fenggong.checks.report import Report
    from fenggong.checks.scope import Scope
    from fenggong.periods import ReportingPeriod

# The layout of an entry (store.ledgerpack), with checks.ledger's kind format (1) in
# every key: a new rule or a new record layout makes every entry a miss.
LAYOUT = 3
CHECKED_AS = 1
_DIGEST = re.compile(r"[0-9a-f]{64}")


KIND = cast(
    "Kind[Packed, Any]",
    msgspec.structs.replace(
        PLAN, name="ledger", root=Packed, consistent=consistent, namespace="ledger", format=LAYOUT
    ),
)


class Read(NamedTuple):
    """A period file as read: its kind, and its report when it was checked now (a miss),
    its columns when it is clean (from the cache, or packed after the check)."""

    path: Path
    kind: Kind[Ledger, Any]
    report: Report[Ledger] | None
    packed: Packed | None
    content: str | None = None  # the digest of the file's bytes, when they were read
    data: bytes | None = None  # those bytes, when only part of the folder was read


def scope_digest(scope: Scope) -> str:
    """The plans a ledger is checked against, as one digest: any change to a task, a
    body of the registry or a plan's key changes it. Worked out once per scope: a
    command asks for it at each read and each write of a period file."""
    known = _DIGESTS.get(scope)
    if known is None:
        known = _DIGESTS[scope] = _scope_digest(scope)
    return known


_DIGESTS: weakref.WeakKeyDictionary[Scope, str] = weakref.WeakKeyDictionary()


def _scope_digest(scope: Scope) -> str:
    if scope.digest is not None:  # the files'; encoding 100 plans to hash them takes 20 ms
        return hashlib.sha256(repr((LAYOUT, scope.library, scope.digest)).encode()).hexdigest()
    hashed = hashlib.sha256(repr((LAYOUT, scope.library)).encode())
    encode = msgspec.json.Encoder().encode
    for key, plan in scope.plans.items():
        hashed.update(key.encode() + b"\0")
        hashed.update(hashlib.sha256(encode(plan)).digest())
    return hashed.hexdigest()


class Digests(Record, frozen=True):
    """Each plan's digest, by key, as a report form records it (fenggong.forms.plan_digest)."""

    plans: dict[str, str]


DIGESTS = cast(
    "Kind[Digests, Any]",
    msgspec.structs.replace(
        PLAN, name="digests", root=Digests, consistent=lambda _d: True, namespace="digests"
    ),
)


def plan_digests(scope: Scope) -> dict[str, str]:
    """Each plan's digest, by key ("" for a plan read alone): a form records those of the
    plans naming its body, and collect compares them. Worked out, they cost a hash of
    every task (a fifth of a collect's judging over 100 plans); kept in the cache by the
    plans' own digest, which any change to a plan changes."""
    from fenggong.forms import plan_digest

    key = scope_digest(scope)
    found = cache.read(key, DIGESTS)
    if found is not None and found.plans.keys() == scope.plans.keys():
        return dict(found.plans)
    made = {name: plan_digest(plan.tasks) for name, plan in scope.plans.items()}
    cache.write(key, Digests(made), DIGESTS)
    return made


def key(content: str, period: str, scope: str, warned: bool = False) -> str:
    """An entry's key: the file's digest, the period it is named after, the plans' digest,
    and, for a file with warnings, the language they are said in (a file without any
    reads the same in every language: one entry)."""
    said = str(language()) if warned else ""
    hashed = repr((LAYOUT, CHECKED_AS, period, said, content, scope))
    return hashlib.sha256(hashed.encode()).hexdigest()


def hit(content: str, period: str, scope: str) -> Packed | None:
    """The entry of a file without warnings, else of one with them in this language."""
    return cache.read(key(content, period, scope), KIND) or cache.read(
        key(content, period, scope, warned=True), KIND
    )


def present(content: str, period: str, scope: str) -> bool:
    """Whether the file has an entry, without reading it (store.ledgerwhole reads it when
    a query reaches its period). It is marked used, as a read would: kept from pruning."""
    for warned in (False, True):
        path = cache.entry_path(key(content, period, scope, warned), KIND)
        try:
            # A regular file in a trusted folder, as a read takes it (no link, no folder).
            if (
                path is not None
                and cache.trusted(path.parent)
                and stat.S_ISREG(path.lstat().st_mode)
            ):
                cache.touch(path)
                return True
        except OSError:
            continue
    return False


def keep(count: int) -> int:
    """Entries kept of the kind: a ledger's every file, and room for another ledger."""
    return max(cache.KEEP, 2 * count + cache.KEEP)


def digests(
    folder: Path, paths: list[Path]
) -> tuple[list[str | None], list[sources.Source | None]]:
    """Each file's content digest (None: too large to read), found by the stat shortcut
    for each file that is as it was when last hashed; and the sources read, by file (None
    where the shortcut found it): a collect rewrites one file, and the next command hashes
    that one again, not the month's 60 MB."""
    found: list[str | None] = [None] * len(paths)
    now = shelfcache.stat(paths)
    noted = shelfcache.seen(folder) if now is not None else None
    if noted is not None and now is not None:
        said = noted.key.split(" ")
        if len(said) == len(noted.files):
            before = {files[0]: (files, d) for files, d in zip(noted.files, said, strict=True)}
            for index, files in enumerate(now):
                old = before.get(files[0])
                if old is not None and old[0] == files and _DIGEST.fullmatch(old[1]):
                    found[index] = old[1]
    opened: list[sources.Source | None] = [None] * len(paths)
    for index, path in enumerate(paths):
        if found[index] is None:
            source = opened[index] = sources.from_path(path)
            found[index] = None if sources.size_problem(source) else sources.digest(source)
    return found, opened


def read(
    folder: Path,
    periods: list[tuple[ReportingPeriod, Path]],
    scope: Scope,
    whole: bool = True,
    *,
    trust: bool = True,
) -> list[Read]:
    """Every period file, from the cache where its entry is, else checked (and cached
    when clean). ``whole``: these are all the folder's period files, whose stat data the
    shortcut keeps; a part of them (a collect's one file) is hashed, and not noted.
    ``trust=False``: no entry is believed, every file is checked (validate's way)."""
    from fenggong.checks.ledger import ledger_kind

    paths = [path for _period, path in periods]
    stamp = time.time_ns()
    before = shelfcache.stat(paths) if whole else None
    found: list[str | None]
    opened: list[sources.Source | None]
    if whole:
        found, opened = digests(folder, paths)
    else:
        every = [sources.from_path(p) for p in paths]
        found = [None if sources.size_problem(s) else sources.digest(s) for s in every]
        opened = list(every)
    plans = scope_digest(scope)
    done: list[Read] = []
    for index, ((period, path), content) in enumerate(zip(periods, found, strict=True)):
        kind = ledger_kind(scope, period.name)
        found_hit = hit(content, period.name, plans) if content and trust else None
        if found_hit is not None:
            shown = str(path)
            warnings = tuple(p.located(shown, p.line, p.column) for p in found_hit.warnings)
            located = msgspec.structs.replace(found_hit, warnings=warnings)
            read = opened[index]
            data = read.read() if read is not None and not whole else None
            done.append(Read(path, kind, None, located, content, data))
            continue
        source = opened[index]
        if source is None:
            # Found by its stat data: key the entry by the bytes checked now, in case
            # the file changed since.
            source = sources.from_path(path)
            content = None if sources.size_problem(source) else sources.digest(source)
        report = _run(source, kind)
        packed = None
        if report.dataset is not None and not report.errors:
            packed = pack(report.dataset, lambda task: reference(scope, task), report.problems)
            if content:
                entry = key(content, period.name, plans, warned=bool(report.problems))
                # Room for every file of the folder, not only those read (a collect's one).
                count = len(periods) if whole else len(ledgernames.files(folder)[0])
                cache.write(entry, packed, KIND, keep=keep(count))
        done.append(Read(path, kind, report, packed, content, None if whole else source.read()))
    if whole and paths and all(found) and any(opened):
        said = " ".join(cast(list[str], found))
        shelfcache.remember(folder, before, paths, stamp, said, each=True)
    return done


def remember(
    data: bytes,
    period: ReportingPeriod,
    scope: Scope,
    packed: Packed,
    periods: int,
    replaced: str | None = None,
) -> None:
    """Cache a period file just written, ``data``, that checked clean without warnings,
    beside the entries of the ``periods`` files of its folder. ``replaced``: the digest of
    the bytes the file held before, whose entry is now the first to be pruned. A month's
    round of forty collects into one file would otherwise push the other periods' entries
    out (the most recently used are kept), and the next ``status`` check eleven files of
    34,000 reports again: 25 s where 0.6 s was warm."""
    plans = scope_digest(scope)
    content = sources.digest(sources.from_bytes(data, Path(period.name)))
    if replaced is not None and replaced != content:
        for warned in (False, True):
            old = cache.entry_path(key(replaced, period.name, plans, warned), KIND)
            if old is not None and cache.trusted(old.parent):
                with contextlib.suppress(OSError):
                    cache.touch(old, (0, 0))
    cache.write(key(content, period.name, plans), packed, KIND, keep=keep(periods))


def reference(scope: Scope, task: int | str) -> str:
    """The canonical reference of a task as written (47, "hrss-2022-256:047")."""
    from fenggong.checks.scope import Found

    found = scope.find(task)
    return found.ref if isinstance(found, Found) else str(task)


def _run(source: sources.Source, kind: Kind[Ledger, Any]) -> Report[Ledger]:
    from fenggong.store.pipeline import run

    return run(source, None, kind)
