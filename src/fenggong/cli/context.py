"""What the global options leave in the Click context, and loading the active dataset once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from fenggong.catalog import Catalog


def data_option(ctx: typer.Context) -> str | None:
    """The global --data, from the root context, where it is parsed even for completion."""
    value: Any = (ctx.find_root().params or {}).get("data")
    return None if value is None else str(value)  # "" names no file: an error, later


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
