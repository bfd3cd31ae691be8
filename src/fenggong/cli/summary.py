"""``fenggong report summary``: a period's standings counted for the 通报."""

from pathlib import Path
from typing import Annotated

import typer

from fenggong.cli.context import book as ledger_book
from fenggong.cli.context import library as active_library
from fenggong.cli.days import as_of_day
from fenggong.cli.output import FormatOption, emit, renamed, write_file
from fenggong.cli.reporting import Period, period_of
from fenggong.errors import UsageError
from fenggong.messages import N_, _
from fenggong.names import one_line
from fenggong.render.formats import Format

HELP = N_(
    "The 通报 numbers of a period: tasks done, on track, yellow, red and not reported, "
    "in all, per lead body and per section."
    "\n\nStandings are taken on the period's last day, counting the reports of the "
    "period and before received by today, whenever they were sent in (a period still "
    "running is taken today, as status takes it); with --as-of, as status takes them "
    "on that day, counting the reports made by then. The caption says which. "
    "Each task falls in one bucket, so a line's buckets add up to its tasks. "
    "-o writes an .xlsx or .docx file instead."
    "\n\nExample: fenggong report summary --period 2026-Q1 -o 通报.docx"
)


def summary(
    ctx: typer.Context,
    period: Period,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=N_("The day to take the standings on, YYYY-MM-DD (default: the period's end)."),
        ),
    ] = None,
    fmt: FormatOption = Format.TABLE,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help=N_("Write FILE.xlsx or FILE.docx instead.")
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace an existing file."))] = False,
) -> None:
    from fenggong.query.progress import standings
    from fenggong.query.summary import summary as tallied
    from fenggong.views.summary import summary_view

    span = period_of(period)
    today = as_of_day(None)
    if as_of is None and today < span.start:  # no report of it can have been made yet
        raise UsageError(
            _("{period} has not begun: today is {day}").format(
                period=span.name, day=today.isoformat()
            ),
            hint=_("count a period that has begun, or give --as-of DATE"),
        )
    # A period still running has no last day to judge on yet: it is judged today.
    running = as_of is None and as_of_day(None) < span.end
    day = as_of_day(None) if running else span.end if as_of is None else as_of_day(as_of)
    suffix = "" if output is None else Path(output).suffix.lower()
    if output is not None and suffix not in (".xlsx", ".docx"):
        raise UsageError(
            _("-o {path}: a summary is written as .xlsx or .docx").format(path=one_line(output)),
            hint=_("name the file {xlsx} or {docx}, or leave out -o").format(
                xlsx=renamed(output, ".xlsx", "通报"), docx=renamed(output, ".docx", "通报")
            ),
        )
    library = active_library(ctx)
    book = ledger_book(ctx, about=True)
    chosen = [(c, list(c.dataset.tasks)) for c in library.catalogs]
    # Without --as-of, the period's own 通报: its reports count, sent in after it closed too.
    through = span if as_of is None and not running else None
    tasks = standings(library, chosen, book, day, through=through)
    bodies = standings(library, chosen, book, day, by_body=True, through=through)
    received = as_of_day(None) if through is not None else None
    lines = tallied(tasks, bodies, across=not library.single)
    document = summary_view(lines, span, day, received)
    if output is None:
        emit(document, fmt)
        return
    from fenggong.exporting.summary import docx_bytes, workbook
    from fenggong.messages import speaking
    from fenggong.views.summary import counted

    with speaking("zh"):  # exports are Chinese; set solid, as the title sets its date
        stamp = f"{day.isoformat()}；{''.join(counted(received).split())}"
    write = workbook if suffix == ".xlsx" else docx_bytes
    from fenggong.exporting.standings import plans_named

    about = [plans_named([c.dataset.plan for c in library.catalogs])]
    write_file(output, force, lambda: write(document.rows, span.name, stamp, about))
