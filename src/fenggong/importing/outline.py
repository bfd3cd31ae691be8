"""What a layout reads out of a document: headings and numbered items, before any roles.

A layout (a column table, numbered prose) finds the plan's structure and, for each item,
the raw pieces that say who does it and by when; it resolves nothing. The assembler then
applies the plan's lead rule and inheritance, reads names against a registry and writes
the review. Every piece carries its place in the source.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from fenggong.importing.document import Where

# What a column (or a labelled line) of a table says about an item's bodies: a role, or
# "responsible" (责任单位), which the plan's lead rule resolves.
ColumnRole = Literal["lead", "support", "responsible", "guide", "implement", "summarize"]


class Heading(msgspec.Struct, frozen=True):
    """A section (一、…) or a topic (（一）…) heading: its numeral and title as written.

    ``section`` is, for a topic, the index (0-based) in ``Outline.sections`` of the
    section it lies in. ``made`` is true for a heading the layout supplied because the
    document has no such level (a plan numbered 一、 then 1. only): the review says so.
    """

    numeral: str
    title: str
    where: Where
    section: int | None = None
    made: bool = False


class Clause(msgspec.Struct, frozen=True):
    """A duty clause as written — a parenthetical （X牵头，Y配合）, a trailing sentence
    责任单位：…, or a labelled line 牵头单位：… — for ``duties.parse_duty`` to read;
    ``shared`` is true when one clause after sub-items (1)…(4) applies to each of them."""

    raw: str
    where: Where
    shared: bool = False


class Column(msgspec.Struct, frozen=True):
    """A table cell that lists bodies in one role (a 牵头部门 or 配合部门 column)."""

    role: ColumnRole
    raw: str
    where: Where


class Item(msgspec.Struct, frozen=True):
    """A numbered item, the plan's task: its number as written, text verbatim (the duty
    clause cut off), and the raw pieces saying who does it, who answers for it, by when.

    ``topic`` is the index (0-based) in ``Outline.topics`` of its topic. ``leaders`` are
    persons (牵头负责领导：金力; a 责任领导 column) as written; ``due`` a deadline as
    written in a column or a labelled line (a deadline inside the text or the clause is
    found by the assembler).
    """

    number: str
    topic: int
    text: str
    where: Where
    clauses: tuple[Clause, ...] = ()
    columns: tuple[Column, ...] = ()
    leaders: tuple[str, ...] = ()
    due: str | None = None


class Skipped(msgspec.Struct, frozen=True):
    """Something the layout saw and could not make an item of, and why (for the review).

    ``left_out`` is false for a line that is no item of its own (the line introducing
    sub-items that are items each): noted, but nothing of the plan is missing.
    """

    text: str
    reason: str
    where: Where
    left_out: bool = True


class Outline(msgspec.Struct, frozen=True):
    """A plan's structure as a layout read it from one document.

    ``closing`` are the signature lines after the last item (国务院, 2018年11月7日).
    ``statements`` are sentences outside any item that bear on every item — the lead
    rule stated in a preamble (列第一位者为牵头单位) — as written. ``truncated`` is where
    the document ends inside an item or a parenthesis; the layout has then left that last
    item out (it is in ``skipped``).
    """

    file: str
    reader: str
    layout: str
    title: str | None
    preamble: tuple[str, ...]
    sections: tuple[Heading, ...]
    topics: tuple[Heading, ...]
    items: tuple[Item, ...]
    skipped: tuple[Skipped, ...] = ()
    statements: tuple[Clause, ...] = ()
    notes: tuple[str, ...] = ()
    truncated: Where | None = None
    closing: tuple[str, ...] = ()  # the lines after the last item: the issuer, the date
