"""Web pages: paragraphs and tables out of HTML, markup and entities stripped, each located.

Read with the standard library's tolerant parser. Block elements break paragraphs. A
table of data becomes a Table; a table that only lays out the page (gov.cn wraps a whole
document in one cell) is flattened to its paragraphs. Whitespace is read as a browser
shows it: runs collapse to one space; no-break and ideographic spaces (&nbsp;, U+3000)
are dropped at a paragraph's edges and become one space inside it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import ClassVar

import msgspec

from fenggong.importing.document import Block, Cell, Document, Paragraph, Row, Table, Where
from fenggong.importing.readers.base import HEAD_BYTES, Reader, decode_text

_TAGS = "html|body|head|p|div|span|table|tbody|tr|td|th|br|li|ul|h[1-6]|meta|font"
_HTML = re.compile(rf"<!doctype\s+html|<(?:{_TAGS})[\s/>]", re.IGNORECASE)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u3000]+")
_OPEN_TAG = re.compile(r"<[A-Za-z/!?]")
# Elements that end a paragraph where they start and where they end.
_BLOCKS = frozenset(
    (
        *("p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "section", "header"),
        *("footer", "nav", "aside", "main", "figure", "figcaption", "caption", "form"),
        "center",
    )
)
# Elements whose text is not the document's.
_HIDDEN = frozenset(
    ("script", "style", "title", "noscript", "template", "head", "svg", "object", "iframe")
)
# A colspan or rowspan past this is hostile, not a layout; so is a row of more columns.
_MAX_SPAN = 64
_MAX_COLUMNS = 256
# A cell holding more paragraphs than a duty with all its sub-items lays out a page.
_PAGE_PARAGRAPHS = 20


def looks_like_html(text: str) -> bool:
    """Whether a text is markup: a doctype or a common element's tag."""
    return _HTML.search(text) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset a page's meta element declares in its first bytes, if any."""
    found = _CHARSET.search(data[:HEAD_BYTES])
    return found[1].decode("ascii") if found else None


class HtmlReader(Reader):
    """A web page, as saved from a browser or stored by a crawler."""

    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml")
    description: ClassVar[str] = "a web page: paragraphs and tables"

    def claims_content(self, head: bytes) -> bool:
        return any(looks_like_html(head.decode(c, "ignore")) for c in ("utf-8", "utf-16"))

    def parse(self, data: bytes, file: str) -> Document:
        text, notes = decode_text(data, file, declared_charset(data))
        return self.parse_text(text, file, notes)

    def parse_text(self, text: str, file: str, notes: tuple[str, ...] = ()) -> Document:
        """The document in a decoded page (LF line ends)."""
        # SQL dumps store quotes escaped; a page never means a backslash before a quote.
        text = text.replace('\\"', '"').replace("\\'", "'")
        cut = _cut_tag(text)
        parser = _Parser(file)
        parser.feed(text if cut is None else text[:cut])
        parser.close()
        blocks, open_at = parser.finish()
        truncated = open_at
        if cut is not None:
            truncated = Where(file, line=text.count("\n", 0, cut) + 1)
        return Document(file, self.name, blocks, notes, truncated)


def _cut_tag(text: str) -> int | None:
    """Where a tag begins that the input ends inside (``<p sty``), if it does."""
    start = text.rfind("<")
    if start < 0 or text.find(">", start) >= 0 or not _OPEN_TAG.match(text, start):
        return None
    return start


def _text(pieces: list[str]) -> str:
    return _SPACES.sub(" ", "".join(pieces)).strip(" ")


class _Cell(msgspec.Struct):
    line: int
    colspan: int
    rowspan: int
    blocks: list[Block] = msgspec.field(default_factory=list)


class _Row(msgspec.Struct):
    line: int
    cells: list[_Cell] = msgspec.field(default_factory=list)


class _Table(msgspec.Struct):
    line: int
    explicit: bool  # opened by <table>, not implied by a stray <tr> or <td>
    rows: list[_Row] = msgspec.field(default_factory=list)
    cell: _Cell | None = None


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = dict(attrs).get(name) or "1"
    digits = re.match(r"\s*(\d+)", value)
    return max(1, min(_MAX_SPAN, int(digits[1]) if digits else 1))


class _Parser(HTMLParser):
    """One pass over a page; paragraphs and tables collected as they close."""

    def __init__(self, file: str) -> None:
        super().__init__(convert_charrefs=True)
        self.file = file
        self.blocks: list[Block] = []
        self.tables: list[_Table] = []
        self.pieces: list[str] = []
        self.start: int | None = None  # the line of the paragraph being read
        # and its column (1-based): a page crawled onto one line is still located
        self.column: int | None = None
        self.paragraph_open: int | None = None  # the line of an unclosed <p>
        self.hidden = 0
        self.ended = False  # </body> or </html> seen: what is open was closed by them

    def where(self, line: int) -> Where:
        return Where(self.file, line=line)

    @property
    def line(self) -> int:
        return self.getpos()[0]

    def sink(self) -> list[Block]:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            return table.cell.blocks
        return self.blocks

    def flush(self) -> None:
        text = _text(self.pieces)
        if text and self.start is not None:
            where = Where(self.file, line=self.start, column=self.column)
            self.sink().append(Paragraph(text, where))
        self.pieces = []
        self.start = None
        self.column = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
            return
        if tag in ("table", "tr", "td", "th"):
            self.flush()
            self.paragraph_open = None
            self.table_start(tag, attrs)
        elif tag in _BLOCKS:
            self.flush()
            if tag == "p":
                self.paragraph_open = self.line
            elif tag != "br":
                self.paragraph_open = None  # any other block closes an open <p>
            self.start = self.line if tag != "br" else None
            self.column = self.getpos()[1] + 1 if tag != "br" else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()
        # <td/> and the like hold nothing; nothing else needs the start-tag path.

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if tag in ("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
            self.flush()
            self.paragraph_open = None
            self.table_end(tag)
        elif tag in _BLOCKS:
            self.flush()
            if tag == "p":
                self.paragraph_open = None
        elif tag in ("body", "html"):
            self.flush()
            self.ended = True

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.start is None:
            if not _SPACES.sub("", data):
                return
            self.start = self.line
            self.column = self.getpos()[1] + 1
        self.pieces.append(data)

    # Tables: a cell's paragraphs are collected; when the table closes, it is data or layout.

    def table_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" or not self.tables:
            self.tables.append(_Table(self.line, explicit=tag == "table"))
            if tag == "table":
                return
        table = self.tables[-1]
        self.close_cell(table)
        if tag == "tr" or not table.rows:
            table.rows.append(_Row(self.line))
        if tag in ("td", "th"):
            table.cell = _Cell(self.line, _span(attrs, "colspan"), _span(attrs, "rowspan"))
            table.rows[-1].cells.append(table.cell)

    def close_cell(self, table: _Table) -> None:
        table.cell = None

    def table_end(self, tag: str) -> None:
        if not self.tables:
            return
        table = self.tables[-1]
        self.close_cell(table)
        # A table implied by a stray row (a crawl that kept <tbody> but not <table>)
        # closes with its row group.
        if tag == "table" or (not table.explicit and tag in ("tbody", "thead", "tfoot")):
            self.tables.pop()
            self.sink().extend(_blocks_of(table, self.file))

    def finish(self) -> tuple[tuple[Block, ...], Where | None]:
        """Every block, unclosed tables closed; and where the input stops mid-element."""
        self.flush()
        open_at: int | None = None
        if not self.ended:
            explicit = [t.line for t in self.tables if t.explicit]
            cells = [t.cell.line for t in self.tables if t.cell is not None]
            candidates = [*explicit, *cells]
            if self.paragraph_open is not None:
                candidates.append(self.paragraph_open)
            open_at = max(candidates) if candidates else None
        while self.tables:
            table = self.tables.pop()
            self.close_cell(table)
            self.sink().extend(_blocks_of(table, self.file))
        truncated = self.where(open_at) if open_at is not None else None
        return tuple(self.blocks), truncated


def _is_layout(table: _Table) -> bool:
    """Whether a table lays out a page rather than holding data: a cell holds a table or
    a whole page of paragraphs, or no row has two cells with text."""
    cells = [cell for row in table.rows for cell in row.cells]
    if any(isinstance(b, Table) for cell in cells for b in cell.blocks):
        return True
    if any(len(cell.blocks) > _PAGE_PARAGRAPHS for cell in cells):
        return True
    return all(sum(bool(cell.blocks) for cell in row.cells) <= 1 for row in table.rows)


def _blocks_of(table: _Table, file: str) -> list[Block]:
    """A closed table as blocks: one Table, or, for a layout table, its cells' blocks."""
    if not any(cell.blocks for row in table.rows for cell in row.cells):
        return []
    if _is_layout(table):
        return [block for row in table.rows for cell in row.cells for block in cell.blocks]
    rows: list[Row] = []
    # A cell spanning rows below, by column: how many rows it still covers, and its text.
    below: dict[int, tuple[int, str]] = {}
    for row in table.rows:
        where = Where(file, line=row.line)
        cells: list[Cell] = []
        for source in [*row.cells, None]:
            while len(cells) in below and len(cells) < _MAX_COLUMNS:  # spanned from above
                left, text = below.pop(len(cells))
                if left > 1:
                    below[len(cells)] = (left - 1, text)
                cells.append(Cell(text, where))
            if source is None:
                break
            text = "\n".join(b.text for b in source.blocks if isinstance(b, Paragraph))
            for _ in range(min(source.colspan, _MAX_COLUMNS - len(cells))):
                if source.rowspan > 1:
                    below[len(cells)] = (source.rowspan - 1, text)
                cells.append(Cell(text, Where(file, line=source.line)))
        if cells:
            rows.append(Row(tuple(cells), where))
    return [Table(tuple(rows), Where(file, line=table.line))] if rows else []
