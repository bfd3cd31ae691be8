"""Shared test data: the bundled dataset, loaded once."""

from __future__ import annotations

from fenggong.catalog import Catalog
from fenggong.store import loader
from tests.conftest import ROOT

CATALOG = Catalog(loader.load(ROOT / "data" / "tasks.yaml"))
