"""The JSON contract of a task and the small text pieces every view shares."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.matching import Match
    from fenggong.model import Section, Target, Task, Topic

NONE = "—"


def join(names: tuple[str, ...] | list[str]) -> str:
    """Department names as the table writes them: joined by 、."""
    return "、".join(names)


def section_label(catalog: Catalog, task: Task) -> str:
    return catalog.section_of(task).label


def topic_label(catalog: Catalog, task: Task) -> str:
    return catalog.topic_of(task).label


def number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}"


def plain_number(value: float | None) -> str:
    """For machines: no grouping, no exponent (5000000, 0.8)."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def target_text(target: Target) -> str:
    """``力争 500万人次`` or ``（定性）``."""
    if target.qualitative:
        return "（定性）"
    amount = f"{number(target.value).replace(',', '')}{target.unit}"
    before = "".join(q for q in target.qualifier if q != "以上")
    after = "以上" if "以上" in target.qualifier else ""
    return before + amount + after


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
