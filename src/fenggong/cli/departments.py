"""``fenggong depts`` (alias ``departments``): the index by load, or one body's 责任清单."""

from typing import Annotated

import typer

from fenggong.cli import complete, filters
from fenggong.cli.context import library as active_library
from fenggong.cli.naming import tell
from fenggong.cli.output import FormatOption, emit
from fenggong.errors import UsageError
from fenggong.messages import N_, _, listed
from fenggong.render.formats import Format
from fenggong.resolve import Reading


def depts(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[NAME]",
            help=N_("A department: name, alias, full name or pinyin (sjw)."),
            autocompletion=complete.departments,
        ),
    ] = None,
    chart: Annotated[
        bool, typer.Option("--chart", help=N_("A bar chart of lead and support load."))
    ] = False,
    plan: filters.Plan = None,
    issuer: filters.Issuer = None,
    year: filters.Year = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.query.counts import library_workload, workload
    from fenggong.resolve import Resolver
    from fenggong.views import departments as one
    from fenggong.views import departments_across as across

    library = active_library(ctx).narrowed(plan or (), issuer or (), year or ())
    # One plan, a file or a library of one, is answered as a plan file always was.
    catalog = library.first if library.single else None
    if chart or name is None:  # the chart, asked for, is drawn whatever the name
        if catalog is not None:
            view = one.dept_chart if chart else one.dept_index
            emit(view(catalog, workload(catalog)), fmt)
        else:
            summed = library_workload(library)
            emit((across.dept_chart if chart else across.dept_index)(library, summed), fmt)
        return
    if catalog is not None:
        reading = Resolver(catalog.departments).read(name)
    else:
        reading = library.read([name])[0]
    _one_name(name, reading)
    tell([reading])
    found = reading.names[0].name
    if catalog is not None:
        emit(one.dept_sheet(catalog, found), fmt)
    else:
        emit(across.dept_sheet(library, found), fmt)


def _one_name(name: str, reading: Reading) -> None:
    if reading.is_list:
        typed = [r.typed for r in reading.names]
        raise UsageError(
            _("depts shows one department, and {name} names {count}: {names}").format(
                name=name, count=len(typed), names=listed(typed)
            ),
            hint=_("ask for each in turn, or for all at once: fenggong list {options}").format(
                options=" ".join(f"--dept {t}" for t in typed)
            ),
        )


COMMANDS = {"depts": depts, "departments": depts}
_HELP = N_(
    "Every department by load, or one department's 责任清单 (what it leads and supports)."
    "\n\nAcross the plans of a library, a body's 责任清单 is grouped by plan, with the "
    "counts of each plan and of all; the index counts each body once over the plans. "
    "--plan, --issuer and --year narrow the plans."
    "\n\nExample: fenggong depts 市教委 --format markdown  (or: fenggong depts --chart)"
)
HELP = {"depts": _HELP, "departments": _HELP}
