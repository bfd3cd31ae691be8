"""An outline's headings and items numbered anew as the plan's sections, topics and tasks.

A document's own numbers restart in each section, skip, or start at 2; the plan's run
1, 2, 3 … (the source's number is kept on each task). A heading none of whose items
became a task is left out, and the review says so.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from fenggong.importing.outline import Heading, Item, Outline
from fenggong.importing.review import Call, Note
from fenggong.messages import _
from fenggong.model import Section, Task, Topic
from fenggong.names import numeral

# The title of a section or topic the document gives no words for: data, in Chinese.
_UNTITLED = "（无标题）"


def head_title(outline: Outline, at: int) -> str | None:
    """The title of section ``at``, or the document's, for a topic that has none."""
    return outline.sections[at].title or outline.title


def _supplied(message: str, heading: Heading, title: str) -> Note:
    return Note(Call.HEADING, message.format(title=title), str(heading.where))


def _numeral(number: int) -> str:
    # The table's numerals end at 九十九; beyond, a number is written in digits.
    return numeral(number) if number < 100 else str(number)


def number_anew(
    outline: Outline, make: Callable[[Item, int], Task | None], notes: list[Note]
) -> tuple[list[Section], list[Topic], list[Task]]:
    """Sections, topics and tasks, numbered anew.

    A section none of whose items became a task is kept when a later one has tasks, so
    that 二、主要任务 stays section 2 as the document numbers it (validate warns it has
    no task); after the last section with tasks, such sections are dropped. A topic
    without tasks is dropped: topics are numbered across the plan in any case.
    """
    sections: list[Section] = []
    topics: list[Topic] = []
    tasks: list[Task] = []
    section_number: dict[int, int] = {}
    topic_number: dict[int, int] = {}
    for item in outline.items:
        task = make(item, len(tasks) + 1)
        if task is None:
            continue
        heading = outline.topics[item.topic]
        at = heading.section or 0
        for empty in range(len(section_number), at) if at not in section_number else ():
            if empty not in section_number and not outline.sections[empty].made:
                section_number[empty] = len(sections) + 1
                title = outline.sections[empty].title or _UNTITLED
                sections.append(
                    Section(
                        number=len(sections) + 1, numeral=_numeral(len(sections) + 1), title=title
                    )
                )
        if at not in section_number:
            head = outline.sections[at]
            section_number[at] = len(sections) + 1
            sections.append(
                Section(
                    number=len(sections) + 1,
                    numeral=_numeral(len(sections) + 1),
                    title=head.title or outline.title or _UNTITLED,
                )
            )
            if head.made:
                supplied = _("no section heading in the document here: {title} supplied")
                notes.append(_supplied(supplied, head, sections[-1].title))
        if item.topic not in topic_number:
            topic_number[item.topic] = len(topics) + 1
            topics.append(
                Topic(
                    number=len(topics) + 1,
                    numeral=_numeral(len(topics) + 1),
                    section=section_number[at],
                    title=heading.title or head_title(outline, at) or _UNTITLED,
                )
            )
            if heading.made:
                supplied = _("no topic heading in the document here: {title} supplied")
                notes.append(_supplied(supplied, heading, topics[-1].title))
        tasks.append(msgspec.structs.replace(task, topic=topic_number[item.topic]))
    filled = {topic.section for topic in topics}
    for index, heading in enumerate(outline.sections):
        if index not in section_number:
            message = _("section {title} has no task with a responsible body: left out")
        elif section_number[index] not in filled:
            message = _(
                "section {title} has no task with a responsible body: kept, empty, so that "
                "the sections after it keep their numbers"
            )
        else:
            continue
        notes.append(Note(Call.HEADING, message.format(title=heading.title), str(heading.where)))
    return sections, topics, tasks
