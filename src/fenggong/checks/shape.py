"""The shape check (generated Pydantic models), then a kind's rules, each problem with its path."""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from fenggong import model
from fenggong.checks.explain import explain, split_names, yaml_spelling
from fenggong.checks.locate import PathPart, render
from fenggong.checks.rulebook import RULES
from fenggong.errors import Problem, Severity
from fenggong.messages import _

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind

Found = tuple[Problem, tuple[PathPart, ...]]
R = TypeVar("R", bound=model.Record)
T = TypeVar("T")


def validate(data: Any, kind: Kind[R, Any]) -> tuple[R | None, list[Found]]:
    """Shape first (Pydantic), then the kind's rules on whatever records passed."""
    if not isinstance(data, dict):
        what = _("empty") if data is None else type(data).__name__
        rule = RULES["FG002"]
        message = _("the top level is {what}; {noun} is a mapping").format(
            what=what, noun=_(kind.noun)
        )
        fields = ", ".join(f.name for f in model.fields(kind.root))
        hint = _("start from {example}: {fields}").format(example=kind.example, fields=fields)
        return None, [(Problem(rule.code, rule.name, message, hint=hint), ())]
    from pydantic import ValidationError

    from fenggong.checks.schema import validate as check_shape

    try:
        checked = check_shape(kind.root, data)
    except ValidationError as err:
        # A union reports one error per branch it tried: one per place is enough.
        by_place = {_place(e): e for e in err.errors(include_url=False)}
        found = [_schema_problem(e, kind.root) for e in by_place.values()]
        if kind.reword is not None:
            reword = kind.reword
            found = [reword(dict(e), f) for e, f in zip(by_place.values(), found, strict=True)]
        # A rule's finding where the shape check already refused the value (FG010's empty
        # lead standing in for a missing one) says nothing the schema problem does not.
        refused = {path for _, path in found}
        refused |= {path[:-1] for path in refused if path and isinstance(path[-1], int)}
        ruled = [(p, path) for p, path in kind.rules(kind.salvage(data)) if path not in refused]
        # Warnings wait for a well-shaped file: records dropped for their shape would
        # make sound entries look unused.
        return None, _named(found + ruled, data, kind)
    parts = kind.parts(checked)
    found = _named(kind.rules(parts) + kind.lints(parts), data, kind)
    failed = any(p.severity is Severity.ERROR for p, _ in found)
    return (None if failed else checked), found


def _named(found: list[Found], data: dict[str, Any], kind: Kind[Any, Any]) -> list[Found]:
    """Each problem with the record it lies in named as a maintainer knows it (task 3)."""
    if kind.subject is None:
        return found
    named = []
    for problem, path in found:
        subject = kind.subject(data, path)
        named.append(
            (msgspec.structs.replace(problem, subject=subject) if subject else problem, path)
        )
    return named


def record(cls: type[T], item: Any) -> T | None:
    """``item`` as a ``cls`` record if its shape can be made sound, else None.

    A record is salvaged field by field, so that one bad field hides no problem of the
    others: a name written where a list of names belongs stands for that list (as the
    shape problem's hint says to write it), a missing or unreadable list of names is
    empty, a bad or unknown optional field is left out. Any other bad required field
    (an id, a number, a text) leaves nothing to check the record by.
    """
    from pydantic import ValidationError

    from fenggong.checks.schema import validate as check_shape

    try:
        return check_shape(cls, item)
    except ValidationError as err:
        repaired = _repair(cls, item, err.errors(include_url=False))
    if repaired is None:
        return None
    try:
        return check_shape(cls, repaired)
    except ValidationError:
        return None


def _repair(cls: type[Any], item: Any, errors: list[Any]) -> dict[str, Any] | None:
    if not isinstance(item, dict) or not model.is_record(cls):
        return None
    record_cls: type[model.Record] = cls
    fields = {f.name: f for f in model.fields(record_cls)}
    repaired = dict(item)
    for error in errors:
        name = error["loc"][0] if error["loc"] else None
        if error["type"] == "extra_forbidden":
            repaired.pop(name, None)
            continue
        field = fields.get(name) if isinstance(name, str) else None
        if field is None:
            return None
        value = item.get(name)
        if isinstance(value, str) and _is_names(field.type):
            repaired[name] = split_names(value) or [value]
        elif _is_names(field.type):
            # A missing or unreadable list of names is checked as empty: the rest of the
            # record still is, and what the rules say of the empty list is dropped below.
            repaired[name] = []
        elif field.required:
            return None
        else:
            repaired.pop(name, None)
    return repaired


def _is_names(annotation: Any) -> bool:
    """Whether a field holds a list of texts (lead, support, aliases …)."""
    annotation = _strip(annotation)
    args = typing.get_args(annotation)
    return typing.get_origin(annotation) is tuple and bool(args) and _strip(args[0]) is str


def records(cls: type[T], items: Any) -> list[tuple[int, T]]:
    """The sound ``cls`` records of a list, each with its index in the file."""
    if not isinstance(items, list):
        return []
    found = ((index, record(cls, item)) for index, item in enumerate(items))
    return [(index, sound) for index, sound in found if sound is not None]


def _place(error: Any) -> tuple[PathPart, ...]:
    # Pydantic names the branch of a union it tried (`int`, `constrained-float`): not a path.
    # A mapping key it refused comes before "[key]": written as YAML spells it (true,
    # null, 12), so that it is found in the file and not read as a list index.
    loc = list(error["loc"])
    out: list[PathPart] = []
    for index, part in enumerate(loc):
        if part == "[key]" or (isinstance(part, str) and _is_branch(part)):
            continue
        is_key = index + 1 < len(loc) and loc[index + 1] == "[key]"
        # Pydantic writes a key's place as 1 for true and "None" for null: the key itself
        # is the input it refused.
        out.append(yaml_spelling(error.get("input", part)) if is_key else part)
    return tuple(out)


def _schema_problem(error: Any, root: type[model.Record]) -> Found:
    loc = _place(error)
    rule = RULES["FG002"]
    allowed = _fields_at(root, loc[:-1]) if error["type"] == "extra_forbidden" else []
    message, hint = explain(error, loc, allowed)
    return Problem(rule.code, rule.name, message, path=render(loc), hint=hint), loc


def _is_branch(part: str) -> bool:
    return part in {
        *("int", "float", "bool", "str"),
        *("constrained-int", "constrained-float", "constrained-str"),
    }


def _fields_at(root: type[model.Record], loc: tuple[PathPart, ...]) -> list[str]:
    """The field names allowed at a path, found by walking the records' annotations."""
    current: Any = root
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
    """``X | None`` → ``X``; ``Annotated[X, …]`` → ``X``."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _strip(typing.get_args(annotation)[0])
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _strip(args[0])
    return annotation
