"""The official table's text dump: one cell a line after a tab, a blank line between rows.

A row of five cells is a task: 序号, topic, text (the two under 重点任务), 牵头部门 and
配合部门. A topic cell left empty continues the topic above; a row of one cell 一、… starts
a section. An empty cell is a line holding only its tab. The header row names the columns:
序号, 重点任务, 牵头部门, 配合部门.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

import msgspec

from fenggong.errors import SourceError
from fenggong.importing.draft import Draft, DraftSection, DraftTask, DraftTopic, TaskLines
from fenggong.importing.importer import Importer, read_bytes, utf8_text
from fenggong.messages import N_, _
from fenggong.names import parse_numeral

HEADER = ("序号", "重点任务", "牵头部门", "配合部门")
TASK_CELLS = 5
_NUMERAL = "[一二三四五六七八九十]+"
_SECTION = re.compile(f"({_NUMERAL})、(.+)")
_TOPIC = re.compile(f"（({_NUMERAL})）(.+)")
_NUMBER = re.compile("[0-9]{1,6}")  # int() of thousands of digits is refused
_SHAPE = N_("5 cells (序号, topic, task, 牵头部门, 配合部门) or 1 (a section heading 一、…)")


class _Row(msgspec.Struct):
    line: int  # of the first cell; the others follow one a line
    cells: list[str]

    @property
    def last(self) -> int:
        return self.line + len(self.cells) - 1


def _quote(cell: str) -> str:
    return repr(cell if len(cell) <= 40 else cell[:40] + "…")


def _names(cell: str) -> tuple[str, ...]:
    return tuple(name for name in (part.strip() for part in cell.split("、")) if name)


class _Reader:
    """One pass over the lines of one file; raises SourceError at the first thing amiss."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.lines = text.split("\n")
        self.sections: list[DraftSection] = []
        self.topics: list[DraftTopic] = []
        self.tasks: list[DraftTask] = []
        self.first_of: dict[int, int] = {}  # task number → line, to report a repeat
        self.section: DraftSection | None = None
        self.topic: DraftTopic | None = None
        self.tasks_in_section = 0

    def fail(self, line: int, problem: str, hint: str | None = None) -> SourceError:
        return SourceError(self.file, line, problem, hint)

    def draft(self, importer: str) -> Draft:
        if not "".join(self.lines).strip():
            raise self.fail(
                1,
                _("the file is empty; expected a 分工表 text dump"),
                _(
                    "the dump opens with the header row 序号, 重点任务, 牵头部门, 配合部门, "
                    "one cell a line, each line beginning with a tab"
                ),
            )
        preamble, rows = self.rows()
        if not rows:
            raise self.fail(
                1,
                _(
                    "no table: no line begins with a tab; expected the header row's cells 序号, "
                    "重点任务, 牵头部门, 配合部门, one a line after a tab"
                ),
            )
        self.header(rows[0])
        if len(rows) == 1:
            raise self.fail(rows[0].last, _("the table ends after its header; expected task rows"))
        for index, row in enumerate(rows[1:], start=2):
            self.row(row, last=index == len(rows))
        self.close_section()
        return Draft(
            source=self.file,
            importer=importer,
            preamble=tuple(preamble),
            sections=tuple(self.sections),
            topics=tuple(self.topics),
            tasks=tuple(self.tasks),
        )

    def rows(self) -> tuple[list[str], list[_Row]]:
        """The non-blank lines above the table, and the table's rows of cells."""
        preamble: list[str] = []
        rows: list[_Row] = []
        current: _Row | None = None
        for number, line in enumerate(self.lines, start=1):
            if line.startswith("\t"):
                if current is None:
                    current = _Row(number, [])
                    rows.append(current)
                current.cells.append(line[1:])
            elif not line.strip():
                if current is not None and number == len(self.lines) and line:
                    # The official dump's last cell, empty, lost its tab: blanks closing
                    # the file with no line end, right after a cell, are that cell.
                    current.cells.append("")
                current = None
            elif rows:
                raise self.fail(
                    number,
                    _(
                        "text outside a cell: {text}; expected a cell (a line beginning with a "
                        "tab) or a blank line between rows"
                    ).format(text=_quote(line)),
                )
            else:
                preamble.append(line.strip())
        return preamble, rows

    def header(self, row: _Row) -> None:
        cells = [cell.strip() for cell in row.cells]
        for index, expected in enumerate(HEADER):
            if index == len(cells):
                raise self.fail(
                    row.last,
                    _("the header row ends after {count} cell(s); expected {header}").format(
                        count=len(cells), header=", ".join(HEADER)
                    ),
                )
            if cells[index] != expected:
                what = (
                    _("the header row")
                    if index == 0
                    else _("the header cell {cell}").format(cell=expected)
                )
                raise self.fail(
                    row.line + index,
                    _("expected {what} ({header}), found {found}").format(
                        what=what, header=", ".join(HEADER), found=_quote(cells[index])
                    ),
                )
        if len(cells) > len(HEADER):
            raise self.fail(
                row.line + len(HEADER),
                _("the header row has a cell after 配合部门: {cell}").format(
                    cell=_quote(cells[len(HEADER)])
                ),
            )

    def row(self, row: _Row, last: bool) -> None:
        heading = len(row.cells) == 1 and _SECTION.fullmatch(row.cells[0].strip())
        if last and len(row.cells) < TASK_CELLS and not heading:
            raise self.fail(
                row.last,
                _(
                    "the file ends inside the row that begins at line {line}, after "
                    "{count} of {cells} cells: it looks cut off"
                ).format(line=row.line, count=len(row.cells), cells=TASK_CELLS),
            )
        if len(row.cells) == 1:
            self.section_row(row)
        elif len(row.cells) == TASK_CELLS:
            self.task_row(row)
        else:
            hint = (
                _("is a blank line missing between two rows?")
                if len(row.cells) > TASK_CELLS
                else None
            )
            raise self.fail(
                row.line,
                _("a row of {count} cells (lines {first}–{last}); expected {shape}").format(
                    count=len(row.cells), first=row.line, last=row.last, shape=_(_SHAPE)
                ),
                hint,
            )

    def section_row(self, row: _Row) -> None:
        cell = row.cells[0].strip()
        match = _SECTION.fullmatch(cell)
        number = parse_numeral(match[1]) if match else None
        if match is None or number is None:
            raise self.fail(
                row.line,
                _("expected a section heading such as 一、目标任务, found {found}").format(
                    found=_quote(cell)
                ),
            )
        self.close_section()
        self.section = DraftSection(number, match[1], match[2].strip(), row.line)
        self.sections.append(self.section)
        self.topic = None
        self.tasks_in_section = 0

    def close_section(self) -> None:
        if self.section is not None and not self.tasks_in_section:
            raise self.fail(
                self.section.line,
                _("section {section} has no task rows").format(section=self.section.label),
            )

    def task_row(self, row: _Row) -> None:
        number_cell, topic_cell, text, lead, support = row.cells
        lines = TaskLines(*range(row.line, row.line + TASK_CELLS))
        if not _NUMBER.fullmatch(number_cell.strip()) or int(number_cell) == 0:
            raise self.fail(
                lines.number,
                _("expected a task number (序号) such as 12, found {found}").format(
                    found=_quote(number_cell)
                ),
            )
        number = int(number_cell)
        if number in self.first_of:
            raise self.fail(
                lines.number,
                _("task {id} again: it is numbered at line {line}").format(
                    id=number, line=self.first_of[number]
                ),
            )
        self.first_of[number] = lines.number
        section = self.section
        if section is None:
            raise self.fail(
                lines.number,
                _("task {id} comes before any section heading 一、…").format(id=number),
            )
        topic = self.topic_of(topic_cell, lines.topic, number, section)
        if not text.strip():
            raise self.fail(lines.text, _("task {id} has no text (重点任务)").format(id=number))
        task = DraftTask(number, section, topic, text, _names(lead), _names(support), lines)
        self.tasks.append(task)
        self.tasks_in_section += 1

    def topic_of(self, cell: str, line: int, task: int, section: DraftSection) -> DraftTopic:
        if not cell.strip():
            if self.topic is None:
                raise self.fail(
                    line,
                    _(
                        "task {id} leaves its topic cell empty, but no topic of section "
                        "{section} comes before it; expected a topic such as （一）…"
                    ).format(id=task, section=section.numeral),
                )
            return self.topic
        match = _TOPIC.fullmatch(cell.strip())
        number = parse_numeral(match[1]) if match else None
        if match is None or number is None:
            raise self.fail(
                line,
                _(
                    "expected a topic heading such as （一）…, or an empty cell to continue the "
                    "topic above; found {found}"
                ).format(found=_quote(cell.strip())),
            )
        self.topic = DraftTopic(number, match[1], match[2].strip(), section.number, line)
        self.topics.append(self.topic)
        return self.topic


class TextDump(Importer):
    """The table as its text dump: tab-indented cells, a blank line between rows."""

    name: ClassVar[str] = "text-dump"
    suffixes: ClassVar[tuple[str, ...]] = (".txt",)
    description: ClassVar[str] = "the table's text dump: a cell a line after a tab"

    def claims_content(self, head: bytes) -> bool:
        lines = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "ignore").split("\n")
        cells = [line.strip() for line in lines if line.startswith("\t")]
        return tuple(cells[: len(HEADER)]) == HEADER

    def read(self, path: Path) -> Draft:
        file = str(path)
        return _Reader(file, utf8_text(read_bytes(path), file)).draft(self.name)
