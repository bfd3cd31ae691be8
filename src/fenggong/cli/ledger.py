"""``fenggong status``, ``due`` and ``overdue``: the 台账's lights and deadlines on a day."""

import datetime
import re
import unicodedata
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import filters
from fenggong.cli.context import book as ledger_book
from fenggong.cli.context import library as active_library
from fenggong.cli.days import as_of_day
from fenggong.cli.output import FormatOption, emit, renamed, write_file
from fenggong.errors import UsageError
from fenggong.lights import Light
from fenggong.messages import N_, _, speaking
from fenggong.names import one_line
from fenggong.render.formats import Format

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.query.library import Library
    from fenggong.query.progress import Book, Row
    from fenggong.query.select import Filters
    from fenggong.render.document import Document

    Plans = list[tuple[Catalog, Filters]]  # each plan answering, with its filters

AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=N_("The day to judge on, YYYY-MM-DD (default: today), so that a result replays."),
    ),
]

Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=N_("Write FILE.xlsx instead: each light a cell filled in its colour, with its word."),
    ),
]
Force = Annotated[bool, typer.Option("--force", help=N_("Replace an existing file."))]

_WINDOW = re.compile(r"([0-9]{1,6})\s*([dw]?)")  # a million days and more: no window


def window_days(typed: str) -> int:
    """--within as a number of days: 30, 30d, 2w."""
    found = _WINDOW.fullmatch(unicodedata.normalize("NFKC", typed).strip().lower())
    if found is None:
        raise UsageError(
            _("--within {window} is not a number of days or weeks").format(
                window=typed if len(typed) <= 40 else typed[:37] + "..."
            ),
            hint=_("write days or weeks: --within 30d, --within 2w (a month is 30d or 31d)"),
        )
    count = int(found[1])
    return count * 7 if found[2] == "w" else count


class By(StrEnum):
    TASK = "task"
    DEPT = "dept"


def _checked(output: str | None, name: str) -> None:
    """-o names an .xlsx file, said before any work is done (``name``: the sheet's)."""
    if output is not None and Path(output).suffix.lower() != ".xlsx":
        raise UsageError(
            _("-o {path}: the 台账 is written as .xlsx").format(path=one_line(output)),
            hint=_("name the file {name}, or leave out -o for -f csv, json or markdown").format(
                name=renamed(output, ".xlsx", name)
            ),
        )


def _show(
    document: "Document",
    shown: tuple[Format, str | None, bool],
    name: str,
    day: datetime.date,
    plans: "Plans",
) -> None:
    """The document on stdout in ``fmt``, or with -o as an xlsx sheet ``name``, titled
    with the ``plans`` and the ``day``."""
    fmt, output, force = shown
    if output is None:
        emit(document, fmt)
        return
    from fenggong.exporting.standings import heading, workbook

    write_file(output, force, lambda: workbook(document, name, heading(name, day, plans)))


def _standings(
    ctx: typer.Context,
    chosen: filters.Chosen,
    day: datetime.date,
    by_body: bool,
    others: bool = True,
) -> "tuple[Library, Book, list[Row], Plans]":
    from fenggong.query.named import leading, narrowing
    from fenggong.query.progress import standings

    whole = active_library(ctx)
    library, answer = filters.answered(whole, chosen)
    book = ledger_book(ctx)
    narrow = narrowing((c, f) for c, _hits, f in answer) if by_body else None
    if not others:  # due and overdue: the lead bodies' rows, of the tasks chosen
        narrow = leading(narrow)
    rows = standings(
        whole,
        [(c, [h.task for h in hits]) for c, hits, _f in answer],
        book,
        day,
        by_body=by_body,
        others=others,
        # A row per body: a department filter shows its bodies' rows, not all sixteen
        # districts of a task 各区 leads.
        narrow=narrow,
    )
    return library, book, rows, [(c, f) for c, _hits, f in answer]


@filters.filtered()
def status(
    ctx: typer.Context,
    as_of: AsOf = None,
    by: Annotated[
        By,
        typer.Option(
            "--by",
            case_sensitive=False,
            help=N_(
                "task: a row per task, lit by its worst-lit lead; dept: a row per task and "
                "body with a duty in it (supporting bodies too, reported or not) or a "
                "report on it, each lit by its own reports."
            ),
        ),
    ] = By.TASK,
    light: Annotated[
        list[Light] | None,
        typer.Option(
            "--light",
            metavar=f"[{'|'.join(Light)}]",
            case_sensitive=False,
            help=N_(
                "Only the rows lit so: green, yellow, red, blue (the 督办单 preset's) or "
                "none (repeatable)."
            ),
        ),
    ] = None,
    chosen: filters.Chosen = filters.ALL,
    fmt: FormatOption = Format.TABLE,
    output: Output = None,
    force: Force = False,
) -> None:
    from fenggong.views.status import LIGHT_WORDS, status_view

    lit = list(dict.fromkeys(light or ()))
    # The sheet, and so the printed title, says which lights it holds: 台账（红灯、黄灯）,
    # in Chinese as every sheet it writes, whoever reads the terminal.
    with speaking("zh"):
        words = [_(LIGHT_WORDS[x]) for x in lit]
    name = "台账" + (f"（{'、'.join(words)}）" if lit else "")
    _checked(output, name)
    day = as_of_day(as_of)
    library, _book, rows, plans = _standings(ctx, chosen, day, by is By.DEPT)
    if lit:
        rows = [row for row in rows if row.verdict.light in lit]
    document = status_view(
        rows, day, across=not library.single, by_body=by is By.DEPT, text=output is not None
    )
    _show(document, (fmt, output, force), name, day, plans)


@filters.filtered()
def due(
    ctx: typer.Context,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            metavar="WINDOW",
            help=N_(
                "Due within this many days (30d) or weeks (2w), today and the last day "
                "included (default: lights.yaml's yellow_within_days, else 30d)."
            ),
        ),
    ] = None,
    as_of: AsOf = None,
    chosen: filters.Chosen = filters.ALL,
    fmt: FormatOption = Format.TABLE,
    output: Output = None,
    force: Force = False,
) -> None:
    days = None if within is None else window_days(within)
    _deadlines(ctx, chosen, as_of, (fmt, output, force), "即将到期", due=True, days=days)


@filters.filtered()
def overdue(
    ctx: typer.Context,
    as_of: AsOf = None,
    chosen: filters.Chosen = filters.ALL,
    fmt: FormatOption = Format.TABLE,
    output: Output = None,
    force: Force = False,
) -> None:
    _deadlines(ctx, chosen, as_of, (fmt, output, force), "已逾期", due=False)


def _deadlines(
    ctx: typer.Context,
    chosen: filters.Chosen,
    as_of: str | None,
    shown: tuple[Format, str | None, bool],
    name: str,
    *,
    due: bool,
    days: int | None = None,
) -> None:
    """``due`` (within ``days``, else lights.yaml's window) or ``overdue``: the lead
    bodies' open tasks, shown in a format or written to -o as the sheet ``name``."""
    from fenggong.query.progress import deadlines
    from fenggong.views.status import deadlines_view

    _checked(shown[1], name)
    day = as_of_day(as_of)
    # What falls due, or is late, is the lead bodies'.
    library, book, rows, plans = _standings(ctx, chosen, day, True, others=False)
    window = (book.settings.within if days is None else days) if due else None
    found = deadlines(rows, within=window)
    document = deadlines_view(found, day, across=not library.single, within=window)
    _show(document, shown, name, day, plans)


COMMANDS = {"status": status, "due": due, "overdue": overdue}
HELP = {
    "status": N_(
        "The 台账 on a day: each task's latest status, light (亮灯), due date, days left or "
        "over, and last report.\n\n"
        "Reports come from the ledger folder progress/ beside the dataset, lights from its "
        "lights.yaml. A task is lit by its worst-lit lead body; --by dept gives each body "
        "its own row. Without a ledger every light is none. Takes the filters of list.\n\n"
        "Example: fenggong status --as-of 2026-03-31 --lead 市教委"
    ),
    "due": N_(
        "What falls due soon and is not reported done or cancelled, under each lead body, "
        "with days left.\n\n"
        "Example: fenggong due --within 30d --as-of 2025-12-01"
    ),
    "overdue": N_(
        "What is past its due date and not reported done or cancelled, under each lead "
        "body, with days over. Due today is not yet late.\n\n"
        "Example: fenggong overdue --as-of 2026-03-31"
    ),
}
