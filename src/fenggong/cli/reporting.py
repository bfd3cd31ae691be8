"""What the ``report`` commands read: the period, the plans' scope, the body a form is for
(never a group), and the 台账 beside the plan the user chose."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli.context import data_option
from fenggong.cli.naming import tell
from fenggong.errors import UsageError
from fenggong.messages import N_, _, listed, ngettext
from fenggong.names import one_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from fenggong.checks.scope import Scope
    from fenggong.forms import Returned
    from fenggong.model import Department, Entry
    from fenggong.periods import ReportingPeriod
    from fenggong.query.library import Library
    from fenggong.store.ledger import Ledgers

Period = Annotated[
    str,
    typer.Option(
        "--period",
        metavar="PERIOD",
        help=N_("The reporting period: 2026-03, 2026-Q1, 2026-H1, 2026."),
    ),
]


def ledger_folder(ctx: typer.Context) -> Path:
    """Where collect writes: the progress/ folder beside the plan the user chose. Never
    beside the bundled dataset, which no one chose (inside a wheel, in site-packages)."""
    from fenggong.store import datapath
    from fenggong.store.ledger import folder_of

    chosen = datapath.choose(data_option(ctx))
    if chosen.origin is datapath.Origin.BUNDLED:
        raise UsageError(
            _("no plan named: the 台账 would be written beside the bundled dataset, {path}").format(
                path=one_line(str(chosen.path))
            ),
            hint=_(
                "copy it to data/tasks.yaml in a folder of your own and collect there, "
                "or name the plan with --data PATH"
            ),
        )
    return folder_of(chosen.path)


def period_of(text: str) -> "ReportingPeriod":
    from fenggong.periods import parse_period, suggest

    span = parse_period(text)
    if span is None:
        loose = suggest(text)
        raise UsageError(
            _("--period {period} is not a reporting period").format(period=repr(text)),
            hint=_("write --period {period}").format(period=loose)
            if loose
            else _("a period is a month, quarter, half or year: 2026-03, 2026-Q1, 2026-H1, 2026"),
        )
    return span


def scope_of(library: "Library") -> "Scope":
    from fenggong.checks.scope import Scope

    if library.folder is None:
        return Scope.of_dataset(library.first.dataset)
    return Scope([(c.key, c.dataset) for c in library.catalogs], library.digest)


def body_of(library: "Library", typed: str) -> str:
    from fenggong.resolve import Resolver

    if library.single:
        reading = Resolver(library.first.departments).read(typed)
    else:
        reading = library.read([typed])[0]
    if reading.is_list:
        raise UsageError(
            _("a form is for one body, and {name} names {count}").format(
                name=typed, count=len(reading.names)
            ),
            hint=_("make one with --dept for each, or --each-dept"),
        )
    tell([reading])
    return reading.names[0].name


def group_of(scope: "Scope", name: str) -> "Department | None":
    """The group (统称) ``name`` is in the plans, or None when it is a body."""
    from fenggong.model import DeptKind

    for plan in scope.plans.values():
        found = plan.departments.get(name)
        if found is not None and found.kind is DeptKind.GROUP:
            return found
    return None


def refuse_group(scope: "Scope", name: str) -> None:
    group = group_of(scope, name)
    if group is None:
        return
    if group.members:
        hint = _("its members report, each on its own form: --dept {member}, or --each-dept")
        hint = hint.format(member=group.members[0])
    else:
        # Each body of its scope has the group's tasks on its own form, marked as the
        # form marks them (query.forms.rows); one is named, as the members' hint names one.
        scope_kinds = set(group.scope or ())
        near = [
            n
            for plan in scope.plans.values()
            for n, d in plan.departments.items()
            if d.kind in scope_kinds
        ]
        hint = _(
            "the bodies it may stand for report on their own forms, where its tasks are "
            "marked {mark}: --dept {body}, or --each-dept"
        ).format(mark=f"可能涉及（经由“{name}”）", body=near[0] if near else "NAME")
    raise UsageError(
        _("{name} is a group (统称), not a body that fills in a form").format(name=name),
        hint=hint,
    )


def ledgers_of(ctx: typer.Context, scope: "Scope") -> "Ledgers | None":
    from fenggong.store import datapath
    from fenggong.store.ledger import folder_of, load

    folder = folder_of(datapath.active(data_option(ctx)))
    return load(folder, scope) if folder.is_dir() else None


def prefilled_note(form: "Returned", unchanged: list[str]) -> str:
    """What collect says of the rows a form sent back exactly as they were pre-filled."""
    return ngettext(
        "{file}: {count} row came back as it was pre-filled, last period's "
        "answers, and is not taken as a report of {period} (task {tasks}); a body "
        "that means it again writes this period's 进展情况",
        "{file}: {count} rows came back as they were pre-filled, last period's "
        "answers, and are not taken as reports of {period} (tasks {tasks}); a body "
        "that means them again writes this period's 进展情况",
        len(unchanged),
    ).format(
        file=one_line(form.file),
        count=len(unchanged),
        period=form.period,
        tasks=listed(_first([one_line(t) for t in unchanged])),
    )


SHOWN = 20  # tasks a note names before it counts the rest: a form of 3,000 rows came back


def _first(names: list[str]) -> list[str]:
    if len(names) <= SHOWN:
        return names
    rest = len(names) - SHOWN
    return [*names[:SHOWN], _("{count} more").format(count=rest)]


def cells_of(form: "Returned") -> "Callable[[Entry], Callable[[str], str]]":
    """For each report of the form, where the form holds each of its fields (its cell, on
    the task's first row), as a conflict names it."""
    from fenggong.forms import ANSWER_FIELDS, STATUS_COLUMN, where

    first: dict[str, int] = {}
    for line in reversed(form.lines):
        first[line.task] = line.row
    columns = {name: STATUS_COLUMN + index for index, name in enumerate(ANSWER_FIELDS)}

    def of(entry: "Entry") -> "Callable[[str], str]":
        row = first.get(str(entry.task))

        def cell(field: str) -> str:
            return form.file if row is None else where(form.file, row, columns[field])

        return cell

    return of
