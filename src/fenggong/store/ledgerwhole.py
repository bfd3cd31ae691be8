"""The 台账 as a whole in the cache: who reported on each task, so that a period's
reports are decoded only when a query reaches that period.

``status`` on the latest day reads the latest period's reports, and only a task led by
a group naming no members (相关区) asks who reported on it across every period. Kept
beside the period files' entries (store.ledgercache), this entry answers that question,
and each period's entry is read when a report of it is first asked for.

Its key is every period's name and file digest with the plans' digest: any edit of a
period file, a new or removed one, or a change to the plans is a miss, and the ledger is
read as before (every period's entry, or its file checked) and this entry written again.
The trust boundary is store.cache's: the entry decodes into these types and its rows
point into its tables, or it is a miss; a period entry that is gone or refused when
reached is a miss of that period, whose file is then checked in full.
"""

# No ``from __future__ import annotations``: msgspec compiles the annotations (model.py).

import hashlib
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import msgspec

from fenggong.checks.plan import PLAN
from fenggong.errors import DataError
from fenggong.model import Record, Text
from fenggong.store import cache, shelfcache
from fenggong.store.ledgerpack import Packed, Row

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind
    from fenggong.checks.scope import Scope
    from fenggong.periods import ReportingPeriod

LAYOUT = 1
Lazy = tuple[list[tuple["ReportingPeriod", Callable[[], Packed]]], dict[str, list[str]]]


class Whole(Record, frozen=True):
    """Every period's name, in order, and the bodies that reported on each task (its
    canonical reference), in the order first met: period by period, row by row."""

    periods: tuple[Text, ...]
    refs: tuple[Text, ...]
    bodies: tuple[Text, ...]
    reporters: tuple[tuple[Row, ...], ...]  # per ref: indexes into bodies

    def index(self) -> dict[str, list[str]]:
        bodies = self.bodies
        return {
            ref: [bodies[b] for b in rows]
            for ref, rows in zip(self.refs, self.reporters, strict=True)
        }


def consistent(whole: Whole) -> bool:
    """Whether there is a row of reporters per task and each points into the bodies."""
    if len(whole.reporters) != len(whole.refs) or len(set(whole.refs)) != len(whole.refs):
        return False
    high = len(whole.bodies)
    return all(max(rows, default=-1) < high for rows in whole.reporters)


KIND = cast(
    "Kind[Whole, Any]",
    msgspec.structs.replace(
        PLAN,
        name="ledger-whole",
        root=Whole,
        consistent=consistent,
        namespace="ledgers",
        format=LAYOUT,
    ),
)


def key(names: Sequence[str], contents: Sequence[str], plans: str) -> str:
    """The entry's key: each period file's name and digest, and the plans' digest."""
    hashed = repr((LAYOUT, tuple(names), tuple(contents), plans))
    return hashlib.sha256(hashed.encode()).hexdigest()


def of(names: Sequence[str], packs: Sequence[Packed]) -> Whole:
    """The entry of a ledger whose periods (in order) are ``packs``."""
    bodies: dict[str, int] = {}
    found: dict[str, dict[int, None]] = {}
    for packed in packs:
        refs, names_of = packed.refs, packed.bodies
        for task, body in zip(packed.task, packed.body, strict=True):
            at = bodies.setdefault(names_of[body], len(bodies))
            found.setdefault(refs[task], {})[at] = None
    return Whole(
        periods=tuple(names),
        refs=tuple(found),
        bodies=tuple(bodies),
        reporters=tuple(tuple(rows) for rows in found.values()),
    )


def remember(
    names: Sequence[str], contents: Sequence[str], plans: str, packs: list[Packed]
) -> None:
    """Write the entry of a ledger just read in full."""
    cache.write(key(names, contents, plans), of(names, packs), KIND)


def load(
    folder: Path, periods: "list[tuple[ReportingPeriod, Path]]", scope: "Scope"
) -> "Lazy | None":
    """The ledger of these period files from its whole entry: each period with how to read
    it when reached, and who reported on each task; None when anything is not in the cache
    as it must be (the caller then reads the ledger in full)."""
    from fenggong.store import ledgercache

    paths = [path for _period, path in periods]
    if not paths:
        return None
    stamp, before = time.time_ns(), shelfcache.stat(paths)
    found, opened = ledgercache.digests(folder, paths)
    if not all(found):
        return None
    contents = cast(list[str], found)
    if any(opened):  # hashed now, as ledgercache.read would: noted for the next run
        shelfcache.remember(folder, before, paths, stamp, " ".join(contents), each=True)
    names = [period.name for period, _path in periods]
    plans = ledgercache.scope_digest(scope)
    whole = cache.read(key(names, contents, plans), KIND)
    if whole is None or list(whole.periods) != names:
        return None
    loaders: list[tuple[ReportingPeriod, Callable[[], Packed]]] = []
    for (period, path), content in zip(periods, contents, strict=True):
        if not ledgercache.present(content, period.name, plans):
            return None
        reach = partial(_reach, folder, period, path, scope, content, plans)
        loaders.append((period, reach))
    return loaders, whole.index()


def _reach(
    folder: Path,
    period: "ReportingPeriod",
    path: Path,
    scope: "Scope",
    content: str,
    plans: str,
) -> Packed:
    """A period's reports from its entry; its file checked in full when the entry is
    refused now (DataError when it has errors: it changed since it was noted)."""
    from fenggong.store import ledgercache

    packed = ledgercache.hit(content, period.name, plans)
    if packed is not None:
        return packed
    (read,) = ledgercache.read(folder, [(period, path)], scope, whole=False)
    if read.packed is None:
        assert read.report is not None
        raise DataError(list(read.report.problems))
    return read.packed
