"""The rules of a ledger file: its period, each report's task, body, duty, figures, dates."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from fenggong.checks.rulebook import problem
from fenggong.checks.scope import Found as Reported
from fenggong.checks.scope import Scope, Unknown
from fenggong.messages import _, listed
from fenggong.model import STATUS_LABELS, UNITS, Entry, Figure, Status, Target
from fenggong.names import did_you_mean, fold
from fenggong.periods import parse_period, report_window, suggest

if TYPE_CHECKING:
    from fenggong.checks.kind import Found
    from fenggong.checks.locate import Path

_PERIODS = "2026-03, 2026-Q1, 2026-H1, 2026"


def period(written: str | None, name: str | None) -> list[Found]:
    """The period parses, and is the one the file is named after."""
    if written is None:
        return []
    if parse_period(written) is None:
        loose = suggest(written)
        hint = (
            _("write period: {period}").format(period=loose)
            if loose
            else _("a period is a month, quarter, half or year: {examples}").format(
                examples=_PERIODS
            )
        )
        message = _("period {period} is not a reporting period").format(period=repr(written))
        return [problem("FG040", message, ("period",), hint=hint)]
    if name is not None and written != name:
        return [
            problem(
                "FG041",
                _("period {period} is not the file's, {name}").format(period=written, name=name),
                ("period",),
                hint=_("rename the file {period}.yaml, or write period: {name}").format(
                    period=written, name=name
                ),
            )
        ]
    return []


def entries(scope: Scope, items: list[tuple[int, Entry]]) -> list[Found]:
    """Each report names a task of the plans and a body with a part in it, once."""
    found: list[Found] = []
    first: dict[tuple[str, str], int] = {}
    for index, entry in items:
        at: Path = ("entries", index)
        task = scope.find(entry.task)
        if isinstance(task, Unknown):
            found.append(problem("FG042", task.message, (*at, "task"), hint=task.hint))
            continue
        issue = _body(task, entry.body, (*at, "body"))
        if issue is not None:
            found.append(issue)
            continue
        found += _figures(task, entry.figures, (*at, "figures"))
        key = (task.ref, entry.body)
        if key in first:
            found.append(
                problem(
                    "FG047",
                    _("a second report by {body} on task {task} in this period").format(
                        body=entry.body, task=task.ref
                    ),
                    at,
                    hint=_("merge it into entries[{index}] and remove one").format(
                        index=first[key]
                    ),
                )
            )
        else:
            first[key] = index
    return found


def _body(task: Reported, body: str, at: Path) -> Found | None:
    departments = task.plan.departments
    if body not in departments:
        return problem(
            "FG043",
            _("{body} is not a body of the registry").format(body=body),
            at,
            hint=did_you_mean(body, _spellings(departments), _canonical(departments))
            or _("write the body as the registry names it"),
        )
    matcher = task.matcher
    if matcher.involvement(task.task, body) is not None or matcher.parts(task.task, body):
        return None
    lead, support = listed(task.task.lead), listed(task.task.support)
    said = (
        _("task {task} is led by {lead}, supported by {support}")
        if support
        else _("task {task} is led by {lead}")
    ).format(task=task.ref, lead=lead, support=support)
    return problem(
        "FG044",
        _("{body} has no part in task {task}").format(body=body, task=task.ref),
        at,
        hint=_(
            "{said}; a body named there, in a group naming it (各区), or in one naming none "
            "(相关区: possibly concerned) reports on it"
        ).format(said=said),
    )


def _spellings(departments: dict[str, Any]) -> list[str]:
    return [s for key, dept in departments.items() for s in (key, *dept.aliases)]


def _canonical(departments: dict[str, Any]) -> Any:
    owner = {fold(s): key for key, dept in departments.items() for s in (key, *dept.aliases)}
    return lambda spelling: owner.get(fold(spelling), spelling)


def _figures(task: Reported, figures: tuple[Figure, ...], at: Path) -> list[Found]:
    goals = [t for t in task.task.targets if not t.qualitative and t.unit]
    found: list[Found] = []
    for index, figure in enumerate(figures):
        here: Path = (*at, index)
        if not goals:
            found.append(
                problem(
                    "FG046",
                    _("task {task} has no quantified target for a figure to count toward").format(
                        task=task.ref
                    ),
                    here,
                    hint=_("report the value in progress, or remove the figure"),
                )
            )
            continue
        target = _target(goals, figure, task.ref, here)
        if isinstance(target, tuple):
            found.append(target)
        elif target is not None:
            issue = _unit(target, figure, (*here, "unit"))
            if issue is not None:
                found.append(issue)
    return found


def _target(goals: list[Target], figure: Figure, ref: str, here: Path) -> Target | Found | None:
    metrics = [t.metric for t in goals]
    if figure.target is None:
        if len(goals) == 1:
            return goals[0]
        return problem(
            "FG046",
            _(
                "task {task} has {count} quantified targets: say which this figure counts toward"
            ).format(task=ref, count=len(goals)),
            here,
            hint=_("add target: with one of {metrics}").format(metrics=listed(metrics)),
        )
    chosen = [t for t in goals if fold(t.metric) == fold(figure.target)]
    if chosen:
        return chosen[0]
    return problem(
        "FG046",
        _("task {task} has no quantified target {metric}").format(task=ref, metric=figure.target),
        (*here, "target"),
        hint=did_you_mean(figure.target, metrics)
        or _("its quantified targets: {metrics}").format(metrics=listed(metrics)),
    )


def _unit(target: Target, figure: Figure, at: Path) -> Found | None:
    unit = target.unit or ""
    if fold(figure.unit) == fold(unit):
        return None
    # 万人次 and 人次 count the same thing: say the value in the target's unit.
    same = fold(figure.unit).removeprefix("万") == fold(unit).removeprefix("万")
    if same and figure.unit in UNITS and unit in UNITS:
        value = figure.value * UNITS[figure.unit] / UNITS[unit]
        shown = int(value) if float(value).is_integer() else round(value, 6)
        hint = _("write value: {value} and unit: {unit}").format(value=shown, unit=unit)
    else:
        hint = _("report it in {unit}, as the target counts").format(unit=unit)
    return problem(
        "FG046",
        _("the figure is in {unit}, but the target {metric} counts in {target}").format(
            unit=figure.unit, metric=target.metric, target=unit
        ),
        at,
        hint=hint,
    )


def unknown_status(value: Any, at: Path) -> Found:
    """A status that is none of the six codes, with the code a label or a typo means."""
    codes = [str(s) for s in Status]
    labels = {fold(label): code for code, label in STATUS_LABELS.items()}
    written = _written(value)
    meant = labels.get(fold(written))
    every = listed([f"{code} {label}" for code, label in STATUS_LABELS.items()])
    if meant is not None:
        hint = _("write status: {code}: the file keeps the code of {label}").format(
            code=meant, label=STATUS_LABELS[meant]
        )
    else:
        spelled = fold(written).replace(" ", "_").replace("-", "_")
        code_of = {label: str(code) for code, label in STATUS_LABELS.items()}
        close = (
            _("write status: {code}").format(code=spelled)
            if spelled in codes
            else did_you_mean(spelled, [*codes, *code_of], lambda s: code_of.get(s, s))
        )
        hint = close or _("the statuses: {every}").format(every=every)
    said = (
        _("status {status} is not a status").format(status=written)
        if written.strip()
        else _("the status is empty")
    )
    return problem("FG045", said, at, hint)


def _written(value: Any) -> str:
    """A value as the YAML file has it (2026-01-01, true), not as Python shows it."""
    if value is None or isinstance(value, str):
        return value or ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | datetime.date):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if isinstance(value, bytes | bytearray):
        return _("(binary data)")
    if isinstance(value, list):
        return _("(a list)")
    if isinstance(value, dict):
        return _("(a mapping)")
    return repr(value)


def dates(written: str | None, items: list[tuple[int, Entry]]) -> list[Found]:
    """A report dated before its period began, or after the next period of its kind
    ended (a Q1 report after 30 June), is likely filed in the wrong period."""
    span = parse_period(written) if written else None
    if span is None:
        return []
    first, last, following = report_window(span)
    found: list[Found] = []
    for index, entry in items:
        day = entry.reported
        if day is None or first <= day <= last:
            continue
        message = (
            _("reported {date}, before {period} began")
            if day < first
            else _("reported {date}, after {next} ended")
        )
        found.append(
            problem(
                "FG108",
                message.format(date=day, period=span.name, next=following.name),
                ("entries", index, "reported"),
                hint=_("file the report in the period it reports on, or correct the date"),
            )
        )
    return found
