"""Shared test constants and data: the repository's paths, and the bundled dataset loaded once.

The dataset loads when a test module imports this one, at collection; conftest has sent
the cache to a session folder by then, so the load never touches the user's own cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fenggong.catalog import Catalog
from fenggong.store import loader

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

CATALOG = Catalog(loader.load(ROOT / "data" / "tasks.yaml"))


def cache_folder() -> Path:
    """The cache folder the tests run with (conftest always sets $XDG_CACHE_HOME)."""
    from fenggong.store import cache

    folder = cache.directory()
    assert folder is not None
    return folder


def cache_entry(digest: str, kind: Any = None) -> Path:
    """Where the cache keeps the entry of ``digest`` (of the plan kind by default)."""
    from fenggong.store import cache

    path = cache.entry_path(digest) if kind is None else cache.entry_path(digest, kind)
    assert path is not None
    return path
