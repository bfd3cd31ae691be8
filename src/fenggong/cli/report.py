"""``fenggong report``: the 台账's forms (``sheet``, ``collect``) and a period's ``summary``."""

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fenggong.cli import complete, console
from fenggong.cli import summary as summary_command
from fenggong.cli.context import library as active_library
from fenggong.cli.days import as_of_day
from fenggong.cli.output import renamed
from fenggong.cli.reporting import (
    Period,
    body_of,
    cells_of,
    group_of,
    ledger_folder,
    ledgers_of,
    period_of,
    prefilled_note,
    refuse_group,
    scope_of,
)
from fenggong.errors import FormError, UsageError
from fenggong.messages import N_, _, listed, ngettext
from fenggong.names import file_name, one_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from fenggong.checks.scope import Scope
    from fenggong.errors import Problem
    from fenggong.forms import Returned
    from fenggong.model import Entry
    from fenggong.periods import ReportingPeriod
    from fenggong.store.ledger import Ledgers

app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)


@app.command(
    "sheet",
    help=N_(
        "Make the report form (进展填报表) a body fills in for a period."
        "\n\nA row per task it leads or supports (through a group too), and per task "
        "it may be concerned in through a group naming no members (各相关委办局, 相关区), "
        "marked 可能涉及 and answered if it is the body's own; the plan's columns locked, "
        "进展状态 a drop-down, its latest answers pre-filled. Never replaces a file without "
        "--force."
        "\n\nExample: fenggong report sheet --period 2026-Q1 --dept 市教委"
    ),
)
def sheet(
    ctx: typer.Context,
    period: Period,
    dept: Annotated[
        str | None,
        typer.Option(
            "--dept",
            "-d",
            metavar="NAME",
            help=N_("The body the form is for: name, alias, full name or pinyin."),
            autocompletion=complete.departments,
        ),
    ] = None,
    each_dept: Annotated[
        bool,
        typer.Option(
            "--each-dept", help=N_("One form per body with a task, into the folder -o DIR.")
        ),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help=N_("File to write (default: NAME-PERIOD.xlsx); the folder for --each-dept."),
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace existing files."))] = False,
) -> None:
    from fenggong.store.atomic import check_target, write_atomic
    from fenggong.store.ledgercache import plan_digests

    span = period_of(period)
    library = active_library(ctx)
    scope = scope_of(library)
    if each_dept == (dept is not None):
        raise UsageError(
            _("give --dept NAME or --each-dept"),
            hint=_("fenggong report sheet --period {period} --dept 市教委").format(period=period),
        )
    if dept is not None and output is not None and Path(output).suffix.lower() != ".xlsx":
        # Never a plan, a period file or lights.yaml, whatever --force says.
        raise UsageError(
            _("-o {path}: a report form is an .xlsx file").format(path=one_line(output)),
            hint=_("name it {name}").format(name=renamed(output, ".xlsx", f"{dept}-{period}")),
        )
    if dept is not None:
        bodies = [body_of(library, dept)]
        refuse_group(scope, bodies[0])
        folder = None
    else:
        every = dict.fromkeys(n for plan in scope.plans.values() for n in plan.departments)
        # A 统称 (各区, 相关区) is no office to send a form to: its members report.
        bodies = [n for n in every if group_of(scope, n) is None]
        folder = Path(output or f"进展填报-{span.name}")
        if folder.exists() and not folder.is_dir():
            raise UsageError(_("{path} is not a folder").format(path=one_line(str(folder))))
    ledgers = ledgers_of(ctx, scope)
    made: list[tuple[Path, bytes, int]] = []
    made_from = plan_digests(scope)  # each plan's digest, which each form records
    from fenggong.cli.progress import making

    with making(len(bodies)) as begun:
        for body in bodies:
            begun(body)
            made += _made(scope, body, span, folder, output, made_from, ledgers)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    existing = [str(p) for p, _data, _n in made if p.exists()]
    if existing and not force:
        said = (
            _("{path} already exists").format(path=one_line(existing[0]))
            if len(existing) == 1
            else _("{count} files already exist: {paths}").format(
                count=len(existing), paths=listed([one_line(p) for p in existing[:5]])
            )
        )
        raise UsageError(
            said,
            hint=_("add --force to replace, or name another file with -o PATH"),
        )
    for target, data, count in made:
        write_atomic(check_target(str(target)), data)
        if folder is None:
            console.err(
                ngettext(
                    "wrote {path} ({count} task)", "wrote {path} ({count} tasks)", count
                ).format(path=one_line(str(target)), count=count)
            )
    if folder is not None:
        console.err(
            ngettext(
                "wrote {count} form into {path}", "wrote {count} forms into {path}", len(made)
            ).format(count=len(made), path=one_line(str(folder)))
        )


def _made(
    scope: "Scope",
    body: str,
    span: "ReportingPeriod",
    folder: Path | None,
    output: str | None,
    made_from: dict[str, str],
    ledgers: "Ledgers | None",
) -> list[tuple[Path, bytes, int]]:
    """The form of ``body`` (its file, bytes and rows), or none: a body without a task
    is left out of --each-dept, and refused by name."""
    from fenggong.exporting.reportform import form, record
    from fenggong.forms import titled
    from fenggong.query import forms

    rows = forms.rows(scope, body)
    if not rows:
        if folder is None:
            raise UsageError(_("{body} leads or supports no task of the plan").format(body=body))
        return []
    latest = {}
    for row in rows:
        # The latest answer up to the period: the newest first, the rest never made.
        reports = ledgers.newest(row.ref, body) if ledgers else iter(())
        earlier = next((e for p, e in reports if p <= span), None)
        if earlier is not None:
            latest[row.ref] = earlier
    digests = forms.digests(scope, body, made_from)
    hidden = record(body, span.name, rows, digests, latest)
    forms.fits(body, rows, len(hidden))
    title = titled(p.plan.title for k, p in scope.plans.items() if k in digests)
    data = form(body, span.name, rows, latest, title, hidden)
    named = file_name(body, "xlsx", tail=f"-{span.name}")
    target = folder / named if folder else Path(output or named)
    return [(target, data, len(rows))]


@app.command(
    "collect",
    help=N_(
        "Read returned forms and merge their answers into the period's ledger file."
        "\n\nEvery cell is checked; the answers go into progress/PERIOD.yaml "
        "atomically: a bad form, or two forms answering "
        "differently for one task and body, writes nothing. Collecting a form again changes "
        "nothing; a corrected form replaces the body's earlier answers only with --replace. "
        "A 完成值 that looks like a slip against its target (0.8 toward 80%, more than ten "
        "times the target) is refused at its cell unless --accept-figures."
        "\n\nExample: fenggong report collect 市教委-2026-Q1.xlsx 浦东新区-2026-Q1.xlsx"
    ),
)
def collect(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help=N_("Returned forms."))],
    force: Annotated[
        bool,
        typer.Option("--force", help=N_("Collect forms made for another version of the plan.")),
    ] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help=N_("A form's answers replace the body's different answers already collected."),
        ),
    ] = False,
    accept_figures: Annotated[
        bool,
        typer.Option(
            "--accept-figures",
            help=N_(
                "Take 完成值 that look like slips: a fraction toward a per cent (0.8 for "
                "80%), or more than ten times the target (a figure in 人次 toward 万人次)."
            ),
        ),
    ] = False,
) -> None:
    import msgspec

    from fenggong.importing.reportform import read
    from fenggong.query import cells, forms
    from fenggong.query.merge import merge
    from fenggong.store.ledgercache import plan_digests, reference
    from fenggong.store.ledgerpack import Reports
    from fenggong.store.ledgerwrite import Delta, commit

    folder = ledger_folder(ctx)
    library = active_library(ctx)
    scope = scope_of(library)
    problems: list[Problem] = []
    returned: list[Returned] = []
    for path in files:
        try:
            returned.append(read(path, str(path)))
        except FormError as error:
            problems += error.problems
    periods = sorted({r.period for r in returned})
    if len(periods) > 1:
        raise UsageError(
            _("the forms are for {count} periods: {periods}").format(
                count=len(periods), periods=listed([_of(p, returned) for p in periods])
            ),
            hint=_("collect each period's forms in a run of its own"),
        )
    incoming: list[tuple[Entry, Callable[[str], str]]] = []
    every = plan_digests(scope)  # each plan's digest, which each form recorded
    today = as_of_day(None)  # the reports of a form without a 填报日期 are dated today
    notes: list[str] = []
    for form in returned:
        problems += form.problems  # its other cells', said with its answers' in one round
        if any(p.name == "form-date" for p in form.problems):  # said: no date to judge
            misdated = None
        else:
            misdated = cells.date_problem(form, today) or cells.undated_problem(form, today)
        if misdated is not None:
            problems.append(misdated)
        elif form.reported is None:
            form = msgspec.structs.replace(form, reported=today)
            notes.append(
                _("{file}: 填报日期 is empty; its reports are dated today, {date}").format(
                    file=one_line(form.file), date=today.isoformat()
                )
            )
        compared = cells.as_compared(form, scope)
        entries, found, unchanged = forms.judge(compared, scope, force, every)
        problems += found
        if not accept_figures:
            problems += cells.figure_doubts(form, entries, scope)
        if unchanged:
            notes.append(prefilled_note(form, unchanged))
        cell = cells_of(form)
        incoming += [(e, cell(e)) for e in entries]
    if problems:
        raise FormError(problems)
    for note in notes:
        console.err(note)
    counts = {"new": 0, "replaced": 0}
    # A period's 34,000 reports name a few thousand tasks: each is looked up once.
    ref = functools.cache(functools.partial(reference, scope))

    def change(existing: Reports) -> Delta:
        bodies = {entry.body for entry, _cell in incoming}
        replaced, added, conflicts = merge(
            existing, existing.rows_by_key(bodies), incoming, ref, replace, periods[0]
        )
        if conflicts:
            raise FormError(conflicts)
        counts["new"], counts["replaced"] = len(added), len(replaced)
        return Delta(replaced, added)

    written = commit(folder, periods[0], scope, change)
    if written is None:
        console.err(
            ngettext(
                "nothing new in {count} form: {path} is unchanged",
                "nothing new in {count} forms: {path} is unchanged",
                len(returned),
            ).format(count=len(returned), path=one_line(str(folder / f"{periods[0]}.yaml")))
        )
        return
    console.err(
        _("collected {forms} ({bodies}) into {path}: {new}, {replaced} replaced").format(
            forms=ngettext("{count} form", "{count} forms", len(returned)).format(
                count=len(returned)
            ),
            bodies=_bodies(returned),
            path=one_line(str(written)),
            new=ngettext("{count} new report", "{count} new reports", counts["new"]).format(
                count=counts["new"]
            ),
            replaced=counts["replaced"],
        )
    )


def _bodies(returned: "list[Returned]") -> str:
    """Whose forms were collected: a clerk collecting twenty in a row tells them apart."""
    bodies = list(dict.fromkeys(one_line(r.body) for r in returned))
    return listed(bodies[:3] + (["…"] if len(bodies) > 3 else []))


def _of(period: str, returned: "list[Returned]") -> str:
    """A period and the forms made for it (their names may say another)."""
    files = [one_line(r.file) for r in returned if r.period == period]
    shown = listed(files[:3] + (["…"] if len(files) > 3 else []))
    return _("{period} ({files})").format(period=period, files=shown)


# Registered after sheet and collect, in the order help lists them; the command is its own
# module's, which knows nothing of the group.
app.command("summary", help=summary_command.HELP)(summary_command.summary)

COMMANDS = {"report": app}
HELP = {
    "report": N_(
        "The 台账's report forms: make the form a body fills in (sheet), merge the "
        "returned forms into the period's ledger file (collect), and count a period's "
        "standings for the 通报 (summary)."
        "\n\nExample: fenggong report sheet --period 2026-Q1 --dept 市教委"
    )
}
