"""Word .docx: the body's paragraphs and tables in order, merged cells repeated.

python-docx opens the package; the body's XML is walked directly, because its table
API resolves each cell by position, which is quadratic in a table's size. A cell merged
across columns (gridSpan) or down rows (vMerge) repeats its text in each place it covers.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, ClassVar

import docx
from docx.oxml.ns import qn

from fenggong.errors import SourceError
from fenggong.importing.document import Block, Cell, Document, Paragraph, Row, Table, Where
from fenggong.importing.readers.base import ZIP_MAGIC, Reader, missing_member, open_zip, unreadable
from fenggong.messages import _

MEMBER = "word/document.xml"
_WHAT = "Word .docx file"
_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_R, _T, _TAB, _BR, _CR = qn("w:r"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_SDT_CONTENT = qn("w:sdtContent")
# Wrappers whose runs are the paragraph's text: links, tracked insertions, fields, tags.
_INLINE = frozenset(
    qn(tag) for tag in ("w:hyperlink", "w:ins", "w:fldSimple", "w:smartTag", "w:customXml", "w:sdt")
) | {_SDT_CONTENT}
_VAL = qn("w:val")
_SPAN = 64  # a gridSpan past this is hostile, not a layout
# Cells of all tables, spans repeated: a 分工表 of 1,000 rows has ten thousand; a few
# hundred kilobytes of spans can claim a hundred million.
MAX_CELLS = 200_000
_COLUMNS = 256


class DocxReader(Reader):
    """A Word document (.docx)."""

    name: ClassVar[str] = "docx"
    suffixes: ClassVar[tuple[str, ...]] = (".docx", ".docm")
    description: ClassVar[str] = "a Word document: paragraphs and tables"

    def claims_content(self, head: bytes) -> bool:
        return head.startswith(ZIP_MAGIC) and b"word/" in head

    def parse(self, data: bytes, file: str) -> Document:
        archive = open_zip(data, file, _WHAT)
        if MEMBER not in archive.namelist():
            raise missing_member(file, _WHAT, MEMBER)
        # Counted in the bytes before lxml builds a tree of them: a million cells take it a
        # gigabyte.
        xml = archive.read(MEMBER)
        if xml.count(b"<w:tc>") + xml.count(b"<w:tc ") > MAX_CELLS:
            raise _too_many(file)
        try:
            body = docx.Document(io.BytesIO(data)).element.body
        # python-docx and lxml raise many kinds of error on damaged input; each is reported.
        except Exception as error:
            raise unreadable(file, _WHAT, error) from None
        return Document(file, self.name, tuple(_blocks(body, file)))


def _too_many(file: str) -> SourceError:
    return SourceError(
        file,
        None,
        _("more than {limit} table cells, merged cells repeated; a 分工表 has thousands").format(
            limit=MAX_CELLS
        ),
    )


def _children(parent: Any) -> Iterator[Any]:
    """Block-level children, content controls opened: a paragraph in one is in the body."""
    for child in parent.iterchildren():
        if child.tag == qn("w:sdt"):
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _children(content)
        else:
            yield child


def _blocks(body: Any, file: str) -> Iterator[Block]:
    paragraphs = tables = cells = 0
    for child in _children(body):
        if child.tag == _P:
            paragraphs += 1
            text = paragraph_text(child).strip()
            if text:
                yield Paragraph(text, Where(file, paragraph=paragraphs))
        elif child.tag == _TBL:
            tables += 1
            table = _table(child, file, tables)
            cells += sum(len(row.cells) for row in table.rows)
            if cells > MAX_CELLS:
                raise _too_many(file)
            if table.rows:
                yield table


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's text: its runs' text, tabs and line breaks, in links and insertions."""
    pieces: list[str] = []

    def walk(element: Any) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == _R:
                for part in child.iterchildren():
                    if part.tag == _T:
                        pieces.append(part.text or "")
                    elif part.tag == _TAB:
                        pieces.append("\t")
                    elif part.tag in (_BR, _CR):
                        pieces.append("\n")
            elif tag in _INLINE:
                walk(child)

    walk(paragraph)
    return "".join(pieces)


def _cell_text(cell: Any) -> str:
    """A cell's paragraphs (nested tables' too), blank ones dropped, joined by line breaks."""
    lines = (paragraph_text(p).strip() for p in cell.iter(_P))
    return "\n".join(line for line in lines if line)


def _property(element: Any, *path: str) -> Any:
    for tag in path:
        if element is None:
            return None
        element = element.find(qn(tag))
    return element


def _table(table: Any, file: str, number: int) -> Table:
    rows: list[Row] = []
    above: dict[int, Cell] = {}  # the cell that starts a vertical merge, by grid column
    for index, tr in enumerate(table.iterchildren(_TR), start=1):
        where = Where(file, table=number, row=index)
        before = _property(tr, "w:trPr", "w:gridBefore")
        column = _int(before.get(_VAL) if before is not None else None, 0)
        cells: list[Cell] = []
        for tc in _row_cells(tr):
            if column > _COLUMNS:
                break  # a row wider than any sheet: what lies beyond is no 分工表's column
            span_element = _property(tc, "w:tcPr", "w:gridSpan")
            span = _int(span_element.get(_VAL) if span_element is not None else None, 1)
            span = max(1, min(_SPAN, span))
            merge = _property(tc, "w:tcPr", "w:vMerge")
            cell = Cell(_cell_text(tc), where)
            if merge is not None and merge.get(_VAL, "continue") == "continue" and column in above:
                cell = Cell(above[column].text, where)
            for offset in range(span):
                if merge is not None:
                    above[column + offset] = cell
                else:
                    above.pop(column + offset, None)
                cells.append(cell)
            column += span
        if cells:
            rows.append(Row(tuple(cells), where))
    return Table(tuple(rows), Where(file, table=number))


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _row_cells(content)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
