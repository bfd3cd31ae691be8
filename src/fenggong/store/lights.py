"""The lights.yaml beside a ledger: the preset and tunables that light its tasks."""

from __future__ import annotations

import os
from pathlib import Path

from fenggong.checks.lights import LIGHTS
from fenggong.lights import Settings
from fenggong.store import loader

# Where a library keeps it, the library's plan files are not read from it (store.library).
NAMES = ("lights.yaml", "lights.yml")


def lights_file(folder: Path) -> Path | None:
    """The lights file in ``folder`` (the one holding the ledger folder), if there is one;
    lights.yaml when both spellings are there."""
    return next((folder / n for n in NAMES if os.path.lexists(folder / n)), None)


def settings(folder: Path) -> Settings:
    """The checked settings of ``folder``'s lights file, or the default preset without one.

    Raises DataError (every problem located) for an invalid file, and FileAccessError for
    one that cannot be read.
    """
    path = lights_file(folder)
    return Settings() if path is None else loader.load(path, kind=LIGHTS)
