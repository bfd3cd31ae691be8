"""``fenggong depts`` (alias ``departments``): the index by load, or one body's 责任清单."""

from typing import Annotated

import typer

from fenggong.cli import complete
from fenggong.cli.context import catalog as active_catalog
from fenggong.cli.naming import tell
from fenggong.cli.output import FormatOption, emit
from fenggong.errors import UsageError
from fenggong.messages import N_, _, listed
from fenggong.render.formats import Format


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
    fmt: FormatOption = Format.TABLE,
) -> None:
    from fenggong.query.counts import workload
    from fenggong.resolve import Resolver
    from fenggong.views.departments import dept_chart, dept_index, dept_sheet

    catalog = active_catalog(ctx)
    if chart:
        emit(dept_chart(catalog, workload(catalog)), fmt)
        return
    if name is None:
        emit(dept_index(catalog, workload(catalog)), fmt)
        return
    reading = Resolver(catalog.departments).read(name)
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
    tell([reading])
    emit(dept_sheet(catalog, reading.names[0].name), fmt)


COMMANDS = {"depts": depts, "departments": depts}
_HELP = N_(
    "Every department by load, or one department's 责任清单 (what it leads and supports)."
    "\n\nExample: fenggong depts 市教委 --format markdown  (or: fenggong depts --chart)"
)
HELP = {"depts": _HELP, "departments": _HELP}
