"""The Typer application, its global options, and the one place user errors are caught."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from fenggong import __version__
from fenggong.cli import console
from fenggong.errors import FenggongError


class _Group(TyperGroup):
    """Turns every FenggongError into a message on stderr and its exit code: no traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FenggongError as err:
            console.report_error(err)
            raise typer.Exit(err.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="fenggong",
    help=(
        "Query, check and publish the Shanghai 分工表 of the 十四五 vocational skills "
        "training plan (沪人社职〔2022〕256号).\n\n"
        "Example: fenggong list --lead 市教委"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fenggong {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="Dataset file to use (default: $FENGGONG_DATA, else the bundled 分工表).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = {"data": data}


def _register() -> None:
    from fenggong.cli import departments, diff, export, overview, schema, tasks, validate

    for module in (tasks, departments, overview, export, validate, diff, schema):
        module.register(app)


_register()


def main() -> None:
    app(prog_name="fenggong")
