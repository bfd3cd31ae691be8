"""A source document as its reader found it: paragraphs and tables, every piece located.

Readers (text, web page, Word, workbook) turn bytes into a ``Document``; layouts read a
plan out of it. Nothing here knows what a 分工方案 is: a paragraph is a line of text and
a table is rows of cells, each with the place a review cites for it.
"""

from __future__ import annotations

import msgspec


class Where(msgspec.Struct, frozen=True, omit_defaults=True):
    """A place in a source document: a line (and column) of a text or a web page, a
    workbook cell (``sheet`` and ``cell``, B7), or a Word table's row or a paragraph
    (1-based)."""

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    table: int | None = None
    row: int | None = None
    paragraph: int | None = None

    @property
    def order(self) -> tuple[int, int, int]:
        """Where it is in reading order, within one document: table and row, or paragraph,
        or line and column."""
        return (self.table or 0, self.row or self.paragraph or self.line or 0, self.column or 0)

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.file}!{self.sheet}!{self.cell or ''}".rstrip("!")
        if self.table is not None:
            row = f" row {self.row}" if self.row is not None else ""
            return f"{self.file} table {self.table}{row}"
        if self.paragraph is not None:
            return f"{self.file} paragraph {self.paragraph}"
        if self.line is not None:
            column = f":{self.column}" if self.column is not None else ""
            return f"{self.file}:{self.line}{column}"
        return self.file


class Paragraph(msgspec.Struct, frozen=True):
    """One paragraph (or one line of a plain text), markup stripped, text as written."""

    text: str
    where: Where


class Cell(msgspec.Struct, frozen=True):
    """One table cell: its text (lines within it joined by a line break) and place."""

    text: str
    where: Where


class Row(msgspec.Struct, frozen=True):
    """One table row; a merged cell repeats its text in each column it spans."""

    cells: tuple[Cell, ...]
    where: Where


class Table(msgspec.Struct, frozen=True):
    """One table, its rows in order (a header row is a row like any other)."""

    rows: tuple[Row, ...]
    where: Where


Block = Paragraph | Table


class Document(msgspec.Struct, frozen=True):
    """A whole source document: its blocks in reading order.

    ``reader`` is the name of the reader that read it (text, html, docx, xlsx);
    ``notes`` say what reading changed that a maintainer should know (an encoding other
    than UTF-8, a conversion through LibreOffice, traditional script folded).
    ``truncated`` is where the input stops mid-structure (an unclosed element, a file cut
    off inside a cell), when the reader can tell.
    """

    file: str
    reader: str
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()
    truncated: Where | None = None
