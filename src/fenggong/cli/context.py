"""What the global options leave in the Click context, and loading the active dataset once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from fenggong.errors import UsageError
from fenggong.messages import _, listed
from fenggong.names import one_line

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.query.library import Library
    from fenggong.query.progress import Book

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


def library(ctx: typer.Context) -> Library:
    """The active plans, loaded and validated once per invocation: a library folder, or
    one plan file (a library of one)."""
    from fenggong.catalog import Catalog
    from fenggong.query.library import Library
    from fenggong.store import datapath

    root = ctx.find_root()
    if root.obj is None:
        root.obj = {}
    if "library" not in root.obj:
        from fenggong.cli.progress import reading

        path = datapath.active(data_option(ctx))
        with reading(path) as progress:
            if path.is_dir():
                from fenggong.store import library as shelves

                shelf, digest = shelves.load_keyed(path, progress)
                found = Library.shelved(shelf, str(path), digest)
            else:
                from fenggong.store import loader

                plan = Catalog(loader.load(path, progress), path.stem)
                found = Library([plan], None, {plan.key: path.name})
        root.obj["library"] = found
    result: Library = root.obj["library"]
    return result


def book(ctx: typer.Context, about: bool = False) -> Book:
    """The 台账 beside the active plans and its lights settings, as every command that
    lights a task reads it; DataError when either is invalid. ``about``: the command's
    answer is the 台账 (status, a 通报), so a plan with none is said on stderr: run in the
    wrong folder, a whole round reads as not reported, and nothing else would say why."""
    from fenggong.query.progress import book_of
    from fenggong.store import datapath
    from fenggong.store.ledger import folder_of

    path = datapath.active(data_option(ctx))
    found = book_of(path, library(ctx))
    if about and found.ledgers is None:
        from fenggong.cli import console

        console.err(
            _(
                "no 台账 beside {plan} ({folder} holds no period file): every task counts as "
                "not reported; collect forms with fenggong report collect, or name another "
                "plan with --data PATH"
            ).format(plan=one_line(str(path)), folder=one_line(str(folder_of(path))))
        )
    return found


def catalog(ctx: typer.Context, plans: list[str] | None = None) -> Catalog:
    """The one plan a command reads: the active dataset's, or the library's one chosen
    with --plan KEY."""
    found = library(ctx).narrowed(plans or ())
    if not found.single:
        raise UsageError(
            _("this command reads one plan, and the library has {count}").format(
                count=len(found.catalogs)
            ),
            hint=_("choose one with --plan KEY: {keys}").format(keys=listed(list(found.by_key))),
        )
    return found.first


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
