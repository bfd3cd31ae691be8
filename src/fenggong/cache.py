"""The validated-dataset cache: JSON files keyed by content hash and package version.

A hit skips parsing and validation. A miss, an unreadable, corrupt or foreign file means
rebuilding, silently; a cache directory that cannot be written means working without one.
JSON, never pickle: a dataset, and so its cache, may come from someone else.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from fenggong import __version__, codec
from fenggong.model import Dataset

FORMAT = 2  # 2: records as rows


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fenggong"


def _file(digest: str) -> Path:
    return directory() / f"{digest}.json"


def read(digest: str) -> Dataset | None:
    import orjson  # several times faster than json on a large cache

    try:
        stored: Any = orjson.loads(_file(digest).read_bytes())
        if (stored["format"], stored["version"], stored["sha256"]) != (
            FORMAT,
            __version__,
            digest,
        ):
            return None
        return codec.from_rows(Dataset, stored["dataset"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


def write(digest: str, dataset: Dataset) -> None:
    import orjson

    from fenggong.atomic import write_atomic

    payload = {
        "format": FORMAT,
        "version": __version__,
        "sha256": digest,
        "dataset": codec.to_rows(dataset),
    }
    data = orjson.dumps(payload)
    # Two writers each rename a complete file into place: the last one wins, whole.
    with contextlib.suppress(OSError):
        directory().mkdir(parents=True, exist_ok=True)
        write_atomic(_file(digest), data)
