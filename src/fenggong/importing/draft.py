"""What an importer found in a source document: a draft plan, every piece located."""

from __future__ import annotations

import msgspec

from fenggong.model import section_label, topic_label


class DraftSection(msgspec.Struct, frozen=True):
    """A section heading as the table writes it (一、目标任务), and the line it is on."""

    number: int
    numeral: str
    title: str
    line: int

    @property
    def label(self) -> str:
        return section_label(self.numeral, self.title)


class DraftTopic(msgspec.Struct, frozen=True):
    """A topic heading as the table writes it (（一）…), inside one section."""

    number: int
    numeral: str
    title: str
    section: int
    line: int

    @property
    def label(self) -> str:
        return topic_label(self.numeral, self.title)


class TaskLines(msgspec.Struct, frozen=True):
    """The source line of each cell of a task row, for a review to cite."""

    number: int
    topic: int
    text: int
    lead: int
    support: int


class DraftTask(msgspec.Struct, frozen=True):
    """A numbered task (序号) as written: text verbatim, departments unresolved."""

    number: int
    section: DraftSection
    topic: DraftTopic
    text: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    lines: TaskLines


class Draft(msgspec.Struct, frozen=True):
    """A 分工表 read from a source document, before anyone has checked it against a registry.

    ``preamble`` holds the lines above the table (附件, the title) as written.
    """

    source: str
    importer: str
    preamble: tuple[str, ...]
    sections: tuple[DraftSection, ...]
    topics: tuple[DraftTopic, ...]
    tasks: tuple[DraftTask, ...]
