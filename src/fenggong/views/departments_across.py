"""Documents of departments across the plans of a library: the index, and a 责任清单 by plan.

A library of one plan never comes here (``cli.departments`` gives it the documents of
``views.departments``, byte for byte those of the plan file); these add the plans.
"""

from __future__ import annotations

from fenggong.catalog import Catalog
from fenggong.matching import Bucket
from fenggong.messages import N_, _, ngettext
from fenggong.query.counts import Summed
from fenggong.query.library import Library
from fenggong.render.document import Document, Kind
from fenggong.views.contracts import (
    DepartmentLoad,
    DepartmentSheet,
    DutyCounts,
    PlanDuties,
    TaskObject,
    plan_ref,
    task_object,
)
from fenggong.views.departments import (
    PEOPLE_HEADINGS,
    SHEET,
    LoadColumn,
    Sizes,
    chart_document,
    counts_said,
    file_tasks,
    index_document,
    sized,
)
from fenggong.views.tasks import TaskColumn

_JURISDICTION = LoadColumn("jurisdiction", N_("Jurisdiction"), audience="machines")
_PLANS = LoadColumn("plans", N_("Plans"), Kind.NUMBER)
# The plan of a task of the 责任清单: people read it in the heading of its group.
_PLAN = TaskColumn(
    "plan", N_("Plan"), audience="machines", get=lambda t: t.plan.key if t.plan else ""
)


def _rows(summed: list[Summed]) -> tuple[DepartmentLoad, ...]:
    return tuple(
        DepartmentLoad(
            x.load.department,
            x.full_name,
            x.load.kind,
            x.load.lead,
            x.load.support,
            x.load.total,
            x.load.via_group,
            x.load.possible,
            x.jurisdiction,
            x.plans,
        )
        for x in summed
    )


def _across(library: Library) -> str:
    return ngettext(
        "; counted across {count} plan ({keys}), each body once",
        "; counted across {count} plans ({keys}), each body once",
        len(library.catalogs),
    ).format(count=len(library.catalogs), keys=", ".join(library.by_key))


def dept_index(library: Library, summed: list[Summed]) -> Document:
    """Every body of the plans once, its counts summed over them, and in how many
    plans its 责任清单 is not empty."""
    return index_document(_rows(summed), (_JURISDICTION,), (_PLANS,), _across(library))


def dept_chart(library: Library, summed: list[Summed]) -> Document:
    """Lead and support load per body as bars, summed over the plans."""
    rows = _rows([x for x in summed if x.load.total])
    return chart_document(rows, (_JURISDICTION, _PLANS), _across(library))


Filed = dict[tuple[Bucket, bool], list[TaskObject]]


def dept_sheet(library: Library, label: str) -> Document:
    """The 责任清单 of one body across the plans: for each plan whose 责任清单 of it is
    not empty, in the library's order, its tasks under the headings of one plan's, each
    heading led by the plan; the counts of each plan and of all."""
    body = library.body_of(label)
    defining: list[tuple[Catalog, str]] = [
        (c, names[0]) for c in library.catalogs if (names := library.names_in(c, [body]))
    ]
    parts: list[tuple[Catalog, Filed]] = []
    for catalog, name in defining:
        filed = {
            heading: [task_object(catalog, i.task, i.matches) for i in involvements]
            for heading, involvements in file_tasks(catalog, name).items()
        }
        if any(filed.values()):
            parts.append((catalog, filed))
    first, name = defining[0]
    dept = first.departments[name]
    aliases = tuple(dict.fromkeys(a for c, n in defining for a in c.departments[n].aliases))
    every: Filed = {heading: [] for heading in PEOPLE_HEADINGS}
    for _catalog, filed in parts:
        for heading, entries in filed.items():
            every[heading] += entries

    def filed_as(filed: Filed, wanted: Bucket) -> tuple[TaskObject, ...]:
        return tuple(t for (b, _via), entries in filed.items() if b is wanted for t in entries)

    sheet = DepartmentSheet(
        department=label,
        full_name=dept.full_name,
        kind=dept.kind,
        aliases=aliases,
        lead=filed_as(every, Bucket.LEAD),
        support=filed_as(every, Bucket.SUPPORT),
        possible=filed_as(every, Bucket.POSSIBLE),
        jurisdiction=body[0],
        counts=_duty_counts(sized(every)),
        plans=tuple(
            PlanDuties(
                plan_ref(catalog),
                _duty_counts(sized(filed)),
                *(tuple(t.id for t in filed_as(filed, b)) for b in Bucket),
            )
            for catalog, filed in parts
        ),
    )
    title = (
        _("Responsibilities of {department} ({full_name})")
        if dept.full_name != label
        else _("Responsibilities of {department}")
    )
    return Document(
        columns=(_PLAN, *SHEET),
        rows=tuple(task for _c, filed in parts for entries in filed.values() for task in entries),
        payload=sheet,
        title=title.format(department=label, full_name=dept.full_name),
        caption=_caption(parts, every, len(library.catalogs)),
        groups=tuple(_groups(parts)),
    )


def _groups(parts: list[tuple[Catalog, Filed]]) -> list[str]:
    """Each row's heading, led by its plan: said once for all the rows under it."""
    groups: list[str] = []
    led = _("{plan} · {heading}")
    headings = {heading: _(said) for heading, said in PEOPLE_HEADINGS.items()}
    for catalog, filed in parts:
        for heading, entries in filed.items():
            if entries:
                said = headings[heading].format(count=len(entries))
                groups += [led.format(plan=catalog.key, heading=said)] * len(entries)
    return groups


def _caption(parts: list[tuple[Catalog, Filed]], every: Filed, plans: int) -> str:
    """Each plan's title and counts, then the counts in all."""
    said = [
        _("{key}: {title} ({number}) — {counts}").format(
            key=catalog.key,
            title=catalog.dataset.plan.title,
            number=catalog.dataset.plan.document_number,
            counts=counts_said(sized(filed)),
        )
        for catalog, filed in parts
    ]
    total = ngettext(
        "in all, {named} of {plans} plan — {counts}",
        "in all, {named} of {plans} plans — {counts}",
        plans,
    ).format(named=len(parts), plans=plans, counts=counts_said(sized(every)))
    return _("; ").join([*said, total])


def _duty_counts(sizes: Sizes) -> DutyCounts:
    lead = sizes[(Bucket.LEAD, False)] + sizes[(Bucket.LEAD, True)]
    support = sizes[(Bucket.SUPPORT, False)] + sizes[(Bucket.SUPPORT, True)]
    return DutyCounts(
        lead=lead,
        support=support,
        total=lead + support,
        via_group=sizes[(Bucket.LEAD, True)] + sizes[(Bucket.SUPPORT, True)],
        possible=sizes[(Bucket.POSSIBLE, True)],
    )
