"""``fenggong validate``: check dataset files and library folders, reporting every problem."""

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
            metavar="[PATH]...",
            help=N_("Dataset files or library folders (default: the active dataset)."),
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
    from fenggong.checks.report import REPORTERS, Checked, failed
    from fenggong.cli.progress import reading
    from fenggong.store import validating

    targets = [validating.named(p) for p in paths] if paths else [announced(ctx)]
    reports: list[Checked] = []
    for path in targets:
        with reading(path) as progress:
            # A plan file or a library and the 台账 beside it; a lights.yaml, a registry,
            # a period file or a progress/ folder as what it is (store.validating).
            reports += validating.check(path, progress)
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
        "Check datasets and libraries and report every problem in them.\n\n"
        "Each problem names its file:line:column, its path in the data, a rule id (FG001 …) "
        "and a hint. A folder is a library: each of its files is checked, then the plans "
        "together (keys, bodies, jurisdictions), with a summary line for each file and one "
        "for the library; a folder of one plan file and no registry.yaml is that plan. "
        "A plan's 台账 (progress/) and lights.yaml beside it are checked with it; given "
        "alone, a lights.yaml or registry.yaml is checked as one, and a 台账 period file "
        "or progress/ folder against the plans beside it. "
        "Exit status: 0 valid, 1 invalid (or warnings with --strict), "
        "2 usage error (such as a missing file).\n\n"
        "Example: fenggong validate --format github data/tasks.yaml"
    )
}
