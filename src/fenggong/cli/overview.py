"""``fenggong outline`` and ``fenggong matrix``: the whole table at a glance."""

from enum import StrEnum
from typing import Annotated

import typer

from fenggong.cli import filters
from fenggong.cli.context import library as active_library
from fenggong.cli.output import FormatOption, emit
from fenggong.errors import UsageError
from fenggong.messages import N_, _
from fenggong.render.formats import Format


def outline(
    ctx: typer.Context,
    plan: filters.Plan = None,
    issuer: filters.Issuer = None,
    year: filters.Year = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.views.overview import outline_across

    library = active_library(ctx).narrowed(plan or (), issuer or (), year or ())
    emit(outline_across(library), fmt)


class By(StrEnum):
    SECTION = "section"
    PLAN = "plan"


def matrix(
    ctx: typer.Context,
    by: Annotated[
        By,
        typer.Option(
            "--by",
            case_sensitive=False,
            help=N_(
                "The columns: the plan's sections, or the plans of a library (departments × plans)."
            ),
        ),
    ] = By.SECTION,
    plan: filters.Plan = None,
    issuer: filters.Issuer = None,
    year: filters.Year = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.views.overview import matrix_view, plan_matrix_view

    library = active_library(ctx).narrowed(plan or (), issuer or (), year or ())
    if by is By.PLAN:
        emit(plan_matrix_view(library), fmt)
        return
    # Each plan has sections of its own: their columns cannot be laid side by side.
    if not library.single:
        raise UsageError(
            _("matrix --by section reads one plan's sections, and {count} plans are chosen").format(
                count=len(library.catalogs)
            ),
            hint=_("use --by plan for departments × plans, or --plan KEY for one of {keys}").format(
                keys=", ".join(library.by_key)
            ),
        )
    emit(matrix_view(library.first), fmt)


COMMANDS = {"outline": outline, "matrix": matrix}
HELP = {
    "outline": N_(
        "The table as a tree: sections → topics → tasks, with counts.\n\n"
        "Across the plans of a library, a tree per plan.\n\nExample: fenggong outline"
    ),
    "matrix": N_(
        "Departments × sections: lead/support counts in each cell (a RACI view).\n\n"
        "With --by plan, departments × the plans of a library, whose sections differ.\n\n"
        "Example: fenggong matrix --format csv > matrix.csv  (or: fenggong matrix --by plan)"
    ),
}
