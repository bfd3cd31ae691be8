"""``fenggong validate``: check dataset files and report every problem in them."""

from typing import Annotated

import typer

from fenggong.checks.report import ReportFormat
from fenggong.cli import console
from fenggong.cli.console import Mode
from fenggong.cli.context import announced
from fenggong.messages import N_


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...", help=N_("Dataset files (default: the active dataset).")
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help=N_("text for people, github for workflow annotations, json for tools."),
        ),
    ] = ReportFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help=N_("Fail on warnings too."))] = False,
) -> None:
    from fenggong.checks.report import REPORTERS, failed
    from fenggong.store import datapath, loader

    targets = [datapath.active(p) for p in paths] if paths else [announced(ctx)]
    from fenggong.cli.progress import reading

    reports = []
    for path in targets:
        with reading(path) as progress:
            reports.append(loader.check(path, progress))
    output = REPORTERS[fmt](reports, strict)
    if output.err:
        console.err(output.err, nl=False)
    if output.out:
        console.out(output.out, Mode.JSON if fmt is ReportFormat.JSON else Mode.PEOPLE, nl=False)
    if any(failed(r, strict) for r in reports):
        raise typer.Exit(1)


COMMANDS = {"validate": validate}
HELP = {
    "validate": N_(
        "Check dataset files and report every problem in them.\n\n"
        "Each problem names its file:line:column, its path in the data, a rule id (FG001 …) "
        "and a hint. Exit status: 0 valid, 1 invalid (or warnings with --strict), 2 usage "
        "error (such as a missing file).\n\n"
        "Example: fenggong validate --format github data/tasks.yaml"
    )
}
