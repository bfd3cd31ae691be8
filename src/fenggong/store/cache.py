"""The validated-dataset cache: JSON files keyed by content hash and package version.

A hit skips parsing and validation. A miss, an unreadable, corrupt or foreign file means
rebuilding, silently; a cache directory that cannot be written means working without one.
JSON, never pickle: a dataset, and so its cache, may come from someone else. Every edit
of a dataset makes a new entry, so each write keeps only the most recently used ones.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import msgspec

from fenggong import __version__
from fenggong.model import Dataset

FORMAT = 3  # 3: records as msgspec encodes them
KEEP = 10  # entries kept, most recently used first
STALE = 3600  # seconds after which a temporary file is a killed writer's leftover


class _Entry(msgspec.Struct, frozen=True):
    format: int
    version: str
    sha256: str
    dataset: Dataset


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fenggong"


def entry_path(digest: str) -> Path:
    # Version and format in the name: two installed releases (a pipx one and a checkout)
    # keep an entry each instead of replacing each other's at every run.
    return directory() / f"{digest}-{__version__}-{FORMAT}.json"


def read(digest: str) -> Dataset | None:
    path = entry_path(digest)
    try:
        # Decoding into the records checks every type on the way: a corrupt or foreign
        # file is refused here (DecodeError, ValidationError), never half-used.
        entry = msgspec.json.decode(path.read_bytes(), type=_Entry)
    except (OSError, msgspec.MsgspecError):
        return None
    if (entry.format, entry.version, entry.sha256) != (FORMAT, __version__, digest):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # the modification time says when an entry was last used
    return entry.dataset


def write(digest: str, dataset: Dataset) -> None:
    from fenggong.store.atomic import write_atomic

    data = msgspec.json.encode(_Entry(FORMAT, __version__, digest, dataset))
    path = entry_path(digest)
    # Two writers each rename a complete file into place: the last one wins, whole.
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
        prune(path)


def prune(current: Path) -> None:
    """Delete all but the KEEP most recently used entries, and stale temporary files.

    Another process may be reading or pruning at the same time: a file that is gone
    already is no error, and a reader that loses its entry rebuilds it.
    """
    entries = []
    for path in directory().glob("*.json"):
        with contextlib.suppress(OSError):
            entries.append((path.stat().st_mtime, path))
    entries.sort(reverse=True)
    doomed = [path for _, path in entries[KEEP:] if path != current]
    now = time.time()
    for path in directory().glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE:
                doomed.append(path)
    for path in doomed:
        with contextlib.suppress(OSError):
            path.unlink()
