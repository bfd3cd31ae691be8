"""What the global options leave in the Click context, and loading the active dataset once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from fenggong.errors import UsageError
from fenggong.messages import _
from fenggong.names import one_line

if TYPE_CHECKING:
    from fenggong.catalog import Catalog

# Where a command's own --data (fenggong list --data t.yaml) leaves its values; Click
# shares a context's meta with every context below and above it.
DATA_AFTER_COMMAND = "fenggong.data"


def data_option(ctx: typer.Context) -> str | None:
    """The --data given before or after the command (parsed even for completion).

    Given more than once, every value must name the same file: which one was meant
    cannot be guessed.
    """
    before: Any = (ctx.find_root().params or {}).get("data") or ()
    values = [str(v) for v in (*before, *ctx.meta.get(DATA_AFTER_COMMAND, ()))]
    distinct = list(dict.fromkeys(os.path.normpath(v) if v else v for v in values))
    if len(distinct) > 1:
        raise UsageError(
            _("--data is given twice, as {first} and {second}").format(
                first=distinct[0], second=distinct[1]
            ),
            hint=_("give --data once, before or after the command"),
        )
    return values[-1] if values else None  # "" names no file: an error, later


def catalog(ctx: typer.Context) -> Catalog:
    """The active dataset, loaded and validated once per invocation."""
    from fenggong.catalog import Catalog
    from fenggong.store import datapath, loader

    root = ctx.find_root()
    if root.obj is None:
        root.obj = {}
    if "catalog" not in root.obj:
        from fenggong.cli.progress import reading

        path = datapath.active(data_option(ctx))
        with reading(path) as progress:
            root.obj["catalog"] = Catalog(loader.load(path, progress))
    result: Catalog = root.obj["catalog"]
    return result


def announced(ctx: typer.Context) -> Path:
    """The active dataset's path, saying on stderr which file it is when the command line
    did not name it (validate and diff, whose answer is about a file: "valid" or "no
    change" must not be taken for another clone's)."""
    from fenggong.cli import console
    from fenggong.store.datapath import ENV_VAR, Origin, choose

    path, origin = choose(data_option(ctx))
    shown = one_line(str(path))
    if origin is Origin.FOUND:
        shown = shown if shown.startswith("..") else f".{os.sep}{shown}"
        console.err(_("reading {path}").format(path=shown))
    elif origin is Origin.ENVIRONMENT:
        console.err(_("reading {path} (from ${var})").format(path=shown, var=ENV_VAR))
    elif origin is Origin.BUNDLED:
        console.err(
            _("reading the bundled dataset {path}: no data/tasks.yaml here or above").format(
                path=shown
            )
        )
    return path
