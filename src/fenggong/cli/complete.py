"""Shell completion of department names, task ids and section numbers from the active data.

Click writes completions itself, and a shell shows their descriptions: each is made visible
here (cli.console has the policy), so a task text cannot drive the terminal from a menu.
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import typer

from fenggong.names import fold, visible

if TYPE_CHECKING:
    from fenggong.catalog import Catalog


def _catalog(ctx: typer.Context) -> "Catalog | None":
    from fenggong.cli.context import catalog
    from fenggong.errors import FenggongError

    try:
        return catalog(ctx)
    except FenggongError:
        return None  # completion must never print an error into the shell


def departments(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    prefix = fold(incomplete)
    out = []
    for key, dept in catalog.departments.items():
        if any(fold(s).startswith(prefix) for s in (key, *dept.aliases)):
            out.append((visible(key), visible(dept.full_name)))
    return out


def task_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _numbered(ctx, incomplete, lambda c: ((t.id, t.text[:30]) for t in c.dataset.tasks))


def sections(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _numbered(
        ctx,
        incomplete,
        lambda c: ((s.number, s.label) for s in c.dataset.sections),
    )


def topics(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _numbered(
        ctx,
        incomplete,
        lambda c: ((t.number, t.label) for t in c.dataset.topics),
    )


def _numbered(
    ctx: typer.Context,
    incomplete: str,
    records: "Callable[[Catalog], Iterable[tuple[int, str]]]",
) -> list[tuple[str, str]]:
    """Numbers that start with what was typed, each with its text as the description."""
    catalog = _catalog(ctx)
    if catalog is None:
        return []
    return [
        (str(n), visible(text)) for n, text in records(catalog) if str(n).startswith(incomplete)
    ]
