"""The task filter options shared by ``list`` and ``export``, and turning them into Filters."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import complete
from fenggong.messages import N_, _

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.query.select import Filters

Lead = Annotated[
    list[str] | None,
    typer.Option(
        "--lead",
        "-l",
        metavar="NAME",
        help=N_("Led by NAME (name, alias or pinyin: sjw)."),
        autocompletion=complete.departments,
    ),
]
Support = Annotated[
    list[str] | None,
    typer.Option(
        "--support",
        "-s",
        metavar="NAME",
        help=N_("Supported by NAME."),
        autocompletion=complete.departments,
    ),
]
Dept = Annotated[
    list[str] | None,
    typer.Option(
        "--dept",
        "-d",
        metavar="NAME",
        help=N_("NAME leads or supports."),
        autocompletion=complete.departments,
    ),
]
Section = Annotated[
    list[str] | None,
    typer.Option(
        "--section",
        metavar="S",
        help=N_("Section: 1–9, 一…九, or part of its title."),
        autocompletion=complete.sections,
    ),
]
Topic = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        metavar="T",
        help=N_("Topic: 1–37, its numeral, or part of its title."),
        autocompletion=complete.topics,
    ),
]
Grep = Annotated[
    list[str] | None,
    typer.Option("--grep", "-g", metavar="TEXT", help=N_("Task text contains TEXT (all must).")),
]
HasTarget = Annotated[
    bool, typer.Option("--has-target", help=N_("Only tasks with a quantified target."))
]
Direct = Annotated[bool, typer.Option("--direct", help=N_("Shorthand for --how direct."))]


class HowChoice(StrEnum):
    DIRECT = "direct"
    GROUP = "group"
    POSSIBLE = "possible"


HowOption = Annotated[
    list[HowChoice] | None,
    typer.Option(
        "--how",
        metavar="HOW",
        help=N_(
            "How a department filter reaches a body: direct (named in the cell), group "
            "(through 各区 naming it), possible (through 相关区 and the like); repeatable."
        ),
        case_sensitive=False,
    ),
]


def build(
    catalog: Catalog,
    lead: list[str] | None,
    support: list[str] | None,
    dept: list[str] | None,
    section: list[str] | None,
    topic: list[str] | None,
    grep: list[str] | None,
    has_target: bool,
    direct: bool,
    how: list[HowChoice] | None = None,
) -> Filters:
    from fenggong.cli.naming import tell
    from fenggong.matching import How
    from fenggong.query.select import (
        Filters,
        names_read,
        read_departments,
        resolve_section,
        resolve_topic,
    )
    from fenggong.resolve import Resolver

    resolver = Resolver(catalog.departments)
    readings = {
        role: read_departments(resolver, typed or [])
        for role, typed in (("lead", lead), ("support", support), ("dept", dept))
    }
    chosen = Filters(
        lead=names_read(readings["lead"]),
        support=names_read(readings["support"]),
        dept=names_read(readings["dept"]),
        sections=tuple(dict.fromkeys(resolve_section(catalog, s) for s in section or [])),
        topics=tuple(dict.fromkeys(resolve_topic(catalog, t) for t in topic or [])),
        grep=tuple(grep or []),
        has_target=has_target,
        how=tuple(sorted({How[h.name] for h in [*(how or []), *([HowChoice.DIRECT] * direct)]})),
    )
    # How a name was read, said once filters are known to be valid: a list, a guess.
    tell(r for found in readings.values() for r in found)
    return chosen


def needs_department(chosen: Filters, hint: str | None = None) -> None:
    """``--how`` and ``--direct`` say how a department filter reaches a body: without one
    they would change nothing, and are refused rather than ignored."""
    from fenggong.errors import UsageError

    if chosen.how and not chosen.by_department:
        raise UsageError(
            _("--how and --direct choose how a department filter reaches a body"),
            hint=hint or _("add --dept, --lead or --support NAME"),
        )
