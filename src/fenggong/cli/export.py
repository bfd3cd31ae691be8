"""``fenggong export``: the table as xlsx, csv, markdown, one HTML page or SQLite."""

from pathlib import Path
from typing import Annotated

import typer

from fenggong.cli import console, filters
from fenggong.cli.console import Mode
from fenggong.cli.context import catalog as active_catalog
from fenggong.cli.context import data_option
from fenggong.errors import UsageError
from fenggong.exporting import ExportFormat


def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT", case_sensitive=False, help="xlsx, csv, markdown, html or sqlite."
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File to write (default: 分工表.<ext>); - writes a text format to stdout.",
        ),
    ] = None,
    lead: filters.Lead = None,
    support: filters.Support = None,
    dept: filters.Dept = None,
    section: filters.Section = None,
    topic: filters.Topic = None,
    grep: filters.Grep = None,
    has_target: filters.HasTarget = False,
    direct: filters.Direct = False,
) -> None:
    """Export the table, or the tasks the filters choose, for people who print and publish.

    Takes the same filters as list; with --dept NAME alone, markdown is that body's
    责任清单. Files are written atomically: an interrupted export leaves the old file.

    Example: fenggong export xlsx -o 分工表.xlsx
    """
    from fenggong.exporting import EXTENSIONS, TEXT_FORMATS, Bundle, export
    from fenggong.query.select import select
    from fenggong.store import datapath
    from fenggong.store.atomic import write_atomic

    catalog = active_catalog(ctx)
    chosen = filters.build(catalog, lead, support, dept, section, topic, grep, has_target, direct)
    bundle = Bundle(catalog, tuple(select(catalog, chosen)), chosen)
    if output == "-":
        if fmt not in TEXT_FORMATS:
            raise UsageError(f"{fmt} is a binary format", hint="write it to a file with -o PATH")
        mode = Mode.FAITHFUL if fmt is ExportFormat.CSV else Mode.PEOPLE
        console.out_file(export(bundle, fmt), mode)
        return
    path = Path(output or f"分工表.{EXTENSIONS[fmt]}")
    _refuse_dataset(path, datapath.active(data_option(ctx)))
    if path.is_dir():
        raise UsageError(f"{path} is a directory", hint="name a file: -o 分工表.xlsx")
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent} does not exist", hint="create the folder first")
    try:
        write_atomic(path, export(bundle, fmt))
    except PermissionError:
        raise UsageError(f"cannot write {path}: permission denied") from None
    console.err(f"wrote {path} ({len(bundle.hits)} tasks)")


def _refuse_dataset(path: Path, dataset: Path) -> None:
    try:
        same = path.exists() and path.samefile(dataset)
    except OSError:
        same = False
    if same or path.resolve() == dataset.resolve():
        raise UsageError(
            f"refusing to overwrite the dataset {dataset}", hint="choose another file with -o"
        )


COMMANDS = {"export": export_command}
