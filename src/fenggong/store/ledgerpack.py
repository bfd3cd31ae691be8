"""A period's reports as columns: how the 台账 is cached, and how ``Ledgers`` holds it.

A ledger of 100 plans has 34,000 reports a month, naming a few thousand tasks, a few
dozen bodies and far fewer distinct texts. Decoded as records, every report is a struct
of five strings; as columns, each distinct text is decoded once and a report is a row of
small numbers, made into an ``Entry`` only when a query asks for that report (status
asks for the latest of each task and body, not for a year of them).

Each column decodes into the model's types (a status is a ``Status``, a text a ``Text``,
a figure a ``Figure``), so an entry read back is held to the records' constraints;
``consistent`` checks that the rows point into the tables.
"""

# No ``from __future__ import annotations``: msgspec would compile every annotation
# written as a string at each start (see model.py).

import datetime
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Sequence
from itertools import compress, islice
from operator import lt
from typing import Annotated, Any, overload

import msgspec

from fenggong.errors import Problem, Severity
from fenggong.model import Entry, Figure, Ledger, PositiveInt, Record, Status, Text
from fenggong.store.ledgersplice import Layout

NONE = -1  # a text column's row without that text
# Rows point into tables: the decoder holds them to the lower bound, ``consistent`` to the
# upper (each table's length).
Row = Annotated[int, msgspec.Meta(ge=0)]
TextRow = Annotated[int, msgspec.Meta(ge=NONE)]


class Packed(Record, frozen=True):
    """A period file's reports as columns over tables of distinct values, and the
    warnings it was checked with (located in the file as it was named then)."""

    period: Text
    tasks: tuple[Text | PositiveInt, ...]  # each task as written, once
    refs: tuple[Text, ...]  # the canonical reference of each of ``tasks``
    bodies: tuple[Text, ...]
    texts: tuple[Text, ...]  # every progress, problems, next and reporter, once
    task: tuple[Row, ...]  # per report: an index into tasks (and refs)
    body: tuple[Row, ...]
    status: tuple[Status, ...]
    progress: tuple[TextRow, ...]  # per report: an index into texts, or NONE
    problems: tuple[TextRow, ...]
    next: tuple[TextRow, ...]
    reporter: tuple[TextRow, ...]
    reported: tuple[datetime.date | None, ...]
    # Few reports have figures or evidence: only theirs, by row.
    figures: dict[Row, tuple[Figure, ...]]
    evidence: dict[Row, tuple[Text, ...]]
    warnings: tuple[Problem, ...] = ()
    # Where each report's lines stand in the file, when collect wrote it or found them.
    layout: Layout | None = None

    def __len__(self) -> int:
        return len(self.task)

    def entry(self, row: int) -> Entry:
        """The report in ``row``, as the file wrote it."""
        texts = self.texts
        return Entry(
            task=self.tasks[self.task[row]],
            body=self.bodies[self.body[row]],
            status=self.status[row],
            progress=_text(texts, self.progress[row]),
            problems=_text(texts, self.problems[row]),
            next=_text(texts, self.next[row]),
            figures=self.figures.get(row, ()),
            evidence=self.evidence.get(row, ()),
            reported=self.reported[row],
            reporter=_text(texts, self.reporter[row]),
        )

    def ledger(self) -> Ledger:
        return Ledger(self.period, tuple(self.entry(row) for row in range(len(self))))

    def keys(self) -> list[tuple[str, str]]:
        """Each report's (canonical task reference, body), in the file's order."""
        refs, bodies = self.refs, self.bodies
        tasks = map(refs.__getitem__, self.task)
        return list(zip(tasks, map(bodies.__getitem__, self.body), strict=True))


def _text(texts: tuple[str, ...], index: int) -> str | None:
    return None if index == NONE else texts[index]


def pack(
    ledger: Ledger,
    ref: Callable[[Any], str],
    warnings: tuple[Problem, ...] = (),
    layout: Layout | None = None,
) -> Packed:
    """The ledger as columns; ``ref`` gives a task's canonical reference as written."""
    tasks: dict[tuple[type, Any], int] = {}
    bodies: dict[str, int] = {}
    texts: dict[str, int] = {}

    def at(table: dict[Any, int], value: Any) -> int:
        return NONE if value is None else table.setdefault(value, len(table))

    def column(name: str) -> tuple[int, ...]:
        return tuple(at(texts, getattr(e, name)) for e in entries)

    entries = ledger.entries
    # Keyed with the type: 47 and "47" are two spellings of a task, each written back.
    task = tuple(at(tasks, (type(e.task), e.task)) for e in entries)
    body = tuple(at(bodies, e.body) for e in entries)
    progress, problems, following, reporter = map(
        column, ("progress", "problems", "next", "reporter")
    )
    return Packed(
        period=ledger.period,
        tasks=tuple(value for _type, value in tasks),
        refs=tuple(ref(value) for _type, value in tasks),
        bodies=tuple(bodies),
        texts=tuple(texts),
        task=task,
        body=body,
        status=tuple(e.status for e in entries),
        progress=progress,
        problems=problems,
        next=following,
        reporter=reporter,
        reported=tuple(e.reported for e in entries),
        figures={row: e.figures for row, e in enumerate(entries) if e.figures},
        evidence={row: e.evidence for row, e in enumerate(entries) if e.evidence},
        warnings=warnings,
        layout=layout,
    )


def consistent(packed: Packed) -> bool:
    """Whether every row points into the tables, every column has a row per report, and
    the warnings are warnings of one file (a clean file's entry holds no error)."""
    files = {p.file for p in packed.warnings}
    if len(files) > 1 or any(p.severity is not Severity.WARNING for p in packed.warnings):
        return False
    rows = len(packed.task)
    columns = (
        packed.body,
        packed.status,
        packed.progress,
        packed.problems,
        packed.next,
        packed.reporter,
        packed.reported,
    )
    if any(len(column) != rows for column in columns) or len(packed.refs) != len(packed.tasks):
        return False
    layout = packed.layout
    if layout is not None and (
        len(layout.starts) != rows
        or not ascending(layout.starts)
        or max(layout.starts, default=0) > layout.end
    ):
        return False
    texts = len(packed.texts)
    bounds = [
        (packed.task, len(packed.tasks)),
        (packed.body, len(packed.bodies)),
        *((c, texts) for c in (packed.progress, packed.problems, packed.next, packed.reporter)),
        (packed.figures, rows),
        (packed.evidence, rows),
    ]
    return all(max(column, default=NONE) < high for column, high in bounds)


def ascending(numbers: Sequence[int]) -> bool:
    """Whether each number is above the one before: compared in C, not by a generator
    (34,000 places of a period file's reports: 2.5 ms so, 1 ms this way)."""
    return all(map(lt, numbers, islice(numbers, 1, None)))


class TaskRows:
    """A period's rows by task: its rows ordered by task, found by bisection.

    Made by sorting in C rather than by a loop over tens of thousands of reports: a
    query asks for a few thousand tasks' rows in the latest period, and for another
    period's only when the latest has no answer.
    """

    def __init__(self, packed: Packed) -> None:
        column = packed.task
        self._order = sorted(range(len(column)), key=column.__getitem__)  # stable: row order
        self._sorted = list(map(column.__getitem__, self._order))
        refs = packed.refs
        self._task = dict(zip(refs, range(len(refs)), strict=True))
        # Two spellings of one task (47, "47") share its canonical reference: rare.
        self._spellings: dict[str, list[int]] = {}
        if len(self._task) < len(refs):
            for index, ref in enumerate(refs):
                self._spellings.setdefault(ref, []).append(index)

    def rows(self, ref: str) -> list[int]:
        """The rows reporting on the task, in the file's order."""
        spellings = self._spellings.get(ref)
        if spellings is None:
            index = self._task.get(ref)
            spellings = [] if index is None else [index]
        found: list[int] = []
        for index in spellings:
            low = bisect_left(self._sorted, index)
            found += self._order[low : bisect_right(self._sorted, index, low)]
        return found if len(spellings) < 2 else sorted(found)


class Reports(Sequence[Entry]):
    """A period's reports as the change of a collect sees them: each made an ``Entry``
    only when asked for (a form touches a few hundred of 34,000), with their keys."""

    def __init__(self, packed: Packed | None) -> None:
        self._packed = packed
        self._index: dict[frozenset[str], dict[tuple[str, str], int]] = {}

    def __len__(self) -> int:
        return 0 if self._packed is None else len(self._packed)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if self._packed is None or not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._packed.entry(index % len(self))

    def key(self, row: int) -> tuple[str, str]:
        """The report's (canonical task reference, body)."""
        packed = self._packed
        if packed is None or not 0 <= row < len(packed):
            raise IndexError(row)
        return packed.refs[packed.task[row]], packed.bodies[packed.body[row]]

    def rows_by_key(self, bodies: Collection[str]) -> dict[tuple[str, str], int]:
        """The reports of ``bodies`` by (canonical task reference, body), the last of a key
        written twice: a form's body has a few hundred of a period's 34,000 reports, and
        only theirs are keyed. Worked out once for those bodies."""
        wanted = frozenset(bodies)
        index = self._index.get(wanted)
        if index is None:
            index = self._index[wanted] = self._keyed(wanted)
        return index

    def _keyed(self, wanted: frozenset[str]) -> dict[tuple[str, str], int]:
        packed = self._packed
        if packed is None:
            return {}
        names = packed.bodies
        chosen = _numbers(names, wanted)
        # Picked in C (compress): a loop in Python over every report costs more than all
        # the keying that follows.
        rows = compress(range(len(packed)), map(chosen.__contains__, packed.body))
        refs, task, body = packed.refs, packed.task, packed.body
        return {(refs[task[row]], names[body[row]]): row for row in rows}

    def count(self, bodies: Collection[str]) -> int:
        """How many reports ``bodies`` have."""
        packed = self._packed
        if packed is None:
            return 0
        return sum(map(packed.body.count, _numbers(packed.bodies, frozenset(bodies))))


def _numbers(names: Sequence[str], wanted: frozenset[str]) -> set[int]:
    """The places in a period's table of bodies of the bodies ``wanted``."""
    return {n for n, name in enumerate(names) if name in wanted}


def repack(
    packed: Packed,
    replaced: dict[int, Entry],
    added: Sequence[Entry],
    ref: Callable[[Any], str],
    layout: Layout | None,
) -> Packed:
    """``packed`` with the reports ``replaced`` by index and those ``added`` after the
    last, as ``pack`` would make it of the whole changed ledger (its tables in the order
    first met), and its new layout; its warnings are not carried (a file with warnings is
    not cached)."""
    tasks = {(type(t), t): i for i, t in enumerate(packed.tasks)}
    refs = list(packed.refs)
    bodies = {b: i for i, b in enumerate(packed.bodies)}
    texts = {t: i for i, t in enumerate(packed.texts)}

    def at(table: dict[Any, int], value: Any) -> int:
        return NONE if value is None else table.setdefault(value, len(table))

    def task_at(value: Any) -> int:
        index = tasks.setdefault((type(value), value), len(tasks))
        if index == len(refs):
            refs.append(ref(value))
        return index

    names = ("task", "body", "status", "progress", "problems", "next", "reporter", "reported")
    columns: dict[str, list[Any]] = {name: list(getattr(packed, name)) for name in names}
    figures, evidence = dict(packed.figures), dict(packed.evidence)
    changes = [*replaced.items(), *enumerate(added, start=len(packed))]
    rows = [row for row, _entry in changes]
    entries = [entry for _row, entry in changes]
    # Column by column, the changed reports' values in order (tables grow in the order
    # their values are first met, as ``pack`` meets them, report by report).
    values: dict[str, list[Any]] = {name: [] for name in names}
    for entry in entries:
        values["task"].append(task_at(entry.task))
        values["body"].append(at(bodies, entry.body))
        for name in ("progress", "problems", "next", "reporter"):
            values[name].append(at(texts, getattr(entry, name)))
    values["status"] = [entry.status for entry in entries]
    values["reported"] = [entry.reported for entry in entries]
    kept = len(packed)
    for name in names:
        column, new = columns[name], values[name]
        for row, value in zip(rows[: len(replaced)], new, strict=False):
            column[row] = value
        column += new[len(replaced) :]  # the added ones, in order after the last
    for row, entry in zip(rows, entries, strict=True):
        if row < kept:
            figures.pop(row, None)
            evidence.pop(row, None)
        if entry.figures:
            figures[row] = entry.figures
        if entry.evidence:
            evidence[row] = entry.evidence
    return Packed(
        period=packed.period,
        tasks=tuple(value for _type, value in tasks),
        refs=tuple(refs),
        bodies=tuple(bodies),
        texts=tuple(texts),
        figures=figures,
        evidence=evidence,
        task=tuple(columns["task"]),
        body=tuple(columns["body"]),
        status=tuple(columns["status"]),
        progress=tuple(columns["progress"]),
        problems=tuple(columns["problems"]),
        next=tuple(columns["next"]),
        reporter=tuple(columns["reporter"]),
        reported=tuple(columns["reported"]),
        layout=layout,
    )
