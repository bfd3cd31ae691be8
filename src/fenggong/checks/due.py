"""The deadline rule (FG024): a task's due date agrees with its kind."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from fenggong.checks.rulebook import problem
from fenggong.messages import _
from fenggong.model import DueKind

if TYPE_CHECKING:
    from fenggong.checks.rules import Found, Parts


def check(parts: Parts) -> Iterator[Found]:
    """An ongoing deadline (长期坚持) has no date; by, within and period need one, or a
    query for what falls due by a day could not place the task."""
    for index, task in parts.tasks:
        due = task.due
        if due is None:
            continue
        if due.kind is DueKind.ONGOING and due.date is not None:
            yield problem(
                "FG024",
                _("the deadline {raw} of task {id} has kind ongoing but a date").format(
                    raw=due.raw, id=task.id
                ),
                ("tasks", index, "due", "date"),
                hint=_("drop date, or give the kind it falls due by: by, within or period"),
            )
        elif due.kind is not DueKind.ONGOING and due.date is None:
            yield problem(
                "FG024",
                _("the deadline {raw} of task {id} has kind {kind} but no date").format(
                    raw=due.raw, id=task.id, kind=due.kind
                ),
                ("tasks", index, "due"),
                hint=_(
                    "add date: YYYY-MM-DD, the day it falls due (a period's last day), "
                    "or write kind: ongoing"
                ),
            )
