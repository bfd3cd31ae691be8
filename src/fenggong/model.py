"""The Pydantic model of a 分工表 dataset: its shape only (the rules across records: rules)."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Annotated, Any

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
    """The plan period, e.g. 十四五 (2021–2025)."""

    name: Name
    start: Number
    end: Number


class Plan(Record):
    """The document the table belongs to."""

    title: Name
    document_number: Name
    date: datetime.date
    issuers: tuple[Name, ...] = Field(description="Issuing bodies, as registry names.")
    period: Period


class Section(Record):
    """A section of the table (一、目标任务)."""

    number: Number
    numeral: Name
    title: Name


class Topic(Record):
    """A topic of the table (（一）…), inside one section."""

    number: Number
    numeral: Name
    section: Number = Field(description="The number of the section the topic belongs to.")
    title: Name


class Department(Record):
    """A body of the registry, keyed by its name as the table writes it."""

    full_name: Name
    kind: DeptKind
    aliases: tuple[Name, ...] = ()
    description: Name | None = None
    # Groups only: the bodies a group stands for (各区), or the kinds of body it may
    # stand for when the table leaves them unnamed (相关区, 各相关委办局).
    members: tuple[Name, ...] | None = None
    scope: tuple[DeptKind, ...] | None = None


class Target(Record):
    """A goal of the task: quantified (value, unit, quantity) or qualitative."""

    metric: Name
    qualitative: Annotated[bool, Strict()] = False
    value: Quantity | None = Field(None, description="The number as written: 500.")
    unit: Name | None = Field(None, description="The unit as written: 万人次, 所, 万人, 家, %.")
    quantity: Quantity | None = Field(None, description="value × unit: 5000000.")
    qualifier: tuple[Name, ...] = Field((), description="Words such as 力争, 以上, 达.")
    period: Name = "十四五"


class Task(Record):
    """A numbered task (序号) with its text and departments."""

    id: Number = Field(description="序号: 1, 2, 3 … in the order of the table.")
    topic: Number
    text: Name = Field(description="重点任务, verbatim from the source.")
    lead: tuple[Name, ...] = Field(description="牵头部门 in order; the first is principal.")
    support: tuple[Name, ...] = Field((), description="配合部门 in order.")
    targets: tuple[Target, ...] = ()


class Dataset(Record):
    """A 分工表: plan, sections, topics, the department registry and the tasks."""

    plan: Plan
    sections: tuple[Section, ...]
    topics: tuple[Topic, ...]
    departments: dict[Name, Department]
    tasks: tuple[Task, ...]


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a dataset file, generated from the model."""
    return {"$schema": SCHEMA_DIALECT, **Dataset.model_json_schema()}
