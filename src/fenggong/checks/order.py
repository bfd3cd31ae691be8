"""FG020: tasks and topics in the table's order, the break blamed on the entry that strayed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import msgspec

from fenggong.checks.rulebook import problem
from fenggong.messages import _

if TYPE_CHECKING:
    from fenggong.checks.rules import Found, Parts


class Placed(msgspec.Struct, frozen=True):
    """A task or topic as the order rule sees it: where, its number, the group it is in."""

    index: int
    number: int
    group: int


def check(parts: Parts) -> Iterator[Found]:
    """The first break in the order of tasks (by topic) and of topics (by section)."""
    tasks = [Placed(i, t.id, t.topic) for i, t in parts.tasks]
    topics = [Placed(i, t.number, t.section) for i, t in parts.topics]
    for collection, items in (("tasks", tasks), ("topics", topics)):
        for k in range(1, len(items)):
            if items[k].group < items[k - 1].group:
                stray, other, tie = _stray(items, k)
                yield _report(collection, items, stray, other, tie)
                break


def _stray(items: list[Placed], k: int) -> tuple[Placed, Placed, bool]:
    """Of the two sides of the break between k-1 and k, the one that strayed, the other, and
    whether the order alone cannot tell them apart.

    Either may be the stray: task 47 edited to topic 21 jumps ahead of task 48 (topic 20);
    task 50 edited to topic 20 falls behind task 49 (topic 21). The stray is the one whose
    removal mends the order around it and whose group has other members elsewhere (blaming
    the other would leave its group empty); on a tie, the earlier one, and the hint names
    the other's fix too.
    """

    def score(stray: int, before: int, after: int) -> tuple[bool, bool]:
        mends = before < 0 or after >= len(items) or items[before].group <= items[after].group
        group = items[stray].group
        has_others = any(it.group == group for j, it in enumerate(items) if j != stray)
        return mends, has_others

    ahead, behind = score(k - 1, k - 2, k), score(k, k - 1, k + 1)
    if ahead >= behind:
        return items[k - 1], items[k], ahead == behind
    return items[k], items[k - 1], False


def _report(collection: str, items: list[Placed], stray: Placed, other: Placed, tie: bool) -> Found:
    # Where the stray belongs: after the last other entry of its group or of an earlier one.
    home = [it for it in items if it is not stray and it.group <= stray.group]
    ahead = other.index > stray.index
    values = {
        "number": stray.number,
        "group": stray.group,
        "other": other.number,
        "other_group": other.group,
    }
    if collection == "tasks":
        message = (
            _(
                "task {number} is in topic {group}, but task {other} after it is in "
                "topic {other_group}"
            )
            if ahead
            else _(
                "task {number} is in topic {group}, but task {other} before it is in "
                "topic {other_group}"
            )
        )
        where = (
            _("after task {number}").format(number=home[-1].number)
            if home
            else _("before task {number}").format(number=items[0].number)
        )
        hint = _(
            "a topic's tasks stand together, in the order of the topics: to move task {number} "
            "to topic {group}, move its whole entry {where} and renumber the ids to run "
            "1, 2, 3 …; if it belongs where it is, write topic: {other_group}, as task {other} has"
        )
        if tie:
            hint += _("; or, if task {other} is the one out of place, write topic: {group} for it")
        path = ("tasks", stray.index, "topic")
    else:
        message = (
            _(
                "topic {number} is in section {group}, but topic {other} after it is in "
                "section {other_group}"
            )
            if ahead
            else _(
                "topic {number} is in section {group}, but topic {other} before it is in "
                "section {other_group}"
            )
        )
        where = (
            _("after topic {number}").format(number=home[-1].number)
            if home
            else _("before topic {number}").format(number=items[0].number)
        )
        hint = _(
            "a section's topics stand together, in the order of the sections: to move topic "
            "{number} to section {group}, move its whole entry {where} and renumber the topics "
            "(and the topic: of their tasks); if it belongs where it is, write section: "
            "{other_group}, as topic {other} has"
        )
        if tie:
            hint += _(
                "; or, if topic {other} is the one out of place, write section: {group} for it"
            )
        path = ("topics", stray.index, "section")
    return problem("FG020", message.format(**values), path, hint=hint.format(where=where, **values))
