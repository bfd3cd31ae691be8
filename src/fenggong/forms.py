"""The 台账's Excel report form: its layout, what a returned one holds, and the plan's digest.

The writer (exporting.reportform) and the reader (importing.reportform) share this one
description, so that a column the form writes is the column the reader looks in. A form
records, on a hidden sheet, the digest of the plan it was made from and of each task on
it: a form returned after the plan changed is known, and the tasks that changed named.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Iterable, Mapping
from typing import Annotated

import msgspec

from fenggong.errors import Problem
from fenggong.messages import N_
from fenggong.model import STATUS_LABELS, Figure, Status, Task
from fenggong.names import fold

SHEET = "进展填报"
META = "_fenggong"
FORMAT = "fenggong-report-form 2"
# Format 1 recorded a row per line and per pre-filled task (5,700 rows on a form of 2,900
# tasks, a third of a collect's reading): forms of it already sent out are still collected.
FORMAT_1 = "fenggong-report-form 1"

# The plan's columns, locked, then the answer columns, unlocked (完成值 only on a row
# with a quantified target), then the target the 完成值 counts toward, locked.
PLAN_HEADERS = ("序号", "重点任务", "牵头部门", "配合部门", "本单位职责", "完成时限")
# Each answer column and the field of a report (model.Entry) it fills.
ANSWER_FIELDS = {
    "status": "进展状态",
    "progress": "进展情况",
    "problems": "存在问题",
    "next": "下一步计划",
    "figures": "完成值",
}
ANSWER_HEADERS = tuple(ANSWER_FIELDS.values())
UNIT_HEADER = "目标及单位"
HEADERS = (*PLAN_HEADERS, *ANSWER_HEADERS, UNIT_HEADER)
STATUS_COLUMN = len(PLAN_HEADERS) + 1  # G
VALUE_COLUMN = len(PLAN_HEADERS) + len(ANSWER_HEADERS)  # K
UNIT_COLUMN = len(HEADERS)  # L
LOCKED_COLUMNS = (*range(1, len(PLAN_HEADERS) + 1), UNIT_COLUMN)

# Rows: the title, who reports and when (填报人, 填报日期: cells B2 and D2), the header.
TITLE_ROW, SIGNED_ROW, HEADER_ROW = 1, 2, 3
FIRST_ROW = HEADER_ROW + 1
# The rows of either sheet a collect reads (importing.reportform): a form is never made
# larger (report sheet refuses it), and a larger one is read that far only.
MAX_ROWS = 20_000

# The most characters a cell holds, as Excel counts them (one outside the BMP is two);
# format 2 cuts its record's JSON into cells of CHUNK at most.
CELL_CHARACTERS = 32_767
CHUNK = 30_000

REPORTER_CELL = (SIGNED_ROW, 2)
DATE_CELL = (SIGNED_ROW, 4)
REPORTER_LABEL, DATE_LABEL = "填报人", "填报日期"  # in the cells left of them

# Every field of a report as the 台账 heads it in Chinese: the form's words, and 佐证材料
# for the evidence links, which the form does not ask for.
FIELD_HEADS = {
    **ANSWER_FIELDS,
    "evidence": "佐证材料",
    "reported": DATE_LABEL,
    "reporter": REPORTER_LABEL,
}

LABELS = tuple(STATUS_LABELS.values())

# A status as a reader of English says it; the catalogue gives the labels above in Chinese.
# The report form keeps the labels in every language: offices exchange it.
STATUS_WORDS: dict[Status, str] = {
    Status.NOT_STARTED: N_("not started"),
    Status.IN_PROGRESS: N_("in progress"),
    Status.ONGOING: N_("ongoing"),
    Status.DONE: N_("done"),
    Status.DELAYED: N_("delayed"),
    Status.CANCELLED: N_("cancelled"),
}


def _key(text: str) -> str:
    # in_progress, in-progress, In Progress and 推 进 中 are one answer.
    return fold(text).replace("_", "").replace("-", "")


_READ = {
    _key(said): code
    for code in Status
    for said in (STATUS_LABELS[code], STATUS_WORDS[code], str(code))
}


def read_status(text: str) -> Status | None:
    """The status a person wrote: its Chinese label, its English word or its code,
    forgivingly (NFKC, whitespace, case, ``_`` and ``-``); None when it is none of them."""
    return _READ.get(_key(text))


class Line(msgspec.Struct, frozen=True):
    """One row of a form: a task, and the quantified target its 完成值 counts toward."""

    row: int
    task: str  # the task's reference, as the ledger writes it (47, hrss-2022-256:47)
    target: str | None  # the target's metric; None on a row without a 完成值
    digest: str  # the task's digest when the form was made


class Answer(msgspec.Struct, frozen=True):
    """What a returned form says of one task: the entry it makes, and where it was read."""

    task: str
    status: Status
    progress: str | None = None
    problems: str | None = None
    next: str | None = None
    figures: tuple[Figure, ...] = ()
    where: str = ""  # FILE!Sheet!G7


def answers_print(answers: Iterable[object]) -> str:
    """A fingerprint of a row's answers (进展状态 … 下一步计划, then each 完成值), as the
    form holds them: the writer notes it for pre-filled rows, so that the reader knows a
    row sent back as it was pre-filled (last period's answers) from one answered again."""
    parts = []
    for value in answers:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        parts.append("" if value is None else fold(str(value)))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def seal(records: Iterable[Iterable[object]]) -> str:
    """The seal of a form's hidden record: a digest of its rows as written, so that a
    record edited by hand (an answer filed under another task) is found, not believed."""
    joined = []
    for record in records:
        parts = ["" if value is None else str(value) for value in record]
        while parts and parts[-1] == "":  # a cell written empty is read back as none
            parts.pop()
        joined.append("\x1f".join(parts))
    return hashlib.sha256("\x1e".join(joined).encode()).hexdigest()


class Percent(float):
    """A number a 完成值 cell holds in a percentage format: Excel keeps 85% as 0.85."""


class Returned(msgspec.Struct, frozen=True):
    """A returned form as read: who reports for which period, on which version of which
    plans, and each row's cells (the plan's, to compare, and the answers)."""

    file: str
    body: str
    period: str
    plans: dict[str, str]  # plan key ("" for a plan read alone) → its digest
    lines: tuple[Line, ...]
    cells: dict[int, tuple[object, ...]]  # row → its values, columns A…L
    reporter: str | None = None
    reported: datetime.date | None = None
    prefilled: dict[str, str] = {}  # task reference → answers_print of its pre-filled row
    # What is wrong with cells the answers do not stand on (a formula never calculated, a
    # cell right of the form, a 填报日期 that is no date): said with the answers' own
    # problems, in one round, and nothing of the form is taken.
    problems: tuple[Problem, ...] = ()


def sheet_rows(lines: int, record: int) -> int:
    """The rows of a form's larger sheet: the answers' (a line per task and target, under
    the heading rows), or the hidden one's (the ``record``'s rows, and its seal)."""
    return max(FIRST_ROW - 1 + lines, record + 1)


# An item of format 2's JSON: a line [ROW, REF, METRIC or null, TASK_DIGEST], and a
# pre-filled task [REF, PRINT]. The reader decodes them by these types, rows in bounds.
LineItem = tuple[Annotated[int, msgspec.Meta(ge=FIRST_ROW, le=MAX_ROWS)], str, str | None, str]
PrefillItem = tuple[str, str]


def record(
    body: str,
    period: str,
    plans: Mapping[str, str],
    lines: Iterable[LineItem],
    prefilled: Mapping[str, str],
) -> list[list[object]]:
    """A form's hidden record before its seal: its format, body, period and each plan's
    digest a row each, then its lines and its pre-filled tasks (``answers_print`` by task
    reference) each one JSON array, cut into rows of a cell each (``chunks``)."""
    rows: list[list[object]] = [["format", FORMAT], ["body", body], ["period", period]]
    rows += [["plan", key, digest] for key, digest in plans.items()]
    for kind, items in (("lines", list(lines)), ("prefills", list(prefilled.items()))):
        rows += [[kind, chunk] for chunk in chunks(msgspec.json.encode(items).decode())]
    return rows


def chunks(text: str) -> list[str]:
    """``text`` cut into pieces of CHUNK characters at most as Excel counts them, a
    character outside the BMP two (a UTF-16 surrogate pair, never cut in two)."""
    units = text.encode("utf-16-le")
    pieces, start, step = [], 0, 2 * CHUNK
    while start < len(units):
        end = min(start + step, len(units))
        if end < len(units) and 0xD8 <= units[end - 1] <= 0xDB:  # a pair's first half
            end -= 2
        pieces.append(units[start:end].decode("utf-16-le"))
        start = end
    return pieces


def titled(titles: Iterable[str]) -> str:
    """The plans a form's note names: each distinct title once, in order; of more than
    three, the first three and how many (…等100个方案), not one title a hundred times."""
    distinct = list(dict.fromkeys(titles))
    if len(distinct) > 3:
        return "、".join(distinct[:3]) + f"等{len(distinct)}个方案"
    return "、".join(distinct)


def where(file: str, row: int, column: int) -> str:
    """A cell as a problem names it: 市教委-2026-Q1.xlsx!进展填报!G7."""
    return f"{file}!{SHEET}!{letter(column)}{row}"


@functools.cache  # every answer's place names its column
def letter(column: int) -> str:
    name = ""
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def task_digest(task: Task) -> str:
    """What a form's answers were given against: the task's text, bodies and targets."""
    encoded = msgspec.json.encode([task.text, task.lead, task.support, task.targets])
    return hashlib.sha256(encoded).hexdigest()[:16]


def plan_digest(tasks: Iterable[Task]) -> str:
    """The digest of a plan's tasks, each by id and its own digest."""
    hashed = hashlib.sha256()
    for task in sorted(tasks, key=lambda t: t.id):
        hashed.update(f"{task.id}={task_digest(task)}\n".encode())
    return hashed.hexdigest()[:32]


def quantified(task: Task) -> list[tuple[str, str]]:
    """The task's quantified targets a 完成值 counts toward: (metric, unit)."""
    return [(t.metric, t.unit) for t in task.targets if not t.qualitative and t.unit]
