"""Characters no 分工方案 means, taken out of a document's text before anything reads it.

Direction overrides and isolates (U+202A–U+202E, U+2066–U+2069), marks (U+200E, U+200F,
U+061C) and C0/C1 controls but tab and line feed cannot be seen, yet they reorder or hide
what a maintainer reviews and reach every terminal and file the plan is written to. They
are removed, and the document's notes say how many.
"""

from __future__ import annotations

import re

import msgspec

from fenggong.errors import SourceError
from fenggong.importing.document import Block, Cell, Document, Paragraph, Row, Table
from fenggong.messages import _, ngettext

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]"
)
# A document of more text than this, once spans and merges are repeated into each cell,
# is no 分工方案 (a plan of 1,000 tasks is 300,000 characters): refused before any layout
# multiplies it further.
MAX_CHARACTERS = 4_000_000


class _Count:
    def __init__(self, file: str) -> None:
        self.file = file
        self.removed = 0
        self.characters = 0

    def text(self, text: str) -> str:
        self.characters += len(text)
        if self.characters > MAX_CHARACTERS:
            raise SourceError(
                self.file,
                None,
                _(
                    "more than {limit} characters of text, merged cells repeated; a 分工方案 has "
                    "a few hundred thousand"
                ).format(limit=MAX_CHARACTERS),
                _("import the part of the document that holds the 分工"),
            )
        clean, count = _INVISIBLE.subn("", text)
        self.removed += count
        return clean


def cleaned(document: Document) -> Document:
    """``document`` without invisible controls in its text, and a note if it had any."""
    count = _Count(document.file)
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            blocks.append(msgspec.structs.replace(block, text=count.text(block.text)))
            continue
        rows = tuple(
            Row(tuple(Cell(count.text(c.text), c.where) for c in row.cells), row.where)
            for row in block.rows
        )
        blocks.append(Table(rows, block.where))
    if not count.removed:
        return document
    note = ngettext(
        "{count} invisible control character (direction marks, controls) removed",
        "{count} invisible control characters (direction marks, controls) removed",
        count.removed,
    ).format(count=count.removed)
    return msgspec.structs.replace(document, blocks=tuple(blocks), notes=(*document.notes, note))
