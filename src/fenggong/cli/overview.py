"""``fenggong outline`` and ``fenggong matrix``: the whole table at a glance."""

import typer

from fenggong.cli.context import catalog as active_catalog
from fenggong.cli.output import FormatOption, emit
from fenggong.messages import N_
from fenggong.render.formats import Format


def outline(ctx: typer.Context, fmt: FormatOption = Format.TABLE) -> None:
    from fenggong.views.overview import outline as outline_view

    emit(outline_view(active_catalog(ctx)), fmt)


def matrix(ctx: typer.Context, fmt: FormatOption = Format.TABLE) -> None:
    from fenggong.views.overview import matrix_view

    emit(matrix_view(active_catalog(ctx)), fmt)


COMMANDS = {"outline": outline, "matrix": matrix}
HELP = {
    "outline": N_(
        "The table as a tree: sections → topics → tasks, with counts.\n\nExample: fenggong outline"
    ),
    "matrix": N_(
        "Departments × sections: lead/support counts in each cell (a RACI view).\n\n"
        "Example: fenggong matrix --format csv > matrix.csv"
    ),
}
