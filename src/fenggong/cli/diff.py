"""``fenggong diff``: what an edit changes in who is responsible for what: a plan, a library."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import console
from fenggong.cli.console import Mode
from fenggong.cli.context import announced
from fenggong.diff.report import DiffFormat
from fenggong.messages import N_, _
from fenggong.names import one_line

if TYPE_CHECKING:
    from fenggong.diff.library import Holding
    from fenggong.model import Dataset, Shelf
    from fenggong.store.ledger import Ledgers


def diff(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="[OLD NEW]", help=N_("Two dataset files or library folders.")),
    ] = None,
    git: Annotated[
        str | None,
        typer.Option(
            "--git",
            metavar="REV[..REV2]",
            help=N_(
                "Compare the dataset (a file or a library folder) at REV with the working "
                "copy, or at REV with REV2."
            ),
        ),
    ] = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", case_sensitive=False, help=N_("text, markdown or json.")),
    ] = DiffFormat.TEXT,
) -> None:
    old, new = _inputs(ctx, paths or [], git)
    mode = Mode.JSON if fmt is DiffFormat.JSON else Mode.PEOPLE
    if old.single is None or new.single is None:
        from fenggong.diff.library import compare_libraries
        from fenggong.diff.libreport import LIBRARY_RENDERERS

        shelves = compare_libraries(old, new)
        console.out(LIBRARY_RENDERERS[fmt](shelves), mode, nl=False)
        if not shelves.empty:
            raise typer.Exit(1)
        return
    import msgspec

    from fenggong.diff.compare import compare
    from fenggong.diff.ledger import compare_ledgers
    from fenggong.diff.report import DIFF_RENDERERS

    # Two plans, each a file or a library of one, are diffed as files are, word for word.
    changes = msgspec.structs.replace(
        compare(old.single, new.single), ledger=compare_ledgers(old.ledger, new.ledger)
    )
    console.out(DIFF_RENDERERS[fmt](changes), mode, nl=False)
    if not changes.empty:
        raise typer.Exit(1)


def _read(path: Path, revision: str | None = None) -> "Holding":
    """A side of the diff: a plan file (a library of one) or a library folder, as committed
    in ``revision`` when given, else in the working copy; an invalid one is an error of
    the input."""
    from fenggong.diff.library import alone, holding
    from fenggong.errors import DataError
    from fenggong.store import library, loader

    if not library.is_library(path):
        dataset = loader.load(path) if revision is None else loader.load_git(revision, path)
        return alone(dataset, path.name)._replace(ledger=_ledger(path, revision, dataset))
    report = library.check(path) if revision is None else library.check_git(revision, path)
    if report.shelf is None:
        from fenggong.checks.report import everything

        raise DataError(list(everything(report)))
    return holding(report)._replace(ledger=_ledger(path, revision, report.shelf))


def _ledger(path: Path, revision: str | None, plans: "Dataset | Shelf") -> "Ledgers | None":
    """The 台账 beside a side's plans (its progress/ folder), checked against them, or None
    when that side has none."""
    from fenggong.store import ledger

    folder, scope = ledger.folder_of(path), ledger.scope_of(plans)
    if revision is not None:
        return ledger.load_git(revision, folder, scope)
    return ledger.load(folder, scope) if folder.is_dir() else None


def _inputs(ctx: typer.Context, paths: list[str], git: str | None) -> "tuple[Holding, Holding]":
    from fenggong.errors import DataError, InputError, UsageError
    from fenggong.store import datapath

    try:
        if git is None:
            if len(paths) != 2:
                raise UsageError(
                    _("diff needs two files, or --git REV"),
                    hint=_("compare two files: fenggong diff old.yaml new.yaml"),
                )
            _revisions(paths)
            return _read(datapath.active(paths[0])), _read(datapath.active(paths[1]))
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
        return _read(path, first), _read(path, second or None)
    except DataError as err:
        raise InputError(err.problems) from None


def _revisions(paths: list[str]) -> None:
    """A side that is no file: said with the way to name one, or to compare git revisions
    when the names read as revisions (HEAD~2 HEAD, main v1.0)."""
    import os
    import re

    from fenggong.errors import UsageError

    missing = [p for p in paths if not os.path.lexists(p)]
    if not missing:
        return
    revisions = all(
        re.fullmatch(r"[\w.~^@{}-]+", p) and not p.endswith((".yaml", ".yml")) for p in missing
    )
    raise UsageError(
        _("{path}: no such file").format(path=one_line(missing[0])),
        hint=_("to compare git revisions: fenggong diff --git {old}..{new}").format(
            old=one_line(paths[0]), new=one_line(paths[1])
        )
        if revisions
        else _("name two dataset files or library folders: fenggong diff old.yaml new.yaml"),
    )


COMMANDS = {"diff": diff}
HELP = {
    "diff": N_(
        "Show what changed in meaning between two versions of a dataset.\n\n"
        "Tasks added, removed or renumbered; leads and supports gained or lost; text edits "
        "character by character; targets; registry entries; then each department's gains "
        "and losses. Of two library folders: the plans added and removed, registry.yaml, "
        "each changed plan's diff, and the departments' gains and losses across the plans. "
        "When either side has a 台账 (progress/ beside the plan or in the library), each "
        "department's reports added and removed and their status changes follow; a side "
        "without one counts as an empty 台账. "
        "Reformatting the YAML changes nothing. Exit status: 0 no change, 1 changed (like "
        "diff), 2 error.\n\n"
        "Example: fenggong diff --git main"
    )
}
