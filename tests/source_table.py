"""A reader of the official table's text dump, used as the reference by the fidelity test."""

from __future__ import annotations

import re
from pathlib import Path

import msgspec


class SourceTask(msgspec.Struct, frozen=True):
    id: int
    section: str  # 目标任务
    topic: str  # 普惠多元的终身职业技能培训政策制度更加完善
    text: str
    lead: list[str]
    support: list[str]


def _cells(text: str) -> list[list[str]]:
    """Rows of cells: a cell is a tab-indented line; anything else ends the row."""
    rows: list[list[str]] = []
    current: list[str] | None = None
    for line in text.split("\n"):
        if line.startswith("\t"):
            if current is None:
                current = []
                rows.append(current)
            current.append(line[1:])
        else:
            current = None
    return rows


def _names(cell: str) -> list[str]:
    return [name for name in cell.strip().split("、") if name]


def read(path: Path) -> list[SourceTask]:
    rows = _cells(path.read_text(encoding="utf-8"))
    assert rows[0] == ["序号", "重点任务", "牵头部门", "配合部门"], rows[0]
    tasks: list[SourceTask] = []
    section = topic = ""
    for row in rows[1:]:
        if len(row) == 1:
            match = re.fullmatch(r"[一二三四五六七八九十]+、(.+)", row[0])
            assert match, row
            section = match[1]
            continue
        number, topic_cell, text, lead, support = [*row, "", ""][:5]
        if topic_cell.strip():  # an empty topic cell continues the topic above
            match = re.fullmatch(r"（[一二三四五六七八九十]+）(.+)", topic_cell)
            assert match, topic_cell
            topic = match[1]
        tasks.append(
            SourceTask(int(number.strip()), section, topic, text, _names(lead), _names(support))
        )
    return tasks
