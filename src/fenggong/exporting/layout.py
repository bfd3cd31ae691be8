"""The printed table apart from its file format: a title, a subtitle and groups of rows."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import groupby
from typing import TYPE_CHECKING

import msgspec

from fenggong.exporting import Bundle
from fenggong.matching import How
from fenggong.names import visible
from fenggong.render.text import join

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.model import Task
    from fenggong.query.select import Filters

# The header as the official table prints it; 重点任务 spans the topic and its text. A
# 责任清单 adds a column saying how the body takes part, where its heading does not say.
HEADER = ("序号", "重点任务", "牵头部门", "配合部门")
NOTE_HEADER = "承担方式"


class Row(msgspec.Struct, frozen=True):
    """One task as a row of the table."""

    number: int
    text: str
    lead: str
    support: str
    note: str = ""  # how the body of a 责任清单 takes part, where its section does not say


class Topic(msgspec.Struct, frozen=True):
    """A topic's label, printed merged down over its rows."""

    label: str
    rows: tuple[Row, ...]


class Section(msgspec.Struct, frozen=True):
    """A section's label, printed merged across the table, and its topics: a section of
    the plan (一、目标任务) in the whole table, a heading (牵头任务（11）) in a 责任清单."""

    label: str
    topics: tuple[Topic, ...]
    # In a document of several plans, the first section of each plan opens with the plan's
    # heading: its title and 文号, then a line such as its counts.
    opens: tuple[str, ...] = ()


class Document(msgspec.Struct, frozen=True):
    """What a printed table shows: a title, a subtitle (the document number) and groups.

    The builders of the xlsx and docx files take one of these, so a 责任清单 or any other
    titled table is printed by the same code as the whole 分工表.
    """

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    # Lines under the subtitle: whose counts these are, which filters chose the tasks.
    lines: tuple[str, ...] = ()
    # What the document is, as a workbook names its sheet.
    name: str = "分工表"

    @property
    def noted(self) -> bool:
        """Whether any row says how the body takes part: the table gets a column for it."""
        return any(row.note for section in self.sections for t in section.topics for row in t.rows)

    @property
    def parted(self) -> bool:
        """Whether the document holds several plans, each under its heading."""
        return any(section.opens for section in self.sections)

    @property
    def header(self) -> tuple[str, ...]:
        return (*HEADER, NOTE_HEADER) if self.noted else HEADER


_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def printable(text: str) -> str:
    """Text from the data as a document file can carry it.

    XML cannot carry control characters, U+FFFE, U+FFFF or a lone surrogate: a file
    holding one does not open. Each is shown escaped instead, as controls are.
    """
    return _NOT_XML.sub(_escaped, visible(text))


def table(bundle: Bundle) -> Document:
    """The tasks the filters chose, grouped by section and topic in the table's order."""
    plan = bundle.catalog.dataset.plan
    catalog = bundle.catalog
    sections: list[Section] = []
    topics: list[Topic] = []
    rows: list[Row] = []
    section_label = topic_label = None

    def close_topic() -> None:
        if rows:
            topics.append(Topic(str(topic_label), tuple(rows)))
            rows.clear()

    def close_section() -> None:
        close_topic()
        if topics:
            sections.append(Section(str(section_label), tuple(topics)))
            topics.clear()

    section_number = topic_number = None
    for hit in bundle.hits:
        task = hit.task
        section = catalog.section_of(task)
        if section.number != section_number:
            close_section()
            section_number, section_label = section.number, section.label
            topic_number = None
        if task.topic != topic_number:
            close_topic()
            topic_number, topic_label = task.topic, catalog.topic_of(task).label
        rows.append(Row(task.id, task.text, join(task.lead), join(task.support)))
    close_section()
    scope = filter_words(catalog, bundle.filters)
    return Document(plan.title, plan.document_number, tuple(sections), (scope,) if scope else ())


def grouped(catalog: Catalog, rows: Iterable[tuple[Task, Row]]) -> tuple[Topic, ...]:
    """Rows grouped by their task's topic, each run of one topic a group, in their order."""
    topics: list[Topic] = []
    for number, run in groupby(rows, key=lambda pair: pair[0].topic):
        topics.append(Topic(catalog.topics[number].label, tuple(row for _, row in run)))
    return tuple(topics)


_HOW_WORDS = {How.DIRECT: "直接列名", How.GROUP: "经由统称", How.POSSIBLE: "可能涉及"}


def filter_words(catalog: Catalog, filters: Filters, *, dept: bool = True) -> str:
    """The filters that chose an export's tasks, in the document's words (empty for the
    whole table), so that no filtered file passes for the whole: 筛选：板块 五、…；….

    ``dept=False`` leaves out --dept, which a 责任清单 names in its title.
    """
    parts = []
    for names, word in (
        (filters.lead, "牵头部门"),
        (filters.support, "配合部门"),
        (filters.dept if dept else (), "部门"),
    ):
        if names:
            parts.append(f"{word} {'或'.join(names)}")
    if filters.sections:
        parts.append("板块 " + "或".join(catalog.sections[n].label for n in filters.sections))
    if filters.topics:
        parts.append("主题 " + "或".join(catalog.topics[n].label for n in filters.topics))
    parts += [f"重点任务含“{term}”" for term in filters.grep]
    if filters.has_target:
        parts.append("有量化目标")
    if filters.how and (filters.lead or filters.support or filters.dept):
        parts.append("承担方式 " + "或".join(_HOW_WORDS[h] for h in filters.how))
    return "筛选：" + "；".join(parts) if parts else ""
