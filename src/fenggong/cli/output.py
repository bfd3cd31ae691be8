"""Writing a Document to stdout in the chosen format; Rich only for the table format."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from fenggong.names import visible
from fenggong.render.document import Document
from fenggong.render.formats import Format, Options, render

FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format: table for people; json, jsonl, csv, markdown, yaml for machines.",
    ),
]


def plain() -> bool:
    """Colour and heavy borders only for a person at a terminal."""
    return not sys.stdout.isatty() or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"


def emit(doc: Document, fmt: Format, short: bool = False) -> None:
    result = render(doc, fmt, Options(plain=plain(), short=short))
    if isinstance(result, str):
        # Machine formats stay faithful in a pipe; a person's terminal sees no raw escapes.
        sys.stdout.write(visible(result) if sys.stdout.isatty() else result)
        sys.stdout.flush()
        return
    from rich.console import Console

    # Data is never markup: "[red]" or ":smile:" in a task text is shown as written.
    console = Console(highlight=False, markup=False, emoji=False, no_color=plain() or None)
    console.print(result)
