"""Single cells of a form: a 完成值 read as a number and weighed against its target, a
填报日期 held to its period, the 目标及单位 cell as written and as read back.

Pure, as query.forms is: each judgement returns the value or the problem at its cell
(``FILE!进展填报!K7``), with how to write it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

import msgspec

from fenggong.checks.scope import Found, Scope
from fenggong.errors import Problem
from fenggong.forms import (
    CELL_CHARACTERS,
    DATE_CELL,
    UNIT_COLUMN,
    VALUE_COLUMN,
    Percent,
    Returned,
    letter,
    quantified,
    where,
)
from fenggong.messages import _
from fenggong.model import UNITS, Entry, Figure, Target, Task
from fenggong.names import fold
from fenggong.periods import ReportingPeriod, containing, parse_period, report_window
from fenggong.render.text import number, target_text

CODE = "form"

# The bound of a figure in the model (model.Number): beyond it a 完成值 is no record.
FIGURE_BOUND = 10**15
# The most characters Excel keeps in a cell: a longer one was not typed in Excel, and a
# few such cells would make a period file no command reads (FG022).
TEXT_BOUND = CELL_CHARACTERS


def form_problem(name: str, message: str, at: str, hint: str | None = None) -> Problem:
    return Problem(CODE, name, message, file=at, hint=hint)


def cell_text(value: object) -> str:
    """A cell's value as the text a person reads in it (8.0 is 8, True is TRUE, a day is
    2026-10-01, not Python's forms of them), stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    elif isinstance(value, datetime.datetime):
        shown = value.date() if value.time() == datetime.time() else value
        return shown.isoformat(sep=" ") if isinstance(shown, datetime.datetime) else str(shown)
    return str(value).strip()


# Excel keeps a carriage return (a text pasted from Windows) as _x000D_ in the sheet's
# XML, which the readers pass on as written (openpyxl undoes the _x005F_ escape only):
# the line breaks and tabs are taken back, CRLF made one line end. Other control
# characters stay escaped, as text a person can read.
_ESCAPED = re.compile(r"_x(000[9ADad])_")


def answer_text(value: object) -> str:
    """An answer cell's text (``cell_text``), with Excel's escaped line ends read back."""
    text = cell_text(value)
    if "_x" in text:
        text = _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text


def text_problem(text: str, heading: str, at: str) -> Problem | None:
    """A cell's text longer than any Excel cell holds, refused at its cell."""
    if len(text) <= TEXT_BOUND:
        return None
    return form_problem(
        "form-text",
        _("{heading} holds {count} characters; an Excel cell holds {limit} at most").format(
            heading=heading, count=f"{len(text):,}", limit=f"{TEXT_BOUND:,}"
        ),
        at,
        _("shorten it, or attach the full text as evidence"),
    )


def figure_value(raw: object, unit: str, at: str) -> int | float | Problem:
    """The 完成值 the cell ``at`` holds toward a target counted in ``unit``, or the problem
    with it (a percentage where the target counts another unit, a number beyond the
    model's bound, no number), with how to write it."""
    value = _number(raw, unit)
    hint = _("write the number alone, in {unit} (the unit is in column {column})").format(
        unit=unit, column=letter(UNIT_COLUMN)
    )
    if isinstance(raw, Percent) and unit != "%":
        message = _("完成值 {value} is a percentage, but the target counts {unit}").format(
            value=f"{raw * 100:g}%", unit=unit
        )
    elif value is not None and abs(value) > FIGURE_BOUND:
        message = _("完成值 {value} is out of range").format(value=repr(cell_text(raw))[:40])
        hint = _("write a number of at most {bound}, in {unit}").format(
            bound=f"{FIGURE_BOUND:,}", unit=unit
        )
    elif value is None:
        message = _("完成值 {value} is not a number").format(value=repr(cell_text(raw))[:40])
    else:
        return value
    return form_problem("form-number", message, at, hint)


def _number(raw: object, unit: str) -> int | float | None:
    """The 完成值 a cell holds, in the target's unit; None when it holds no number. For a
    target in %, 85% as Excel keeps it (0.85 in a percentage format) and as typed (the
    text 85%) are both 85."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Percent):
        raw = round(float(raw) * 100, 10)  # 0.85 * 100 is 85.00000000000001
    if isinstance(raw, int):
        return raw  # a whole number as it is (one of 400 digits is no float)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None
        return int(raw) if raw.is_integer() else raw
    text = fold(str(raw))
    if unit == "%" and text.endswith("%"):
        text = text[:-1].strip()
    # A comma groups thousands (1,200), or it is no number: 12,5 (a decimal comma) would
    # be read as 125, ten times too much.
    if "," in text:
        if not _GROUPED.fullmatch(text):
            return None
        text = text.replace(",", "")
    # A number as a person writes one: Python's float() also reads 1_000, ٥, nan, inf.
    written = _DECIMAL.fullmatch(text)
    if written is None:
        return None
    value = float(text)
    if value in (float("inf"), float("-inf")) or (value == 0 and written[1].strip("0.+-")):
        return float("inf")  # beyond any float (1e400), or below (1e-400 is not 0): too large
    return int(value) if value.is_integer() else value


_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
_DECIMAL = re.compile(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:[eE][+-]?[0-9]+)?")


# A 完成值 more than this many times its target is taken for a slip (a figure in 人次 where
# the target counts 万人次), unless the clerk confirms it.
IMPLAUSIBLE_TIMES = 10


def implausible(value: float, target: Target) -> tuple[str, str] | None:
    """Why a 完成值 of ``value``, in the target's unit, is likely a slip, and the hint:
    a fraction toward a per cent above 1% (0.8 for 80%), or more than ten times the
    target (4800000 toward 500万人次). None when it is plausible."""
    goal, unit = target.value, str(target.unit)
    if not goal or goal <= 0:
        return None
    said, aim = number(value), target_text(target)
    if value < 0:  # a target's 完成值 counts what was done: never less than nothing
        return (
            _("完成值 {value} is negative, but the target is {target}").format(
                value=said, target=aim
            ),
            _(
                "write what has been done toward it, 0 or more; if {value} is right, collect "
                "with --accept-figures"
            ).format(value=said),
        )
    if unit == "%" and goal > 1 and 0 < value <= 1:
        return (
            _("完成值 {value} reads as a fraction, but the target is {target}").format(
                value=said, target=aim
            ),
            _(
                "did you mean {percent}? Write the per cent as its number ({goal} for "
                "{goal}%); if {value}% is right, collect with --accept-figures"
            ).format(percent=number(round(value * 100, 9)), goal=number(goal), value=said),
        )
    if value <= goal * IMPLAUSIBLE_TIMES:
        return None
    message = _("完成值 {value} is more than {times} times the target, {target}").format(
        value=said, times=IMPLAUSIBLE_TIMES, target=aim
    )
    scale = UNITS.get(unit, 1)  # 万人次 counts 10,000 人次: a figure in 人次 is 10,000 times
    if scale > 1 and value / scale <= goal * IMPLAUSIBLE_TIMES:
        return message, _(
            "the unit is {unit} (column {column}): write {scaled} for {value} {base}; if "
            "{value}{unit} is right, collect with --accept-figures"
        ).format(
            unit=unit,
            column=letter(UNIT_COLUMN),
            value=said,
            base=unit.removeprefix("万"),
            scaled=number(round(value / scale, 9)),
        )
    return message, _(
        "the unit is {unit} (column {column}); if {value}{unit} is right, collect with "
        "--accept-figures"
    ).format(unit=unit, column=letter(UNIT_COLUMN), value=said)


def figure_doubts(returned: Returned, entries: Sequence[Entry], scope: Scope) -> list[Problem]:
    """Each 完成值 among the ``entries`` a form makes that is implausible against its
    target, at its cell: refused, as a slip of the unit or of a per cent would be stored
    and shown as a light, unless the clerk confirms it (--accept-figures)."""
    problems: list[Problem] = []
    for entry in entries:
        found = scope.find(entry.task)
        if not isinstance(found, Found):
            continue
        goals = [t for t in found.task.targets if (t.metric, t.unit) in quantified(found.task)]
        for figure in entry.figures:
            target = _target_of(figure, goals)
            doubt = None if target is None else implausible(figure.value, target)
            if target is None or doubt is None:
                continue
            row = _row_of(returned, str(entry.task), target.metric)
            at = returned.file if row is None else where(returned.file, row, VALUE_COLUMN)
            problems.append(form_problem("form-figure", doubt[0], at, doubt[1]))
    return problems


def _target_of(figure: Figure, goals: list[Target]) -> Target | None:
    """The target a form's figure counts toward: the one it names, else its task's only one."""
    if figure.target is not None:
        return next((t for t in goals if fold(t.metric) == fold(figure.target)), None)
    return goals[0] if len(goals) == 1 else None


def _row_of(returned: Returned, task: str, metric: str) -> int | None:
    rows = [line for line in returned.lines if line.task == task]
    chosen = next((line for line in rows if line.target == metric), rows[0] if rows else None)
    return None if chosen is None else chosen.row


def date_problem(returned: Returned, today: datetime.date) -> Problem | None:
    """The problem with the 填报日期 a body wrote, if any: a day later than ``today``, or
    outside the days a report on the form's period may be dated (from its first day to the
    end of the next period of its kind, the bounds of validate's FG108). Collected as it
    is, the report would be filed in the wrong period, or dated a day not yet come.

    The hint never names a span of days to pick from: the date is the day the form was
    filled in. A day to come is a slip; a real day outside the span means the answers
    report on another period, whose form the body fills in."""
    day = returned.reported
    period = parse_period(returned.period)
    if day is None or period is None:
        return None
    first, last, following = report_window(period)
    if day > today:
        message = _("填报日期 {date} is later than today, {today}").format(date=day, today=today)
        hint = _("a form is not filled in on a day to come: write the day it was filled in")
        if today < first:  # no day may be written yet: the period has not begun
            hint = _("collect forms for {period} from {first}, when it begins").format(
                period=period.name, first=first
            )
    elif day < first:
        message = _("填报日期 {date} is before {period} began, on {first}").format(
            date=day, period=period.name, first=first
        )
        hint = _other_period(returned, day, period)
    elif day > last:
        message = _(
            "填报日期 {date} is after {next} ended, on {last}: too late for a report on {period}"
        ).format(date=day, next=following.name, last=last, period=period.name)
        hint = _other_period(returned, day, period)
    else:
        return None
    return form_problem("form-date", message, where(returned.file, *DATE_CELL), hint)


def undated_problem(returned: Returned, today: datetime.date) -> Problem | None:
    """The problem with a form whose 填报日期 is empty, when today is no day its reports
    may be dated: they are dated today, which would file them outside the period's
    window (validate's FG108). Within it, an empty date is taken as today's."""
    period = parse_period(returned.period)
    if returned.reported is not None or period is None:
        return None
    first, last, following = report_window(period)
    if today < first:
        message = _(
            "填报日期 is empty, and {period} begins on {first}: its reports cannot be dated "
            "today, {today}"
        ).format(period=period.name, first=first, today=today)
        hint = _("collect forms for {period} from {first}, when it begins").format(
            period=period.name, first=first
        )
    elif today > last:
        message = _(
            "填报日期 is empty, and a report on {period} is dated by {last} at the latest (the "
            "end of {next}): its reports cannot be dated today, {today}"
        ).format(period=period.name, last=last, next=following.name, today=today)
        hint = _("write the day the form was filled in")
    else:
        return None
    return form_problem("form-date", message, where(returned.file, *DATE_CELL), hint)


def _other_period(returned: Returned, day: datetime.date, period: ReportingPeriod) -> str:
    """What to do with a form for ``period`` filled in on ``day``, outside its report
    window: a day in the period just before ``period`` reports on that one (the form was
    sent early), a day in the period after the window on the period the window closes
    with (a round is collected after its period); a day farther off is likely a slip."""
    slip = _("if {date} is a slip, write the day the form was filled in").format(date=day)
    following = period.next() or period
    if day.year >= 1000 and (holding := containing(day, period.kind)) in (
        period.previous(),
        following.next(),
    ):
        other = holding if day < period.start else following
        return _(
            "a form filled in on {date} reports on {period}: send {body} the form of {period} "
            "(fenggong report sheet --period {period} --dept {body}); {slip}"
        ).format(date=day, period=other.name, body=returned.body, slip=slip)
    return _(
        "if the form was filled in on {date}, its answers report on another period: send "
        "{body} that period's form (fenggong report sheet --period PERIOD --dept {body}); "
        "{slip}"
    ).format(date=day, body=returned.body, slip=slip)


def target_cell(task: Task, metric: str, unit: str) -> str:
    """The 目标及单位 cell of a 完成值 row, in two lines: the target's metric
    (建设新型技师学院), then its value and the unit the 完成值 is written in
    (20所（单位：所）), so that a spreadsheet does not wrap 20所 between its number
    and its unit."""
    for target in task.targets:
        if target.metric == metric and target.unit == unit and target.value is not None:
            return f"{metric}\n{target_text(target)}（单位：{unit}）"
    return unit_cell(metric, unit)


def unit_cell(metric: str, unit: str) -> str:
    """A 目标及单位 cell as forms made before the target's value was shown write it
    (建设新型技师学院（所）), which the locked-cell check compares a returned cell with."""
    return f"{metric}（{unit}）"


def as_compared(returned: Returned, scope: Scope) -> Returned:
    """``returned`` with each 目标及单位 cell that reads as this version prints it written
    as forms made before printed it, the text the locked-cell check compares: forms of
    either kind are collected, and a cell edited by hand is still refused. Compared
    forgivingly: a spreadsheet that saves the line break as CRLF changed nothing."""
    cells = dict(returned.cells)
    for line in returned.lines:
        values = cells.get(line.row, ())
        if line.target is None or len(values) < UNIT_COLUMN:
            continue
        found = scope.find(
            line.task if scope.library or not line.task.isdigit() else int(line.task)
        )
        if not isinstance(found, Found):
            continue
        text = cell_text(values[UNIT_COLUMN - 1])
        for metric, unit in quantified(found.task):
            if metric != line.target:
                continue
            printed = target_cell(found.task, metric, unit)
            if text == printed or fold(text) == fold(printed):
                before = unit_cell(metric, unit)
                cells[line.row] = (*values[: UNIT_COLUMN - 1], before, *values[UNIT_COLUMN:])
                break
    return msgspec.structs.replace(returned, cells=cells)
