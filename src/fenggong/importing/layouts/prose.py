"""Numbered prose — 一、 （一） 1. （1） ① with duty clauses — read into an ``Outline``.

How the numbering maps to the plan (the rules a review of an import cites):

- Depth follows GB/T 9704's order (一、 above （一） above 1. above （1） above ①), counting
  only the numberings the document uses. The top one is the section.
- The items are the deepest numbering whose entries carry a duty clause of their own.
  When unnumbered paragraphs with clauses of their own follow such entries (a numbered
  topic, then a paragraph per task, as 国办发〔2018〕128号 writes), those paragraphs are the
  items and the numbered entries their topics. The level above the items is the topic; a
  missing section or topic is supplied (``made``), a made topic taking its section's
  title; levels between section and topic are folded away, with a note.
- A heading paragraph that goes on after its first 。 ((一)重大意义。党的十八大以来…), or
  carries a clause, is also an item (numbered as the heading): its title is the text
  before the first 。, the item's text the whole paragraph, clauses cut.
- An unnumbered paragraph after a numbered item that has no clause yet continues it (its
  text joined by a line break); after a heading, or an item with a clause, it is an item
  of its own numbered "" — closing paragraphs (组织实施) are kept so, never dropped.
- Sub-items (1)…(4) followed by one clause (in a paragraph of its own, or at the end of
  the last sub-item, the others having none) are each an item sharing that clause; the
  line that introduces them is skipped (分项总述). Deeper entries without such a clause
  continue their item's text.
- Labelled lines (牵头单位：…, 牵头负责领导：…, 完成时限：…) belong to the item before them.
- Before the first numbered paragraph is the preamble: its title (the opening lines up to
  the 文号 or 主送, or a later stand-alone …方案 line, as a 通知 that 印发 a plan has it; the
  crawl line SOURCE: … | TITLE: … is skipped and its title used only when the document
  shows none), and its lead-rule or inheritance sentences, which become ``statements``.
- Closing lines after the last item (国务院, a date, （此件公开发布）) are left out.
- A document its reader found cut off, or whose last paragraph leaves a bracket open, is
  ``truncated`` there and its last item skipped (截断).
"""

from __future__ import annotations

import re

from fenggong.importing.document import Document, Paragraph, Where
from fenggong.importing.layouts import prose_lines as lines
from fenggong.importing.layouts.prose_tree import Node, Plan, plan
from fenggong.importing.outline import Clause, Heading, Item, Outline, Skipped
from fenggong.messages import _

_FILE_NUMBER = re.compile(r"〔[0-9０-９]{4}〕[0-9０-９]+号")
_TITLE_WORD = re.compile(r"(?:方案|分工|分工表|计划|措施|意见|清单|通知|办法)》?$")


class _Item:
    """An item being gathered: its clauses, leaders and due may come on later lines."""

    def __init__(self, number: str, topic: int, text: str, where: Where) -> None:
        self.number, self.topic, self.text, self.where = number, topic, text, where
        self.clauses: list[Clause] = []
        self.leaders: list[str] = []
        self.due: str | None = None

    def take(self, read: lines.Read, where: Where) -> None:
        if read.label == "leader":
            self.leaders.append(read.value)
        elif read.label == "due":
            self.due = read.value if self.due is None else f"{self.due}；{read.value}"
        self.clauses.extend(Clause(raw, where) for raw in read.clauses)

    def item(self) -> Item:
        return Item(
            number=self.number,
            topic=self.topic,
            text=self.text,
            where=self.where,
            clauses=tuple(self.clauses),
            leaders=tuple(self.leaders),
            due=self.due,
        )


class _Builder:
    """The outline as the walk over the numbered paragraphs builds it."""

    def __init__(self, title: str | None) -> None:
        self.title = title
        self.sections: list[Heading] = []
        self.topics: list[Heading] = []
        self.items: list[_Item] = []
        self.skipped: list[Skipped] = []
        self.statements: list[Clause] = []
        self.notes: list[str] = []
        self.section: int | None = None
        self.topic: int | None = None
        self.current: _Item | None = None

    def open_section(self, heading: Heading) -> None:
        self.sections.append(heading)
        self.section, self.topic, self.current = len(self.sections) - 1, None, None

    def open_topic(self, numeral: str, title: str, where: Where, made: bool = False) -> bool:
        """A topic in the current section (a made one when the plan numbers none)."""
        if self.section is None:
            return False
        self.topics.append(Heading(numeral, title, where, self.section, made))
        self.topic, self.current = len(self.topics) - 1, None
        return True

    def ensure_topic(self, where: Where, made_section: bool) -> bool:
        if self.topic is not None:
            return True
        if self.section is None:
            if not made_section:
                return False
            self.open_section(Heading("", self.title or "", where, made=True))
        section = self.sections[self.section or 0]
        return self.open_topic("", section.title, where, made=True)

    def add(self, number: str, text: str, where: Where, made_section: bool) -> _Item | None:
        if not self.ensure_topic(where, made_section):
            self.skipped.append(Skipped(text, _("numbered before any section: not placed"), where))
            self.current = None
            return None
        assert self.topic is not None
        self.current = _Item(number, self.topic, text, where)
        self.items.append(self.current)
        return self.current


def read_prose(document: Document) -> Outline:
    """The outline of a plan written as numbered paragraphs (its tables are ignored)."""
    # A table no header made a plan's table is read as lines: a tab in a line of text
    # makes a "table" of one row, which must not take the item with it.
    paragraphs: list[Paragraph] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            paragraphs.append(block)
        else:
            paragraphs += [
                Paragraph("\t".join(c.text for c in row.cells), row.where) for row in block.rows
            ]
    paragraphs = [p for p in paragraphs if p.text.strip()]
    crawled = lines.metadata_title(paragraphs[0].text) if paragraphs else None
    if crawled is not None:
        paragraphs = paragraphs[1:]
    layout = plan(paragraphs)
    title = _title(layout.preamble) or crawled
    built = _Builder(title)
    for paragraph in layout.preamble:
        built.statements.extend(
            Clause(s, paragraph.where) for s in lines.statements(paragraph.text)
        )
    for node in layout.nodes:
        _place(node, layout, built)
    truncated = document.truncated
    last = layout.last
    if truncated is None and last is not None and lines.unbalanced(last.text):
        truncated = last.where
    if truncated is not None and built.items:
        cut = built.items.pop()
        built.skipped.append(
            Skipped(cut.text, _("截断: the document ends inside this item"), cut.where)
        )
    return Outline(
        file=document.file,
        reader=document.reader,
        layout="prose",
        title=title,
        preamble=tuple(p.text for p in layout.preamble),
        closing=tuple(p.text for p in layout.closing),
        sections=tuple(built.sections),
        topics=tuple(built.topics),
        items=tuple(item.item() for item in built.items),
        skipped=tuple(built.skipped),
        statements=tuple(built.statements),
        notes=(*document.notes, *layout.notes, *built.notes),
        truncated=truncated,
    )


def _place(node: Node, layout: Plan, built: _Builder) -> None:
    """One numbered paragraph and the unnumbered ones after it, placed in the outline."""
    head = lines.read(node.rest)
    where = node.paragraph.where
    made_section = layout.section_depth is None
    if not made_section and built.section is None and node.depth != layout.section_depth:
        # A 3. before any 一、: no section to put it in, and none to make up.
        text = "\n".join(p.text.strip() for p in (node.paragraph, *node.followers))
        built.skipped.append(Skipped(text, _("numbered before any section: not placed"), where))
        return
    if node.depth == layout.section_depth or node.depth == layout.topic_depth:
        title, goes_on = lines.title_of(head.text)
        if node.depth == layout.section_depth:
            built.open_section(Heading(node.numeral, title, where))
        else:
            built.open_topic(node.numeral, title, where)
        if goes_on or head.clauses:
            _start(built.add(node.numeral, head.text, where, made_section), head, where)
    elif node.depth < layout.item_depth:
        title, goes_on = lines.title_of(head.text)
        if goes_on or head.clauses:
            _start(built.add(node.numeral, head.text, where, made_section), head, where)
        else:
            built.notes.append(
                _(
                    "{where}: heading {numeral}{title} lies between section and topic: not a level"
                ).format(where=where, numeral=node.numeral, title=title)
            )
    elif node.id in layout.introductions:
        built.skipped.append(
            Skipped(
                node.paragraph.text,
                _("分项总述: its sub-items share its clause and are items each"),
                where,
                left_out=False,
            )
        )
        built.current = None
    elif node.depth == layout.item_depth or node.id in layout.shared:
        _start(built.add(node.numeral, head.text, where, made_section), head, where)
    elif built.current is not None:
        built.current.text = f"{built.current.text}\n{node.paragraph.text.strip()}"
        built.current.take(head, where)
    else:
        built.skipped.append(
            Skipped(node.paragraph.text, _("a sub-item outside any item: not placed"), where)
        )
    for follower in node.followers:
        _follow(follower, node, layout, built)
    shared = layout.shared.get(node.id)
    if shared is not None and built.current is not None:
        built.current.clauses = [shared]


def _start(item: _Item | None, head: lines.Read, where: Where) -> None:
    if item is not None:
        item.take(head, where)


def _follow(paragraph: Paragraph, node: Node, layout: Plan, built: _Builder) -> None:
    """An unnumbered paragraph: a labelled line or clause of the item before it, a
    continuation of that item, a statement, or an item of its own."""
    read = lines.read(paragraph.text)
    where = paragraph.where
    current = built.current
    if read.label is not None or (not read.text and read.clauses):
        if current is None:
            # A heading followed by its clause: the heading is the item.
            current = built.add(
                node.numeral,
                lines.read(node.rest).text,
                node.paragraph.where,
                layout.section_depth is None,
            )
        if current is not None:
            current.take(read, where)
        return
    if not read.clauses:
        found = lines.statements(read.text)
        if found and len("".join(found)) * 2 > len(read.text):  # the paragraph is the rule
            built.statements.extend(Clause(s, where) for s in found)
            return
    if current is not None and current.number and not current.clauses:
        current.text = f"{current.text}\n{read.text}"
        current.take(read, where)
        return
    _start(built.add("", read.text, where, layout.section_depth is None), read, where)


def _title(preamble: tuple[Paragraph, ...]) -> str | None:
    """The plan's title: the opening lines before the 文号 or 主送 (a 通知's title split
    over two lines is one), or a later stand-alone title line, which a 通知 印发 a plan has."""
    opening: list[str] = []
    rest = 0
    for index, paragraph in enumerate(preamble):
        text = paragraph.text.strip()
        rest = index + 1
        if (
            _FILE_NUMBER.search(text)
            or text.endswith(("：", ":"))
            or "。" in text
            or len(opening) == 3
        ):
            rest = index
            break
        opening.append(text)
    for paragraph in preamble[rest:]:
        text = paragraph.text.strip()
        if (
            len(text) <= 40
            and _TITLE_WORD.search(text)
            and not any(m in text for m in "。，,；;：:")
        ):
            return text
    return "".join(opening) or None
