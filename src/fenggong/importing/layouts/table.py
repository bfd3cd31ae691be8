"""The column-table layout: a 分工表 printed as a table (序号 | 重点任务 | 牵头部门 | …).

A table is read from its header row on (``header``): each row below it is a section row
(一、… merged across, or alone in its row), a topic row (（一）…), or an item, its cells
taken by the header's columns. A topic (or section) column's empty cell continues the one
above, as does a cell repeating it (a merged cell, which a reader repeats down). Tables
one after another under the same header (a Word table broken across pages, its header
repeated or not) are one table; a table under title rows of its own, or a title row
across the table after items (fenggong's export of several plans), starts another plan.

Where the document has no section rows, one section is made, titled with the document's
title (or （未分节） without one); a section without topics gets one made topic of its
title. Both are marked ``made`` for the review.
"""

from __future__ import annotations

import re

from fenggong.importing.document import Cell, Document, Paragraph, Row, Table, Where
from fenggong.importing.duties import parse_duty
from fenggong.importing.layouts.header import Header, header_of
from fenggong.importing.outline import Clause, Column, Heading, Item, Outline, Skipped
from fenggong.messages import _

LAYOUT = "table"
TRUNCATED = "截断"  # the review's word for an input that stops inside an item
UNSECTIONED = "（未分节）"

_NUMERAL = "[一二三四五六七八九十百零〇]+"
_SECTION = re.compile(f"\\s*({_NUMERAL})\\s*[、.．]\\s*(\\S.*)", re.S)
_TOPIC = re.compile(f"\\s*[（(]\\s*({_NUMERAL})\\s*[）)]\\s*(\\S.*)", re.S)
# A document's title: 《…》…, or a name of the kinds plans are issued under, perhaps
# followed by its 文号 in brackets (a plan's heading in an export of several).
_TITLE = re.compile(
    "^《|(?:方案|分工|分工表|清单|计划|责任表|通知|意见|措施|办法|要点)(?:[（(][^（）()]*[）)])?$"
)
_ATTACHMENT = re.compile("附件\\s*[0-9０-９一二三四五六七八九十]*\\s*[:：]?")
_LEADERS = re.compile("[、，,；;\\s]+")


def read_table(document: Document) -> Outline | None:
    """The plan in the first table with a header this layout knows, or None; a document
    holding several plans (fenggong's export of a library) gives the first, noted."""
    plans = read_plans(document)
    if not plans:
        return None
    first = plans[0]
    if len(plans) == 1:
        return first
    note = _("the document holds {count} plans; only the first, {title}, was read").format(
        count=len(plans), title=first.title or UNSECTIONED
    )
    return _with_note(first, note)


def read_plans(document: Document) -> tuple[Outline, ...]:
    """Every plan of the document's tables, in order (most documents hold one)."""
    walker = _Walker(document)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            walker.paragraph(block)
        else:
            walker.table(block)
    return walker.outlines()


def looks_like_title(text: str) -> bool:
    return bool(_TITLE.search(text.strip()))


def _with_note(outline: Outline, note: str) -> Outline:
    from msgspec.structs import replace

    return replace(outline, notes=(*outline.notes, note))


def _lead_rule(text: str) -> bool:
    duty = parse_duty(text)
    return duty is not None and duty.lead_rule is not None


class _Plan:
    """One plan's outline, built row by row."""

    def __init__(self, file: str, reader: str, lines: list[tuple[str, Where]]) -> None:
        self.file, self.reader = file, reader
        texts = [text for text, _where in lines]
        named = [t for t in texts if not _ATTACHMENT.fullmatch(t)]
        self.title: str | None = next((t for t in named if looks_like_title(t)), None)
        if self.title is None and named:
            self.title = named[0]
        self.preamble: list[str] = texts
        self.statements = [Clause(text, where) for text, where in lines if _lead_rule(text)]
        self.sections: list[Heading] = []
        self.topics: list[Heading] = []
        self.items: list[Item] = []
        self.skipped: list[Skipped] = []
        self.notes: list[str] = []
        self.truncated: Where | None = None
        self.section_cell: str | None = None  # the section column's text in force
        self.topic_cell: str | None = None  # the topic column's text in force
        self.topic: int | None = None  # of the current section
        self.numbered = False  # whether the items were numbered by order, noted once

    def section(self, text: str, where: Where, made: bool = False) -> None:
        match = _SECTION.fullmatch(text)
        numeral, title = (match[1], match[2].strip()) if match else ("", text)
        self.sections.append(Heading(numeral, title, where, made=made))
        self.topic = self.topic_cell = None

    def new_topic(self, text: str, where: Where, made: bool = False) -> None:
        if not self.sections:
            self.section(self.title or UNSECTIONED, where, made=True)
        match = _TOPIC.fullmatch(text)
        numeral, title = (match[1], match[2].strip()) if match else ("", text)
        section = len(self.sections) - 1
        self.topics.append(Heading(numeral, title, where, section=section, made=made))
        self.topic = len(self.topics) - 1

    def current_topic(self, where: Where) -> int:
        if not self.sections:
            self.section(self.title or UNSECTIONED, where, made=True)
        if self.topic is None:
            self.new_topic(self.sections[-1].title, self.sections[-1].where, made=True)
        assert self.topic is not None
        return self.topic

    def outline(self) -> Outline:
        return Outline(
            file=self.file,
            reader=self.reader,
            layout=LAYOUT,
            title=self.title,
            preamble=tuple(self.preamble),
            sections=tuple(self.sections),
            topics=tuple(self.topics),
            items=tuple(self.items),
            skipped=tuple(self.skipped),
            statements=tuple(self.statements),
            notes=tuple(self.notes),
            truncated=self.truncated,
        )


def _banner(row: Row) -> Cell | None:
    """The cell of a row holding one text: merged across it, or its only cell."""
    full = [cell for cell in row.cells if cell.text.strip()]
    if not full or len({cell.text.strip() for cell in full}) != 1:
        return None
    if len(full) == len(row.cells) or len(full) == 1:
        return full[0]
    return None


class _Walker:
    """One pass over a document's blocks, a plan open from the first header on."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.plans: list[_Plan] = []
        self.plan: _Plan | None = None
        self.header: Header | None = None
        self.columns: Header | None = None  # the header over the rows (widened or not)
        self.before: list[tuple[str, Where]] = []  # lines before the next plan's table
        # A short last row is a file cut off only in text, where a cell is a line: a
        # workbook or a Word table simply leaves its trailing cells empty.
        self.final = _final_row(document) if document.reader == "text" else None

    def outlines(self) -> tuple[Outline, ...]:
        truncated = self.document.truncated
        if truncated is not None and self.plans and self.plans[-1].truncated is None:
            plan = self.plans[-1]
            plan.truncated = truncated
            if plan.items:
                last = plan.items.pop()
                plan.skipped.append(Skipped(last.text, TRUNCATED, last.where))
        return tuple(plan.outline() for plan in self.plans if plan.items or plan.skipped)

    def paragraph(self, paragraph: Paragraph) -> None:
        text = paragraph.text.strip()
        if not text:
            return
        if self.plan is not None and _lead_rule(text):
            self.plan.statements.append(Clause(text, paragraph.where))
        elif self.plan is None or looks_like_title(text) or self.before:
            # Before a table, or a title between tables: the next plan's.
            self.before.append((text, paragraph.where))

    def open_plan(self, lines: list[tuple[str, Where]]) -> _Plan:
        self.plan = _Plan(self.document.file, self.document.reader, [*self.before, *lines])
        self.before = []
        self.plans.append(self.plan)
        return self.plan

    def table(self, table: Table) -> None:
        rows = table.rows
        at = next((i for i, row in enumerate(rows) if header_of(row) is not None), None)
        if at is None:
            if self.plan is not None and self.continues(rows):
                for row in rows:
                    self.row(row)
            return
        header = header_of(rows[at])
        assert header is not None
        titles = [(cell.text.strip(), cell.where) for row in rows[:at] if (cell := _banner(row))]
        same = self.header is not None and header.kinds == self.header.kinds
        if self.plan is None or titles or not same or self.before:
            plan = self.open_plan(titles)
            plan.notes += [
                _("column {name} ignored: fenggong does not read it").format(name=name)
                for name in header.unknown()
            ]
            self.header, self.columns = header, None
        for row in rows[at + 1 :]:
            self.row(row)

    def continues(self, rows: tuple[Row, ...]) -> bool:
        """Whether a table without a header goes on with the one before (the rest of a
        Word table broken across pages): its first row is a heading or as wide."""
        assert self.header is not None
        first = next((row for row in rows if any(c.text.strip() for c in row.cells)), None)
        if first is None:
            return False
        banner = _banner(first)
        if banner is not None and len(first.cells) > 1:
            return bool(_SECTION.fullmatch(banner.text) or _TOPIC.fullmatch(banner.text))
        width = self.columns.width if self.columns is not None else self.header.width
        return len(first.cells) == width

    def row(self, row: Row) -> None:
        plan, header = self.plan, self.header
        assert plan is not None and header is not None
        if not any(cell.text.strip() for cell in row.cells):
            return
        repeated = header_of(row)
        if repeated is not None and repeated.kinds == header.kinds:
            return  # the header again, atop a page
        banner = _banner(row)
        if banner is not None:
            text = banner.text.strip()
            if _SECTION.fullmatch(text):
                plan.section(text, banner.where)
                return
            if _TOPIC.fullmatch(text):
                plan.new_topic(text, banner.where)
                return
            if all(cell.text.strip() for cell in row.cells):
                self.line(text, banner.where, row)
                return
        columns = self.columns_for(row)
        if row is self.final and len(row.cells) < columns.width:
            plan.truncated = row.where
            plan.skipped.append(Skipped(_joined(row), TRUNCATED, row.where))
            return
        self.item(plan, columns, row)

    def columns_for(self, row: Row) -> Header:
        if self.columns is None:
            header = self.header
            assert header is not None
            wider = len(row.cells) == header.width + 1 and header.can_widen
            if row is self.final and header.can_widen and not wider:
                # A text dump cut inside its only task row: a topic where the text should
                # be says the row has the dump's topic column, and is short of a cell.
                at = header.kinds.index("task")
                cell = row.cells[at].text.strip() if len(row.cells) > at else ""
                wider = bool(_TOPIC.fullmatch(cell))
            self.columns = header.widened() if wider else header
        return self.columns

    def line(self, text: str, where: Where, row: Row) -> None:
        """A row across the table that is no heading: a plan's title opens the next plan
        after items; before them it is the plan's own title or preamble."""
        plan = self.plan
        assert plan is not None
        if plan.items and looks_like_title(text):
            self.open_plan([(text, where)])
            return
        if _lead_rule(text):
            plan.statements.append(Clause(text, where))
        elif not plan.items:
            plan.preamble.append(text)
            if looks_like_title(text):
                plan.title = text
        else:
            reason = _("a row across the table that is neither a section nor a topic heading")
            plan.skipped.append(Skipped(text, reason, row.where))

    def item(self, plan: _Plan, columns: Header, row: Row) -> None:
        task: Cell | None = None
        number: str | None = None
        due: str | None = None
        leaders: tuple[str, ...] = ()
        found: list[Column] = []
        for index, (cell, kind) in enumerate(zip(row.cells, columns.kinds, strict=False)):
            text = cell.text.strip()
            if kind == "task":
                task = cell
            elif kind == "number":
                number = text or None
            elif kind == "section" and text and text != plan.section_cell:
                plan.section(text, cell.where)
                plan.section_cell = text
            elif kind == "topic" and text and text != plan.topic_cell:
                plan.new_topic(text, cell.where)
                plan.topic_cell = text
            elif kind == "due":
                due = text or None
            elif kind == "leaders":
                leaders = tuple(name for name in _LEADERS.split(text) if name)
            elif text and (role := columns.role(index)):
                found.append(Column(role, text, cell.where))
        if task is None or not task.text.strip():
            name = columns.names[columns.kinds.index("task")]
            reason = _("the task cell ({column}) is empty").format(column=name)
            plan.skipped.append(Skipped(_joined(row), reason, row.where))
            return
        if number is None:
            number = str(len(plan.items) + 1)
            if "number" in columns.kinds:
                note = _("{where}: no 序号; numbered {number} by its place").format(
                    where=str(task.where), number=number
                )
                plan.notes.append(note)
            elif not plan.numbered:
                plan.notes.append(_("the table has no 序号 column: items are numbered in order"))
                plan.numbered = True
        topic = plan.current_topic(task.where)
        text = task.text.strip()
        plan.items.append(
            Item(number, topic, text, task.where, columns=tuple(found), leaders=leaders, due=due)
        )


def _joined(row: Row) -> str:
    return " | ".join(cell.text.strip() for cell in row.cells if cell.text.strip())


def _final_row(document: Document) -> Row | None:
    """The document's last row, when nothing but blank paragraphs follows its table."""
    for block in reversed(document.blocks):
        if isinstance(block, Table):
            return block.rows[-1] if block.rows else None
        if block.text.strip():
            return None
    return None
