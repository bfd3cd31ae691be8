"""The task filter options shared by ``list``, ``targets``, ``export``, ``status``, ``due``
and ``overdue``, declared once, and turning them into Filters."""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from fenggong.cli import complete
from fenggong.messages import N_, _

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.matching import How
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


@dataclasses.dataclass(frozen=True)
class Chosen:
    """The filters typed on a command line, as one value: what ``filtered`` hands a command."""

    plan: list[str] | None = None
    issuer: list[str] | None = None
    year: list[int] | None = None
    lead: list[str] | None = None
    support: list[str] | None = None
    dept: list[str] | None = None
    section: list[str] | None = None
    topic: list[str] | None = None
    grep: list[str] | None = None
    has_target: bool = False
    direct: bool = False
    how: list[HowChoice] | None = None

    @property
    def ways(self) -> tuple[How, ...]:
        """How a department filter may reach a body: --how, and --direct."""
        from fenggong.matching import How

        typed = [*(self.how or []), *([HowChoice.DIRECT] * self.direct)]
        return tuple(sorted({How[h.name] for h in typed}))


ALL = Chosen()  # a filtered command's default: no filter

# Each filter option, in the order --help lists them, with its type and default.
_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("plan", Plan, None),
    ("issuer", Issuer, None),
    ("year", Year, None),
    ("lead", Lead, None),
    ("support", Support, None),
    ("dept", Dept, None),
    ("section", Section, None),
    ("topic", Topic, None),
    ("grep", Grep, None),
    ("has_target", HasTarget, False),
    ("direct", Direct, False),
    ("how", HowOption, None),
)

F = TypeVar("F", bound=Callable[..., Any])


def filtered(*, has_target: bool = True) -> Callable[[F], F]:
    """A command that takes every filter of ``list``: its parameter ``chosen: Chosen`` is
    shown to Typer as the filter options, in its place, and given back as one ``Chosen``.

    ``has_target=False`` leaves out ``--has-target`` (``targets`` lists only goals)."""
    options = [o for o in _OPTIONS if has_target or o[0] != "has_target"]

    def wrap(command: F) -> F:
        signature = inspect.signature(command, eval_str=True)
        at = list(signature.parameters).index("chosen")
        params = list(signature.parameters.values())
        typed = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind
            )
            for name, kind, default in options
        ]
        shown = [
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
            for p in (*params[:at], *typed, *params[at + 1 :])
        ]

        @functools.wraps(command)
        def run(**given: Any) -> Any:
            chosen = Chosen(**{name: given.pop(name) for name, _kind, _default in options})
            return command(**given, chosen=chosen)

        run.__signature__ = signature.replace(parameters=shown)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in shown}
        return run  # type: ignore[return-value]

    return wrap


def build(catalog: Catalog, chosen: Chosen) -> Filters:
    """The filters in one plan's own names."""
    from fenggong.cli.naming import tell
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
        for role, typed in (
            ("lead", chosen.lead),
            ("support", chosen.support),
            ("dept", chosen.dept),
        )
    }
    found = Filters(
        lead=names_read(readings["lead"]),
        support=names_read(readings["support"]),
        dept=names_read(readings["dept"]),
        sections=tuple(dict.fromkeys(resolve_section(catalog, s) for s in chosen.section or [])),
        topics=tuple(dict.fromkeys(resolve_topic(catalog, t) for t in chosen.topic or [])),
        grep=tuple(chosen.grep or []),
        has_target=chosen.has_target,
        how=chosen.ways,
    )
    # How a name was read, said once filters are known to be valid: a list, a guess.
    tell(r for found in readings.values() for r in found)
    return found


def needs_department(chosen: Filters, hint: str | None = None) -> None:
    """``--how`` and ``--direct`` say how a department filter reaches a body: without one
    they would change nothing, and are refused rather than ignored."""
    from fenggong.errors import UsageError

    if chosen.how and not chosen.by_department:
        raise UsageError(
            _("--how and --direct choose how a department filter reaches a body"),
            hint=hint or _("add --dept, --lead or --support NAME"),
        )


def across(library: Library, chosen: Chosen) -> tuple[Library, list[tuple[Catalog, Filters]]]:
    """The plans chosen (--plan, --issuer, --year) and, for each that can answer, the
    filters in its own names. A library of one plan reads names as a plan alone does;
    across several, a name is read once over all their bodies (a name two jurisdictions
    define is ambiguous unless narrowed), and a plan that does not know a body a filter
    names, or has no section or topic asked for, is left out."""
    from fenggong.cli.naming import tell
    from fenggong.errors import LookupFailedError
    from fenggong.query.select import Filters, resolve_section, resolve_topic

    typed = {"lead": chosen.lead, "support": chosen.support, "dept": chosen.dept}
    plans = library.narrowed(chosen.plan or (), chosen.issuer or (), chosen.year or ())
    if plans is not library:
        outside(library, plans, [name for names in typed.values() for name in names or []])
    if plans.single:
        return plans, [(plans.first, build(plans.first, chosen))]
    readings = {role: plans.read(names or []) for role, names in typed.items()}
    bodies = {
        role: list(dict.fromkeys(plans.body_of(r.name) for x in found for r in x.names))
        for role, found in readings.items()
    }
    answering: list[tuple[Catalog, Filters]] = []
    missed: LookupFailedError | None = None
    for catalog in plans.catalogs:
        names = {role: plans.names_in(catalog, wanted) for role, wanted in bodies.items()}
        if any(bodies[role] and not names[role] for role in names):
            continue  # the plan names none of the bodies this filter asks for
        try:
            sections = tuple(
                dict.fromkeys(resolve_section(catalog, s) for s in chosen.section or [])
            )
            topics = tuple(dict.fromkeys(resolve_topic(catalog, t) for t in chosen.topic or []))
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
                    grep=tuple(chosen.grep or []),
                    has_target=chosen.has_target,
                    how=chosen.ways,
                ),
            )
        )
    if not answering and missed is not None:
        raise missed
    tell(r for found in readings.values() for r in found)
    return plans, answering


def answered(
    library: Library, chosen: Chosen
) -> tuple[Library, list[tuple[Catalog, list[Hit], Filters]]]:
    """The plans chosen and, in each that can answer, the tasks the filters select
    (``list``, ``targets``, ``status``): ``across``, its ``--how`` checked, then ``select``."""
    from fenggong.query.select import select

    plans, parts = across(library, chosen)
    for _catalog, found in parts:
        needs_department(found)
    return plans, [(c, select(c, f), f) for c, f in parts]


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
