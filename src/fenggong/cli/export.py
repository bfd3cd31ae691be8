"""``fenggong export``: the table as xlsx, docx, csv, markdown, one HTML page or SQLite."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from fenggong.cli import console, filters
from fenggong.cli.console import Mode
from fenggong.cli.context import catalog as active_catalog
from fenggong.cli.context import data_option
from fenggong.errors import UsageError
from fenggong.exporting import ExportFormat
from fenggong.messages import N_, _
from fenggong.names import one_line


def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT",
            case_sensitive=False,
            help=N_("xlsx, docx, csv, markdown, html or sqlite."),
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help=N_("File to write (default: 分工表.<ext>); - writes a text format to stdout."),
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
    how: filters.HowOption = None,
) -> None:
    from fenggong.exporting import EXTENSIONS, TEXT_FORMATS, Bundle, export
    from fenggong.query.select import select
    from fenggong.store import datapath
    from fenggong.store.atomic import check_target, write_atomic

    catalog = active_catalog(ctx)
    chosen = filters.build(
        catalog, lead, support, dept, section, topic, grep, has_target, direct, how
    )
    bundle = Bundle(catalog, tuple(select(catalog, chosen)), chosen)
    if output == "-":
        if fmt not in TEXT_FORMATS:
            raise UsageError(
                _("{format} is a binary format").format(format=fmt),
                hint=_("write it to a file with -o PATH"),
            )
        mode = Mode.FAITHFUL if fmt is ExportFormat.CSV else Mode.PEOPLE
        console.out_file(export(bundle, fmt), mode)
        return
    path = check_target(output or f"分工表.{EXTENSIONS[fmt]}")
    _refuse_mismatch(path, fmt)
    _refuse_dataset(path, datapath.known(data_option(ctx)))
    try:
        # openpyxl spools a workbook through temporary files: building one can fail too.
        write_atomic(path, export(bundle, fmt))
    except OSError as err:
        # Disk full, a read-only file system, a name too long, a file too large: said
        # as the system says it, nothing left behind. openpyxl's writer generators, cut
        # off by the error, complain again when they are collected: that is this error.
        sys.unraisablehook = lambda _: None
        raise UsageError(
            _("cannot write {path}: {reason}").format(
                path=one_line(str(path)), reason=err.strerror or err
            )
        ) from None
    console.err(
        _("wrote {path} ({count} tasks)").format(path=one_line(str(path)), count=len(bundle.hits))
    )


# The extensions each format may be written under; any other is probably a slip (an
# xlsx named .csv), and never a dataset (.yaml) that an export would overwrite.
_SUFFIXES = {
    ExportFormat.XLSX: (".xlsx",),
    ExportFormat.CSV: (".csv", ".txt"),
    ExportFormat.MARKDOWN: (".md", ".markdown", ".txt"),
    ExportFormat.HTML: (".html", ".htm"),
    ExportFormat.SQLITE: (".db", ".sqlite", ".sqlite3"),
    ExportFormat.DOCX: (".docx",),
}


def _refuse_mismatch(path: Path, fmt: ExportFormat) -> None:
    allowed = _SUFFIXES[fmt]
    if path.suffix.lower() not in allowed:
        raise UsageError(
            _("{path} does not end in {suffixes}, as a {format} file does").format(
                path=one_line(str(path)), suffixes=_(" or ").join(allowed), format=fmt
            ),
            hint=_("name it {name}").format(name=f"{path.stem}{allowed[0]}"),
        )


def _refuse_dataset(path: Path, datasets: list[Path]) -> None:
    for dataset in datasets:
        try:
            same = path.exists() and path.samefile(dataset)
        except OSError:
            same = False
        if same or path.resolve() == dataset.resolve():
            raise UsageError(
                _("refusing to overwrite the dataset {path}").format(path=one_line(str(dataset))),
                hint=_("choose another file with -o"),
            )


COMMANDS = {"export": export_command}
HELP = {
    "export": N_(
        "Export the table, or the tasks the filters choose, for people who print and publish."
        "\n\nTakes the same filters as list; with --dept NAME alone, markdown is that body's "
        "责任清单. Files are written atomically: an interrupted export leaves the old file.\n\n"
        "Example: fenggong export xlsx -o 分工表.xlsx"
    )
}
