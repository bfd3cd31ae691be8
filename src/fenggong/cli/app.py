"""The Typer application, its global options, and the one place user errors are caught."""

import copy
import functools
import importlib
import signal
import sys
from typing import Annotated, Any, NoReturn

import typer
import typer.main
from typer.core import TyperGroup

from fenggong import __version__
from fenggong.cli import coercion, console, helptext
from fenggong.cli.context import DATA_AFTER_COMMAND
from fenggong.errors import FenggongError
from fenggong.messages import N_, _, language, speaking

# The module that defines each command. A module is imported when its command runs, or
# when help lists them all: a query pays to start for its own code only. Command modules
# do without `from __future__ import annotations`: Typer reads a command's signature at
# every start, and each string annotation costs it a compile and an eval.
_MODULES = {
    "list": "tasks",
    "show": "tasks",
    "targets": "tasks",
    "search": "tasks",
    "depts": "departments",
    "departments": "departments",
    "outline": "overview",
    "matrix": "overview",
    "export": "export",
    "validate": "validate",
    "diff": "diff",
    "schema": "schema",
    "plans": "plans",
    "import": "importer",
    "status": "ledger",
    "due": "ledger",
    "overdue": "ledger",
    "report": "report",
}
_HIDDEN = {"departments"}  # an alias of depts
# Every command but schema reads the dataset, and takes --data after its name as well.
_READS_DATA = set(_MODULES) - {"schema"}


class _Group(TyperGroup):
    """Loads commands on demand, and turns every FenggongError into a message on stderr
    and its exit code: no traceback. Click's own usage errors, which quote what was typed,
    are written through the output boundary too."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        helptext.install()
        helptext.localize(self)  # the language is known now, at the start of a run
        coercion.install()
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.TyperException as error:
            _fail(error)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(_MODULES)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in _MODULES:
            for name in _MODULES:  # so that a typo gets a "did you mean"
                self.get_command(ctx, name)
            return None
        if cmd_name not in self.commands:
            module = importlib.import_module(f"fenggong.cli.{_MODULES[cmd_name]}")
            if isinstance(module.COMMANDS[cmd_name], typer.Typer):
                self.commands[cmd_name] = _group(cmd_name, module)
                return self.commands[cmd_name]
            single = typer.Typer(
                rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False
            )
            single.command(cmd_name, hidden=cmd_name in _HIDDEN, help=module.HELP[cmd_name])(
                module.COMMANDS[cmd_name]
            )
            command = typer.main.get_command(single)
            command.name = cmd_name
            if cmd_name in _READS_DATA:
                # A copy: the option is built once, and its help is translated per run.
                command.params.append(copy.copy(_data_after_command()))
            self.commands[cmd_name] = helptext.localize(command)
        return self.commands[cmd_name]

    def invoke(self, ctx: Any) -> Any:
        # The reader's language, read from the environment once for the run, not at each
        # sentence: 100,000 problems are some 800,000 sentences, 4 µs of lookups each.
        with speaking(language()):
            try:
                return super().invoke(ctx)
            except FenggongError as err:
                console.report_error(err)
                raise typer.Exit(err.exit_code) from None
            except BrokenPipeError:
                # The reader went away (`| true`, `| head`) while the command wrote: as
                # main() says it, before Click ends the run with status 1 (invalid data).
                console.silence_stdout()
                raise typer.Exit(141) from None
            except typer.TyperException as error:
                _fail(error)


def _group(name: str, module: Any) -> Any:
    """A command group (report sheet, report collect): each subcommand takes --data after
    its name, and speaks the reader's language."""
    group = typer.main.get_group(module.COMMANDS[name])
    group.name = name
    group.help = module.HELP[name]
    for command in group.commands.values():
        if name in _READS_DATA:
            command.params.append(copy.copy(_data_after_command()))
        helptext.localize(command)
    return helptext.localize(group)


def _remember_data(ctx: typer.Context, value: list[str] | None) -> None:
    ctx.meta.setdefault(DATA_AFTER_COMMAND, []).extend(value or ())


def _data_template(
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            metavar="PATH",
            expose_value=False,
            callback=_remember_data,
            help=N_("Dataset file or library folder to use, as with fenggong --data PATH."),
        ),
    ] = None,
) -> None:
    """Stands for a command only to have Typer build its --data option."""


@functools.cache
def _data_after_command() -> Any:
    """`fenggong list --data t.yaml` means `fenggong --data t.yaml list`: the option, built
    by Typer once, leaves its value where cli.context.data_option looks, and is not passed
    to the command's function."""
    single = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    single.command()(_data_template)
    return typer.main.get_command(single).params[0]


def _fail(error: typer.TyperException) -> NoReturn:
    """Click's report of a usage error (usage, hint, message) written through the boundary."""
    helptext.show(error, console.Stream(console.Mode.PEOPLE))
    raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="fenggong",
    help=N_(
        "Query, check and publish the Shanghai 分工表 of the 十四五 vocational skills "
        "training plan (沪人社职〔2022〕256号).\n\n"
        "Example: fenggong list --lead 市教委"
    ),
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        console.out(f"fenggong {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help=N_(
                "Dataset file, or a library folder of plan files, to use (default: "
                "$FENGGONG_DATA, else data/tasks.yaml of this folder or the nearest parent "
                "that has one, else the bundled 分工表)."
            ),
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=N_("Show the version and exit.")
        ),
    ] = False,
) -> None:
    """The global options; commands read --data from the root context (cli.context)."""


def main() -> None:
    """Run the command line (fenggong.__main__ starts it, with the cyclic collector off)."""
    # SIGTERM ends the process the way Ctrl-C does, through exceptions, so that a write
    # in progress removes its temporary file and leaves the previous file in place.
    # SIGHUP (the terminal closed) and SIGQUIT likewise: no temporary file is left.
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):  # Windows has SIGTERM alone
        signum = getattr(signal, name, None)
        if signum is not None:
            signal.signal(signum, console.terminate)
    console.closed_streams()
    try:
        app(prog_name="fenggong")
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more to tell it, and nothing to say.
        console.silence_stdout()
        sys.exit(141)  # as a shell reports a process ended by SIGPIPE
    except OSError as err:
        # Reading files is answered as FileAccessError; what is left is writing the
        # answer (a full disk behind `> file`): said, not a traceback.
        console.silence_stdout()
        console.err(
            _("error: cannot write the output: {reason}").format(reason=err.strerror or err)
        )
        sys.exit(1)
