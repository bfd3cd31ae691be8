"""Layouts: how a plan is laid out in a document (a column table, numbered prose).

``read_outline`` tries the column table first: a table whose header it recognizes is
the plan, whatever prose surrounds it. Otherwise the document is numbered prose; one in
which neither finds a single item is not a 分工方案 the importer can read.
"""

from __future__ import annotations

import msgspec

from fenggong.errors import SourceError
from fenggong.importing.document import Document, Paragraph, Table
from fenggong.importing.layouts.prose import read_prose
from fenggong.importing.layouts.table import read_table
from fenggong.importing.outline import Outline
from fenggong.messages import _, ngettext

# A 分工方案 has tens or hundreds of items; beyond this, reading them (and the review of
# each) would take minutes, and the document is no plan a maintainer reviews whole.
MAX_ITEMS = 5000


def read_outline(document: Document) -> Outline:
    """The plan's outline in a document; SourceError (exit 2) when it holds none."""
    table = read_table(document)
    outline = _beside(document, table) if table is not None else read_prose(document)
    if len(outline.items) > MAX_ITEMS:
        raise SourceError(
            document.file,
            None,
            _("{count} items; a 分工方案 has hundreds at most").format(count=len(outline.items)),
            _("import the part of the document that holds the 分工"),
        )
    if not outline.items and not outline.skipped:
        raise SourceError(
            document.file,
            1,
            _(
                "no 分工 found: neither a table with a 序号/重点任务/牵头部门 header "
                "nor numbered items"
            ),
            _(
                "the importer reads a column table (序号, 重点任务, 牵头部门, 配合部门) or "
                "numbered items (一、（一）1.) with their duty clauses（X牵头，Y配合）"
            ),
        )
    return outline


def _beside(document: Document, outline: Outline) -> Outline:
    """A table's outline, with a note of the paragraphs after its start that no item holds
    (a table flattened around another, text between split tables): never dropped unsaid."""
    blocks = document.blocks
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Table)), len(blocks))
    after = [b for b in blocks[first:] if isinstance(b, Paragraph) and b.text.strip()]
    if not after:
        return outline
    note = ngettext(
        "{count} paragraph after the table's start is not read as an item, from {where}",
        "{count} paragraphs after the table's start are not read as items, from {where}",
        len(after),
    )
    text = note.format(count=len(after), where=after[0].where)
    return msgspec.structs.replace(outline, notes=(*outline.notes, text))
