"""An item's deadline: from its 完成时限 cell, its duty clause, or its text, in that order.

A cell or a clause says the deadline on purpose, so it wins; a date in the text may be a
deadline or the year a figure refers to, so the grammar's rule (a year counts with 前, 底,
内 …) decides and the review shows what it took. A phrase no rule reads goes to the review.
"""

from __future__ import annotations

import datetime

from fenggong.deadlines import DueParse, classify, find_dues
from fenggong.importing.duties import Duty
from fenggong.importing.outline import Item
from fenggong.importing.review import Call, Note
from fenggong.messages import _
from fenggong.model import Due, DueKind


def _due(found: DueParse) -> Due:
    return Due(raw=found.raw, kind=DueKind(found.kind), date=found.date)


def due_of(
    item: Item,
    duties: list[Duty],
    issued: datetime.date | None,
    notes: list[Note],
    task: int,
) -> Due | None:
    """The deadline an item states, or None; every call noted in ``notes``."""
    where = str(item.where)
    said = [item.due] if item.due else []
    said += [duty.deadline for duty in duties if duty.deadline]
    for phrase in said:
        found = classify(phrase, issued=issued)
        if found is None:
            found = next(iter(find_dues(phrase, issued=issued)), None)
        if found is None:
            notes.append(
                Note(
                    Call.DUE,
                    _("a deadline no rule reads: {phrase}").format(phrase=phrase),
                    where,
                    task,
                )
            )
            continue
        if found.kind != "ongoing" and found.date is None:
            # A deadline without its day cannot be checked against a date: not recorded.
            notes.append(
                Note(
                    Call.DUE,
                    _(
                        "{phrase}: its date depends on what the document does not say; "
                        "no deadline recorded"
                    ).format(phrase=found.raw),
                    where,
                    task,
                )
            )
            return None
        return _due(found)
    in_text = find_dues(item.text, issued=issued)
    if not in_text:
        return None
    dated = [d for d in in_text if d.kind == "ongoing" or d.date is not None]
    if not dated:
        phrases = "、".join(d.raw for d in in_text)
        notes.append(
            Note(
                Call.DUE,
                _(
                    "{phrase}: its date depends on what the document does not say; "
                    "no deadline recorded"
                ).format(phrase=phrases),
                where,
                task,
            )
        )
        return None
    chosen = dated[-1]  # a text's last deadline is the one the whole item answers to
    others = "、".join(d.raw for d in in_text if d is not chosen)
    message = _("deadline {phrase} read from the text").format(phrase=chosen.raw)
    if others:
        message += "; " + _("also in the text: {others}").format(others=others)
    notes.append(Note(Call.DUE, message, where, task))
    return _due(chosen)
