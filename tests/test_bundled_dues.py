"""The bundled plan's deadlines: only where its text states one, as the grammar reads it."""

from __future__ import annotations

import datetime

import pytest

from fenggong.deadlines import DueParse, find_dues
from fenggong.model import Dataset, Due, DueKind, Task
from fenggong.store import library
from tests.helpers import CATALOG, ROOT

DATASET = CATALOG.dataset
TASKS = DATASET.tasks

# Every phrase of a task's text that find_dues reads as a deadline but that is not the
# task's due, with the reason a person gave: (task id, phrase as written) → why.
# A task has one due; a second phrase, or one that dates a mere mention, belongs here.
NOT_DEADLINES: dict[tuple[int, str], str] = {}

# Where the text states “十四五”时期 (2021–2025): at its start (1–6, 27), or opening the
# clause of the task's goal (47, 73) or of the work itself (78).
FOURTEENTH = Due(raw="“十四五”时期", kind=DueKind.PERIOD, date=datetime.date(2025, 12, 31))
WITH_DUE = (1, 2, 3, 4, 5, 6, 27, 47, 73, 78)


def _candidates(dataset: Dataset, task: Task) -> list[DueParse]:
    period = dataset.plan.period
    span = None if period is None else (period.start, period.end)
    return find_dues(task.text, issued=dataset.plan.date, period=span)


def _stated(due: Due) -> tuple[str, str, datetime.date | None]:
    return (due.raw, due.kind.value, due.date)


def test_exactly_the_fourteenth_plan_tasks_have_a_due() -> None:
    assert {t.id: t.due for t in TASKS if t.due is not None} == dict.fromkeys(WITH_DUE, FOURTEENTH)


@pytest.mark.parametrize("task", [t for t in TASKS if t.due], ids=lambda t: f"task-{t.id}")
def test_a_due_is_written_in_its_task_text_never_invented(task: Task) -> None:
    assert task.due is not None
    assert task.due.raw in task.text
    # And it is what the grammar reads there: the same kind and date.
    read = [(d.raw, d.kind, d.date) for d in _candidates(DATASET, task)]
    assert _stated(task.due) in read


@pytest.mark.parametrize("task", TASKS, ids=lambda t: f"task-{t.id}")
def test_every_deadline_the_text_states_is_its_due_or_said_why_not(task: Task) -> None:
    for found in _candidates(DATASET, task):
        if (task.id, found.raw) in NOT_DEADLINES:
            continue
        assert task.due is not None, f"task {task.id} states {found.raw} but has no due"
        assert _stated(task.due) == (found.raw, found.kind, found.date)


def test_every_phrase_said_not_to_be_a_deadline_is_still_read_as_one() -> None:
    # A stale entry would excuse nothing and hide an edit of the text.
    by_id = {t.id: t for t in TASKS}
    for (task_id, raw), reason in NOT_DEADLINES.items():
        assert reason
        assert raw in [d.raw for d in _candidates(DATASET, by_id[task_id])]


def test_the_example_library_plan_has_the_same_dues() -> None:
    shelf = library.load(ROOT / "examples" / "library")
    shelved = next(p.dataset for p in shelf.plans if p.key == DATASET.plan.key)
    assert [(t.id, t.due) for t in shelved.tasks] == [(t.id, t.due) for t in TASKS]
