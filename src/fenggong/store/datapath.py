"""Which dataset file is active: ``--data PATH``, else ``$FENGGONG_DATA``, else the bundled one."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "FENGGONG_DATA"

# A wheel carries the dataset inside the package; an editable install or a source
# checkout reads the working copy in data/, so an edit shows at once.
_PACKAGED = Path(__file__).resolve().parents[1] / "data" / "tasks.yaml"
_WORKING_COPY = Path(__file__).resolve().parents[3] / "data" / "tasks.yaml"


def bundled() -> Path:
    return _PACKAGED if _PACKAGED.is_file() else _WORKING_COPY


def active(option: str | Path | None = None) -> Path:
    """The file named, else $FENGGONG_DATA's, else the bundled one. An empty name given
    is the name of no file, not "none given": `validate "$FILE"` with FILE unset must
    fail. An empty variable is an unset one, as the environment's conventions have it."""
    if option is not None:
        return Path(option) if str(option) else _EMPTY
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return bundled()


# Path("") is ".", the current folder; an empty name stays visibly empty instead.
_EMPTY = Path("''")


def known(option: str | Path | None = None) -> list[Path]:
    """Every dataset file the tool knows: the active one, $FENGGONG_DATA's, the bundled ones.

    An export never overwrites any of them, whichever is active.
    """
    found = [active(option), _PACKAGED, _WORKING_COPY]
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        found.append(Path(from_env))
    return list(dict.fromkeys(found))
