"""Plain text: the official table's text dump, a table copied with tabs, or lines of prose.

Three shapes, told apart by where the tabs are. The official dump (as in data/source/)
puts each cell on a line of its own after a tab, a blank line between rows. A table
copied out of Word or Excel puts a row on a line, its cells between tabs. Anything else
is prose: each non-blank line a paragraph. A text that is really a web page (a crawl
stored as .txt) goes to the html reader: content beats extension.
"""

from __future__ import annotations

from typing import ClassVar

from fenggong.errors import SourceError
from fenggong.importing.document import Block, Cell, Document, Paragraph, Row, Table, Where
from fenggong.importing.readers.base import HEAD_BYTES, Reader, decode_text
from fenggong.importing.readers.html import HtmlReader, looks_like_html
from fenggong.messages import _


class TextReader(Reader):
    """Text in UTF-8, UTF-16 or GB18030: a text dump, tab-separated rows, or lines."""

    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text", ".tsv")
    description: ClassVar[str] = "plain text: the table's text dump, tab-separated rows, or lines"

    def claims_content(self, head: bytes) -> bool:
        # A multi-byte character cut at the end of the head is not a reason to refuse it.
        for cut in range(4):
            try:
                decode_text(head[: len(head) - cut], "")
            except SourceError:
                continue
            return True
        return False

    def parse(self, data: bytes, file: str) -> Document:
        text, notes = decode_text(data, file)
        if looks_like_html(text[:HEAD_BYTES]):
            return HtmlReader().parse_text(text, file, notes)
        # A copy from a SQL dump or a script keeps its quotes escaped: \" means ".
        unescaped = text.replace('\\"', '"').replace("\\'", "'")
        if unescaped != text:
            notes = (*notes, _("escaped quotes (\\\" and \\') read as quotes"))
        return Document(file, self.name, text_blocks(unescaped, file), notes)


def text_blocks(text: str, file: str) -> tuple[Block, ...]:
    """The blocks of a decoded text (LF line ends), each located by its line."""
    lines = text.split("\n")
    tabbed = [line for line in lines if "\t" in line]
    if tabbed and all(line.startswith("\t") and line.count("\t") == 1 for line in tabbed):
        return _dump(lines, file)
    return _rows(lines, file)


class _Blocks:
    """Blocks as they are found: paragraphs, and the rows of the table being read."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.blocks: list[Block] = []
        self.rows: list[Row] = []

    def where(self, line: int) -> Where:
        return Where(self.file, line=line)

    def paragraph(self, text: str, line: int) -> None:
        self.end_table()
        self.blocks.append(Paragraph(text.strip(), self.where(line)))

    def row(self, cells: list[Cell], line: int) -> None:
        self.rows.append(Row(tuple(cells), self.where(line)))

    def end_table(self) -> None:
        if self.rows:
            self.blocks.append(Table(tuple(self.rows), self.rows[0].where))
            self.rows = []


def _dump(lines: list[str], file: str) -> tuple[Block, ...]:
    found = _Blocks(file)
    cells: list[Cell] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if line.startswith("\t"):
            if not cells:
                start = number
            cells.append(Cell(line[1:].strip(), found.where(number)))
        elif not line.strip():
            if cells and number == len(lines) and line:
                # The official dump's last cell, empty, lost its tab: blanks closing the
                # file with no line end, right after a cell, are that cell.
                cells.append(Cell("", found.where(number)))
            if cells:
                found.row(cells, start)
                cells = []
        else:
            if cells:
                found.row(cells, start)
                cells = []
            found.paragraph(line, number)
    if cells:
        found.row(cells, start)
    found.end_table()
    return tuple(found.blocks)


def _rows(lines: list[str], file: str) -> tuple[Block, ...]:
    found = _Blocks(file)
    for number, line in enumerate(lines, start=1):
        if "\t" in line:
            where = found.where(number)
            found.row([Cell(cell.strip(), where) for cell in line.split("\t")], number)
        elif line.strip():
            found.paragraph(line, number)
        else:
            found.end_table()  # a blank line ends a table
    found.end_table()
    return tuple(found.blocks)
