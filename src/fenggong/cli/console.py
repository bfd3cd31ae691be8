"""Diagnostics on stderr, shown safely; and ending cleanly on SIGTERM."""

from __future__ import annotations

import typer

from fenggong.errors import DataError, FenggongError
from fenggong.names import visible


def err(text: str) -> None:
    typer.echo(visible(text), err=True)


def report_error(error: FenggongError) -> None:
    if isinstance(error, DataError):
        from fenggong.checks.report import problem_line

        for problem in error.problems:
            err(problem_line(problem))
        err(f"error: {error.message}; run `fenggong validate` on the file for the full report")
        return
    err(f"error: {error.message}")
    if error.hint:
        err(f"  hint: {error.hint}")


def terminate(signum: int, _frame: object) -> None:
    """A SIGTERM handler: end as Ctrl-C does, unwinding, so writes clean up after themselves."""
    raise SystemExit(128 + signum)
