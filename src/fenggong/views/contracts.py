"""The machine contracts of the query commands: the records json, jsonl and yaml write.

Each is a msgspec Struct: encoded as it is, and the source of the JSON Schema that
``fenggong schema --output NAME`` prints (schema/output/). A field that only some
commands write is UNSET elsewhere, and then absent from the output, not null.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from fenggong.matching import How, Match, Role
from fenggong.model import DeptKind, section_label, topic_label
from fenggong.views.recorded import DueObject, RoleObject, due_object

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.model import Section, Target, Task, Topic

Names = tuple[str, ...]
RoleName = Literal["lead", "support"]
HowName = Literal["direct", "group", "possible"]
_ROLES: dict[Role, RoleName] = {Role.LEAD: "lead", Role.SUPPORT: "support"}
_HOWS: dict[How, HowName] = {How.DIRECT: "direct", How.GROUP: "group", How.POSSIBLE: "possible"}


class Contract(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Base of the output records: immutable, and a schema that allows no other field."""


class PlanRef(Contract, frozen=True):
    """The plan a task belongs to: its key in the library, its title and document number."""

    key: Annotated[str, Meta(description="The plan's key: KEY in the reference KEY:ID.")]
    title: str
    document_number: Annotated[str, Meta(description="文号: 沪人社职〔2022〕256号.")]


class SectionHeading(Contract, frozen=True):
    """A section of the table: 一、目标任务."""

    number: int
    numeral: str
    title: str

    @property
    def label(self) -> str:
        return section_label(self.numeral, self.title)


class TopicHeading(Contract, frozen=True):
    """A topic of the table: （一）普惠多元的…."""

    number: int
    numeral: str
    title: str

    @property
    def label(self) -> str:
        return topic_label(self.numeral, self.title)


class TargetObject(Contract, frozen=True):
    """A goal of a task: quantified (value, unit, quantity) or qualitative."""

    metric: str
    qualitative: bool
    value: Annotated[int | float | None, Meta(description="The number as written: 500.")]
    unit: Annotated[str | None, Meta(description="As written: 万人次, 所, 万人, 家, %, 个.")]
    quantity: Annotated[int | float | None, Meta(description="value × unit: 5000000; 80 % is 0.8.")]
    qualifier: Annotated[tuple[str, ...], Meta(description="Words such as 力争, 以上, 达.")]
    period: str


class MatchObject(Contract, frozen=True):
    """How the filtered body takes part in the task, in one role."""

    department: str
    role: RoleName
    how: Annotated[
        HowName,
        Meta(description="Named; through a group with it as member; or possibly (相关区)."),
    ]
    via: Annotated[str | None, Meta(description="The group, unless direct.")]

    def describe(self) -> str:
        """In words, as the match column shows it: 牵头·直接."""
        return Match(self.department, Role(self.role), How[self.how.upper()], self.via).describe()


class TaskObject(Contract, frozen=True):
    """A task, as list, show, search and a body's 责任清单 write it."""

    id: Annotated[int, Meta(description="序号: 1, 2, 3 … in the order of the table.")]
    section: SectionHeading
    topic: TopicHeading
    text: Annotated[str, Meta(description="重点任务, verbatim from the source.")]
    lead: Annotated[Names, Meta(description="牵头部门 as written, in order; the first leads.")]
    support: Annotated[Names, Meta(description="配合部门 as written, in order.")]
    targets: tuple[TargetObject, ...]
    match: Annotated[
        tuple[MatchObject, ...] | UnsetType,
        Meta(description="With a department filter only: one entry per role matched."),
    ] = UNSET
    full_names: Annotated[
        dict[str, str] | UnsetType, Meta(description="show only: name → full official name.")
    ] = UNSET
    same_topic: Annotated[
        tuple[int, ...] | UnsetType, Meta(description="show only: the other tasks of the topic.")
    ] = UNSET
    score: Annotated[float | UnsetType, Meta(description="search only: relevance (BM25).")] = UNSET
    found_in: Annotated[
        tuple[Literal["text", "topic", "section"], ...] | UnsetType,
        Meta(description="search only: where the words were found."),
    ] = UNSET
    plan: Annotated[
        PlanRef | UnsetType, Meta(description="The plan of the task (always written).")
    ] = UNSET
    # What an imported plan records besides the table's columns: written only when the
    # task has it, so a table without them keeps the contract it always had.
    number: Annotated[
        str | UnsetType,
        Meta(description="The source's own item number as written (（三）), if recorded."),
    ] = UNSET
    due: Annotated[
        DueObject | UnsetType, Meta(description="完成时限, if recorded: raw, kind and date.")
    ] = UNSET
    leaders: Annotated[
        Names | UnsetType, Meta(description="Named persons who answer for it, if recorded.")
    ] = UNSET
    roles: Annotated[
        tuple[RoleObject, ...] | UnsetType,
        Meta(description="Parts besides lead and support (指导, 负责落实, 汇总), if recorded."),
    ] = UNSET
    clause: Annotated[
        str | UnsetType, Meta(description="The duty clause as the source writes it, if recorded.")
    ] = UNSET


class DepartmentLoad(Contract, frozen=True):
    """A body of the registry with how many tasks it takes part in, and how."""

    department: str
    full_name: str
    kind: DeptKind
    lead: Annotated[
        int, Meta(description="Tasks it leads: named as lead, or through a group that leads.")
    ]
    support: Annotated[
        int, Meta(description="Tasks it supports (and does not lead), named or through a group.")
    ]
    total: Annotated[int, Meta(description="lead + support.")]
    via_group: Annotated[
        int, Meta(description="Of lead + support, those reaching it only through a group (各区).")
    ]
    possible: Annotated[
        int,
        Meta(description="Tasks of a group without named members (相关区); not in total."),
    ]
    jurisdiction: Annotated[
        str | UnsetType,
        Meta(description="Across several plans: the government defining the body (上海市)."),
    ] = UNSET
    plans: Annotated[
        int | UnsetType,
        Meta(description="Across several plans: how many list the body in its 责任清单."),
    ] = UNSET


class DutyCounts(Contract, frozen=True):
    """A body's counts in a 责任清单, as ``depts`` counts them."""

    lead: int
    support: int
    total: Annotated[int, Meta(description="lead + support.")]
    via_group: Annotated[int, Meta(description="Of lead + support, those only through a group.")]
    possible: Annotated[int, Meta(description="Possibly concerned; not in total.")]


class PlanDuties(Contract, frozen=True):
    """A body's part in one plan of a library: its counts there and its tasks' ids."""

    plan: PlanRef
    counts: DutyCounts
    lead: Annotated[tuple[int, ...], Meta(description="The ids of the plan's tasks it leads.")]
    support: Annotated[tuple[int, ...], Meta(description="The ids of those it supports.")]
    possible: Annotated[tuple[int, ...], Meta(description="The ids of those possibly.")]


class DepartmentSheet(Contract, frozen=True):
    """One body's 责任清单: what it leads, supports, and is possibly concerned by."""

    department: str
    full_name: str
    kind: DeptKind
    aliases: tuple[str, ...]
    lead: Annotated[
        tuple[TaskObject, ...],
        Meta(description="Tasks it leads: named as lead, or through a group that leads."),
    ]
    support: Annotated[
        tuple[TaskObject, ...], Meta(description="Tasks it supports and does not lead.")
    ]
    possible: Annotated[
        tuple[TaskObject, ...],
        Meta(description="Tasks of a group without named members (相关区) that may mean it."),
    ]
    jurisdiction: Annotated[
        str | UnsetType,
        Meta(description="Across several plans: the government defining the body (上海市)."),
    ] = UNSET
    counts: Annotated[
        DutyCounts | UnsetType,
        Meta(description="Across several plans: the counts in all of them."),
    ] = UNSET
    plans: Annotated[
        tuple[PlanDuties, ...] | UnsetType,
        Meta(description="Across several plans: each plan listing the body, in library order."),
    ] = UNSET
    other: Annotated[
        tuple[TaskObject, ...] | UnsetType,
        Meta(
            description="Tasks it has only another part in (指导, 负责落实, 汇总: see each "
            "task's roles), not counted; written when there are any."
        ),
    ] = UNSET


class OutlineTopic(Contract, frozen=True):
    """A topic with the ids of its tasks."""

    number: int
    numeral: str
    title: str
    tasks: tuple[int, ...]


class OutlineSection(Contract, frozen=True):
    """A section with its topics."""

    number: int
    numeral: str
    title: str
    task_count: int
    topics: tuple[OutlineTopic, ...]
    plan: Annotated[
        PlanRef | UnsetType, Meta(description="Across several plans: the section's plan.")
    ] = UNSET


class RoleCounts(Contract, frozen=True):
    """Tasks naming a body as lead and as support."""

    lead: int
    support: int


class MatrixRow(Contract, frozen=True):
    """A body named in the table, with its counts in each section and in all."""

    department: str
    sections: Annotated[dict[str, RoleCounts], Meta(description="By section number.")]
    lead: int
    support: int


class PlanMatrixRow(Contract, frozen=True):
    """A body named in the plans (``matrix --by plan``), with its counts in each and in all."""

    department: Annotated[
        str, Meta(description="Its name; JURISDICTION:NAME where two jurisdictions define it.")
    ]
    jurisdiction: Annotated[str, Meta(description="The government defining it (上海市).")]
    plans: Annotated[dict[str, RoleCounts], Meta(description="By plan key.")]
    lead: int
    support: int


@functools.cache
def _section(part: Section) -> SectionHeading:
    # Shared by every task of the section: a large result builds each once.
    return SectionHeading(part.number, part.numeral, part.title)


@functools.cache
def _topic(part: Topic) -> TopicHeading:
    return TopicHeading(part.number, part.numeral, part.title)


def target_object(target: Target) -> TargetObject:
    return TargetObject(
        target.metric,
        target.qualitative,
        target.value,
        target.unit,
        target.quantity,
        target.qualifier,
        target.period,
    )


def match_object(match: Match) -> MatchObject:
    return MatchObject(match.department, _ROLES[match.role], _HOWS[match.how], match.via)


def task_object(
    catalog: Catalog, task: Task, matches: tuple[Match, ...] | None = None
) -> TaskObject:
    """One task as every machine format carries it (see README: JSON contract)."""
    return TaskObject(
        id=task.id,
        section=_section(catalog.section_of(task)),
        topic=_topic(catalog.topic_of(task)),
        text=task.text,
        lead=task.lead,
        support=task.support,
        targets=tuple(target_object(t) for t in task.targets),
        match=UNSET if matches is None else tuple(match_object(m) for m in matches),
        plan=plan_ref(catalog),
        number=UNSET if task.number is None else task.number,
        due=UNSET if task.due is None else due_object(task.due),
        leaders=task.leaders or UNSET,
        roles=tuple(RoleObject(r.role, r.departments, r.verb) for r in task.roles) or UNSET,
        clause=UNSET if task.clause is None else task.clause,
    )


@functools.cache
def _cached_ref(key: str, title: str, number: str) -> PlanRef:
    return PlanRef(key, title, number)


def plan_ref(catalog: Catalog) -> PlanRef:
    plan = catalog.dataset.plan
    return _cached_ref(catalog.key, plan.title, plan.document_number)


class PlanRow(Contract, frozen=True):
    """A plan of the library, as ``plans`` lists it."""

    key: Annotated[str, Meta(description="The plan's key: KEY in the reference KEY:ID.")]
    title: str
    document_number: str
    date: Annotated[str, Meta(description="The date it was issued: 2022-09-16.")]
    issuers: Names
    jurisdiction: Annotated[
        str | None, Meta(description="The government its short names belong to, or null.")
    ]
    period: Annotated[str | None, Meta(description="Its named period (十四五), or null.")]
    file: Annotated[str | None, Meta(description="Its file in the library folder.")]
    tasks: int
    departments: Annotated[int, Meta(description="How many bodies its tasks name.")]
    targets: Annotated[int, Meta(description="How many quantified targets it sets.")]
