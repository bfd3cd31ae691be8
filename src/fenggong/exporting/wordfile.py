"""The 分工表 or a 责任清单 as a notice's 附件 prints it: a Word document, with python-docx.

A4 landscape; the title in 黑体 and the body in 仿宋, as official documents are set; the
header row repeated on every page; each section merged across the table and each topic
merged down over its tasks; 第 N 页 共 M 页 at the foot. Word and LibreOffice grow a row
to fit its text, so no height is written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import deepcopy

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tc
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from fenggong.exporting import Bundle, Plans
from fenggong.exporting.layout import Document, Row, printable, table

# The faces official documents are set in, by the names Chinese Word shows; the font
# table names each one's English name too, and the Latin letters and digits are set in
# Times New Roman, which every office program has or substitutes by its metrics.
_BODY_FACE, _HEADING_FACE, _LATIN_FACE = "仿宋", "黑体", "Times New Roman"
_ALT_NAMES = {"仿宋": "FangSong", "黑体": "SimHei"}
_BODY, _TITLE, _SUBTITLE = Pt(10.5), Pt(18), Pt(14)  # 五号, 小二, 四号

# 序号 · 主题 · 重点任务 · 牵头部门 · 配合部门 (· 承担方式, in a 责任清单 that says how
# its body takes part), filling 297 mm less 20 mm margins.
_WIDTHS = (Mm(12), Mm(38), Mm(118), Mm(44), Mm(45))
_NOTED_WIDTHS = (Mm(12), Mm(34), Mm(98), Mm(38), Mm(42), Mm(33))
_HEAD_SHADE, _SECTION_SHADE = "D9D9D9", "F2F2F2"
_PLAN_SHADE = "FFF2CC"  # a plan's heading, in a document of several


def export(bundle: Bundle) -> bytes:
    if bundle.department is not None:
        from fenggong.exporting.duties import duties, duty_document

        catalog, tasks = bundle.catalog, [hit.task for hit in bundle.hits]
        found = duties(catalog, bundle.department, tasks)
        return document_bytes(duty_document(catalog, found, bundle.filters))
    return document_bytes(table(bundle))


def export_plans(plans: Plans) -> bytes:
    """Several plans: their tables under a heading each, or a body's 责任清单 across them."""
    if plans.department is not None:
        from fenggong.exporting.planduties import across, across_document

        return document_bytes(across_document(plans, across(plans)))
    from fenggong.exporting.plans import plans_table

    return document_bytes(plans_table(plans))


def document_bytes(document: Document) -> bytes:
    """The printed table of ``document`` as the bytes of a .docx file."""
    word = docx.Document()
    _page(word)
    _faces(word)
    core = word.core_properties
    core.title, core.subject = printable(document.title), printable(document.subtitle)
    core.author = ""
    core.comments = core.keywords = core.last_modified_by = ""
    _paragraph(word.add_paragraph(), document.title, _TITLE, heading=True, after=Pt(6))
    lines = document.lines
    _paragraph(word.add_paragraph(), document.subtitle, _SUBTITLE, after=Pt(6 if lines else 12))
    for index, line in enumerate(lines, start=1):
        after = Pt(12 if index == len(lines) else 3)
        _paragraph(word.add_paragraph(), line, _BODY, after=after, align=WD_ALIGN_PARAGRAPH.LEFT)
    widths = _NOTED_WIDTHS if document.noted else _WIDTHS
    grid = word.add_table(rows=0, cols=len(widths))
    _table_properties(grid, widths)
    _header_row(grid, widths, document.header)
    rows = _TaskRows(grid, widths)
    for section in document.sections:
        _opening_rows(grid, widths, section.opens)
        _section_row(grid, widths, section.label)
        for topic in section.topics:
            _topic_rows(rows, topic.label, topic.rows)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# A list's rows are set close, one line each at 13 pt (Word's single spacing for 仿宋 is
# about 16): the 通报 of a plan with 35 lead bodies fits two pages, not three.
_LIST_LINE, _LIST_ROOM, _KEPT = Pt(13), 0.6, 3


def grid_bytes(
    title: tuple[str, str],
    header: tuple[str, ...],
    rows: list[tuple[str, ...]],
    widths: tuple[Mm, ...],
    centred: frozenset[int] = frozenset(),
    notes: Sequence[str] = (),
) -> bytes:
    """A list under its title and subtitle, in the house style: a header row repeated on
    every page over plain rows, one line each (``centred``: the columns of numbers); the
    last rows kept together, so that no page holds one row alone under the header.
    ``notes``: lines between the subtitle and the list (which plans)."""
    word = docx.Document()
    _page(word)
    _faces(word)
    core = word.core_properties
    core.title, core.author = printable("".join(title)), ""
    core.comments = core.keywords = core.last_modified_by = ""
    _paragraph(word.add_paragraph(), title[0], _TITLE, heading=True, after=Pt(4))
    _paragraph(word.add_paragraph(), title[1], _SUBTITLE, after=Pt(4 if notes else 10))
    for index, note in enumerate(notes, start=1):
        _paragraph(word.add_paragraph(), note, _BODY, after=Pt(10 if index == len(notes) else 2))
    grid = word.add_table(rows=0, cols=len(widths))
    _table_properties(grid, widths, room=_LIST_ROOM)
    middle, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    lines: list[list[Paragraph]] = []
    for index, values in enumerate([header, *rows]):
        head = index == 0
        tr = _new_row(grid, header=head)
        lines.append([])
        for column, text in enumerate(values):
            align = middle if head or column in centred else left
            shade = _HEAD_SHADE if head else None
            cell = _cell(grid, widths, tr, text, 1, column, head, shade=shade, align=align)
            cell.paragraphs[0].paragraph_format.line_spacing = _LIST_LINE
            lines[-1].append(cell.paragraphs[0])
    for row in lines[1:][-_KEPT:-1]:
        for paragraph in row:  # a row kept with the next stays on its page
            paragraph.paragraph_format.keep_with_next = True
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _page(word: WordDocument) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.footer_distance = Mm(10)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in ("第 ", "PAGE", " 页 共 ", "NUMPAGES", " 页"):
        if piece.isupper():
            _field(footer, piece)
        else:
            _run(footer, piece, Pt(10.5))


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word and LibreOffice compute when they lay out the page (PAGE, NUMPAGES)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    _run(paragraph, "1", Pt(10.5))  # shown until the field is computed
    shown = paragraph._p.r_lst[-1]
    shown.addprevious(field)
    field.append(shown)


def _faces(word: WordDocument) -> None:
    """仿宋 throughout unless a run says otherwise, with the theme's faces removed (a
    theme face would override a named one), and each Chinese face's English name in the
    font table for a Word that knows only that."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    if fonts is not None:
        for name in list(fonts.attrib):
            del fonts.attrib[name]
        _set_faces(fonts, _BODY_FACE)
    normal = word.styles["Normal"]
    normal.font.size = _BODY
    _set_faces(normal.element.get_or_add_rPr().get_or_add_rFonts(), _BODY_FACE)
    part = next(p for p in word.part.package.iter_parts() if p.partname.endswith("fontTable.xml"))
    font_table = parse_xml(part.blob)
    for name, alternative in _ALT_NAMES.items():
        font = OxmlElement("w:font", {qn("w:name"): name})
        for tag, value in (("altName", alternative), ("charset", "86"), ("family", "modern")):
            font.append(OxmlElement(f"w:{tag}", {qn("w:val"): value}))  # 86: GB2312
        font_table.append(font)
    # A generic part keeps its bytes; there is no public way to replace them.
    part._blob = serialize_part_xml(font_table)


def _set_faces(fonts: BaseOxmlElement, face: str) -> None:
    fonts.set(qn("w:ascii"), _LATIN_FACE)
    fonts.set(qn("w:hAnsi"), _LATIN_FACE)
    fonts.set(qn("w:eastAsia"), face)
    fonts.set(qn("w:cs"), _LATIN_FACE)
    fonts.set(qn("w:hint"), "eastAsia")


def _run(paragraph: Paragraph, text: str, size: Pt, heading: bool = False) -> None:
    run = paragraph.add_run(printable(text))
    run.font.size = size
    run.font.bold = heading or None
    _set_faces(
        run._r.get_or_add_rPr().get_or_add_rFonts(), _HEADING_FACE if heading else _BODY_FACE
    )


def _paragraph(
    paragraph: Paragraph,
    text: str,
    size: Pt,
    heading: bool = False,
    after: Pt | None = None,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = after if after is not None else Pt(0)
    _run(paragraph, text, size, heading)
    return paragraph


def _table_properties(grid: Table, widths: tuple[Mm, ...], room: float = 0.8) -> None:
    """Fixed column widths, thin rules and room around the text (``room`` mm above and
    below), centred on the page."""
    grid.autofit = False
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    properties = grid._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        rule = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
        borders.append(OxmlElement(f"w:{edge}", {qn(f"w:{k}"): v for k, v in rule.items()}))
    _insert(properties, borders)
    # Room between the text and the rules, which Word's default of none lacks.
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", room), ("left", 1.5), ("bottom", room), ("right", 1.5)):
        twips = str(Mm(width).twips)
        margins.append(OxmlElement(f"w:{edge}", {qn("w:w"): twips, qn("w:type"): "dxa"}))
    _insert(properties, margins)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width


# Word refuses a file whose table properties are out of the schema's order.
_TABLE_PROPERTIES = [
    qn(f"w:{tag}")
    for tag in [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
    ]
]


def _insert(properties: BaseOxmlElement, child: BaseOxmlElement) -> None:
    """Add ``child`` to a table's properties where the schema puts it."""
    rank = _TABLE_PROPERTIES.index(child.tag)
    for existing in properties:
        if existing.tag in _TABLE_PROPERTIES and _TABLE_PROPERTIES.index(existing.tag) > rank:
            existing.addprevious(child)
            return
    properties.append(child)


def _new_row(grid: Table, header: bool = False) -> CT_Row:
    tr = grid._tbl.add_tr()
    properties = tr.get_or_add_trPr()
    # A row is never split across pages; the header row repeats at the top of each.
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))
    return tr


def _cell(
    grid: Table,
    widths: tuple[Mm, ...],
    tr: CT_Row,
    text: str,
    columns: int = 1,
    first_column: int = 0,
    heading: bool = False,
    shade: str | None = None,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT,
    merge: str | None = None,
) -> _Cell:
    """A cell spanning ``columns`` grid columns; ``merge`` is "restart" or "continue" for a
    cell merged down with those below or above it."""
    tc: CT_Tc = tr.add_tc()
    cell = _Cell(tc, grid)
    cell.width = sum(widths[first_column : first_column + columns], Mm(0))
    properties = tc.get_or_add_tcPr()
    if columns > 1:
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(columns))
        properties.append(span)
    if merge is not None:
        vertical = OxmlElement("w:vMerge")
        if merge == "restart":
            vertical.set(qn("w:val"), "restart")
        properties.append(vertical)
    if shade is not None:
        fill = OxmlElement("w:shd")
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", shade)):
            fill.set(qn(f"w:{key}"), value)
        properties.append(fill)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0] if cell.paragraphs else Paragraph(tc.add_p(), cell)
    if text:
        _paragraph(paragraph, text, _BODY, heading=heading, align=align)
    return cell


def _header_row(grid: Table, widths: tuple[Mm, ...], labels: tuple[str, ...]) -> None:
    tr = _new_row(grid, header=True)
    centred = WD_ALIGN_PARAGRAPH.CENTER
    # 重点任务 spans the topic's column and the text's.
    spans = [(labels[0], 1, 0), (labels[1], 2, 1)]
    spans += [(text, 1, column) for column, text in enumerate(labels[2:], start=3)]
    for text, columns, first in spans:
        _cell(
            grid, widths, tr, text, columns, first, heading=True, shade=_HEAD_SHADE, align=centred
        )


def _opening_rows(grid: Table, widths: tuple[Mm, ...], opens: tuple[str, ...]) -> None:
    """A plan's heading (bold) and its line, each merged across, kept with what follows."""
    for index, line in enumerate(opens):
        tr = _new_row(grid)
        cell = _cell(grid, widths, tr, line, len(widths), heading=index == 0, shade=_PLAN_SHADE)
        cell.paragraphs[0].paragraph_format.keep_with_next = True


def _section_row(grid: Table, widths: tuple[Mm, ...], label: str) -> None:
    tr = _new_row(grid)
    cell = _cell(grid, widths, tr, label, len(widths), heading=True, shade=_SECTION_SHADE)
    # A section's row stays on the page of its first task.
    cell.paragraphs[0].paragraph_format.keep_with_next = True


class _TaskRows:
    """Task rows, each a copy of one row built once: building every cell element by
    element took most of an export's time."""

    def __init__(self, grid: Table, widths: tuple[Mm, ...]) -> None:
        self.grid, self.columns = grid, len(widths)
        tr = _new_row(grid)
        _cell(grid, widths, tr, "0", align=WD_ALIGN_PARAGRAPH.CENTER)
        for column in range(1, len(widths)):
            _cell(grid, widths, tr, "0", first_column=column)
        grid._tbl.remove(tr)
        self.prototype = tr

    def add(self, values: tuple[str, ...], merge: str | None) -> None:
        """A row of ``values``; ``merge`` as for ``_cell``, of the topic's cell."""
        tr = deepcopy(self.prototype)
        for tc, value in zip(tr.tc_lst, values, strict=True):
            run = tc.p_lst[0].r_lst[0]
            if value:
                run.text = printable(value)
            else:
                run.getparent().remove(run)
        if merge is not None:
            vertical = OxmlElement("w:vMerge", {qn("w:val"): merge})
            tr.tc_lst[1].get_or_add_tcPr().get_or_add_tcW().addnext(vertical)
        self.grid._tbl.append(tr)


def _topic_rows(rows: _TaskRows, label: str, tasks: tuple[Row, ...]) -> None:
    for index, task in enumerate(tasks):
        merge = None if len(tasks) == 1 else "restart" if index == 0 else "continue"
        topic = label if index == 0 else ""
        values = (str(task.number), topic, task.text, task.lead, task.support, task.note)
        rows.add(values[: rows.columns], merge)
