"""An item's duty clauses read, with a note for each part the parser could not place.

Each clause is read in simplified script (a note says where that changed it); a clause
that names no role, a piece of one that could not be read, and an item with several
clauses (whose bodies become one task's) are each a call for the review.
"""

from __future__ import annotations

from fenggong.importing.document import Where
from fenggong.importing.duties import Duty, parse_duty
from fenggong.importing.outline import Item
from fenggong.importing.review import Call, Note
from fenggong.importing.script import simplified
from fenggong.messages import _


def read_clauses(item: Item, notes: list[Note]) -> list[tuple[Where, Duty]]:
    """Each duty clause of ``item`` that names a role, read, with its place."""
    read: list[tuple[Where, Duty]] = []
    for clause in item.clauses:
        where = str(clause.where)
        simple = simplified(clause.raw)
        if simple != clause.raw:
            message = _("read in simplified script: {simple}").format(simple=simple)
            notes.append(Note(Call.TRADITIONAL, message, where, quote=clause.raw))
        duty = parse_duty(clause.raw)
        if duty is None:
            notes.append(
                Note(Call.UNREAD, _("a clause that names no role"), where, quote=clause.raw)
            )
            continue
        read.append((clause.where, duty))
        for piece in duty.unread:
            message = _("not read: {piece}").format(piece=piece)
            notes.append(Note(Call.UNREAD, message, where, quote=clause.raw))
    if len(read) > 1:
        message = _(
            "{count} duty clauses in one item: their bodies are one task's; split the "
            "task if each clause is for its own sentence"
        ).format(count=len(read))
        quote = "".join(c.raw for c in item.clauses)
        notes.append(Note(Call.UNREAD, message, str(item.where), quote=quote))
    return read
