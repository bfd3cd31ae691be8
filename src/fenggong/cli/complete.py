"""Shell completion of department names, task ids and section numbers from the active data.

Click writes completions itself, in each shell's syntax, and some shells evaluate what it
writes: zsh's script runs the candidates through ``eval``, and Typer's zsh escaping turns
``$`` into ``\\$`` but leaves a backslash alone, so a name holding ``\\$(cmd)`` would run
``cmd`` at a TAB. Typer also reads a zsh or fish description as Rich markup. So nothing
shell-active or markup-like ever reaches a shell here: a candidate holding such a
character is not offered (it could not be typed back anyway), and in a description each
is replaced by its full-width twin (＄, ＼, ［…), which no shell or markup reads. Controls
are made visible first (cli.console has that policy).
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import typer

from fenggong.names import visible

if TYPE_CHECKING:
    from fenggong.catalog import Catalog


# What a shell may expand, quote or evaluate, and what Rich reads as markup.
_ACTIVE = "$`\\\"'[]!;&|<>(){}*?~#"
_INERT = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in _ACTIVE})


def description(text: str) -> str:
    """A description no shell evaluates and no markup parser reads: one line, controls shown."""
    return " ".join(visible(text).split()).translate(_INERT)


def offered(value: str) -> bool:
    """Whether a candidate can be offered as it is: nothing shell-active, no control, no space."""
    return value == visible(value) and not any(c in _ACTIVE or c.isspace() for c in value)


def _catalog(ctx: typer.Context) -> "Catalog | None":
    from fenggong.cli.context import catalog

    try:
        return catalog(ctx)
    except Exception:
        return None


class _Candidate(str):
    """A registry name offered for a spelling that does not begin like it (pud → 浦东新区).

    Typer drops every candidate that does not start with the typed word before any shell
    sees it; this one declares that it does, so that the shell decides. bash and PowerShell
    offer it as it is (a lone candidate replaces the word); zsh and fish match candidates
    against the word themselves (fish also within a name: 教 finds 市教委).
    """

    __slots__ = ()

    def startswith(self, *_args: object, **_kwargs: object) -> bool:
        return True


def departments(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Every body with a name, full name, alias or usual pinyin that begins with the word."""
    from fenggong.cli.context import library

    try:
        resolver = library(ctx).resolver()  # every body of every plan, once
    except Exception:
        return []
    found = resolver.completions(incomplete)
    return [
        (_Candidate(key), description(resolver.departments[key].full_name))
        for key in found
        if offered(key)
    ]


def plans(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The keys of the library's plans that begin with the word, each with its title."""
    from fenggong.cli.context import library

    try:
        found = library(ctx)
    except Exception:
        return []
    return [
        (c.key, description(c.dataset.plan.title))
        for c in found.catalogs
        if c.key.startswith(incomplete) and offered(c.key)
    ]


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
        (str(n), description(text)) for n, text in records(catalog) if str(n).startswith(incomplete)
    ]
