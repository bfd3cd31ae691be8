"""A 分工表's header row: which column holds the number, the task, each role, the deadline.

Header names are matched forgivingly — NFKC, no whitespace (序 号, a line break inside a
cell), a trailing colon or parenthetical (完成时限（年月）) dropped — against the names
below. A header cell spanning two columns over the task (序号 | 重点任务 | … in the
official table: the topic's column and the text's) is seen in either of the ways a reader
gives it: the name repeated in both columns, the second column empty, or (the official
text dump) one cell fewer in the header than in the rows under it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

import msgspec

from fenggong.importing.document import Row
from fenggong.importing.outline import ColumnRole

# What a column holds: a role's bodies, or one of the item's other parts.
Kind = Literal[
    "number",
    "task",
    "section",
    "topic",
    "due",
    "leaders",
    "ignored",
    "lead",
    "support",
    "responsible",
    "guide",
    "implement",
    "summarize",
]
ROLES: frozenset[str] = frozenset(
    ("lead", "support", "responsible", "guide", "implement", "summarize")
)

NAMES: dict[str, Kind] = {
    "序号": "number",
    "编号": "number",
    "重点任务": "task",
    "工作任务": "task",
    "任务内容": "task",
    "主要任务": "task",
    "具体任务": "task",
    "工作内容": "task",
    "任务": "task",
    "板块": "section",
    "类别": "section",
    "领域": "section",
    "主题": "topic",
    "专题": "topic",
    "牵头部门": "lead",
    "牵头单位": "lead",
    "配合部门": "support",
    "配合单位": "support",
    "协同单位": "support",
    "协同部门": "support",
    "参与单位": "support",
    "参与部门": "support",
    "协助单位": "support",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "负责单位": "responsible",
    "负责部门": "responsible",
    "指导单位": "guide",
    "指导部门": "guide",
    "落实单位": "implement",
    "汇总单位": "summarize",
    "完成时限": "due",
    "时间节点": "due",
    "完成时间": "due",
    "完成期限": "due",
    "时间要求": "due",
    "责任领导": "leaders",
    "牵头领导": "leaders",
    "牵头负责领导": "leaders",
    "分管领导": "leaders",
    "备注": "ignored",
}

_SPACE = re.compile(r"\s+")
_TAIL = re.compile(r"(?:\([^()]*\))?[:：]?$")


def normal(text: str) -> str:
    """A header cell as it is compared: NFKC, no spaces, no trailing (…) or colon."""
    return _TAIL.sub("", _SPACE.sub("", unicodedata.normalize("NFKC", text)))


def kind_of(text: str) -> Kind | None:
    return NAMES.get(normal(text))


class Header(msgspec.Struct, frozen=True):
    """The columns a header row names: ``kinds`` one per cell (None for an unknown or
    empty one); ``names`` the header cells as written."""

    kinds: tuple[Kind | None, ...]
    names: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.kinds)

    def widened(self) -> Header:
        """The header over rows one cell wider: its task column split into the topic's
        and the text's (the official text dump: 序号 | 重点任务 | 牵头部门 | 配合部门
        over five cells a row)."""
        at = self.kinds.index("task")
        kinds = (*self.kinds[:at], "topic", "task", *self.kinds[at + 1 :])
        names = (*self.names[:at], self.names[at], *self.names[at:])
        return Header(kinds, names)

    @property
    def can_widen(self) -> bool:
        return self.kinds.count("task") == 1 and "topic" not in self.kinds

    def role(self, index: int) -> ColumnRole | None:
        kind = self.kinds[index]
        return kind if kind in ROLES else None  # type: ignore[return-value]

    def unknown(self) -> tuple[str, ...]:
        """Header cells naming nothing this layout reads (not 备注), as written."""
        return tuple(
            name for name, kind in zip(self.names, self.kinds, strict=True) if kind is None and name
        )


def header_of(row: Row) -> Header | None:
    """The header ``row`` is, or None: a header names a task column and another this
    layout reads (the number, a role, a deadline, …; not just 备注)."""
    names = tuple(cell.text.strip() for cell in row.cells)
    kinds: list[Kind | None] = [kind_of(name) if name else None for name in names]
    if "task" not in kinds or not set(kinds) - {"task", "ignored", None}:
        return None
    # 重点任务 over two columns: the first is the topic's, the second the text's.
    for index in range(len(kinds) - 1):
        if kinds[index] != "task" or "topic" in kinds:
            continue
        after = names[index + 1]
        if not after or normal(after) == normal(names[index]):
            kinds[index], kinds[index + 1] = "topic", "task"
            break
    return Header(tuple(kinds), names)
