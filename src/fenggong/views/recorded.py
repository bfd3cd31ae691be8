"""The contracts of what an imported plan records on a task: its deadline and other roles.

Written by a task object only when the task records them (views.contracts.TaskObject).
"""

from __future__ import annotations

import datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from fenggong.model import Due, DueKind, RoleKind

Names = tuple[str, ...]


class DueObject(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A task's deadline (完成时限): as written, its kind, and the date it comes to."""

    raw: Annotated[str, Meta(description="As written: 2022年10月底前, 年内, 长期坚持.")]
    kind: Annotated[DueKind, Meta(description="by, within, period or ongoing.")]
    date: Annotated[
        datetime.date | None,
        Meta(description="The date by which (a period's end); null when ongoing."),
    ]


class RoleObject(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Bodies a task gives a part besides lead and support: 指导, 负责落实, 汇总."""

    role: Annotated[
        RoleKind, Meta(description="guide (指导), implement (负责落实), summarize (汇总).")
    ]
    departments: Annotated[Names, Meta(description="The bodies, as written, in order.")]
    verb: Annotated[str, Meta(description="The verb as the source writes it: 负责落实.")]


def due_object(due: Due) -> DueObject:
    return DueObject(due.raw, due.kind, due.date)
