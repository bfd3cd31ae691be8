"""Documents of tasks: the filtered list, task cards, the targets and search results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, cast

import msgspec

from fenggong.catalog import Catalog
from fenggong.matching import How
from fenggong.messages import N_, _, ngettext
from fenggong.model import DeptKind, DueKind, Task
from fenggong.query.select import Filters, Hit, describe
from fenggong.render.document import Card, Column, Document, Kind
from fenggong.render.text import NONE, number, target_text
from fenggong.views.contracts import TaskObject, plan_ref, task_object
from fenggong.views.recorded import DueObject
from fenggong.views.targets import TargetRow

if TYPE_CHECKING:
    from fenggong.query.search import Result

TaskColumn = Column[TaskObject]

ID = TaskColumn("id", N_("No."), get=lambda t: str(t.id))
SECTION = TaskColumn("section", N_("Section"), get=lambda t: t.section.label)
TOPIC = TaskColumn("topic", N_("Topic"), get=lambda t: t.topic.label)
TEXT = TaskColumn("text", N_("Task"), wide=True)
LEAD = TaskColumn("lead", N_("Lead"), Kind.NAMES)
SUPPORT = TaskColumn("support", N_("Support"), Kind.NAMES)
MATCH = TaskColumn("match", N_("Match"), Kind.MATCH)

_LIST = (
    ID,
    TaskColumn("section", SECTION.label, audience="machines", get=SECTION.get),
    TaskColumn("topic", TOPIC.label, audience="machines", get=TOPIC.get),
    TEXT,
    LEAD,
    SUPPORT,
)


PLAN = TaskColumn("plan", N_("Plan"), get=lambda t: _plan_key(t))

# An answer over several plans: each plan's tasks with their plan, grouped by plan.
Answer = Sequence[tuple[Catalog, list[Hit], Filters]]


def tasks_across(parts: Answer, several: bool | None = None) -> Document:
    """The tasks found in each plan; a library of one plan reads as the plan alone.
    ``several``: whether the library holds several plans, though fewer may answer."""
    if len(parts) == 1 and not several:
        return task_list(*parts[0])
    documents = [task_list(*part) for part in parts]
    rows = tuple(r for d in documents for r in d.rows)
    with_match = any(f.by_department for _c, _h, f in parts)
    hits = [h for _c, found, _f in parts for h in found]
    said = describe(parts[0][2], parts[0][0]) if parts else _("all tasks")
    plans = len({r.plan.key for r in rows if r.plan})
    caption = _("{filters} — {tasks} in {plans}").format(
        filters=said,
        tasks=ngettext("{count} task", "{count} tasks", len(hits)).format(count=len(hits)),
        plans=ngettext("{count} plan", "{count} plans", plans).format(count=plans),
    )
    possible = sum(1 for h in hits if h.matches and all(m.how is How.POSSIBLE for m in h.matches))
    if with_match and possible:
        caption += _(" (of which {count} possibly concerned)").format(count=possible)
    return Document(
        columns=(PLAN, *_LIST, MATCH) if with_match else (PLAN, *_LIST),
        rows=rows,
        caption=caption,
        groups=tuple(f"{_plan_key(r)} · {r.section.label}" for r in rows),
    )


def task_list(catalog: Catalog, hits: list[Hit], filters: Filters) -> Document:
    with_match = filters.by_department
    rows = tuple(task_object(catalog, h.task, h.matches if with_match else None) for h in hits)
    caption = ngettext("{filters} — {count} task", "{filters} — {count} tasks", len(hits)).format(
        filters=describe(filters, catalog), count=len(hits)
    )
    # A task only possibly concerning the body (相关区, 各相关委办局) is listed, but its
    # 责任清单 counts it apart: the total says how many of these are such, so that the
    # number quoted from here agrees with `depts`.
    possible = sum(1 for h in hits if h.matches and all(m.how is How.POSSIBLE for m in h.matches))
    if with_match and possible:
        caption += _(" (of which {count} possibly concerned)").format(count=possible)
    return Document(
        columns=(*_LIST, MATCH) if with_match else _LIST,
        rows=rows,
        caption=caption,
        groups=tuple(r.section.label for r in rows),
    )


def _names_with_full(catalog: Catalog, names: tuple[str, ...]) -> str:
    parts = []
    for name in names:
        dept = catalog.departments.get(name)
        full = (
            dept.description if dept and dept.kind is DeptKind.GROUP and dept.description else None
        )
        full = full or (dept.full_name if dept else None)
        # 市财政局 is plainly 上海市财政局: a full name that only adds 上海 says nothing.
        redundant = full in (name, f"上海{name}", f"上海市{name}")
        parts.append(f"{name}（{full}）" if full and not redundant else name)
    return "\n".join(parts) or NONE


def _card(catalog: Catalog, task: TaskObject, siblings: tuple[int, ...]) -> Card:
    targets = [
        _("{metric}: {target}").format(metric=t.metric, target=target_text(t))
        + (_(" ({quantity})").format(quantity=number(t.quantity)) if not t.qualitative else "")
        for t in task.targets
    ]
    # A figure already reached is shown apart from the goals, and only where there is one.
    basis = [
        _("{metric}: {target}").format(metric=t.metric, target=target_text(t))
        for t in catalog.tasks[task.id].basis
    ]
    # What an imported plan records is shown where the task has it, and only there.
    roles = [
        _("{verb}: {names}").format(verb=r.verb, names=_names_with_full(catalog, r.departments))
        for r in task.roles or ()
    ]
    source = ((_("Source number"), task.number),) if task.number else ()
    recorded = (
        *(((_("Other roles"), "\n".join(roles)),) if roles else ()),
        *(((_("Due"), due_text(task.due)),) if task.due else ()),
        *(((_("Leaders"), "、".join(task.leaders)),) if task.leaders else ()),
        *(((_("Clause"), task.clause),) if task.clause else ()),
    )
    return Card(
        title=_("Task {id}").format(id=task.id),
        fields=(
            (_("Section"), task.section.label),
            (_("Topic"), task.topic.label),
            *source,
            (_("Task"), task.text),
            (_("Lead"), _names_with_full(catalog, task.lead)),
            (_("Support"), _names_with_full(catalog, task.support)),
            *recorded,
            (_("Targets"), "\n".join(targets) or NONE),
            *(((_("Already reached"), "\n".join(basis)),) if basis else ()),
            (_("Same topic"), "、".join(map(str, siblings)) or NONE),
        ),
    )


def due_text(due: DueObject) -> str:
    """A deadline as written, with the date it comes to: 年内 (by 2022-12-31)."""
    if due.date is None:
        return _("{raw} (ongoing)").format(raw=due.raw) if due.kind is DueKind.ONGOING else due.raw
    if due.kind is DueKind.PERIOD:
        return _("{raw} (until {date})").format(raw=due.raw, date=due.date.isoformat())
    return _("{raw} (by {date})").format(raw=due.raw, date=due.date.isoformat())


def cards_across(found: Sequence[tuple[Catalog, Task]], several: bool) -> Document:
    """``show`` over a library: each task's card, titled KEY:ID when several plans are
    loaded, so that two plans' task 3 are never taken for one."""
    if not several:
        return task_cards(found[0][0], [task.id for _c, task in found])
    documents = [task_cards(catalog, [task.id], catalog.key) for catalog, task in found]
    return Document(
        columns=(PLAN, ID, SECTION, TOPIC, TEXT, LEAD, SUPPORT),
        rows=tuple(r for d in documents for r in d.rows),
        cards=tuple(c for d in documents for c in d.cards),
    )


def task_cards(catalog: Catalog, ids: list[int], key: str | None = None) -> Document:
    rows, cards = [], []
    for task_id in ids:
        task = catalog.tasks[task_id]
        siblings = tuple(t.id for t in catalog.by_topic[task.topic] if t.id != task.id)
        row = msgspec.structs.replace(
            task_object(catalog, task),
            full_names={
                n: catalog.departments[n].full_name
                for n in (*task.lead, *task.support, *task.others)
            },
            same_topic=siblings,
        )
        rows.append(row)
        card = _card(catalog, row, siblings)
        if key is not None:
            title = _("Task {id}").format(id=f"{key}:{task.id}")
            card = msgspec.structs.replace(card, title=f"{title} · {catalog.dataset.plan.title}")
        cards.append(card)
    return Document(
        columns=(ID, SECTION, TOPIC, TEXT, LEAD, SUPPORT),  # as list writes them
        rows=tuple(rows),
        cards=tuple(cards),
    )


TargetColumn = Column[TargetRow]

_TARGETS = (
    TargetColumn("task", N_("No."), get=lambda t: str(t.task)),
    TargetColumn("metric", N_("Metric"), wide=True),
    TargetColumn("target", N_("Target"), audience="people", get=target_text),
    TargetColumn("value", N_("Value"), Kind.NUMBER, "machines"),
    TargetColumn("unit", N_("Unit"), audience="machines"),
    TargetColumn("quantity", N_("Quantity"), Kind.NUMBER),
    TargetColumn("qualifier", N_("Qualifier"), get=lambda t: "、".join(t.qualifier)),
    TargetColumn(
        "qualitative",
        N_("Qualitative"),
        audience="machines",
        get=lambda t: "true" if t.qualitative else "false",
    ),
    TargetColumn("lead", N_("Lead"), Kind.NAMES),
    TargetColumn("support", N_("Support"), Kind.NAMES),
)


def target_list(
    catalog: Catalog,
    include_qualitative: bool,
    hits: Sequence[Hit] | None = None,
    filters: Filters | None = None,
) -> Document:
    """The goals of the tasks chosen (every task by default), each with its task's leads
    and supports, so a supervisor sees who answers for it."""
    tasks = catalog.dataset.tasks if hits is None else [hit.task for hit in hits]
    ref = plan_ref(catalog)
    rows = tuple(
        TargetRow(
            task.id,
            t.metric,
            t.value,
            t.unit,
            t.quantity,
            t.qualifier,
            t.qualitative,
            t.period,
            task.lead,
            task.support,
            ref,
        )
        for task in tasks
        for t in task.targets
        if include_qualitative or not t.qualitative
    )
    title = (
        _("Quantified and qualitative {period} targets")
        if include_qualitative
        else _("Quantified {period} targets")
    )
    return Document(
        columns=_TARGETS,
        rows=rows,
        title=title.format(period=_period(catalog)),
        caption=(
            _("{filters} — {count} in all").format(
                filters=describe(filters, catalog), count=len(rows)
            )
            if filters is not None and filters != Filters()
            else _("{count} in all").format(count=len(rows))
        ),
    )


def targets_across(
    parts: Sequence[tuple[Catalog, Sequence[Hit], Filters]],
    include_qualitative: bool,
    several: bool | None = None,
) -> Document:
    """The goals of the tasks chosen in each plan; one plan reads as the plan alone."""
    if len(parts) == 1 and not several:
        catalog, hits, filters = parts[0]
        return target_list(catalog, include_qualitative, hits, filters)
    documents = [target_list(c, include_qualitative, h, f) for c, h, f in parts]
    rows = tuple(r for d in documents for r in d.rows)
    plans = {_plan_key(r) for r in rows}
    title = (
        _("Quantified and qualitative targets") if include_qualitative else _("Quantified targets")
    )
    return Document(
        columns=(TargetColumn("plan", N_("Plan"), get=_plan_key), *_TARGETS),
        rows=rows,
        title=title,
        caption=ngettext(
            "{count} in all, in {plans} plan", "{count} in all, in {plans} plans", len(plans)
        ).format(count=len(rows), plans=len(plans)),
        groups=tuple(_plan_key(r) for r in rows),
    )


def _plan_key(row: TargetRow | TaskObject) -> str:
    return row.plan.key if row.plan else ""


def _period(catalog: Catalog) -> str:
    period = catalog.dataset.plan.period
    # TRANSLATORS: the targets' title of a plan with no named period (十四五): "{period} targets".
    return period.name if period else _("the plan's")


_SEARCH = (
    ID,
    TEXT,
    TaskColumn("topic", TOPIC.label, wide=True, get=TOPIC.get),
    LEAD,
    TaskColumn("score", N_("Score"), Kind.NUMBER, places=2),
)

Where = Literal["text", "topic", "section"]


def search_results(catalog: Catalog, results: list[Result], terms: list[str]) -> Document:
    return search_across([(catalog, r) for r in results], terms, several=False)


def search_across(
    results: Sequence[tuple[Catalog, Result]], terms: list[str], several: bool
) -> Document:
    rows = tuple(
        msgspec.structs.replace(
            task_object(catalog, r.task),
            score=r.score,
            found_in=cast(tuple[Where, ...], r.fields),
        )
        for catalog, r in results
    )
    return Document(
        columns=(PLAN, *_SEARCH) if several else _SEARCH,
        rows=rows,
        caption=ngettext(
            "“{terms}” — {count} task, best first",
            "“{terms}” — {count} tasks, best first",
            len(results),
        ).format(terms=" ".join(terms), count=len(results)),
        marks=tuple(terms),
    )
