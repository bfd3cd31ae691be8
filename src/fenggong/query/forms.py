"""A body's report form as rows, a returned form judged against the plans, and the merge.

Pure: the writer lays out ``rows``; the reader's ``Returned`` is judged by ``judge``
(every cell, and the plan's version); ``merge`` folds the answers into a period's entries.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import msgspec

from fenggong.checks.scope import Found, Scope
from fenggong.errors import Problem, UsageError
from fenggong.forms import (
    ANSWER_HEADERS,
    HEADERS,
    MAX_ROWS,
    REPORTER_CELL,
    REPORTER_LABEL,
    STATUS_COLUMN,
    VALUE_COLUMN,
    Answer,
    Returned,
    answers_print,
    quantified,
    read_status,
    sheet_rows,
    task_digest,
    where,
)
from fenggong.matching import Bucket, How, Match, Role
from fenggong.messages import _, listed
from fenggong.model import STATUS_LABELS, Entry, Figure, Task
from fenggong.names import fold
from fenggong.query.cells import (
    TEXT_BOUND,
    answer_text,
    cell_text,
    figure_value,
    form_problem,
    text_problem,
)
from fenggong.query.locked import locked


class Row(msgspec.Struct, frozen=True):
    """A task on a body's form: its reference, the plan's cells, its 完成值 targets."""

    ref: str
    task: Task
    cells: tuple[object, ...]  # 序号 … 完成时限, as the form shows them
    targets: tuple[tuple[str, str], ...]  # (metric, unit) of each 完成值 row
    digest: str


def rows(
    scope: Scope, body: str, among: set[str] | None = None, digested: bool = True
) -> list[Row]:
    """Every task ``body`` leads or supports, named or through a group naming it, and every
    task it is possibly concerned in, through a group naming no members (各相关委办局,
    相关区), in the plans' order (of the tasks referenced ``among``, if given: a returned
    form's). A possible task is marked so: the body answers it if it is its own, and the
    report stands in for the group (a task no body could report on would stay unreported).
    ``digested=False``: each row's digest is left empty (a form made from these very plans
    needs none)."""
    found: list[Row] = []
    wanted = None if among is None else scope.ids(among)
    for key, plan in scope.plans.items():
        if body not in plan.departments:
            continue
        ids = None if wanted is None else wanted.get(key)
        if wanted is not None and not ids:
            continue
        matcher = scope.matcher(key)
        for task in plan.tasks:
            if ids is not None and task.id not in ids:
                continue
            ref = f"{key}:{task.id}" if scope.library else str(task.id)
            involvement = matcher.involvement(task, body)
            if involvement is None:
                continue
            duty = duty_words(involvement.deciding)
            cells = (
                ref if scope.library else task.id,
                task.text,
                "、".join(task.lead),
                "、".join(task.support),
                duty,
                task.due.raw if task.due else "",
            )
            digest = task_digest(task) if digested else ""
            found.append(Row(ref, task, cells, tuple(quantified(task)), digest))
    return found


class Duties(NamedTuple):
    """The words a body's part in a task is said in: leading, supporting, either through
    a group ({duty}, {group}), possibly concerned through a group naming no members."""

    lead: str
    support: str
    through: str
    possibly: str


# As a form says it (本单位职责), in Chinese whatever the reader's language.
FORM_DUTIES = Duties("牵头", "配合", "{duty}（经由“{group}”）", "可能涉及（经由“{group}”）")


def duty_words(deciding: Match, words: Duties = FORM_DUTIES) -> str:
    """The body's part in a task, by its deciding match (Involvement.deciding)."""
    if deciding.bucket is Bucket.POSSIBLE:
        return words.possibly.format(group=deciding.via)
    said = words.lead if deciding.role is Role.LEAD else words.support
    if deciding.how is How.GROUP:
        return words.through.format(duty=said, group=deciding.via)
    return said


def fits(body: str, found: Sequence[Row], record: int) -> None:
    """UsageError when ``body``'s form of the rows ``found`` and a hidden record of
    ``record`` rows (exporting.reportform.record) would have more rows than collect reads."""
    count = sheet_rows(sum(max(1, len(row.targets)) for row in found), record)
    if count > MAX_ROWS:
        raise UsageError(
            _(
                "{body}'s form would have {count} rows: a form holds {limit} at most, "
                "and collect reads no more"
            ).format(body=body, count=f"{count:,}", limit=f"{MAX_ROWS:,}"),
            hint=_("make a form for a few plans at a time, with --plan KEY"),
        )


def digests(scope: Scope, body: str, known: Mapping[str, str]) -> dict[str, str]:
    """The digest of each plan naming ``body``, by key ("" for a plan read alone), of
    ``known``, every plan's (store.ledgercache.plan_digests)."""
    return {key: known[key] for key, plan in scope.plans.items() if body in plan.departments}


def judge(
    returned: Returned, scope: Scope, force: bool, known: Mapping[str, str]
) -> tuple[list[Entry], list[Problem], list[str]]:
    """The entries a returned form makes, every problem of its cells (any problem means
    nothing of the form is taken: the entries of its sound rows come back all the same, so
    that their figures are judged in the same round), and the tasks whose rows came back
    exactly as they were pre-filled: last period's answers, sent again, are no report.
    ``known``: every plan's digest (``digests``)."""
    # The digests of the plans naming the body now: the form's own say it was made of them.
    now = digests(scope, returned.body, known)
    problems = _version(returned, scope, force, now)
    if problems:
        return [], problems, []
    at = where(returned.file, *REPORTER_CELL)
    too_long = text_problem(returned.reporter or "", REPORTER_LABEL, at)
    if too_long is not None:
        problems.append(too_long)
    unchanged: list[str] = []
    named = {line.task for line in returned.lines}
    # Made from the plans as they are (their digests the form's): each task is as it was sent.
    same = returned.plans == now
    current = {row.ref: row for row in rows(scope, returned.body, named, digested=not same)}
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
                form_problem(
                    "form-task",
                    _("task {task} is no longer {body}'s in the plan").format(
                        task=ref, body=returned.body
                    ),
                    where(returned.file, at_rows[0], 1),
                    _("make a new form with fenggong report sheet"),
                )
            )
            continue
        # A task changed since (--force) was sent as it was then.
        if same or made_as[ref] == {row.digest}:
            problems += locked(returned, row, at_rows)
        sent = returned.prefilled.get(ref)  # a fingerprint, when pre-filled
        if sent is not None and sent == _print(returned, row, at_rows):
            unchanged.append(ref)
            continue
        answer = _answer(returned, row, at_rows, problems)
        if answer is not None:
            answers.append(answer)
    for number, values in sorted(returned.cells.items()):
        if number not in seen and any(cell_text(v) for v in values):
            problems.append(
                form_problem(
                    "form-row",
                    _("a row the form did not have"),
                    where(returned.file, number, 1),
                    _("write in the rows of the tasks only; delete this row"),
                )
            )
    entries = [_entry(returned, a, scope) for a in answers]
    return entries, problems, unchanged


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


def _version(
    returned: Returned, scope: Scope, force: bool, now: Mapping[str, str]
) -> list[Problem]:
    """A form made from another version of the plans (``now``: the digests of those
    naming its body, ``digests``): refused, naming the tasks that changed, unless ``force``."""
    made = returned.plans
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
        form_problem(
            "form-plan",
            message.format(tasks=listed([_("task {task}").format(task=t) for t in changed])),
            returned.file,
            _("send the body a new form (fenggong report sheet), or collect this one with --force"),
        )
    ]


def _find(scope: Scope, ref: str) -> Found | None:
    found = scope.find(ref if scope.library or not ref.isdigit() else int(ref))
    return found if isinstance(found, Found) else None


def _answer(
    returned: Returned, row: Row, at_rows: list[int], problems: list[Problem]
) -> Answer | None:
    first = returned.cells.get(at_rows[0], ())
    columns = range(STATUS_COLUMN, STATUS_COLUMN + 4)  # 进展状态 … 下一步计划
    texts = [answer_text(first[c - 1]) if c <= len(first) else "" for c in columns]
    status_text, progress, issues, plan = texts
    for column, text in zip(columns, texts, strict=True):
        if len(text) > TEXT_BOUND:  # where it is, only for a text too long
            heading = HEADERS[column - 1]
            too_long = text_problem(text, heading, where(returned.file, at_rows[0], column))
            if too_long is not None:
                problems.append(too_long)
                return None
    figures: list[Figure] = []
    several = len(row.targets) > 1
    for index, (metric, unit) in enumerate(row.targets):
        number = at_rows[index] if index < len(at_rows) else at_rows[0]
        cells = returned.cells.get(number, ())
        raw = cells[VALUE_COLUMN - 1] if len(cells) >= VALUE_COLUMN else None
        if cell_text(raw) == "":
            continue
        value = figure_value(raw, unit, where(returned.file, number, VALUE_COLUMN))
        if isinstance(value, Problem):
            problems.append(value)
            continue
        figures.append(Figure(value, unit, metric if several else None))
    if not status_text:
        if progress or issues or plan or figures:
            problems.append(
                form_problem(
                    "form-status",
                    _("the row has answers but no 进展状态"),
                    where(returned.file, at_rows[0], STATUS_COLUMN),
                    _("choose one of {labels}").format(labels=listed(list(STATUS_LABELS.values()))),
                )
            )
        return None
    status = read_status(status_text)
    if status is None:
        problems.append(
            form_problem(
                "form-status",
                _("进展状态 {value} is not a status").format(value=repr(status_text)[:40]),
                where(returned.file, at_rows[0], STATUS_COLUMN),
                _("choose one of {labels}").format(labels=listed(list(STATUS_LABELS.values()))),
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
