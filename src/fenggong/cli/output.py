"""Writing a Document to stdout in the chosen format; Rich only for the table format."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated

import typer

from fenggong.cli import console
from fenggong.errors import UsageError
from fenggong.messages import N_, _
from fenggong.names import one_line
from fenggong.render.document import Document
from fenggong.render.formats import Format, Options, render

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help=N_("Output format: table for people; json, jsonl, csv, markdown, yaml for machines."),
    ),
]

# How each text format is made safe (cli.console has the policy).
MODES = {
    Format.JSON: console.Mode.JSON,
    Format.JSONL: console.Mode.JSON,
    Format.CSV: console.Mode.FAITHFUL,
    Format.YAML: console.Mode.FAITHFUL,
    Format.MARKDOWN: console.Mode.PEOPLE,
}


def plain() -> bool:
    """Colour and heavy borders only for a person at a terminal."""
    return (
        not console.is_terminal("stdout")
        or "NO_COLOR" in os.environ
        or os.environ.get("TERM") == "dumb"
    )


def emit(doc: Document, fmt: Format, short: bool = False) -> None:
    result = render(doc, fmt, Options(plain=plain(), short=short))
    if isinstance(result, str):
        console.out(result, MODES[fmt], nl=False)
    else:
        console.styled(result, plain())


def renamed(output: str, suffix: str, fallback: str) -> str:
    """The file the user named with -o, given ``suffix`` instead of its own (通报.pdf →
    通报.xlsx, out/通报 → out/通报.xlsx), for a hint; ``fallback`` (a stem) in the folder
    a path naming no file names."""
    from pathlib import Path

    path = Path(output)
    stem = path.name.removesuffix(path.suffix)
    if not stem.strip(". "):  # "/", "..": a folder
        return one_line(str(path / (fallback + suffix)))
    return one_line(str(path.with_name(stem + suffix)))


def write_file(output: str, force: bool, make: Callable[[], bytes]) -> None:
    """A command's -o FILE: refused when it exists without --force, said before the bytes
    are made; written atomically; said on stderr."""
    from fenggong.store.atomic import check_target, write_atomic

    target = check_target(output)
    if target.exists() and not force:
        raise UsageError(
            _("{path} already exists").format(path=one_line(output)),
            hint=_("add --force to replace, or name another file with -o PATH"),
        )
    write_atomic(target, make())
    console.err(_("wrote {path}").format(path=one_line(output)))
