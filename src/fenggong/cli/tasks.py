"""Commands over tasks: ``list``, ``show``, ``targets`` and ``search``."""

from __future__ import annotations

from typing import Annotated

import typer

from fenggong.cli import complete
from fenggong.cli.context import catalog as active_catalog
from fenggong.cli.output import FormatOption, emit
from fenggong.formats import Format
from fenggong.query import Filters, parse_ids, resolve_departments, resolve_section, resolve_topic
from fenggong.query import select as select_tasks
from fenggong.resolve import Resolver
from fenggong.search import search as search_tasks
from fenggong.views.tasks import search_results, target_list, task_cards, task_list


def list_tasks(
    ctx: typer.Context,
    lead: Annotated[
        list[str] | None,
        typer.Option(
            "--lead",
            "-l",
            metavar="NAME",
            help="Led by NAME (name, alias or pinyin: sjw).",
            autocompletion=complete.departments,
        ),
    ] = None,
    support: Annotated[
        list[str] | None,
        typer.Option(
            "--support",
            "-s",
            metavar="NAME",
            help="Supported by NAME.",
            autocompletion=complete.departments,
        ),
    ] = None,
    dept: Annotated[
        list[str] | None,
        typer.Option(
            "--dept",
            "-d",
            metavar="NAME",
            help="NAME leads or supports.",
            autocompletion=complete.departments,
        ),
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            metavar="S",
            help="Section: 1–9, 一…九, or part of its title.",
            autocompletion=complete.sections,
        ),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            metavar="T",
            help="Topic: 1–37, its numeral, or part of its title.",
            autocompletion=complete.topics,
        ),
    ] = None,
    grep: Annotated[
        list[str] | None,
        typer.Option("--grep", "-g", metavar="TEXT", help="Task text contains TEXT (all must)."),
    ] = None,
    has_target: Annotated[
        bool, typer.Option("--has-target", help="Only tasks with a quantified target.")
    ] = False,
    direct: Annotated[
        bool, typer.Option("--direct", help="Only bodies named in the cell, not via groups.")
    ] = False,
    short: Annotated[bool, typer.Option("--short", help="Cut task text to one line.")] = False,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """List tasks, filtered by department, section, topic, text or target.

    Repeated values of one filter are OR; different filters are AND. A district also
    matches tasks assigned to 各区 (via 各区) and to 相关区/有关区 (possibly concerned);
    --direct keeps direct matches only.

    Example: fenggong list --lead 市教委 --section 三
    """
    catalog = active_catalog(ctx)
    resolver = Resolver(catalog.departments)
    filters = Filters(
        lead=resolve_departments(resolver, lead or []),
        support=resolve_departments(resolver, support or []),
        dept=resolve_departments(resolver, dept or []),
        sections=tuple(dict.fromkeys(resolve_section(catalog, s) for s in section or [])),
        topics=tuple(dict.fromkeys(resolve_topic(catalog, t) for t in topic or [])),
        grep=tuple(grep or []),
        has_target=has_target,
        direct=direct,
    )
    emit(task_list(catalog, select_tasks(catalog, filters), filters), fmt, short)


def show(
    ctx: typer.Context,
    ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID...",
            help="Task ids, lists and ranges: 47, 1,4-10.",
            autocompletion=complete.task_ids,
        ),
    ],
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Show tasks in full: section, topic, text, departments with full names, targets.

    Example: fenggong show 47
    """
    catalog = active_catalog(ctx)
    emit(task_cards(catalog, parse_ids(ids, catalog)), fmt)


def targets(
    ctx: typer.Context,
    include_all: Annotated[
        bool, typer.Option("--all", help="Add the qualitative 十四五 goals.")
    ] = False,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """List the plan's quantified 十四五 targets: metric, value, quantity, qualifier, lead.

    Example: fenggong targets --format json
    """
    emit(target_list(active_catalog(ctx), include_all), fmt)


def search(
    ctx: typer.Context,
    terms: Annotated[
        list[str], typer.Argument(metavar="TERM...", help="Words that must all occur.")
    ],
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Search task text and topic and section titles, best matches first.

    Example: fenggong search 数字技能
    """
    catalog = active_catalog(ctx)
    emit(search_results(catalog, search_tasks(catalog, terms), terms), fmt)


def register(app: typer.Typer) -> None:
    app.command("list")(list_tasks)
    app.command()(show)
    app.command()(targets)
    app.command()(search)
