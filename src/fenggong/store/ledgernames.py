"""The names in a 台账 folder: which are period files, and FG041 at every other YAML name.

A YAML name that is no period's file is a problem, never skipped: a file named after no
period (2026q1.yaml) would be a report nobody reads, and a folder, a symbolic link or a
pipe named like one (2026-Q1.yaml/) a period nobody reads, or one ``report collect``
cannot write. Other names (a README.md, a subfolder notes/) are not the ledger's.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fenggong.errors import FileAccessError, Problem
from fenggong.messages import _
from fenggong.periods import ReportingPeriod, parse_period, suggest

if TYPE_CHECKING:
    from fenggong.checks.report import Report
    from fenggong.model import Ledger

FOLDER = "progress"
SUFFIX = ".yaml"
YAML_NAMES = (".yaml", ".yml")


def period_named(name: str) -> ReportingPeriod | None:
    """The period a file name is a period file of (2026-Q1.yaml), else None."""
    stem, _dot, suffix = name.rpartition(".")
    return parse_period(stem) if "." + suffix == SUFFIX else None


def files(folder: Path) -> tuple[list[tuple[ReportingPeriod, Path]], list[Path]]:
    """The period files of a ledger folder in period order, and its strays: its YAML names
    that are no period's file (misnamed, or no regular file: a folder, a link, a pipe)."""
    try:
        entries = [e for e in os.scandir(folder) if not e.name.startswith(".")]
    except FileNotFoundError:
        return [], []
    except OSError as err:
        raise FileAccessError(
            _("{path}: {reason}").format(path=folder, reason=err.strerror or err)
        ) from None
    periods: list[tuple[ReportingPeriod, Path]] = []
    strays: list[Path] = []
    for entry in sorted(entries, key=lambda e: e.name):
        if not entry.name.lower().endswith(YAML_NAMES):
            continue
        period = period_named(entry.name)
        if period is None or nature(folder / entry.name) is not None:
            strays.append(folder / entry.name)
        else:
            periods.append((period, folder / entry.name))
    periods.sort(key=lambda item: item[0].key)
    return periods, strays


def nature(path: Path) -> str | None:
    """What a name in the ledger folder is when it is no regular file: "folder", "link" or
    "special" (a pipe, a device, a socket); None for a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # gone since it was listed: reading it says so
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    return "link" if stat.S_ISLNK(mode) else "special"


def stray(path: Path, kind: Any, nature: str | None = None) -> Report[Ledger]:
    """FG041 at a stray: a file named after no period, or (``nature``, as ``nature()``
    gives it) a name of the folder that is no regular file."""
    from fenggong.checks.report import Report
    from fenggong.checks.rulebook import RULES

    stem = path.name.rpartition(".")[0]
    period = parse_period(stem) or parse_period(suggest(stem) or "")
    folder = FOLDER + "/"
    if nature is not None:
        said, hint = _not_a_file(nature, path.name, folder)
    else:
        said = _("{name} in the ledger is not named after a reporting period")
        said = said.format(name=path.name)
        hint = (
            _("rename it {name}").format(name=period.name + SUFFIX)
            if period
            else _("name it after its period ({example}), or move it out of {folder}").format(
                example="2026-Q1" + SUFFIX, folder=folder
            )
        )
    rule = RULES["FG041"]
    issue = Problem(rule.code, rule.name, said, file=str(path), hint=hint)
    return Report(path, None, (issue,), kind)


def _not_a_file(nature: str, name: str, folder: str) -> tuple[str, str]:
    """What FG041 says of a YAML name in the ledger folder that is no regular file."""
    if nature == "folder":
        said = _("{name} in the ledger is a folder, not a period file")
        hint = _(
            "a period's reports are one file ({folder}2026-Q1.yaml): move the folder out "
            "of {folder}, or rename it without .yaml"
        )
    elif nature == "link":
        said = _("{name} in the ledger is a symbolic link, not a period file")
        hint = _("put the file itself in {folder}: report collect writes only a regular file")
    else:
        said = _("{name} in the ledger is not a regular file (a pipe, a device or a socket)")
        hint = _("a period's reports are a regular file: remove {name} from {folder}")
    return said.format(name=name), hint.format(name=name, folder=folder)
