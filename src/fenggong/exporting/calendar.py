"""The plan's deadlines as an iCalendar file (RFC 5545): an all-day event per dated task.

The icalendar package writes the file: its escaping of commas, semicolons and line
breaks and its folding of long lines (at 75 octets, never inside a character) are the
standard's, not ours. The same plan gives the same bytes: every UID is the task's
reference under a fixed domain, DTSTAMP is the plan's own date, and nothing records when
or by which release the file was made, so a calendar re-imported after an edit updates
its events in place instead of doubling them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from icalendar import Calendar, Event

from fenggong.catalog import Catalog
from fenggong.exporting import Bundle, Plans
from fenggong.model import Task
from fenggong.render.text import join

# The UID's domain: reserved (RFC 2606), so it can be nobody's and never clash.
DOMAIN = "fenggong.invalid"
PRODID = "-//fenggong//分工表 deadlines//ZH"
_SHORT = 30  # characters of a task's text in an event's title


def dated(tasks: Iterable[Task]) -> list[Task]:
    """The tasks that fall due on a date: by, within and period; an ongoing task (长期坚持)
    has no day to put in a calendar."""
    return [t for t in tasks if t.due is not None and t.due.date is not None]


def export(bundle: Bundle) -> bytes:
    calendar = _calendar(bundle.catalog.dataset.plan.title)
    for event in _events(bundle, several=False):
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def export_plans(plans: Plans) -> bytes:
    """Every chosen plan's deadlines in one calendar, each title led by its KEY:ID."""
    calendar = _calendar("、".join(p.catalog.dataset.plan.title for p in plans.parts))
    for part in plans.parts:
        for event in _events(part, several=True):
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # The name calendar applications show for a subscribed or imported file.
    calendar.add("x-wr-calname", f"{name} 完成时限")
    return calendar


def _events(bundle: Bundle, several: bool) -> Iterator[Event]:
    catalog = bundle.catalog
    plan = catalog.dataset.plan
    stamp = datetime.datetime.combine(plan.date, datetime.time(), datetime.UTC)
    for task in dated(hit.task for hit in bundle.hits):
        assert task.due is not None and task.due.date is not None
        day = task.due.date
        ref = f" {catalog.key}:{task.id}" if several else str(task.id)
        event = Event()
        event.add("uid", f"{catalog.key}-{task.id}@{DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("summary", f"任务{ref} {_short(task.text)}")
        event.add("description", _description(catalog, task))
        event.add("categories", list(task.lead))
        # A deadline, not an appointment: it keeps the day free in a schedule.
        event.add("transp", "TRANSPARENT")
        yield event


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


def _description(catalog: Catalog, task: Task) -> str:
    plan = catalog.dataset.plan
    assert task.due is not None and task.due.date is not None
    lines = [
        task.text,
        f"牵头部门：{join(task.lead)}",
        f"配合部门：{join(task.support) or '—'}",
        f"完成时限：{task.due.raw}（{task.due.date.isoformat()}）",
        f"{catalog.section_of(task).label} {catalog.topic_of(task).label}",
        f"{plan.title}（{plan.document_number}）",
    ]
    return "\n".join(lines)
