"""The shape check (generated Pydantic models) and the rules, each problem with its path."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from fenggong import model
from fenggong.checks import lints, rules
from fenggong.checks.locate import PathPart, render
from fenggong.checks.rulebook import RULES
from fenggong.errors import Problem, Severity
from fenggong.model import Dataset, Department, Plan, Section, Task, Topic

Found = tuple[Problem, tuple[PathPart, ...]]


def validate(data: Any) -> tuple[Dataset | None, list[Found]]:
    """Shape first (Pydantic), then the cross-record rules on whatever records passed."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        rule = RULES["FG002"]
        message = f"the top level is {kind}; a dataset is a mapping"
        hint = "start from data/tasks.yaml: plan, sections, topics, departments, tasks"
        return None, [(Problem(rule.code, rule.name, message, hint=hint), ())]
    from pydantic import ValidationError

    from fenggong.checks.schema import validate as check_shape

    try:
        dataset = check_shape(Dataset, data)
    except ValidationError as err:
        # A union reports one error per branch it tried: one per place is enough.
        by_place = {_place(e): e for e in err.errors(include_url=False)}
        found = [_schema_problem(e) for e in by_place.values()]
        # Warnings wait for a well-shaped file: records dropped for their shape would
        # make sound entries look unused.
        return None, found + rules.check(_parts(data))
    parts = rules.Parts(
        plan=dataset.plan,
        sections=list(enumerate(dataset.sections)),
        topics=list(enumerate(dataset.topics)),
        departments=dict(dataset.departments),
        tasks=list(enumerate(dataset.tasks)),
    )
    found = rules.check(parts) + lints.check(parts)
    failed = any(p.severity is Severity.ERROR for p, _ in found)
    return (None if failed else dataset), found


def _parts(data: dict[str, Any]) -> rules.Parts:
    """The records that are valid one by one, so that one bad field hides no other problem."""
    from pydantic import ValidationError

    from fenggong.checks.schema import validate as check_shape

    def one(cls: type[Any], item: Any) -> Any:
        try:
            return check_shape(cls, item)
        except ValidationError:
            return None

    def each(key: str, cls: type[Any]) -> list[tuple[int, Any]]:
        items = data.get(key)
        if not isinstance(items, list):
            return []
        found = ((index, one(cls, item)) for index, item in enumerate(items))
        return [(index, record) for index, record in found if record is not None]

    registry = data.get("departments")
    registry = registry if isinstance(registry, dict) else {}
    departments = {str(k): one(Department, v) for k, v in registry.items()}
    return rules.Parts(
        plan=one(Plan, data.get("plan")),
        sections=each("sections", Section),
        topics=each("topics", Topic),
        departments={k: v for k, v in departments.items() if v is not None},
        names=set(departments),
        tasks=each("tasks", Task),
    )


def _place(error: Any) -> tuple[PathPart, ...]:
    # Pydantic names the branch of a union it tried (`int`, `constrained-float`): not a path.
    return tuple(
        p for p in error["loc"] if p != "[key]" and not (isinstance(p, str) and _is_branch(p))
    )


def _schema_problem(error: Any) -> Found:
    loc = _place(error)
    kind = error["type"]
    rule = RULES["FG002"]
    field = loc[-1] if loc else ""
    hint = None
    if kind == "missing":
        message = f"missing field {field}"
        hint = f"add {field}: to this record"
    elif kind == "extra_forbidden":
        message = f"unknown field {field}"
        allowed = _fields_at(loc[:-1])
        close = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]}?" if close else "fields here: " + ", ".join(allowed)
    else:
        message = f"{error['msg']}, got {_show(error.get('input'))}"
        if kind in {"int_type", "int_parsing"} and isinstance(error.get("input"), str):
            hint = "write the number without quotes or leading zeros"
    return Problem(rule.code, rule.name, message, path=render(loc), hint=hint), loc


def _is_branch(part: str) -> bool:
    return part in {"int", "float", "constrained-int", "constrained-float", "bool", "str"}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_at(loc: tuple[PathPart, ...]) -> list[str]:
    """The field names allowed at a path, found by walking the records' annotations."""
    current: Any = Dataset
    for part in loc:
        current = _strip(current)
        if model.is_record(current):
            hints = model.field_types(current)
            if str(part) not in hints:
                return []
            current = hints[str(part)]
        else:  # a tuple (index) or a dict (key): step to the element type
            args = typing.get_args(current)
            if not args:
                return []
            current = args[-1] if typing.get_origin(current) is dict else args[0]
    current = _strip(current)
    if model.is_record(current):
        return list(model.field_types(current))
    return []


def _strip(annotation: Any) -> Any:
    """``X | None`` → ``X``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation
