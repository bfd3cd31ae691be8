"""Which dataset file is active: named, $FENGGONG_DATA, the nearest data/tasks.yaml, bundled."""

from __future__ import annotations

import os
import stat
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from fenggong.errors import FileAccessError, UsageError
from fenggong.messages import _

ENV_VAR = "FENGGONG_DATA"
# What a clone of a dataset repository holds, found as git finds .git.
FOUND_NAME = Path("data") / "tasks.yaml"

# A wheel carries the dataset inside the package; an editable install or a source
# checkout reads the working copy in data/, so an edit shows at once.
_PACKAGED = Path(__file__).resolve().parents[1] / "data" / "tasks.yaml"
_WORKING_COPY = Path(__file__).resolve().parents[3] / "data" / "tasks.yaml"


class Origin(StrEnum):
    """Why a file is the active one."""

    NAMED = "named"  # --data PATH, or a command's PATH argument
    ENVIRONMENT = "environment"  # $FENGGONG_DATA
    FOUND = "found"  # data/tasks.yaml of the current folder or a parent
    BUNDLED = "bundled"


class Choice(NamedTuple):
    path: Path
    origin: Origin


def bundled() -> Path:
    return _PACKAGED if _PACKAGED.is_file() else _WORKING_COPY


def choose(option: str | Path | None = None) -> Choice:
    """The file named, else $FENGGONG_DATA's, else the nearest data/tasks.yaml, else the
    bundled one. An empty name given is the name of no file, not "none given":
    `validate "$FILE"` with FILE unset must fail. An empty variable is an unset one, as
    the environment's conventions have it.

    FileAccessError when $FENGGONG_DATA names no readable file (said as the variable, so
    that no one looks for a --data they never typed), or when the file found belongs to
    another user.
    """
    if option is not None:
        return Choice(meant(Path(option)) if str(option) else _EMPTY, Origin.NAMED)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        _check_variable(Path(from_env))
        return Choice(meant(Path(from_env)), Origin.ENVIRONMENT)
    found = find()
    if found is not None:
        _check_owner(found)
        return Choice(found, Origin.FOUND)
    return Choice(bundled(), Origin.BUNDLED)


def meant(path: Path) -> Path:
    """What a path named stands for: a file is itself, and so is a library, a folder with
    a registry.yaml or several plan files (or none: an empty library, said as such). A
    folder holding one plan file and no registry.yaml is no library but that plan's
    folder: it stands for the file, read as the file is, its 台账 naming tasks by bare id.

    UsageError for a folder holding no plan file but a data/tasks.yaml (a clone, a 台账's
    folder): the plan is a folder below, and is named rather than guessed, as a library's
    subfolders are never read.
    """
    if not path.is_dir():
        return path
    from fenggong.store import library

    if library.registry_file(path) is not None:
        return path
    plans = library.plan_files(path)
    if len(plans) == 1:
        return plans[0]
    below = path / FOUND_NAME
    if not plans and _is_regular(below):
        raise UsageError(
            _(
                "{path} holds no plan file at its top level, so it is no library; "
                "its plan is {plan}"
            ).format(path=path, plan=below),
            hint=_("name the plan file: {plan}").format(plan=below),
        )
    return path


def active(option: str | Path | None = None) -> Path:
    """The path of the active dataset (see `choose`)."""
    return choose(option).path


# Path("") is ".", the current folder; an empty name stays visibly empty instead.
_EMPTY = Path("''")


def find(start: Path | None = None, home: Path | None = None) -> Path | None:
    """The nearest ``data/tasks.yaml`` from ``start`` (the current folder) up, as a path
    relative to ``start``; None when there is none.

    The start is always looked in. From there the search climbs to each parent, but never
    into the filesystem root or the home folder, nor above the home folder: a
    ``data/tasks.yaml`` there is as likely someone's unrelated file as a clone's, and would
    silently answer for every folder below. Only a regular file counts (a link to one
    too): a folder, a pipe or a broken link of that name is passed over, and so is a
    folder that cannot be looked into. A file that cannot be read still counts, so that
    the error names it instead of another file answering.
    """
    try:
        here = Path.cwd() if start is None else start
    except OSError:  # the current folder was removed
        return None
    home = _home() if home is None else home
    folder = here
    while True:
        candidate = folder / FOUND_NAME
        if _is_regular(candidate):
            return Path(os.path.relpath(candidate, here))
        parent = folder.parent
        if folder == home or parent in (folder, home, Path(here.anchor)):
            return None
        folder = parent


def _home() -> Path | None:
    try:
        home = Path.home().resolve()  # Path.cwd() is the physical path: compare like with like
    except (RuntimeError, KeyError, OSError):  # no $HOME and no password entry
        return None
    return home if home.is_absolute() else None


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):  # missing, unsearchable folder, link loop, odd name
        return False


def _check_variable(path: Path) -> None:
    from fenggong.store.source import from_path

    if path.is_dir():
        return  # a library: its files are checked as they are read
    try:
        from_path(path)
    except FileAccessError as err:
        named = f"${ENV_VAR}={path}"
        shown = str(path)
        # The file's errors begin with its name: the variable's name takes its place.
        rest = err.message[len(shown) :] if err.message.startswith(shown) else f": {err.message}"
        raise FileAccessError(
            named + rest,
            hint=_(
                "set ${var} to the path of a tasks.yaml or a library folder, or unset it"
            ).format(var=ENV_VAR),
        ) from None


def _check_owner(path: Path) -> None:
    """Refuse a found file, or its folder, that belongs to someone but you or root.

    Anyone may make /tmp/data/tasks.yaml, and every command run below /tmp would read it,
    as git once found a /tmp/.git. Named with --data, the same file is read.
    """
    if not hasattr(os, "geteuid"):  # Windows: no owners to compare
        return
    me = os.geteuid()
    for part in (path.parent, path):
        try:
            owner = part.stat().st_uid
        except OSError:
            continue  # the loader says what is wrong with it
        if owner not in (me, 0):
            raise FileAccessError(
                _(
                    "{path} belongs to another user (uid {uid}); a dataset found rather "
                    "than named is read only if it is yours or root's"
                ).format(path=part, uid=owner),
                hint=_("if you trust it, name it: --data {path}").format(path=path),
            )


def known(option: str | Path | None = None) -> list[Path]:
    """Every dataset file the tool knows: the one named, $FENGGONG_DATA's, the nearest
    data/tasks.yaml, the bundled ones. An export never overwrites any of them, whichever
    is active."""
    found = [_PACKAGED, _WORKING_COPY]
    if option is not None:
        found.insert(0, Path(option) if str(option) else _EMPTY)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        found.append(Path(from_env))
    nearest = find()
    if nearest is not None:
        found.append(nearest)
    return list(dict.fromkeys(found))
