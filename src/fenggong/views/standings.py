"""The machine contract of ``status``, ``due`` and ``overdue``: a task's standing on a day."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from msgspec import UNSET, Meta, UnsetType

from fenggong.views.contracts import Contract, PlanRef
from fenggong.views.recorded import DueObject

StatusCode = Literal["not_started", "in_progress", "ongoing", "done", "delayed", "cancelled"]
LightCode = Literal["green", "yellow", "red", "blue", "none"]


class StatusObject(Contract, frozen=True):
    """A task's standing on the day asked (``--as-of``), or one body's part in it."""

    task: Annotated[
        int | str, Meta(description="The task as the ledger names it: 47, or KEY:47 in a library.")
    ]
    plan: PlanRef
    body: Annotated[
        str | None,
        Meta(
            description="The body whose report decides the light: the task's worst-lit lead "
            "(status), the row's own body (status --by dept, due, overdue); null when the "
            "task has no lead."
        ),
    ]
    lead: Annotated[bool, Meta(description="Whether the body leads the task.")]
    status: Annotated[
        StatusCode | None, Meta(description="The body's latest status by the day; null: none.")
    ]
    light: Annotated[LightCode, Meta(description="The computed light (亮灯).")]
    reason: Annotated[str, Meta(description="Why the light, in the reader's language.")]
    due: Annotated[DueObject | None, Meta(description="完成时限: raw, kind and date, or null.")]
    days: Annotated[
        int | None,
        Meta(description="Days from the day to the due date, negative once past; null: no date."),
    ]
    reported: Annotated[
        datetime.date | None, Meta(description="The date of the latest report, if it gives one.")
    ]
    period: Annotated[str | None, Meta(description="The period of the latest report: 2026-Q1.")]
    text: Annotated[
        str | UnsetType, Meta(description="due and overdue only: the task's text, verbatim.")
    ] = UNSET
    duty: Annotated[
        str | UnsetType,
        Meta(
            description="status --by dept only: the body's part in the task, in the reader's "
            "language (leads, supports, through which group, or possibly concerned through a "
            "group naming no members)."
        ),
    ] = UNSET
