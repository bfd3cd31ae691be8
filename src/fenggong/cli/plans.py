"""``fenggong plans``: the plans of the library, with their keys and counts."""

import typer

from fenggong.cli import filters
from fenggong.cli.context import library as active_library
from fenggong.cli.output import FormatOption, emit
from fenggong.messages import N_
from fenggong.render.formats import Format


def plans(
    ctx: typer.Context,
    plan: filters.Plan = None,
    issuer: filters.Issuer = None,
    year: filters.Year = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.views.plans import plan_list

    library = active_library(ctx).narrowed(plan or (), issuer or (), year or ())
    emit(plan_list(library, library.files), fmt)


COMMANDS = {"plans": plans}
HELP = {
    "plans": N_(
        "List the plans of the library: key, title, document number, date, issuers, "
        "jurisdiction, and how many tasks, departments and quantified targets each has.\n\n"
        "A folder given with --data (or $FENGGONG_DATA) is a library: every plan file in "
        "it, with its registry.yaml; a file is a library of one plan.\n\n"
        "Example: fenggong plans --data examples/library"
    ),
}
