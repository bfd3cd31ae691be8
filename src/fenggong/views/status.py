"""The documents of ``status``, ``due`` and ``overdue``: standings with their lights."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from msgspec import UNSET

from fenggong.forms import STATUS_WORDS
from fenggong.messages import N_, _, listed, ngettext
from fenggong.model import Status
from fenggong.query.forms import Duties, duty_words
from fenggong.query.progress import Row
from fenggong.render.document import Column, Document, Kind
from fenggong.render.document import Status as Lit
from fenggong.views.contracts import plan_ref
from fenggong.views.recorded import due_object
from fenggong.views.standings import StatusObject

StatusColumn = Column[StatusObject]

# The light's word for people, and the colour its dot is drawn in.
LIGHT_WORDS = {
    "green": N_("green"),
    "yellow": N_("yellow"),
    "red": N_("red"),
    "blue": N_("blue"),
    "none": N_("none"),
}
_COLOURS = {"green": "green", "yellow": "amber", "red": "red", "blue": "blue", "none": "grey"}


def _light(row: StatusObject) -> Lit:
    return Lit(_(LIGHT_WORDS[row.light]), _COLOURS[row.light])  # type: ignore[arg-type]


def _status(row: StatusObject) -> str:
    # The reader's word: in progress in English, 推进中 (the label) in Chinese.
    return "" if row.status is None else _(STATUS_WORDS[Status(row.status)])


def _due(row: StatusObject) -> str:
    if row.due is None:
        return ""
    if row.due.date is None:
        return row.due.raw
    return f"{row.due.raw} ({row.due.date.isoformat()})"


def _days(row: StatusObject) -> str:
    # A task done or cancelled is neither late nor due: its days would mislead people.
    if row.days is None or row.status in ("done", "cancelled"):
        return ""
    if row.days == 0:
        return _("due today")
    if row.days > 0:
        return _("{days} left").format(days=row.days)
    return _("{days} over").format(days=-row.days)


def _reported(row: StatusObject) -> str:
    date = row.reported.isoformat() if row.reported else ""
    if row.period is None:
        return date
    return f"{date} ({row.period})" if date else row.period


def _text(value: object) -> str | None:
    return None if value is None else str(value)


# Headed as list heads the same things: the task's number 序号, its text 重点任务, and a
# body as depts heads it, 部门.
TASK = StatusColumn("task", N_("No."))
PLAN = StatusColumn("plan", N_("Plan"), get=lambda r: r.plan.key)
BODY = StatusColumn("body", N_("Department"))
# Under a heading per body (due, overdue), the body is a column for machines only.
BODY_MACHINE = StatusColumn("body", N_("Department"), audience="machines")
DUTY = StatusColumn("duty", N_("Duty"), audience="people")
# In csv after the columns it had before: a column added at the end moves none of them.
DUTY_MACHINE = StatusColumn("duty", N_("Duty"), audience="machines")
LEAD = StatusColumn("lead", N_("Leads"), audience="machines", get=lambda r: str(r.lead).lower())
TEXT = StatusColumn("text", N_("Task"), wide=True)
_PEOPLE = (
    StatusColumn("status", N_("Status"), audience="people", get=_status),
    StatusColumn("light", N_("Light"), Kind.STATUS, audience="people", get=_light),
    StatusColumn("due", N_("Due"), audience="people", get=_due),
    StatusColumn("days", N_("Days"), audience="people", get=_days),
    StatusColumn("reported", N_("Last reported"), audience="people", get=_reported),
)
_MACHINES = (
    StatusColumn("status", N_("Status"), audience="machines"),
    StatusColumn("light", N_("Light"), audience="machines"),
    StatusColumn("due", N_("Due"), audience="machines", get=lambda r: r.due and r.due.raw),
    StatusColumn(
        "due_date",
        N_("Due date"),
        audience="machines",
        get=lambda r: r.due and r.due.date and r.due.date.isoformat(),
    ),
    StatusColumn("days", N_("Days"), audience="machines", get=lambda r: _text(r.days)),
    StatusColumn("reported", N_("Reported"), audience="machines", get=lambda r: _text(r.reported)),
    StatusColumn("period", N_("Period"), audience="machines"),
)
REASON = StatusColumn("reason", N_("Reason"), wide=True)


def status_object(row: Row, *, text: bool = False, duty: Duties | None = None) -> StatusObject:
    task = row.task
    return StatusObject(
        task=row.ref,
        plan=plan_ref(row.catalog),
        body=row.label,
        lead=row.lead,
        status=row.status,  # type: ignore[arg-type]
        light=str(row.verdict.light),  # type: ignore[arg-type]
        reason=row.verdict.reason,
        due=None if task.due is None else due_object(task.due),
        days=row.days,
        reported=row.reported,
        period=None if row.period is None else row.period.name,
        text=task.text if text else UNSET,
        duty=UNSET if duty is None else duty_of(row, duty),
    )


def duties() -> Duties:
    """The words of a body's part in a task, in the reader's language: made once for a
    table, not for each of its rows."""
    return Duties(
        _("leads"),
        _("supports"),
        _("{duty} (through {group})"),
        _("possibly concerned (through {group})"),
    )


def duty_of(row: Row, words: Duties) -> str:
    """The body's part in the task, as its form names it, in ``words`` (``duties``)."""
    from fenggong.query.select import matcher_of

    found = None if row.body is None else matcher_of(row.catalog).involvement(row.task, row.body)
    if found is None:  # a group standing for a task none of its scope reported on
        return words.lead if row.lead else ""
    return duty_words(found.deciding, words)


def _caption(objects: Sequence[StatusObject], as_of: datetime.date) -> str:
    if not objects:  # a plan has tasks: only filters (--lead, --light) leave none
        return _("as of {date}: no row matches the filters").format(date=as_of.isoformat())
    counts = {code: sum(o.light == code for o in objects) for code in LIGHT_WORDS}
    shown = listed(
        [
            _("{light} {count}").format(light=_(LIGHT_WORDS[code]), count=count)
            for code, count in counts.items()
            if count
        ]
    )
    return ngettext(
        "as of {date}: {count} row; {lights}", "as of {date}: {count} rows; {lights}", len(objects)
    ).format(date=as_of.isoformat(), count=len(objects), lights=shown or "-")


def status_view(
    rows: Sequence[Row],
    as_of: datetime.date,
    *,
    across: bool,
    by_body: bool,
    text: bool = False,
) -> Document:
    """``status``: a row per task (per task and body with ``by_body``); ``text``: with the
    task's text after its number (the printed sheet, which no one reads by numbers alone)."""
    words = duties() if by_body else None
    objects = tuple(status_object(r, text=text, duty=words) for r in rows)
    shown = (TEXT,) if text else ()
    people = (TASK, *shown, *((BODY, DUTY) if by_body else (BODY_MACHINE,)))
    columns = (PLAN,) if across else ()
    duty = (DUTY_MACHINE,) if by_body else ()
    return Document(
        columns=(*columns, *people, LEAD, *_PEOPLE, *_MACHINES, REASON, *duty),
        rows=objects,
        caption=_caption(objects, as_of),
    )


def deadlines_view(
    rows: Sequence[Row], as_of: datetime.date, *, across: bool, within: int | None = None
) -> Document:
    """``due`` (``within`` days) and ``overdue`` (``within`` None): the lead bodies' open
    tasks in the window, under each body."""
    objects = tuple(status_object(r, text=True) for r in rows)
    columns = (PLAN,) if across else ()
    tasks = len({(o.plan.key, o.task) for o in objects})
    bodies = len({o.body for o in objects})
    caption = _("as of {date}: {tasks} of {bodies}").format(
        date=as_of.isoformat(),
        tasks=ngettext("{count} task", "{count} tasks", tasks).format(count=tasks),
        bodies=ngettext("{count} body", "{count} bodies", bodies).format(count=bodies),
    )
    if not objects:  # said as such, not as "0 tasks of 0 bodies"
        caption = (
            _("as of {date}: nothing is overdue").format(date=as_of.isoformat())
            if within is None
            else ngettext(
                "as of {date}: nothing falls due within {count} day",
                "as of {date}: nothing falls due within {count} days",
                within,
            ).format(date=as_of.isoformat(), count=within)
        )
    return Document(
        columns=(*columns, TASK, BODY_MACHINE, TEXT, *_PEOPLE, *_MACHINES, REASON),
        rows=objects,
        caption=caption,
        groups=tuple(o.body or "" for o in objects),
    )
