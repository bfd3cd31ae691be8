"""``fenggong diff``: what an edit changes in who is responsible for what."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import console
from fenggong.cli.console import Mode
from fenggong.cli.context import announced
from fenggong.diff.report import DiffFormat
from fenggong.messages import N_, _

if TYPE_CHECKING:
    from fenggong.model import Dataset


def diff(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None, typer.Argument(metavar="[OLD NEW]", help=N_("Two dataset files."))
    ] = None,
    git: Annotated[
        str | None,
        typer.Option(
            "--git",
            metavar="REV[..REV2]",
            help=N_("Compare the dataset at REV with the working copy, or at REV with REV2."),
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", case_sensitive=False, help=N_("text, markdown or json.")),
    ] = DiffFormat.TEXT,
) -> None:
    from fenggong.diff.compare import compare
    from fenggong.diff.report import DIFF_RENDERERS

    old, new = _inputs(ctx, paths or [], git)
    changes = compare(old, new)
    mode = Mode.JSON if fmt is DiffFormat.JSON else Mode.PEOPLE
    console.out(DIFF_RENDERERS[fmt](changes), mode, nl=False)
    if not changes.empty:
        raise typer.Exit(1)


def _inputs(ctx: typer.Context, paths: list[str], git: str | None) -> "tuple[Dataset, Dataset]":
    from fenggong.errors import DataError, InputError, UsageError
    from fenggong.store import datapath, loader

    try:
        if git is None:
            if len(paths) != 2:
                raise UsageError(
                    _("diff needs two files, or --git REV"),
                    hint=_("compare two files: fenggong diff old.yaml new.yaml"),
                )
            return loader.load(Path(paths[0])), loader.load(Path(paths[1]))
        if len(paths) > 1:
            raise UsageError(_("with --git, name at most one dataset file"))
        path = datapath.active(paths[0]) if paths else announced(ctx)
        # REV, REV1..REV2, or REV1...REV2 (from where the two branches part, as git does).
        three = "..." in git
        first, _sep, second = git.partition("..." if three else "..")
        if not first or (three and not second):
            raise UsageError(
                _("{revisions} names no revision").format(revisions=git),
                hint=_("--git main or --git v1..v2"),
            )
        if three:
            from fenggong.store.source import merge_base

            first = merge_base(first, second, path)
        old = loader.load_git(first, path)
        new = loader.load_git(second, path) if second else loader.load(path)
        return old, new
    except DataError as err:
        raise InputError(err.problems) from None


COMMANDS = {"diff": diff}
HELP = {
    "diff": N_(
        "Show what changed in meaning between two versions of a dataset.\n\n"
        "Tasks added, removed or renumbered; leads and supports gained or lost; text edits "
        "character by character; targets; registry entries; then each department's gains "
        "and losses. Reformatting the YAML changes nothing. Exit status: 0 no change, "
        "1 changed (like diff), 2 error.\n\n"
        "Example: fenggong diff --git main"
    )
}
