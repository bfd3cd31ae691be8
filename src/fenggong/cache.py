"""The validated-dataset cache: JSON files keyed by content hash and package version.

A hit skips parsing and validation. A miss, an unreadable, corrupt or foreign file means
rebuilding, silently; a cache directory that cannot be written means working without one.
JSON, never pickle: a dataset, and so its cache, may come from someone else.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from fenggong import __version__, codec
from fenggong.model import Dataset

FORMAT = 1


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fenggong"


def _file(digest: str) -> Path:
    return directory() / f"{digest}.json"


def read(digest: str) -> Dataset | None:
    try:
        with _file(digest).open("rb") as handle:
            stored: Any = json.load(handle)
        if (stored["format"], stored["version"], stored["sha256"]) != (
            FORMAT,
            __version__,
            digest,
        ):
            return None
        return codec.build(Dataset, stored["dataset"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(digest: str, dataset: Dataset) -> None:
    from fenggong.atomic import write_atomic

    payload = {
        "format": FORMAT,
        "version": __version__,
        "sha256": digest,
        "dataset": codec.dump(dataset),
    }
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # Two writers each rename a complete file into place: the last one wins, whole.
    with contextlib.suppress(OSError):
        directory().mkdir(parents=True, exist_ok=True)
        write_atomic(_file(digest), data)
