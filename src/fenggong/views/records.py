"""The JSON contract of a task, and the labels of its section and topic."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from fenggong.render.text import NONE, join, number, plain_number, target_text

__all__ = [
    "NONE",
    "join",
    "number",
    "plain_number",
    "section_label",
    "target_record",
    "target_text",
    "task_record",
    "topic_label",
]

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.matching import Match
    from fenggong.model import Section, Target, Task, Topic


def section_label(catalog: Catalog, task: Task) -> str:
    return catalog.section_of(task).label


def topic_label(catalog: Catalog, task: Task) -> str:
    return catalog.topic_of(task).label


def target_record(target: Target) -> dict[str, Any]:
    return {
        "metric": target.metric,
        "qualitative": target.qualitative,
        "value": target.value,
        "unit": target.unit,
        "quantity": target.quantity,
        "qualifier": list(target.qualifier),
        "period": target.period,
    }


@functools.cache
def _heading(part: Section | Topic) -> dict[str, Any]:
    # Shared by every task of the section or topic: a large result builds each once.
    return {"number": part.number, "numeral": part.numeral, "title": part.title}


def task_record(
    catalog: Catalog, task: Task, matches: tuple[Match, ...] | None = None
) -> dict[str, Any]:
    """One task as every machine format carries it (see README: JSON contract)."""
    record: dict[str, Any] = {
        "id": task.id,
        "section": _heading(catalog.section_of(task)),
        "topic": _heading(catalog.topic_of(task)),
        "text": task.text,
        "lead": list(task.lead),
        "support": list(task.support),
        "targets": [target_record(t) for t in task.targets],
    }
    if matches is not None:
        record["match"] = [m.as_dict() for m in matches]
    return record
