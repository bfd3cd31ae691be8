"""The Pydantic model of a 分工表 dataset: its shape only (the rules across records: rules)."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

# Strict scalars: YAML 1.1 turns `047`, `yes` and `1.0` into other types, and a dataset
# that relies on coercion is one typo away from a wrong id.
Name = Annotated[str, Strict(), StringConstraints(min_length=1)]
Number = Annotated[int, Strict(), Field(gt=0)]
Quantity = Annotated[int, Strict()] | Annotated[float, Strict(), Field(allow_inf_nan=False)]


class DeptKind(StrEnum):
    MUNICIPAL = "municipal"
    PARTY = "party"
    MASS = "mass"
    DISTRICT = "district"
    GROUP = "group"


KIND_LABELS: dict[DeptKind, str] = {
    DeptKind.MUNICIPAL: "市政府部门",
    DeptKind.PARTY: "党委部门",
    DeptKind.MASS: "群团组织",
    DeptKind.DISTRICT: "区",
    DeptKind.GROUP: "统称",
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


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Period(Record):
    name: Name
    start: Number
    end: Number


class Plan(Record):
    title: Name
    document_number: Name
    date: datetime.date
    issuers: tuple[Name, ...]
    period: Period


class Section(Record):
    number: Number
    numeral: Name
    title: Name


class Topic(Record):
    number: Number
    numeral: Name
    section: Number
    title: Name


class Department(Record):
    full_name: Name
    kind: DeptKind
    aliases: tuple[Name, ...] = ()
    description: Name | None = None
    # Groups only: the bodies a group stands for (各区), or the kinds of body it may
    # stand for when the table leaves them unnamed (相关区, 各相关委办局).
    members: tuple[Name, ...] | None = None
    scope: tuple[DeptKind, ...] | None = None


class Target(Record):
    metric: Name
    qualitative: Annotated[bool, Strict()] = False
    value: Quantity | None = None
    unit: Name | None = None
    quantity: Quantity | None = None
    qualifier: tuple[Name, ...] = ()
    period: Name = "十四五"


class Task(Record):
    id: Number
    topic: Number
    text: Name
    lead: tuple[Name, ...]
    support: tuple[Name, ...] = ()
    targets: tuple[Target, ...] = ()


class Dataset(Record):
    plan: Plan
    sections: tuple[Section, ...]
    topics: tuple[Topic, ...]
    departments: dict[Name, Department]
    tasks: tuple[Task, ...]
