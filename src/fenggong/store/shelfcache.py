"""A library's cache entry: its shelf packed, each distinct table of bodies stored once.

A shelf names every body a plan may see in each plan (store.library.shelve), so plans of
one jurisdiction carry equal tables: a library of 100 plans would cache, and decode at
every start, the same registry 100 times (half its decoding time). Packed, each table is
stored once and the plans point to it; unpacked, plans with equal tables share one
object, and what is built from a table (a Matcher, the resolver over the library) is
built once for all of them.

This module is on the warm path of every query of a library: it imports nothing of the
checks but the plan's kind (which store.cache imports anyway).
"""

# No ``from __future__ import annotations``: see model.py (msgspec would compile every
# annotation written as a string at each start).

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import msgspec

from fenggong.checks.plan import PLAN
from fenggong.model import Dataset, Department, Record, Shelf, Shelved, Text
from fenggong.store import cache
from fenggong.store import source as sources

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind

# The layout of an entry of the library kind: 2, packed (1 was the shelf as it is).
LAYOUT = 2
# The formats of the kinds a cached shelf was checked as besides the plan's:
# checks.library.LIBRARY (the rules across files) and checks.registry.REGISTRY
# (registry.yaml). Importing them would cost a warm start more than reading a one-plan
# library's entry; tests/test_cache_library.py fails when one changes and this copy does
# not. A new number makes every entry a miss, as a new plan format does.
CHECKED_AS = (2, 2)


class PackedPlan(Record, frozen=True):
    """A shelved plan whose ``dataset`` has no departments: they are ``table`` of the
    entry's tables, and its bodies' homes ``homes`` of its homes."""

    key: Text
    file: Text
    jurisdiction: str
    dataset: Dataset
    table: int
    homes: int


class Packed(Record, frozen=True):
    """A shelf as cached: the distinct tables of bodies and of their homes, and the plans."""

    tables: tuple[dict[Text, Department], ...]
    homes: tuple[dict[Text, str], ...]
    plans: tuple[PackedPlan, ...]


def pack(shelf: Shelf) -> Packed:
    tables: dict[bytes, int] = {}
    homes: dict[bytes, int] = {}
    table_list: list[dict[str, Department]] = []
    homes_list: list[dict[str, str]] = []

    def index(value: dict[str, Any], seen: dict[bytes, int], kept: list[Any]) -> int:
        # Keyed by the encoding, which keeps the order: a table's order is the registry's.
        found = seen.setdefault(msgspec.json.encode(value), len(kept))
        if found == len(kept):
            kept.append(value)
        return found

    plans = tuple(
        PackedPlan(
            p.key,
            p.file,
            p.jurisdiction,
            msgspec.structs.replace(p.dataset, departments={}),
            index(p.dataset.departments, tables, table_list),
            index(p.homes, homes, homes_list),
        )
        for p in shelf.plans
    )
    return Packed(tuple(table_list), tuple(homes_list), plans)


def unpack(packed: Packed) -> Shelf:
    """The shelf; plans with equal tables share them. Indexes are checked (``consistent``)."""
    replace = msgspec.structs.replace
    return Shelf(
        tuple(
            Shelved(
                p.key,
                p.file,
                p.jurisdiction,
                replace(p.dataset, departments=packed.tables[p.table]),
                packed.homes[p.homes],
            )
            for p in packed.plans
        )
    )


def _consistent(packed: Packed) -> bool:
    """What checks.library.LIBRARY asks of a cached shelf: every index points to a table,
    keys are unique, and every plan hangs together with its table."""
    tables, homes = len(packed.tables), len(packed.homes)
    if any(not (0 <= p.table < tables and 0 <= p.homes < homes) for p in packed.plans):
        return False
    if any(p.dataset.departments for p in packed.plans):
        return False  # a packed plan's bodies are in its table, never beside it
    keys = {p.key for p in packed.plans}
    if len(keys) != len(packed.plans):
        return False
    return all(PLAN.consistent(p.dataset) for p in unpack(packed).plans)


# Only the cache reads this kind (its root, namespace, format and consistency); a library's
# files are checked as their own kinds (store.library).
KIND = cast(
    "Kind[Packed, Any]",
    msgspec.structs.replace(
        PLAN,
        name="library",
        root=Packed,
        consistent=_consistent,
        namespace="library",
        format=LAYOUT,
    ),
)


def key(every: list[sources.Source]) -> str:
    """The entry's key: the kinds' formats, and each file's name and content digest."""
    hashed = hashlib.sha256(repr((LAYOUT, CHECKED_AS, PLAN.format)).encode())
    for source in every:
        hashed.update(os.fsencode(source.name.name) + b"\0" + sources.digest(source).encode())
    return hashed.hexdigest()


# The stat shortcut. Hashing every file of a library at every start (4 MB for 100 plans)
# is most of what finding its entry costs; a file whose stat data (device, inode, size,
# modification and change times) are as they were when its bytes were hashed still has
# those bytes. The change time cannot be set back (touch -d and cp -p set the
# modification time only), and a rewrite makes it now; so a rewrite is seen, unless it
# falls in the same tick of the filesystem's clock as the write before it. Hence only
# files left alone for SETTLE before they were read are remembered (as git treats "racily
# clean" files). The content digest still names the entry; the shortcut only finds it.
# Not on Windows, where st_ctime is the creation time.
SETTLE_NS = 2_000_000_000
Stat = tuple[str, int, int, int, int, int]  # name, device, inode, size, mtime_ns, ctime_ns


class Seen(Record, frozen=True):
    """A library's files as they were when their digest, ``key``, was taken."""

    folder: str
    files: tuple[Stat, ...]
    key: str


SEEN = cast(
    "Kind[Seen, Any]",
    msgspec.structs.replace(
        PLAN, name="seen", root=Seen, consistent=lambda _seen: True, namespace="seen", format=1
    ),
)


def stat(paths: list[Path]) -> tuple[Stat, ...] | None:
    if os.name == "nt":
        return None
    try:
        found = [(p, p.stat()) for p in paths]
    except OSError:
        return None
    return tuple(
        (p.name, i.st_dev, i.st_ino, i.st_size, i.st_mtime_ns, i.st_ctime_ns) for p, i in found
    )


def _where(folder: Path) -> tuple[str, str]:
    place = str(folder.absolute())
    return place, hashlib.sha256(os.fsencode(place)).hexdigest()


def known(folder: Path, paths: list[Path]) -> str | None:
    """The key of the library's entry, when every file is as it was when it was hashed."""
    now = stat(paths)
    noted = seen(folder) if now is not None else None
    return noted.key if noted is not None and noted.files == now else None


def seen(folder: Path) -> Seen | None:
    """The folder's files as they were last noted, if they were."""
    place, digest = _where(folder)
    found = cache.read(digest, SEEN)
    return found if found is not None and found.folder == place else None


def remember(
    folder: Path,
    before: tuple[Stat, ...] | None,
    paths: list[Path],
    stamp: int,
    key: str,
    each: bool = False,
) -> None:
    """Note the files' stat data for ``key``: taken before their bytes were read (at
    ``stamp`` or after), unchanged since, and every file left alone for SETTLE before.
    ``each`` (a key that is each file's digest, the 台账's): a file changed too recently
    is noted as never matching, and the others are noted all the same."""
    after = stat(paths)
    if before is None or after != before:
        return
    fresh = [max(s[4], s[5]) >= stamp - SETTLE_NS for s in before]
    if any(fresh):  # changed too recently: a second write might not show
        if not each:
            return
        before = tuple(
            (s[0], 0, 0, -1, 0, 0) if f else s for s, f in zip(before, fresh, strict=True)
        )
    place, digest = _where(folder)
    noted = seen(folder)
    if noted is None or (noted.files, noted.key) != (before, key):
        cache.write(digest, Seen(place, before, key), SEEN)


def read(digest: str) -> Shelf | None:
    packed = cache.read(digest, KIND)
    return None if packed is None else unpack(packed)


def write(digest: str, shelf: Shelf) -> Shelf:
    """Cache the shelf; it comes back packed and unpacked, its equal tables shared, as a
    read of the entry would give it."""
    packed = pack(shelf)
    cache.write(digest, packed, KIND)
    return unpack(packed)
