"""The validated-dataset cache: JSON files keyed by content hash and package version.

A hit skips parsing and validation. A miss, an unreadable, corrupt or foreign file means
rebuilding, silently; a cache directory that cannot be written means working without one.
JSON, never pickle: a dataset, and so its cache, may come from someone else.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import msgspec

from fenggong import __version__
from fenggong.model import Dataset

FORMAT = 3  # 3: records as msgspec encodes them


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
    try:
        # Decoding into the records checks every type on the way: a corrupt or foreign
        # file is refused here (DecodeError, ValidationError), never half-used.
        entry = msgspec.json.decode(entry_path(digest).read_bytes(), type=_Entry)
    except (OSError, msgspec.MsgspecError):
        return None
    if (entry.format, entry.version, entry.sha256) != (FORMAT, __version__, digest):
        return None
    return entry.dataset


def write(digest: str, dataset: Dataset) -> None:
    from fenggong.atomic import write_atomic

    data = msgspec.json.encode(_Entry(FORMAT, __version__, digest, dataset))
    # Two writers each rename a complete file into place: the last one wins, whole.
    with contextlib.suppress(OSError):
        directory().mkdir(parents=True, exist_ok=True)
        write_atomic(entry_path(digest), data)
