"""Help in the reader's language: our commands' texts, the framework's words, wrapped by width.

Help is built from text fixed when a module is imported, but the language is known only
when the command line runs (and changes between the runs of one test session): so help
texts are marked with ``N_`` where they are written and translated here, on the command
Typer builds for each run. Typer looks its own words (``Options``, ``required``) up
through gettext, and here in our catalogue instead; the Click it carries writes a few in
English (``Usage:``, the help option, ``Error:``), which our formatter and ``show`` say
in the reader's language, and its error sentences (``No such option: -x``) through
``usagewords``. Click wraps help by characters, but a Chinese character takes two
columns of a terminal and a line of them has no space to break at: the wrapper is taught
both.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

import typer.core
from typer._click import formatting
from typer._click.core import Context

from fenggong.cli import usagewords
from fenggong.messages import N_, _

# The framework's sentences a person meets, marked so that the catalogue has them.
FRAMEWORK = (
    N_("Usage:"),
    N_("{heading}:"),
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide (CJK) character."""
    return len(text) + sum(unicodedata.east_asian_width(c) in "WF" for c in text)


@cache
def _wrapper() -> type:
    """Click's wrapper, measuring in terminal columns and free to break between two
    Chinese characters (Click does not cap the lines it wraps, so neither does this)."""
    from typer._click import _textwrap

    class Wrapper(_textwrap.TextWrapper):
        def _split(self, text: str) -> list[str]:
            # Chinese breaks as the terminal's text does (render.linebreak): between
            # characters, never before a closing mark nor after an opening one.
            from fenggong.render.linebreak import tokens

            return [piece for chunk in super()._split(text) for piece in tokens(chunk)]

        def _wrap_chunks(self, chunks: list[str]) -> list[str]:
            return _fill(self, chunks)

    _textwrap.TextWrapper = Wrapper  # type: ignore[misc]  # what Click's wrap_text uses
    return Wrapper


def _fill(wrapper: Any, chunks: list[str]) -> list[str]:
    """textwrap's greedy filling of lines, measured in terminal columns."""
    lines: list[str] = []
    chunks.reverse()
    while chunks:
        indent = wrapper.subsequent_indent if lines else wrapper.initial_indent
        width = wrapper.width - cells(indent)
        if wrapper.drop_whitespace and lines and not chunks[-1].strip():
            chunks.pop()
        line: list[str] = []
        used = 0
        while chunks and used + cells(chunks[-1]) <= width:
            used += cells(chunks[-1])
            line.append(chunks.pop())
        if chunks and cells(chunks[-1]) > width:  # a word longer than the line: cut
            wrapper._handle_long_word(chunks, line, used, width)
        if wrapper.drop_whitespace and line and not line[-1].strip():
            line.pop()
        if line:
            lines.append(indent + "".join(line))
    return lines


class _Formatter(formatting.HelpFormatter):
    """Click's help formatter, saying the words it writes itself in the reader's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _wrapper()

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage:") + " " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(" " * self.current_indent + _("{heading}:").format(heading=heading) + "\n")

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        # Click adds the help option itself, its text in English; the rest is ours.
        rows = [(term, _(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


def install() -> None:
    """Typer speaks through the catalogue, and its Click formats help with ours."""
    typer.core._ = _  # type: ignore[attr-defined]
    Context.formatter_class = _Formatter


def show(error: Any, file: Any) -> None:
    """A usage error as Click shows it (usage, where to find help, the error), in the
    reader's language."""
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]
            )
            hint += "\n"
        file.write(f"{ctx.get_usage()}\n{hint}\n")
    # Typer checks a choice through Pydantic, whose "Value error, " says nothing to a reader.
    message = usagewords.said(error.format_message().replace("Value error, ", ""))
    file.write(_("Error: {message}").format(message=message) + "\n")
    wanted = _file_format(error)
    if wanted and ctx is not None and _writes_files(ctx.command):
        # status, due, overdue and report summary write their own files with -o.
        hint = _("  hint: {format} is a file: write it with -o FILE.{format}")
        file.write(hint.format(format=wanted) + "\n")
    elif wanted:
        file.write(
            _("  hint: {format} is a file: fenggong export {format} takes the same filters").format(
                format=wanted
            )
            + "\n"
        )


def _writes_files(command: Any) -> bool:
    return any("--output" in getattr(p, "opts", ()) for p in command.params)


def _file_format(error: Any) -> str | None:
    """The export format asked of a query's --format (targets -f xlsx), if one was."""
    param = getattr(error, "param", None)
    if param is None or "--format" not in getattr(param, "opts", ()):
        return None
    from fenggong.exporting import ExportFormat

    typed = str(error.format_message()).lower()
    return next((f.value for f in ExportFormat if f"'{f.value}' is not" in typed), None)


class _Argument(typer.core.TyperArgument):
    """An argument shown as its metavar says (``ID...``, ``[PATH]...``), not wrapped again
    in braces or brackets, and without its Python type (``<list[str]>``)."""

    def _usage_display_name(self) -> str:
        return self.display_name_raw

    def _rich_display_name(self) -> str:
        return self.display_name_raw

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _show_help(ctx: Any, _param: Any, value: bool) -> None:
    """Help written through the output boundary, which writes what the console's encoding
    can (Click would raise on a cp1252 console, or write ``?`` on an ascii one)."""
    if not value or ctx.resilient_parsing:
        return
    from fenggong.cli import console

    console.out(ctx.get_help())
    ctx.exit()


def _help_through_boundary(command: Any) -> None:
    made = type(command).get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = made(command, ctx)
        if option is not None:
            option.callback = _show_help
        return option

    command.get_help_option = get_help_option


def localize(command: Any) -> Any:
    """``command``'s help and its parameters' in the reader's language, written through
    the output boundary."""
    _help_through_boundary(command)
    if command.help:
        command.help = _(command.help)
        # The first paragraph, whole: Click would cut a Chinese one at no full stop.
        command.short_help = command.help.split("\n\n")[0]
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
        if isinstance(param, typer.core.TyperArgument) and param.metavar:
            param.__class__ = _Argument
    return command
