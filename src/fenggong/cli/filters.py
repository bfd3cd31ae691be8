"""The task filter options shared by ``list`` and ``export``, and turning them into Filters."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import complete
from fenggong.messages import N_, _

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.query.library import Library
    from fenggong.query.select import Filters, Hit

Plan = Annotated[
    list[str] | None,
    typer.Option(
        "--plan",
        "-p",
        metavar="KEY",
        help=N_("Only the plan KEY of a library (repeatable); fenggong plans lists the keys."),
        autocompletion=complete.plans,
    ),
]
Issuer = Annotated[
    list[str] | None,
    typer.Option(
        "--issuer",
        metavar="NAME",
        help=N_("Only plans NAME issued (repeatable)."),
        autocompletion=complete.departments,
    ),
]
Year = Annotated[
    list[int] | None,
    typer.Option("--year", metavar="YYYY", help=N_("Only plans dated in YYYY (repeatable).")),
]

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
        help=N_("Section: its number (1–9 in the bundled plan), numeral (一…九), or title."),
        autocompletion=complete.sections,
    ),
]
Topic = Annotated[
    list[str] | None,
    typer.Option(
        "--topic",
        metavar="T",
        help=N_("Topic: its number (1–37 in the bundled plan), numeral, or title."),
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


def across(
    library: Library,
    plans: tuple[list[str] | None, list[str] | None, list[int] | None],
    lead: list[str] | None,
    support: list[str] | None,
    dept: list[str] | None,
    section: list[str] | None,
    topic: list[str] | None,
    grep: list[str] | None,
    has_target: bool,
    direct: bool,
    how: list[HowChoice] | None = None,
) -> tuple[Library, list[tuple[Catalog, Filters]]]:
    """The plans chosen (--plan, --issuer, --year) and, for each that can answer, the
    filters in its own names. A library of one plan reads names as a plan alone does;
    across several, a name is read once over all their bodies (a name two jurisdictions
    define is ambiguous unless narrowed), and a plan that does not know a body a filter
    names, or has no section or topic asked for, is left out."""
    from fenggong.cli.naming import tell
    from fenggong.errors import LookupFailedError
    from fenggong.matching import How
    from fenggong.query.select import Filters, resolve_section, resolve_topic

    key, issuer, year = plans
    chosen = library.narrowed(key or (), issuer or (), year or ())
    if chosen is not library:
        outside(library, chosen, [*(lead or []), *(support or []), *(dept or [])])
    if chosen.single:
        catalog = chosen.first
        found = build(catalog, lead, support, dept, section, topic, grep, has_target, direct, how)
        return chosen, [(catalog, found)]
    readings = {
        role: chosen.read(typed or [])
        for role, typed in (("lead", lead), ("support", support), ("dept", dept))
    }
    bodies = {
        role: list(dict.fromkeys(chosen.body_of(r.name) for x in found for r in x.names))
        for role, found in readings.items()
    }
    ways = tuple(sorted({How[h.name] for h in [*(how or []), *([HowChoice.DIRECT] * direct)]}))
    answering: list[tuple[Catalog, Filters]] = []
    missed: LookupFailedError | None = None
    for catalog in chosen.catalogs:
        names = {role: chosen.names_in(catalog, wanted) for role, wanted in bodies.items()}
        if any(bodies[role] and not names[role] for role in names):
            continue  # the plan names none of the bodies this filter asks for
        try:
            sections = tuple(dict.fromkeys(resolve_section(catalog, s) for s in section or []))
            topics = tuple(dict.fromkeys(resolve_topic(catalog, t) for t in topic or []))
        except LookupFailedError as err:
            missed = missed or err
            continue
        answering.append(
            (
                catalog,
                Filters(
                    lead=names["lead"],
                    support=names["support"],
                    dept=names["dept"],
                    sections=sections,
                    topics=topics,
                    grep=tuple(grep or []),
                    has_target=has_target,
                    how=ways,
                ),
            )
        )
    if not answering and missed is not None:
        raise missed
    tell(r for found in readings.values() for r in found)
    return chosen, answering


def answered(
    library: Library,
    plans: tuple[list[str] | None, list[str] | None, list[int] | None],
    lead: list[str] | None,
    support: list[str] | None,
    dept: list[str] | None,
    section: list[str] | None,
    topic: list[str] | None,
    grep: list[str] | None,
    has_target: bool,
    direct: bool,
    how: list[HowChoice] | None = None,
) -> tuple[Library, list[tuple[Catalog, list[Hit], Filters]]]:
    """The plans chosen and, in each that can answer, the tasks the filters select
    (``list`` and ``targets``): ``across``, its ``--how`` checked, then ``select``."""
    from fenggong.query.select import select

    chosen, parts = across(
        library, plans, lead, support, dept, section, topic, grep, has_target, direct, how
    )
    for _catalog, found in parts:
        needs_department(found)
    return chosen, [(c, select(c, f), f) for c, f in parts]


def outside(library: Library, chosen: Library, typed: list[str]) -> None:
    """A name no plan chosen knows, though others of the library do, is said as such:
    "unknown", with a look-alike of the chosen plans as the fix, would mislead."""
    from fenggong.errors import LookupFailedError
    from fenggong.messages import listed

    for text in typed:
        try:
            chosen.read([text])
        except LookupFailedError:
            try:
                bodies = library.bodies(text)
            except LookupFailedError:
                raise  # unknown in the whole library too: the chosen plans' error stands
            keys = [c.key for c in library.catalogs if library.names_in(c, bodies)]
            raise LookupFailedError(
                _("{name} is named in no plan chosen").format(name=text),
                hint=_("it is named in {keys}; choose one of them with --plan").format(
                    keys=listed(keys)
                ),
            ) from None
