"""An item's duty clauses read, with a note for each part the parser could not place.

Each clause is read in simplified script (a note says where that changed it); a clause
that names no role, a piece of one that could not be read, and an item with several
clauses (whose bodies become one task's) are each a call for the review.
"""

from __future__ import annotations

from fenggong.errors import SourceError
from fenggong.importing.document import Where
from fenggong.importing.duties import Duty, parse_duty
from fenggong.importing.outline import Item
from fenggong.importing.review import Call, Note
from fenggong.messages import _
from fenggong.resolve import simplified

# A clause naming more bodies than this is a misread list, not a duty (and reading one of
# a hundred thousand takes seconds).
MAX_BODIES = 500


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
        if len(duty.bodies) > MAX_BODIES:
            raise SourceError(
                clause.where.file,
                clause.where.line,
                _("a duty clause names {count} bodies; a 分工 names a few").format(
                    count=len(duty.bodies)
                ),
            )
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


def joined(item: Item) -> str | None:
    """An item's duty clauses as one text, as the task's ``clause`` keeps them."""
    # Parentheticals follow one another as the text has them; labelled lines stay lines.
    raws = [c.raw for c in item.clauses]
    bracketed = all(raw.startswith(("（", "(")) for raw in raws)
    return ("" if bracketed else "\n").join(raws) or None
