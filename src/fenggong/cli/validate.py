"""``fenggong validate``: check a dataset file and report every problem in it."""

from __future__ import annotations

from typing import Annotated

import typer

from fenggong import datapath, loader
from fenggong.catalog import Catalog
from fenggong.cli import console
from fenggong.cli.context import data_option


def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(metavar="[PATH]", help="Dataset file (default: the active dataset)."),
    ] = None,
) -> None:
    """Check a dataset file and report every problem in it.

    Each problem names its file:line:column, its path in the data, a rule id and a hint.
    Exit status: 0 valid, 1 invalid, 2 usage error (such as a missing file).

    Example: fenggong validate data/tasks.yaml
    """
    target = datapath.active(path or data_option(ctx))
    report = loader.check(target)
    for problem in report.problems:
        console.err(console.problem_line(problem))
    if report.dataset is None:
        count = len(report.errors)
        console.err(f"{target}: invalid, {count} error{'s' if count != 1 else ''}")
        raise typer.Exit(1)
    s = Catalog(report.dataset).summary()
    console.out(
        f"{target}: valid — {s['tasks']} tasks, {s['sections']} sections, "
        f"{s['topics']} topics, {s['departments']} departments, "
        f"{s['targets']} targets ({s['quantified']} quantified)"
    )


def register(app: typer.Typer) -> None:
    app.command()(validate)
