"""Documents of departments: the index by load, and one body's 责任清单."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msgspec import UNSET

from fenggong.catalog import Catalog
from fenggong.matching import Bucket, How, Involvement, Matcher, Part
from fenggong.messages import N_, _, ngettext
from fenggong.model import KIND_LABELS, Task
from fenggong.query.counts import Load
from fenggong.render.document import Bar, Column, Document, Kind
from fenggong.views.contracts import DepartmentLoad, DepartmentSheet, TaskObject, task_object
from fenggong.views.tasks import ID, LEAD, SUPPORT, TEXT, TaskColumn

BAR_WIDTH = 24

LoadColumn = Column[DepartmentLoad]
_DEPARTMENT = LoadColumn("department", N_("Department"))
LEAD_COUNT = LoadColumn("lead", N_("Leads"), Kind.NUMBER)
SUPPORT_COUNT = LoadColumn("support", N_("Supports"), Kind.NUMBER)


def _loads(catalog: Catalog, loads: list[Load]) -> tuple[DepartmentLoad, ...]:
    return tuple(
        DepartmentLoad(
            x.department,
            catalog.departments[x.department].full_name,
            x.kind,
            x.lead,
            x.support,
            x.total,
            x.via_group,
            x.possible,
        )
        for x in loads
    )


def dept_index(catalog: Catalog, loads: list[Load]) -> Document:
    return index_document(_loads(catalog, loads))


def index_document(
    rows: tuple[DepartmentLoad, ...],
    beside_name: tuple[LoadColumn, ...] = (),
    beside_kind: tuple[LoadColumn, ...] = (),
    note: str = "",
) -> Document:
    """The index of bodies and their counts; across plans, with the columns and the
    note a library adds."""
    largest = max((x.total for x in rows), default=0)
    return Document(
        columns=(
            _DEPARTMENT,
            *beside_name,
            LoadColumn("kind", N_("Kind"), get=lambda x: KIND_LABELS[x.kind]),
            *beside_kind,
            LEAD_COUNT,
            SUPPORT_COUNT,
            LoadColumn("total", N_("Total"), Kind.NUMBER),
            LoadColumn("via_group", N_("Via groups"), Kind.NUMBER),
            LoadColumn("possible", N_("Possibly"), Kind.NUMBER),
            LoadColumn(
                "bar",
                N_("Load"),
                Kind.BAR,
                "people",
                get=lambda x: Bar((x.total,), largest, BAR_WIDTH, least=1),
            ),
        ),
        rows=rows,
        title=_("Department load"),
        caption=ngettext(
            "{count} department; Leads and Supports include the tasks a body takes through a "
            "group that names its members, such as “各区”, and Via groups counts those; "
            "Possibly counts the tasks of groups that name no members, such as “相关区” and "
            "“各相关委办局”, and is not in the total",
            "{count} departments; Leads and Supports include the tasks a body takes through a "
            "group that names its members, such as “各区”, and Via groups counts those; "
            "Possibly counts the tasks of groups that name no members, such as “相关区” and "
            "“各相关委办局”, and is not in the total",
            len(rows),
        ).format(count=len(rows))
        + note,
    )


# The headings of a 责任清单, in order: named in the cell, then through a group that
# names the body (it takes the group's role), then possibly concerned.
PEOPLE_HEADINGS = {
    (Bucket.LEAD, False): N_("Lead tasks ({count})"),
    (Bucket.SUPPORT, False): N_("Support tasks ({count})"),
    (Bucket.LEAD, True): N_("Lead tasks through a group such as “各区” ({count})"),
    (Bucket.SUPPORT, True): N_("Support tasks through a group such as “各区” ({count})"),
    (Bucket.POSSIBLE, True): N_("Possibly concerned ({count})"),
}
# The same headings in the exported documents, which are Chinese in every language.
HEADINGS = {
    (Bucket.LEAD, False): "牵头任务",
    (Bucket.SUPPORT, False): "配合任务",
    (Bucket.LEAD, True): "经由“各区”等统称承担的牵头任务",
    (Bucket.SUPPORT, True): "经由“各区”等统称承担的配合任务",
    (Bucket.POSSIBLE, True): "可能涉及",
}
SHEET = (ID, TEXT, LEAD, SUPPORT, TaskColumn("match", N_("How"), Kind.MATCH))


def file_tasks(
    catalog: Catalog,
    key: str,
    matcher: Matcher | None = None,
    tasks: Sequence[Task] | None = None,
) -> dict[tuple[Bucket, bool], list[Involvement]]:
    """Each task the body takes part in, under its 责任清单 heading (the keys of
    ``HEADINGS``, in their order), in the table's order within each."""
    from fenggong.query.select import matcher_of

    matcher = matcher or matcher_of(catalog)
    filed: dict[tuple[Bucket, bool], list[Involvement]] = {heading: [] for heading in HEADINGS}
    # A task naming only registry names none of which can reach the body is passed over
    # in C: a 责任清单 across 100 plans would ask 11,100 tasks one by one.
    reaching, named = matcher.reaching(key), set(catalog.departments)
    chosen = [
        t
        for t in (catalog.dataset.tasks if tasks is None else tasks)
        if not reaching.isdisjoint(t.lead)
        or not reaching.isdisjoint(t.support)
        or not named.issuperset(t.lead)
        or not named.issuperset(t.support)
    ]
    for involvement in matcher.involvements(chosen, key):
        found = involvement.bucket
        filed[(found, found is Bucket.POSSIBLE or involvement.how is How.GROUP)].append(involvement)
    return filed


def dept_sheet(
    catalog: Catalog,
    key: str,
    matcher: Matcher | None = None,
    tasks: Sequence[Task] | None = None,
) -> Document:
    """The 责任清单 of one body over the tasks given (every task by default): what it
    leads and supports, named in the cell; what it leads and supports through a group
    naming it (各区 for a district); then what it is possibly concerned by (相关区)."""
    from fenggong.query.select import matcher_of

    dept = catalog.departments[key]
    matcher = matcher or matcher_of(catalog)
    involved = file_tasks(catalog, key, matcher, tasks)
    filed = {
        heading: [task_object(catalog, i.task, i.matches) for i in involvements]
        for heading, involvements in involved.items()
    }
    parts = other_parts(catalog, key, matcher, involved, tasks)
    other = [task_object(catalog, catalog.tasks[task_id], ()) for task_id in parts]

    def filed_as(wanted: Bucket) -> tuple[TaskObject, ...]:
        return tuple(t for (b, _via), entries in filed.items() if b is wanted for t in entries)

    sheet = DepartmentSheet(
        department=key,
        full_name=dept.full_name,
        kind=dept.kind,
        aliases=dept.aliases,
        lead=filed_as(Bucket.LEAD),
        support=filed_as(Bucket.SUPPORT),
        possible=filed_as(Bucket.POSSIBLE),
        other=tuple(other) or UNSET,
    )
    title = (
        _("Responsibilities of {department} ({full_name})")
        if dept.full_name != key
        else _("Responsibilities of {department}")
    )
    plan = catalog.dataset.plan
    counts = counts_said(sized(filed))
    if other:
        counts += _(", ") + _("other roles only {count}").format(count=len(other))
    how = TaskColumn(
        "match", SHEET[-1].label, Kind.MATCH, get=lambda t: t.match or parts.get(t.id, ())
    )
    return Document(
        columns=(*SHEET[:-1], how) if other else SHEET,
        rows=(*(task for entries in filed.values() for task in entries), *other),
        payload=sheet,
        title=title.format(department=key, full_name=dept.full_name),
        caption=_("{title} ({number}) — {counts}").format(
            title=plan.title, number=plan.document_number, counts=counts
        ),
        groups=(
            *(_(PEOPLE_HEADINGS[h]).format(count=len(e)) for h, e in filed.items() for _e in e),
            *(_("Other roles only ({count})").format(count=len(other)) for _t in other),
        ),
    )


def other_parts(
    catalog: Catalog,
    key: str,
    matcher: Matcher,
    filed: dict[tuple[Bucket, bool], list[Involvement]],
    tasks: Sequence[Task] | None = None,
) -> dict[int, tuple[Part, ...]]:
    """The tasks the body has only another part in (指导, 负责落实, 汇总), by id, with its
    parts: listed apart from the 责任清单's headings and never in its counts."""
    seen = {i.task.id for entries in filed.values() for i in entries}
    found = {}
    for task in catalog.dataset.tasks if tasks is None else tasks:
        if task.roles and task.id not in seen:
            parts = matcher.parts(task, key)
            if parts:
                found[task.id] = parts
    return found


Sizes = dict[tuple[Bucket, bool], int]  # how many tasks under each heading


def sized(filed: dict[tuple[Bucket, bool], list[Any]]) -> Sizes:
    return {heading: len(entries) for heading, entries in filed.items()}


def counts_said(sizes: Sizes) -> str:
    """牵头 3 项（经由统称 3 项），配合 32 项（经由统称 32 项），可能涉及 2 项: the same
    numbers as the index of `depts` gives the body."""
    parts = []
    for bucket, (alone, through) in (
        (Bucket.LEAD, (N_("lead tasks {count}"), N_("lead tasks {count} (via groups {via})"))),
        (
            Bucket.SUPPORT,
            (N_("support tasks {count}"), N_("support tasks {count} (via groups {via})")),
        ),
    ):
        total = sizes[(bucket, False)] + sizes[(bucket, True)]
        via = sizes[(bucket, True)]
        parts.append(_(through if via else alone).format(count=total, via=via))
    parts.append(_("possibly concerned {count}").format(count=sizes[(Bucket.POSSIBLE, True)]))
    return _(", ").join(parts)


def dept_chart(catalog: Catalog, loads: list[Load]) -> Document:
    """Lead and support load per body as bars, as the 责任清单 counts it (districts
    through 各区 included); a load of one task still draws a block."""
    return chart_document(_loads(catalog, [x for x in loads if x.total]))


def chart_document(
    rows: tuple[DepartmentLoad, ...], beside_name: tuple[LoadColumn, ...] = (), note: str = ""
) -> Document:
    """The bars of lead and support load; across plans, with a library's columns and note."""
    largest = max((x.total for x in rows), default=0)
    return Document(
        columns=(
            _DEPARTMENT,
            *beside_name,
            LEAD_COUNT,
            SUPPORT_COUNT,
            LoadColumn(
                "bar",
                N_("█ lead  ░ support"),
                Kind.BAR,
                "people",
                get=lambda x: Bar((x.lead, x.support), largest, BAR_WIDTH * 2, least=1),
            ),
        ),
        rows=rows,
        title=_("Department load (lead and support tasks, via groups included)"),
        caption=ngettext(
            "{count} department or group; █ lead ░ support",
            "{count} departments or groups; █ lead ░ support",
            len(rows),
        ).format(count=len(rows))
        + note,
    )
