"""The cache of checked files: JSON entries keyed by kind, content hash and package version.

A hit skips parsing and validation. A miss, an unreadable, corrupt or foreign file means
rebuilding, silently; a cache directory that cannot be written means working without one.
JSON, never pickle: a file, and so its cache, may come from someone else. Every edit of a
file makes a new entry, so each write keeps only the most recently used ones of its kind.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import msgspec

from fenggong import __version__
from fenggong.checks.plan import PLAN
from fenggong.model import Record

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind
    from fenggong.model import Dataset

FORMAT = 4  # the layout of an entry; 4: one for every kind, its name and format inside
KEEP = 10  # entries kept of each kind, most recently used first

R = TypeVar("R", bound=Record)


@functools.cache
def _entry(root: type[Record]) -> type[msgspec.Struct]:
    """The entry of a kind: its records under "data"."""
    # Built from types: msgspec would compile each annotation written as a string (as a
    # class body with `from __future__ import annotations` has them) at every start.
    fields = [("format", int), ("version", str), ("kind", str), ("kind_format", int)]
    return msgspec.defstruct("Entry", [*fields, ("sha256", str), ("data", root)], frozen=True)


@functools.cache
def _decoder(root: type[Record]) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(_entry(root))


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fenggong"


def entry_path(digest: str, kind: Kind[Any, Any] = PLAN) -> Path:
    # Version and formats in the name: two installed releases (a pipx one and a checkout)
    # keep an entry each instead of replacing each other's at every run.
    return directory() / f"{kind.namespace}.{kind.format}-{digest}-{__version__}-{FORMAT}.json"


@overload
def read(digest: str) -> Dataset | None: ...
@overload
def read(digest: str, kind: Kind[R, Any]) -> R | None: ...
def read(digest: str, kind: Kind[Any, Any] = PLAN) -> Any:
    path = entry_path(digest, kind)
    root: type[Record] = kind.root
    try:
        # Decoding into the records checks every type and constraint on the way: a corrupt
        # or foreign file is refused here (DecodeError, ValidationError), never half-used.
        entry: Any = _decoder(root).decode(path.read_bytes())
    except (OSError, msgspec.MsgspecError):
        return None
    found = (entry.format, entry.version, entry.kind, entry.kind_format, entry.sha256)
    if found != (FORMAT, __version__, kind.namespace, kind.format, digest):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # the modification time says when an entry was last used
    return entry.data


def write(digest: str, data: Record, kind: Kind[Any, Any]) -> None:
    from fenggong.store.atomic import write_atomic

    root: type[Record] = kind.root
    entry = _entry(root)(FORMAT, __version__, kind.namespace, kind.format, digest, data)
    path = entry_path(digest, kind)
    # Two writers each rename a complete file into place: the last one wins, whole.
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, msgspec.json.encode(entry))
        prune(path, kind)


def prune(current: Path, kind: Kind[Any, Any]) -> None:
    """Delete all but the KEEP most recently used entries of the kind.

    Only files named as this tool names its entries are counted or deleted: a folder that
    is shared, or a user's own file in it, loses nothing else. (Stale temporary files of a
    killed writer are swept by store.atomic, by their own name.)

    Another process may be reading or pruning at the same time: a file that is gone
    already is no error, and a reader that loses its entry rebuilds it. A library of plans
    pushes out no ledger's entries: each kind keeps its own.
    """
    own = re.compile(
        re.escape(f"{kind.namespace}.{kind.format}-") + r"[0-9a-f]{64}-[^/]+-\d+\.json"
    )
    entries = []
    for path in directory().glob(f"{kind.namespace}.*.json"):
        if not own.fullmatch(path.name):
            continue  # not an entry this tool wrote: never touched
        with contextlib.suppress(OSError):
            entries.append((path.lstat().st_mtime, path))
    entries.sort(reverse=True)
    for _, path in entries[KEEP:]:
        if path != current:
            with contextlib.suppress(OSError):
                path.unlink()
