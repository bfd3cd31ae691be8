"""A body's report form as rows, a returned form judged against the plans, and the merge.

Pure: the writer lays out ``rows``; the reader's ``Returned`` is judged by ``judge``
(every cell, and the plan's version); ``merge`` folds the answers into a period's entries.
"""

from __future__ import annotations

import msgspec

from fenggong.checks.scope import Found, Scope
from fenggong.errors import Problem
from fenggong.forms import (
    ANSWER_HEADERS,
    LOCKED_COLUMNS,
    PLAN_HEADERS,
    STATUS_COLUMN,
    UNIT_COLUMN,
    VALUE_COLUMN,
    Answer,
    Percent,
    Returned,
    answers_print,
    letter,
    plan_digest,
    quantified,
    read_status,
    task_digest,
    where,
)
from fenggong.matching import Bucket, How, Role
from fenggong.messages import _, listed
from fenggong.model import STATUS_LABELS, Entry, Figure, Task
from fenggong.names import fold

CODE = "form"

# The bound of a figure in the model (model.Number): beyond it a 完成值 is no record.
FIGURE_BOUND = 10**15


class Row(msgspec.Struct, frozen=True):
    """A task on a body's form: its reference, the plan's cells, its 完成值 targets."""

    ref: str
    task: Task
    cells: tuple[object, ...]  # 序号 … 完成时限, as the form shows them
    targets: tuple[tuple[str, str], ...]  # (metric, unit) of each 完成值 row
    digest: str


def rows(scope: Scope, body: str) -> list[Row]:
    """Every task ``body`` leads or supports, named or through a group naming it, in the
    plans' order. A task only possibly concerning it (相关区) is not on its form."""
    found: list[Row] = []
    for key, plan in scope.plans.items():
        if body not in plan.departments:
            continue
        matcher = scope.matcher(key)
        for task in plan.tasks:
            involvement = matcher.involvement(task, body)
            if involvement is None or involvement.bucket is Bucket.POSSIBLE:
                continue
            ref = f"{key}:{task.id}" if scope.library else str(task.id)
            deciding = involvement.deciding
            duty = "牵头" if deciding.role is Role.LEAD else "配合"
            if deciding.how is How.GROUP:
                duty += f"（经由“{deciding.via}”）"
            cells = (
                ref if scope.library else task.id,
                task.text,
                "、".join(task.lead),
                "、".join(task.support),
                duty,
                task.due.raw if task.due else "",
            )
            found.append(Row(ref, task, cells, tuple(quantified(task)), task_digest(task)))
    return found


def digests(scope: Scope, body: str) -> dict[str, str]:
    """The digest of each plan naming ``body``, by key ("" for a plan read alone)."""
    return {
        key: plan_digest(plan.tasks)
        for key, plan in scope.plans.items()
        if body in plan.departments
    }


def unit_cell(metric: str, unit: str) -> str:
    return f"{metric}（{unit}）"


def _problem(name: str, message: str, at: str, hint: str | None = None) -> Problem:
    return Problem(CODE, name, message, file=at, hint=hint)


def judge(
    returned: Returned, scope: Scope, force: bool
) -> tuple[list[Entry], list[Problem], list[str]]:
    """The entries a returned form makes, every problem of its cells (any problem means
    nothing of the form is taken), and the tasks whose rows came back exactly as they were
    pre-filled: last period's answers, sent again, are no report of this period."""
    problems = _version(returned, scope, force)
    if problems:
        return [], problems, []
    unchanged: list[str] = []
    current = {row.ref: row for row in rows(scope, returned.body)}
    answers: list[Answer] = []
    seen: set[int] = set()
    by_task: dict[str, list[int]] = {}
    made_as: dict[str, set[str]] = {}  # the digests each task's lines were made with
    for line in returned.lines:
        by_task.setdefault(line.task, []).append(line.row)
        made_as.setdefault(line.task, set()).add(line.digest)
    for ref, at_rows in by_task.items():
        seen.update(at_rows)
        row = current.get(ref)
        if row is None:
            problems.append(
                _problem(
                    "form-task",
                    _("task {task} is no longer {body}'s in the plan").format(
                        task=ref, body=returned.body
                    ),
                    where(returned.file, at_rows[0], 1),
                    _("make a new form with fenggong report sheet"),
                )
            )
            continue
        if made_as[ref] == {row.digest}:  # a task changed since (--force) was sent as it was then
            problems += _locked(returned, row, at_rows)
        if returned.prefilled.get(ref) == _print(returned, row, at_rows):
            unchanged.append(ref)
            continue
        answer = _answer(returned, row, at_rows, problems)
        if answer is not None:
            answers.append(answer)
    for number, values in sorted(returned.cells.items()):
        if number not in seen and any(_text(v) for v in values):
            problems.append(
                _problem(
                    "form-row",
                    _("a row the form did not have"),
                    where(returned.file, number, 1),
                    _("write in the rows of the tasks only; delete this row"),
                )
            )
    if problems:
        return [], problems, []
    entries = [_entry(returned, a, scope) for a in answers]
    return entries, [], unchanged


def _print(returned: Returned, row: Row, at_rows: list[int]) -> str:
    """The fingerprint of a task's answers as the returned form holds them."""
    first = returned.cells.get(at_rows[0], ())
    columns = range(STATUS_COLUMN, VALUE_COLUMN)  # 进展状态 … 下一步计划
    answers = [first[c - 1] if c <= len(first) else None for c in columns]
    values = []
    for index in range(len(row.targets)):
        cells = returned.cells.get(at_rows[index] if index < len(at_rows) else at_rows[0], ())
        values.append(cells[VALUE_COLUMN - 1] if len(cells) >= VALUE_COLUMN else None)
    return answers_print((*answers, *values))


def _version(returned: Returned, scope: Scope, force: bool) -> list[Problem]:
    """A form made from another version of the plans: refused, naming the tasks that
    changed, unless ``force``."""
    made = returned.plans
    now = digests(scope, returned.body)
    if made == now or force:
        return []
    tasks = {
        ref: found for ref in {line.task for line in returned.lines} if (found := _find(scope, ref))
    }
    changed = [
        line.task
        for line in returned.lines
        if line.task not in tasks or task_digest(tasks[line.task].task) != line.digest
    ]
    changed = list(dict.fromkeys(changed))
    message = (
        _("the form was made for another version of the plan: {tasks} changed since")
        if changed
        else _("the form was made for another version of the plan (none of its tasks changed)")
    )
    return [
        _problem(
            "form-plan",
            message.format(tasks=listed([_("task {task}").format(task=t) for t in changed])),
            returned.file,
            _("send the body a new form (fenggong report sheet), or collect this one with --force"),
        )
    ]


def _find(scope: Scope, ref: str) -> Found | None:
    found = scope.find(ref if scope.library or not ref.isdigit() else int(ref))
    return found if isinstance(found, Found) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _locked(returned: Returned, row: Row, at_rows: list[int]) -> list[Problem]:
    found = []
    for index, number in enumerate(at_rows):
        values = returned.cells.get(number, ())
        expected: dict[int, object] = {}
        if index == 0:
            expected.update({c: row.cells[c - 1] for c in range(1, len(PLAN_HEADERS) + 1)})
        else:  # the plan's and the answers' cells are merged over a task's rows
            expected.update(dict.fromkeys(range(1, VALUE_COLUMN)))
        if index < len(row.targets):
            expected[UNIT_COLUMN] = unit_cell(*row.targets[index])
        else:
            expected[UNIT_COLUMN] = None
            expected[VALUE_COLUMN] = None
        for column in sorted(expected):
            value = values[column - 1] if column <= len(values) else None
            if _text(value) == _text(expected[column]):
                continue
            if column in LOCKED_COLUMNS or index > 0 or column == VALUE_COLUMN:
                found.append(
                    _problem(
                        "form-locked",
                        _("a cell the body does not fill was changed: {value}").format(
                            value=repr(_text(value))[:60]
                        ),
                        where(returned.file, number, column),
                        _("restore it as the form was sent ({value}), or make a new form").format(
                            value=repr(_text(expected[column]))[:60]
                        ),
                    )
                )
    return found


def _answer(
    returned: Returned, row: Row, at_rows: list[int], problems: list[Problem]
) -> Answer | None:
    first = returned.cells.get(at_rows[0], ())
    texts = [_text(first[c - 1]) if c <= len(first) else "" for c in range(1, VALUE_COLUMN + 1)]
    status_text, progress, issues, plan = texts[STATUS_COLUMN - 1 : STATUS_COLUMN + 3]
    figures: list[Figure] = []
    several = len(row.targets) > 1
    for index, (metric, unit) in enumerate(row.targets):
        number = at_rows[index] if index < len(at_rows) else at_rows[0]
        cells = returned.cells.get(number, ())
        raw = cells[VALUE_COLUMN - 1] if len(cells) >= VALUE_COLUMN else None
        if _text(raw) == "":
            continue
        value = figure_value(raw, unit, where(returned.file, number, VALUE_COLUMN))
        if isinstance(value, Problem):
            problems.append(value)
            continue
        figures.append(Figure(value, unit, metric if several else None))
    if not status_text:
        if progress or issues or plan or figures:
            problems.append(
                _problem(
                    "form-status",
                    _("the row has answers but no 进展状态"),
                    where(returned.file, at_rows[0], STATUS_COLUMN),
                    _("choose one of {labels}").format(labels="、".join(STATUS_LABELS.values())),
                )
            )
        return None
    status = read_status(status_text)
    if status is None:
        problems.append(
            _problem(
                "form-status",
                _("进展状态 {value} is not a status").format(value=repr(status_text)[:40]),
                where(returned.file, at_rows[0], STATUS_COLUMN),
                _("choose one of {labels}").format(labels="、".join(STATUS_LABELS.values())),
            )
        )
        return None
    return Answer(
        row.ref,
        status,
        progress or None,
        issues or None,
        plan or None,
        tuple(figures),
        where(returned.file, at_rows[0], STATUS_COLUMN),
    )


def figure_value(raw: object, unit: str, at: str) -> int | float | Problem:
    """The 完成值 the cell ``at`` holds toward a target counted in ``unit``, or the problem
    with it (a percentage where the target counts another unit, a number beyond the
    model's bound, no number), with how to write it."""
    value = _number(raw, unit)
    hint = _("write the number alone, in {unit} (the unit is in column {column})").format(
        unit=unit, column=letter(UNIT_COLUMN)
    )
    if isinstance(raw, Percent) and unit != "%":
        message = _("完成值 {value} is a percentage, but the target counts {unit}").format(
            value=f"{raw * 100:g}%", unit=unit
        )
    elif value is not None and abs(value) > FIGURE_BOUND:
        message = _("完成值 {value} is out of range").format(value=repr(_text(raw))[:40])
        hint = _("write a number of at most {bound}, in {unit}").format(
            bound=f"{FIGURE_BOUND:,}", unit=unit
        )
    elif value is None:
        message = _("完成值 {value} is not a number").format(value=repr(_text(raw))[:40])
    else:
        return value
    return _problem("form-number", message, at, hint)


def _number(raw: object, unit: str) -> int | float | None:
    """The 完成值 a cell holds, in the target's unit; None when it holds no number. For a
    target in %, 85% as Excel keeps it (0.85 in a percentage format) and as typed (the
    text 85%) are both 85."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Percent):
        raw = round(float(raw) * 100, 10)  # 0.85 * 100 is 85.00000000000001
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None
        return int(raw) if float(raw).is_integer() else raw
    text = fold(str(raw)).replace(",", "")
    if unit == "%" and text.endswith("%"):
        text = text[:-1].strip()
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return int(value) if value.is_integer() else value


def _entry(returned: Returned, answer: Answer, scope: Scope) -> Entry:
    task: int | str = answer.task if scope.library else int(answer.task)
    return Entry(
        task=task,
        body=returned.body,
        status=answer.status,
        progress=answer.progress,
        problems=answer.problems,
        next=answer.next,
        figures=answer.figures,
        reported=returned.reported,
        reporter=returned.reporter,
    )


def prefill(entry: Entry | None, row: Row) -> tuple[object, ...]:
    """The answer cells a form starts with: the body's latest report, or nothing."""
    if entry is None:
        return (None,) * len(ANSWER_HEADERS)
    return (STATUS_LABELS[entry.status], entry.progress, entry.problems, entry.next, None)


def prefilled_values(entry: Entry | None, row: Row) -> list[int | float | None]:
    """The 完成值 of each target row from the body's latest report."""
    values: list[int | float | None] = []
    for metric, unit in row.targets:
        chosen = None
        if entry is not None:
            for figure in entry.figures:
                if (figure.target is None or fold(figure.target) == fold(metric)) and fold(
                    figure.unit
                ) == fold(unit):
                    chosen = figure.value
                    break
        values.append(chosen)
    return values
