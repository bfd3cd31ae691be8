"""The printed 分工表 apart from its file format: a title, a subtitle and groups of rows."""

from __future__ import annotations

import re

import msgspec

from fenggong.exporting import Bundle
from fenggong.names import visible
from fenggong.render.text import join

# The header as the official table prints it; 重点任务 spans the topic and its text.
HEADER = ("序号", "重点任务", "牵头部门", "配合部门")


class Row(msgspec.Struct, frozen=True):
    """One task as a row of the table."""

    number: int
    text: str
    lead: str
    support: str


class Topic(msgspec.Struct, frozen=True):
    """A topic's label, printed merged down over its rows."""

    label: str
    rows: tuple[Row, ...]


class Section(msgspec.Struct, frozen=True):
    """A section's label, printed merged across the table, and its topics."""

    label: str
    topics: tuple[Topic, ...]


class Document(msgspec.Struct, frozen=True):
    """What a printed table shows: a title, a subtitle (the document number) and groups.

    The builders of the xlsx and docx files take one of these, so a 责任清单 or any other
    titled table is printed by the same code as the whole 分工表.
    """

    title: str
    subtitle: str
    sections: tuple[Section, ...]


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
    return Document(plan.title, plan.document_number, tuple(sections))
