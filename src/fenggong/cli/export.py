"""``fenggong export``: the table as xlsx, docx, csv, markdown, one HTML page or SQLite."""

import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import console, filters
from fenggong.cli.console import Mode
from fenggong.cli.context import data_option
from fenggong.cli.context import library as active_library
from fenggong.cli.days import as_of_day
from fenggong.cli.ledger import AsOf
from fenggong.errors import LookupFailedError, UsageError
from fenggong.exporting import ExportFormat
from fenggong.messages import N_, _, either, ngettext
from fenggong.names import one_line

if TYPE_CHECKING:
    import datetime

    from fenggong.catalog import Catalog
    from fenggong.exporting import Bundle, Plans, Progress
    from fenggong.query.library import Library
    from fenggong.query.select import Filters


@filters.filtered()
def export_command(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Argument(
            metavar="FORMAT",
            case_sensitive=False,
            help=N_("xlsx, docx, csv, markdown, html, sqlite or ics (the deadlines, a calendar)."),
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help=N_(
                "File to write (default: 分工表.<ext>, or NAME责任清单.<ext> for --dept NAME); "
                "the folder for --each-dept; - writes a text format to stdout."
            ),
        ),
    ] = None,
    each_dept: Annotated[
        bool,
        typer.Option(
            "--each-dept",
            help=N_(
                "Write one 责任清单 per body into the folder -o DIR, and a list of them "
                "(xlsx, docx, markdown or html)."
            ),
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help=N_("Replace an existing file of the default name.")),
    ] = False,
    chosen: filters.Chosen = filters.ALL,
    as_of: AsOf = None,
) -> None:
    from fenggong.exporting import TEXT_FORMATS, Bundle, Plans, default_file, export
    from fenggong.query.select import select
    from fenggong.store.atomic import check_target, write_atomic

    library, parts = filters.across(active_library(ctx), chosen)
    if not parts:
        # A plan answers for the bodies it names: none names both 区发改委 of two districts.
        raise LookupFailedError(
            _("no plan of the library names every body of --lead, --support and --dept"),
            hint=_("drop a name, or export each plan apart with --plan KEY"),
        )
    if as_of is not None and fmt not in _AS_OF_FORMATS:
        raise UsageError(
            _("--as-of judges the 台账's lights, which {format} does not show").format(format=fmt),
            hint=_("leave it out, or export html or sqlite"),
        )
    day = as_of_day(as_of)
    if each_dept:
        _export_each(ctx, library, parts, fmt, output)
        return
    for _catalog, found in parts:
        filters.needs_department(found, _("add --dept, --lead or --support NAME, or --each-dept"))
    progress = _progress(ctx, fmt, day)
    bundles = tuple(Bundle(c, tuple(select(c, f)), f, progress) for c, f in parts)
    bundle: Bundle | Plans = bundles[0] if len(bundles) == 1 else Plans(bundles, library)
    if output == "-":
        if fmt not in TEXT_FORMATS:
            raise UsageError(
                _("{format} is a binary format").format(format=fmt),
                hint=_("write it to a file with -o PATH"),
            )
        # Data formats are written as they are to a pipe (an ics file ends its lines in CRLF).
        mode = Mode.FAITHFUL if fmt in (ExportFormat.CSV, ExportFormat.ICS) else Mode.PEOPLE
        console.out_file(export(bundle, fmt), mode)
        return
    path = check_target(output or default_file(bundle, fmt))
    _refuse_mismatch(path, fmt)
    _refuse_dataset(path, _datasets(ctx))
    if output is None and not force and path.exists():
        raise UsageError(
            _("{path} already exists").format(path=one_line(str(path))),
            hint=_("add --force to replace it, or name another file with -o PATH"),
        )
    try:
        if fmt is ExportFormat.SQLITE:
            _write_database(ctx, path, bundle, progress)
        else:
            # openpyxl spools a workbook through temporary files: building one can fail too.
            write_atomic(path, export(bundle, fmt))
    except OSError as err:
        raise _cannot_write(path, err) from None
    if fmt is ExportFormat.ICS:
        said = _calendar_said(path, bundles)
    elif fmt is ExportFormat.SQLITE:
        said = _database_said(path, bundle)
    elif isinstance(bundle, Bundle):
        said = _wrote_tasks(path, len(bundle.hits))
    else:
        said = _wrote_plans(path, bundle.hits, len(bundle.parts))
    console.err(said)


def _progress(ctx: typer.Context, fmt: ExportFormat, day: "datetime.date") -> "Progress | None":
    """The 台账 beside the dataset, as `status` reads it, for the page's lights on ``day``;
    None for the formats that do not show it, or without a ledger."""
    if fmt not in _AS_OF_FORMATS:
        return None
    from fenggong.cli.context import book as ledger_book
    from fenggong.exporting import Progress

    whole = active_library(ctx)
    book = ledger_book(ctx)
    return None if book.ledgers is None else Progress(book, whole, day)


def _database_said(path: Path, bundle: "Bundle | Plans") -> str:
    from fenggong.exporting import Plans

    tasks = bundle.hits if isinstance(bundle, Plans) else len(bundle.hits)
    plans = len(bundle.parts) if isinstance(bundle, Plans) else 1
    said = _wrote_tasks(path, tasks) if plans == 1 else _wrote_plans(path, tasks, plans)
    described = one_line(str(_metadata_file(path)))
    return (
        said
        + "\n"
        + _("wrote {path}, Datasette's metadata: datasette {db} -m {path}").format(
            path=described, db=one_line(str(path))
        )
    )


# The formats that show the 台账's lights, judged on --as-of.
_AS_OF_FORMATS = frozenset({ExportFormat.HTML, ExportFormat.SQLITE})


def _write_database(
    ctx: typer.Context, path: Path, bundle: "Bundle | Plans", progress: "Progress | None"
) -> None:
    """The database, with the 台账 of the active plans when they have one."""
    from fenggong.exporting.database import database
    from fenggong.exporting.dbmeta import metadata
    from fenggong.store.atomic import write_atomic

    described = _metadata_file(path)
    _refuse_dataset(described, _datasets(ctx))
    write_atomic(path, database(bundle, progress))
    # Datasette names a database after its file's stem: the metadata says which it describes.
    write_atomic(described, metadata(bundle, path.stem, ledger=progress is not None))


def _metadata_file(path: Path) -> Path:
    """Datasette's metadata beside a database: 分工表.metadata.json for 分工表.db."""
    return path.with_name(f"{path.stem}.metadata.json")


def _wrote_tasks(path: Path, count: int) -> str:
    """What writing a file of ``count`` tasks says: "wrote x.csv (111 tasks)"."""
    return ngettext("wrote {path} ({count} task)", "wrote {path} ({count} tasks)", count).format(
        path=one_line(str(path)), count=count
    )


def _wrote_plans(path: Path, count: int, plans: int) -> str:
    return _("wrote {path} ({tasks} of {plans})").format(
        path=one_line(str(path)),
        tasks=ngettext("{count} task", "{count} tasks", count).format(count=count),
        plans=ngettext("{count} plan", "{count} plans", plans).format(count=plans),
    )


def _calendar_said(path: Path, bundles: "tuple[Bundle, ...]") -> str:
    """How many of the chosen tasks a calendar holds: only those due on a date."""
    from fenggong.exporting.calendar import dated

    hits = [hit.task for b in bundles for hit in b.hits]
    count = len(dated(hits))
    return ngettext(
        "wrote {path} ({count} deadline of {tasks}; the others have no date)",
        "wrote {path} ({count} deadlines of {tasks}; the others have no date)",
        count,
    ).format(
        path=one_line(str(path)),
        count=count,
        tasks=ngettext("{count} task", "{count} tasks", len(hits)).format(count=len(hits)),
    )


def _datasets(ctx: typer.Context) -> list[Path]:
    """Every dataset file the tool knows, and every file of a library folder among them
    (its plans, its registry.yaml): an export never replaces one."""
    from fenggong.store import datapath
    from fenggong.store import library as shelves

    found = []
    for path in datapath.known(data_option(ctx)):
        found.append(path)
        if path.is_dir():
            found += shelves.plan_files(path)
            found += [path / name for name in sorted(shelves.RESERVED)]
    return found


def _export_each(
    ctx: typer.Context,
    library: "Library",
    parts: "list[tuple[Catalog, Filters]]",
    fmt: ExportFormat,
    output: str | None,
) -> None:
    """One 责任清单 per registry body, and the list of them, into the folder ``output``;
    across several plans, one per body of any of them, across the plans naming it."""
    from fenggong.exporting import DUTY_FORMATS, Bundle, Plans
    from fenggong.exporting.batch import each_department
    from fenggong.exporting.planbatch import each_across
    from fenggong.query.select import select
    from fenggong.store.atomic import check_target, write_atomic

    chosen = parts[0][1]
    if fmt not in DUTY_FORMATS:
        raise UsageError(
            _("--each-dept writes documents, not {fmt}").format(fmt=fmt),
            hint=_("choose xlsx, docx, markdown or html"),
        )
    if chosen.by_department:
        raise UsageError(
            _("--each-dept writes every body's 责任清单: it takes no --dept, --lead or --support"),
            hint=_("for one body, write: fenggong export {fmt} --dept NAME").format(fmt=fmt),
        )
    if output is None or output == "-":
        raise UsageError(
            _("--each-dept writes a folder of files"),
            hint=_("name the folder with -o DIR"),
        )
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise UsageError(
            _("{folder} is a file, not a folder").format(folder=one_line(output)),
            hint=_("name a folder with -o DIR; it is created when missing"),
        )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as err:
        raise UsageError(
            _("cannot create the folder {folder}: {reason}").format(
                folder=one_line(output), reason=err.strerror or err
            ),
            hint=_("create its parent folder first, or name another with -o DIR"),
        ) from None
    datasets = _datasets(ctx)
    if len(parts) == 1:
        files = each_department(parts[0][0], chosen, fmt)
    else:
        bundles = tuple(Bundle(c, tuple(select(c, f)), f) for c, f in parts)
        files = each_across(Plans(bundles, library), fmt)
    written: list[str] = []
    path = folder
    try:
        for name, data in files:
            path = check_target(str(folder / name))
            _refuse_dataset(path, datasets)
            write_atomic(path, data)
            written.append(name)
    except OSError as err:
        raise _cannot_write(path, err) from None  # the files before it are written
    console.err(
        _("wrote {count} 责任清单 and their list {index} into {folder}").format(
            count=len(written) - 1, index=written[-1], folder=one_line(output)
        )
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
    ExportFormat.ICS: (".ics",),
}


def _refuse_mismatch(path: Path, fmt: ExportFormat) -> None:
    allowed = _SUFFIXES[fmt]
    if path.suffix.lower() not in allowed:
        raise UsageError(
            _("{path} does not end in {suffixes}, as a {format} file does").format(
                path=one_line(str(path)), suffixes=either(allowed), format=fmt
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


def _cannot_write(path: Path, err: OSError) -> UsageError:
    """A failed write, said as the system says it (disk full, a read-only file system, a
    name too long, a file too large); nothing is left behind."""
    # openpyxl's writer generators, cut off by the error, complain again when they are
    # collected: that is this error, said once.
    sys.unraisablehook = lambda _: None
    return UsageError(
        _("cannot write {path}: {reason}").format(
            path=one_line(str(path)), reason=err.strerror or err
        )
    )


COMMANDS = {"export": export_command}
HELP = {
    "export": N_(
        "Export the table, or the tasks the filters choose, for people who print and publish."
        "\n\nTakes the same filters as list; with --dept NAME alone, xlsx, docx, markdown and "
        "html are that body's 责任清单 (市教委责任清单.xlsx); --each-dept -o DIR writes one for "
        "every body. Files are written atomically: an interrupted export leaves the old file; "
        "a default name never replaces a file without --force.\n\n"
        "A library of several plans (--data DIR) makes one file of them all: a sheet per plan "
        "after 汇总, one page with a plan selector, tables keyed by plan, a 责任清单 with a "
        "heading per plan; --plan, --issuer and --year choose the plans.\n\n"
        "Example: fenggong export docx --dept 市教委"
    )
}
