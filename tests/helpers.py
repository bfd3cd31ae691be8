"""Shared test constants and data: the repository's paths, and the bundled dataset loaded once.

The dataset loads when a test module imports this one, at collection; conftest has sent
the cache to a session folder by then, so the load never touches the user's own cache.
"""

from __future__ import annotations

from pathlib import Path

from fenggong.catalog import Catalog
from fenggong.store import loader

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"

CATALOG = Catalog(loader.load(ROOT / "data" / "tasks.yaml"))
