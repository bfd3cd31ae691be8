"""The records of a 分工表 dataset: frozen msgspec Structs, cheap to import and build.

Their shape is checked by the Pydantic models that validation generates from them; the
rules across records live in rules. msgspec creates the classes in C (a dataclass costs
every start of the command line a third of a millisecond) and turns them into JSON and
back for the cache.

No ``from __future__ import annotations`` here: msgspec would compile every annotation
written as a string when the cache first decodes the records, at each start of a query.
"""

import datetime
import functools
from enum import StrEnum
from typing import Annotated, Any

import msgspec


class DeptKind(StrEnum):
    MUNICIPAL = "municipal"
    PARTY = "party"
    MASS = "mass"
    DISTRICT = "district"
    GROUP = "group"
    # Bodies of plans issued above or beside a city: a State Council ministry or agency,
    # a people's government (各省级人民政府 is a group of them), anything else named.
    NATIONAL = "national"
    GOVERNMENT = "government"
    OTHER = "other"


KIND_LABELS: dict[DeptKind, str] = {
    DeptKind.MUNICIPAL: "市政府部门",
    DeptKind.PARTY: "党委部门",
    DeptKind.MASS: "群团组织",
    DeptKind.DISTRICT: "区",
    DeptKind.GROUP: "统称",
    DeptKind.NATIONAL: "国务院部门",
    DeptKind.GOVERNMENT: "人民政府",
    DeptKind.OTHER: "其他单位",
}

# How many base units one written unit is: 500 万人次 is 5,000,000 人次, 80 % is 0.8.
UNITS: dict[str, float] = {
    "万人次": 10_000,
    "万人": 10_000,
    "人次": 1,
    "人": 1,
    "所": 1,
    "家": 1,
    "个": 1,
    "项": 1,
    "%": 0.01,
}


# The constraints are part of the types: validation turns them into strict Pydantic
# types, and the cache, decoding into these records, checks them again. A bare int is any
# whole number, a bare str any text; int | float is a finite quantity.
PositiveInt = Annotated[int, msgspec.Meta(gt=0)]
Text = Annotated[str, msgspec.Meta(min_length=1)]  # non-empty
# A goal's number: far beyond any plan's (10^15), far inside what a float carries exactly
# and an SQLite INTEGER holds, so no rule or export overflows on it.
_BOUND = 10**15
Amount = (
    Annotated[int, msgspec.Meta(ge=-_BOUND, le=_BOUND)]
    | Annotated[float, msgspec.Meta(ge=-_BOUND, le=_BOUND)]
)


class Record(msgspec.Struct, frozen=True):
    """Base of the records: immutable, compared and hashed by value."""


class Period(Record, frozen=True):
    """The plan period, e.g. 十四五 (2021–2025)."""

    name: Text
    start: PositiveInt
    end: PositiveInt


# A plan's key in a library, written in task references (hrss-2022-256:47): no space,
# no colon, not all digits (a bare number is a task id).
PlanKey = Annotated[
    str, msgspec.Meta(pattern=r"^[^\s:：/\\]*[^\s:：/\\0-9][^\s:：/\\]*$", max_length=64)
]


# A jurisdiction's name: JURISDICTION:NAME names a body across plans, split at the colon.
JurisdictionName = Annotated[str, msgspec.Meta(pattern=r"^[^:：]+$", max_length=64)]


class LeadRule(StrEnum):
    """How a plan's lists of responsible bodies (负责, 责任单位) were read into lead and support."""

    EXPLICIT = "explicit"  # every body's role is written: 牵头, 配合
    FIRST_LISTED = "first-listed"  # 列第一位者为牵头单位: the first leads, the rest support
    ALL_LEAD = "all-lead"  # 无牵头单位的，责任单位即为牵头单位: every body listed leads


class DueKind(StrEnum):
    """What a deadline says: by a date, within a span, over a period, or ongoing."""

    BY = "by"  # 2022年10月底前, 2023年6月
    WITHIN = "within"  # 年内, 5年内: counted from the plan's date
    PERIOD = "period"  # “十四五”时期: until the period's end
    ONGOING = "ongoing"  # 长期坚持, 持续推进: no date


class Due(Record, frozen=True):
    """A task's deadline (完成时限) as written, its kind and the date it comes to."""

    raw: Text
    kind: DueKind
    date: datetime.date | None = None


class RoleKind(StrEnum):
    """A part in a task besides lead and support."""

    GUIDE = "guide"  # 指导
    IMPLEMENT = "implement"  # 负责落实, 落实
    SUMMARIZE = "summarize"  # 汇总


class Role(Record, frozen=True):
    """Bodies a task gives another part than lead or support (指导, 负责落实, 汇总)."""

    role: RoleKind
    departments: tuple[Text, ...]
    verb: Text


class Plan(Record, frozen=True):
    """The document the table belongs to."""

    title: Text
    document_number: Text
    date: datetime.date
    issuers: tuple[Text, ...]
    period: Period | None = None
    # Its key in a library (default: the file name's stem) and the government whose
    # bodies its short names mean (上海市, 浦东新区); without one, the unnamed one.
    key: PlanKey | None = None
    jurisdiction: JurisdictionName | None = None
    # An imported plan: how its 负责 and 责任单位 lists were read into lead and support.
    lead_rule: LeadRule | None = None


def section_label(numeral: str, title: str) -> str:
    """A section's heading as the table prints it: 一、目标任务."""
    return f"{numeral}、{title}"


def topic_label(numeral: str, title: str) -> str:
    """A topic's heading as the table prints it: （一）普惠多元的…."""
    return f"（{numeral}）{title}"


class Section(Record, frozen=True):
    """A section of the table (一、目标任务)."""

    number: PositiveInt
    numeral: Text
    title: Text

    @property
    def label(self) -> str:
        return section_label(self.numeral, self.title)


class Topic(Record, frozen=True):
    """A topic of the table (（一）…), inside one section."""

    number: PositiveInt
    numeral: Text
    section: PositiveInt
    title: Text

    @property
    def label(self) -> str:
        return topic_label(self.numeral, self.title)


class Department(Record, frozen=True):
    """A body of the registry, keyed by its name as the table writes it."""

    full_name: Text
    kind: DeptKind
    aliases: tuple[Text, ...] = ()
    description: Text | None = None
    # Groups only: the bodies a group stands for (各区), or the kinds of body it may
    # stand for when the table leaves them unnamed (相关区, 各相关委办局).
    members: tuple[Text, ...] | None = None
    scope: tuple[DeptKind, ...] | None = None


class Target(Record, frozen=True):
    """A goal of the task: quantified (value, unit, quantity) or qualitative."""

    metric: Text
    qualitative: bool = False
    value: Amount | None = None
    unit: Text | None = None
    quantity: Amount | None = None
    qualifier: tuple[Text, ...] = ()
    period: Text = "十四五"


class Task(Record, frozen=True):
    """A numbered task (序号) with its text and departments."""

    id: PositiveInt
    topic: PositiveInt
    text: Text
    lead: tuple[Text, ...]
    support: tuple[Text, ...] = ()
    targets: tuple[Target, ...] = ()
    # Figures the text states as already reached, the basis a goal builds on ("在全面推进
    # …8个系列…的基础上"): recorded so that no number goes unexplained, never a goal.
    basis: tuple[Target, ...] = ()
    # What an imported plan carries besides the table's columns, each optional.
    number: Text | None = None
    due: Due | None = None
    leaders: tuple[Text, ...] = ()
    roles: tuple[Role, ...] = ()
    clause: Text | None = None

    @property
    def others(self) -> tuple[str, ...]:
        """The bodies of its other roles (指导, 负责落实, 汇总), in order, each once."""
        return tuple(dict.fromkeys(n for role in self.roles for n in role.departments))


class Dataset(Record, frozen=True, kw_only=True):
    """A 分工表: plan, sections, topics, the department registry and the tasks."""

    plan: Plan
    sections: tuple[Section, ...]
    topics: tuple[Topic, ...]
    # A plan of a library may leave its bodies to the library's registry.yaml.
    departments: dict[Text, Department] = {}
    tasks: tuple[Task, ...]


class Jurisdiction(Record, frozen=True):
    """A government of a library's registry and the bodies its plans' short names mean."""

    departments: dict[Text, Department] = {}
    # The government it lies within (浦东新区 within 上海市): a name its plans use that is
    # not its own is looked for there.
    within: JurisdictionName | None = None


class Registry(Record, frozen=True):
    """A library's registry.yaml: the bodies its plans share, per jurisdiction."""

    jurisdictions: dict[JurisdictionName, Jurisdiction]


class Shelved(Record, frozen=True):
    """One plan of a loaded library, its names read in its jurisdiction: ``dataset`` holds
    every body it may name (its own entries and the registry's it sees), each task's names
    as the registry keys them, and ``homes`` the jurisdiction each body is defined in."""

    key: Text
    file: Text  # its file's name in the library folder
    jurisdiction: str  # "" for the unnamed one
    dataset: Dataset
    homes: dict[Text, str]


class Shelf(Record, frozen=True):
    """A library of plans as loaded: the plans in the order of their file names."""

    plans: tuple[Shelved, ...]


class Status(StrEnum):
    """A task's state as a body reports it in a period of the 台账."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ONGOING = "ongoing"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_STARTED: "未启动",
    Status.IN_PROGRESS: "推进中",
    Status.ONGOING: "持续推进",
    Status.DONE: "已完成",
    Status.DELAYED: "滞后",
    Status.CANCELLED: "已终止",
}


class Figure(Record, frozen=True):
    """A reported value toward a quantified target of the task (完成值)."""

    value: Amount
    unit: Text
    target: Text | None = None


class Entry(Record, frozen=True, kw_only=True):
    """One body's report on one task in one period of the 台账."""

    # Text first: of a value neither takes, the shape check says what the id lacks.
    task: Text | PositiveInt
    body: Text
    status: Status
    progress: Text | None = None
    problems: Text | None = None
    next: Text | None = None
    figures: tuple[Figure, ...] = ()
    evidence: tuple[Text, ...] = ()
    reported: datetime.date | None = None
    reporter: Text | None = None


class Ledger(Record, frozen=True):
    """One period's file of the 台账 (progress/2026-Q1.yaml): its period and its reports."""

    period: Text
    entries: tuple[Entry, ...] = ()


def is_record(value: Any) -> bool:
    """Whether ``value`` is a record class."""
    return isinstance(value, type) and issubclass(value, Record)


@functools.cache
def fields(record: type[Record]) -> tuple[msgspec.structs.FieldInfo, ...]:
    """The fields of a record class in order, with their types."""
    return msgspec.structs.fields(record)


def field_types(record: type[Record]) -> dict[str, Any]:
    """The field types of a record class by name."""
    return {f.name: f.type for f in fields(record)}


# What the JSON Schema says of a field, so that an editor explains it as it is typed.
DESCRIPTIONS: dict[str, str] = {
    "Plan.issuers": "Issuing bodies, as registry names.",
    "Plan.key": "The plan's key in a library (default: the file name's stem): hrss-2022-256.",
    "Plan.jurisdiction": "The government whose bodies the short names mean: 上海市, 浦东新区.",
    "Jurisdiction.within": "The government this one lies within: 上海市 for 浦东新区.",
    "Topic.section": "The number of the section the topic belongs to.",
    "Department.aliases": "Other names people use for the body.",
    "Department.description": "What a group stands for.",
    "Department.members": "Groups only: the bodies the group stands for.",
    "Department.scope": "Groups only: the kinds of body it may stand for, members unnamed.",
    "Target.value": "The number as written: 500.",
    "Target.unit": "The unit as written: 万人次, 所, 万人, 家, %.",
    "Target.quantity": "value × unit: 5000000.",
    "Target.qualifier": "Words such as 力争, 以上, 达.",
    "Target.qualitative": "true for a goal without a number (value, unit, quantity absent).",
    "Task.id": "序号: 1, 2, 3 … in the order of the table.",
    "Task.topic": "The number of the task's topic.",
    "Task.text": "重点任务, verbatim from the source.",
    "Task.lead": "牵头部门 in order; the first is the principal lead.",
    "Task.support": "配合部门 in order.",
    "Task.basis": "Figures the text states as already reached (the basis of a goal), not goals.",
    "Task.number": "The source's own item number as written (3, （三）, (2)), kept when ids "
    "are renumbered.",
    "Task.due": "完成时限: the deadline as written, its kind and the date it comes to.",
    "Task.leaders": "Named persons who answer for the task (牵头负责领导：金力), as written.",
    "Task.roles": "Parts besides lead and support: 指导 (guide), 负责落实 (implement), "
    "汇总 (summarize).",
    "Task.clause": "The duty clause as the source writes it, raw verbs kept: "
    "（市教委牵头，市财政局配合）.",
    "Due.raw": "The deadline as written: 2022年10月底前, 年内, “十四五”时期, 长期坚持.",
    "Due.kind": "by a date, within a span from the plan's date, over a period, or ongoing.",
    "Due.date": "The date by which (for a period, its end); absent for ongoing.",
    "Role.role": "guide (指导), implement (负责落实) or summarize (汇总).",
    "Role.departments": "The bodies in this part, as registry names, in order.",
    "Role.verb": "The verb as the source writes it: 指导, 负责落实, 汇总.",
    "Figure.unit": "Its unit, as the target writes it: 万人次, 所, %.",
    "Figure.target": "The metric of the target it counts toward; optional for one target.",
    "Entry.task": "The task: its id (47) in one plan, KEY:ID (hrss-2022-256:47) in a library.",
    "Entry.body": "The reporting body, as the registry names it: 市教委.",
    "Entry.status": "not_started, in_progress, ongoing, done, delayed or cancelled.",
    "Entry.progress": "进展情况: what was done in the period.",
    "Entry.problems": "存在问题: what stands in the way.",
    "Entry.next": "下一步计划: what comes next.",
    "Entry.figures": "Values reached toward the task's quantified targets.",
    "Entry.evidence": "Links to documents that show the progress.",
    "Entry.reported": "The date of the report: 2026-04-15.",
    "Ledger.period": "2026-03 (month), 2026-Q1, 2026-H1 or 2026: the file's name.",
    "Plan.lead_rule": "How 负责 and 责任单位 lists were read: explicit (牵头 and 配合 written), "
    "first-listed (the first listed leads), all-lead (every body listed leads).",
}
