"""What ``validate`` checks a path as: a plan file or a library folder (with the 台账 and the
lights file beside it), a library's registry.yaml, a lights.yaml, or the 台账 itself.

A file is known by its name and place, as the tool reads it everywhere else: lights.yaml
(or lights.yml) is the lights file and registry.yaml a library's registry, which a library
never reads as plans; a YAML file in a ``progress/`` folder is a period file, and that
folder a ledger, each checked against the plans beside it (the plan file or library
folder holding ``progress/``), as every command reads them. Anything else is a plan file,
and a folder a library (or the folder of its one plan).
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fenggong.errors import FileAccessError, UsageError
from fenggong.messages import _
from fenggong.model import Dataset, Shelf
from fenggong.store import datapath, ledger
from fenggong.store.ledgernames import FOLDER, YAML_NAMES, files, nature, period_named, stray

if TYPE_CHECKING:
    from fenggong.checks.report import Checked, Report
    from fenggong.store.loader import Progress


class As(StrEnum):
    """What a path is checked as."""

    PLAN = "plan"  # a plan file, its 台账 and lights file beside it
    LIBRARY = "library"  # a library folder, likewise
    REGISTRY = "registry"  # a library's registry.yaml alone
    LIGHTS = "lights"  # a lights.yaml alone
    PERIOD = "period"  # a 台账 period file, against the plans beside its folder
    LEDGER = "ledger"  # a 台账 folder, every file of it, likewise


def named(name: str) -> Path:
    """The path ``validate PATH`` stands for: a ledger folder is itself; any other path is
    what the path names elsewhere (a folder of one plan stands for its file, and an empty
    name no file)."""
    if name and (_ledger_folder(Path(name)) or _period_name(Path(name))):
        return Path(name)
    return datapath.active(name)


def _period_name(path: Path) -> bool:
    """Whether ``path`` has a name of the 台账: a YAML name in a progress/ folder (a folder
    so named is FG041, never read as the plan in it)."""
    return path.parent.name == FOLDER and path.name.lower().endswith(YAML_NAMES)


def checked_as(path: Path) -> As:
    """What ``path`` (as ``named`` gives it) is checked as."""
    from fenggong.store.library import REGISTRY_FILE
    from fenggong.store.lights import NAMES

    if _period_name(path):
        return As.PERIOD  # a folder too, named like a period file: FG041, as in the folder
    if path.is_dir():
        return As.LEDGER if _ledger_folder(path) else As.LIBRARY
    if path.name in NAMES:
        return As.LIGHTS
    if path.name == REGISTRY_FILE:
        return As.REGISTRY
    return As.PLAN


def check(path: Path, progress: Progress | None = None) -> list[Checked]:
    """What checking ``path`` found: its report (for a period file or a ledger folder, the
    plans' report instead when they are invalid: a ledger is checked against plans that
    loaded), then, for plans, the reports of the 台账 and lights file beside them.

    FileAccessError when a file cannot be read; UsageError for a 台账 with no plans
    beside it."""
    from fenggong.checks.lights import LIGHTS
    from fenggong.checks.registry import REGISTRY
    from fenggong.checks.report import Report
    from fenggong.store import library, loader

    found = checked_as(path)
    if found is As.LIGHTS:
        return [loader.check(path, progress, kind=LIGHTS)]
    if found is As.REGISTRY:
        return [loader.check(path, progress, kind=REGISTRY)]
    if found in (As.PLAN, As.LIBRARY):
        checker = library.check if found is As.LIBRARY else loader.check
        report = checker(path, progress)
        return [report, *ledger.beside(path, report)]
    folder = path if found is As.LEDGER else path.parent
    plans = _plans_of(folder)
    report = library.check(plans, progress) if plans.is_dir() else loader.check(plans, progress)
    loaded = report.dataset if isinstance(report, Report) else report.shelf
    if not isinstance(loaded, Dataset | Shelf) or report.errors:
        return [report]
    scope = ledger.scope_of(loaded)
    if found is As.LEDGER:
        return list(ledger.check(folder, scope, trust=False))
    return [_period_file(path, scope, progress)]


def _period_file(path: Path, scope: Any, progress: Progress | None) -> Report[Any]:
    """One period file checked against ``scope``, in full, as ``validate`` checks the
    folder's: FG041 when it is named after no period or is no regular file."""
    from fenggong.checks.ledger import ledger_kind
    from fenggong.store import loader

    period = period_named(path.name)
    if not os.path.lexists(path):
        return loader.check(path, progress, kind=ledger_kind(scope))  # says it is missing
    what = nature(path)
    if period is None or what is not None:
        return stray(path, ledger_kind(scope), what)
    return loader.check(path, progress, kind=ledger_kind(scope, period.name))


def _ledger_folder(path: Path) -> bool:
    """Whether ``path`` is a 台账 folder: a folder named progress/ beside plans, or holding
    a period file (no plan is named so: its key could not be written, FG034)."""
    if path.name != FOLDER or not path.is_dir():
        return False
    return _has_plans(path.parent) or bool(files(path)[0])


def _has_plans(folder: Path) -> bool:
    from fenggong.store import library

    try:
        return bool(library.plan_files(folder)) or library.registry_file(folder) is not None
    except FileAccessError:  # a folder that cannot be listed holds no plans we can read
        return False


def _plans_of(folder: Path) -> Path:
    """The plan file or library folder a 台账 folder lies beside (data/tasks.yaml for
    data/progress/); UsageError when there is none."""
    owner = folder.parent
    if not _has_plans(owner):
        raise UsageError(
            _("{folder} lies beside no plan file: a 台账 is checked against its plans").format(
                folder=folder
            ),
            hint=_("keep {folder} beside its plan file or in its library folder").format(
                folder=FOLDER + "/"
            ),
        )
    return datapath.meant(owner)
