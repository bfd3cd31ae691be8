"""Commands over tasks: ``list``, ``show``, ``targets`` and ``search``."""

from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import complete, filters
from fenggong.cli.context import library as active_library
from fenggong.cli.output import FormatOption, emit
from fenggong.errors import UsageError
from fenggong.messages import N_, _
from fenggong.render.formats import Format

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.query.library import Library
    from fenggong.query.select import Filters, Hit
    from fenggong.render.document import Document


@filters.filtered()
def list_tasks(
    ctx: typer.Context,
    chosen: filters.Chosen = filters.ALL,
    short: Annotated[bool, typer.Option("--short", help=N_("Cut task text to one line."))] = False,
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.views.tasks import tasks_across

    library, answer = filters.answered(active_library(ctx), chosen)
    emit(tasks_across(answer, not library.single), fmt, short)


def show(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help=N_("Task ids, lists and ranges: 47, 1,4-10; in a library KEY:ID."),
            autocompletion=complete.task_ids,
        ),
    ],
    plan: filters.Plan = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.views.tasks import cards_across

    library = active_library(ctx)
    # A card says its plan whenever the library has several, --plan or not.
    emit(cards_across(library.narrowed(plan or ()).tasks(ids), not library.single), fmt)


@filters.filtered(has_target=False)
def targets(
    ctx: typer.Context,
    include_all: Annotated[
        bool, typer.Option("--all", help=N_("Add the qualitative 十四五 goals."))
    ] = False,
    chosen: filters.Chosen = filters.ALL,
    progress: Annotated[
        bool,
        typer.Option(
            "--progress",
            help=N_(
                "Add each goal's latest figure a lead body reported in the 台账 (progress/), "
                "its attainment in per cent of the quantity, the share of the plan's period "
                "elapsed, and a light: green at or above that share, yellow up to lights.yaml's "
                "bands.yellow points below (default 10), red beyond; and the parts: each "
                "supporting body's own latest figure, shown beside the lead's, never added."
            ),
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=N_("With --progress: the day to judge on, YYYY-MM-DD (default: today)."),
        ),
    ] = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.views.tasks import targets_across

    library, answer = filters.answered(active_library(ctx), chosen)
    document = targets_across(answer, include_all, not library.single)
    if progress:
        document = _with_progress(ctx, library, answer, document, as_of)
    elif as_of is not None:
        raise UsageError(
            _("--as-of is for --progress"),
            hint=_("add --progress: fenggong targets --progress --as-of {date}").format(date=as_of),
        )
    emit(document, fmt)


def _with_progress(
    ctx: typer.Context,
    library: "Library",
    answer: "list[tuple[Catalog, list[Hit], Filters]]",
    document: "Document",
    as_of: str | None,
) -> "Document":
    from fenggong.cli.context import book as ledger_book
    from fenggong.cli.days import as_of_day
    from fenggong.query.attainment import attainments
    from fenggong.views.attainment import with_progress

    day = as_of_day(as_of)
    book = ledger_book(ctx)
    chosen = [(catalog, [hit.task for hit in hits]) for catalog, hits, _f in answer]
    return with_progress(document, attainments(library, chosen, book, day), day)


def search(
    ctx: typer.Context,
    terms: Annotated[
        list[str], typer.Argument(metavar="TERM...", help=N_("Words that must all occur."))
    ],
    plan: filters.Plan = None,
    issuer: filters.Issuer = None,
    year: filters.Year = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.query.search import search_across as search_tasks
    from fenggong.views.tasks import search_across

    library = active_library(ctx).narrowed(plan or (), issuer or (), year or ())
    found = search_tasks(library.catalogs, terms)
    emit(search_across(found, terms, not library.single), fmt)


COMMANDS = {"list": list_tasks, "show": show, "targets": targets, "search": search}
HELP = {
    "list": N_(
        "List tasks, filtered by department, section, topic, text or target.\n\n"
        "Repeated values of one filter are OR; different filters are AND. A district leads "
        "and supports what 各区 does (via 各区) and is possibly concerned by 相关区/有关区; "
        "--how direct|group|possible keeps those ways only (--direct is --how direct).\n\n"
        "Example: fenggong list --dept 浦东新区 --how group --section 九"
    ),
    "show": N_(
        "Show tasks in full: section, topic, text, departments with full names, targets.\n\n"
        "In a library, KEY:ID names a task of the plan KEY (hrss-2022-256:47); a bare id "
        "must be in one plan only.\n\n"
        "Example: fenggong show 47"
    ),
    "targets": N_(
        "List the plan's quantified 十四五 targets: metric, value, quantity, qualifier, and "
        "the task's lead and supporting departments.\n\n"
        "Takes the task filters of list: the goals of the tasks they choose.\n\n"
        "Example: fenggong targets --dept 市教委 --format json"
    ),
    "search": N_(
        "Search task text and topic and section titles, best matches first.\n\n"
        "Example: fenggong search 数字技能"
    ),
}
