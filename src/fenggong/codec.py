"""Records to JSON-ready data and back, fast: for the cache and after validation."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from fenggong import model

R = TypeVar("R")
Convert = Callable[[Any], Any]


def build(cls: type[R], data: Any) -> R:
    """A record from trusted, already-validated data (JSON types or Python types)."""
    converted: R = _builder(cls)(data)  # type: ignore[arg-type]
    return converted


@functools.cache
def _builder(cls: type) -> Convert:
    hints = typing.get_type_hints(cls, vars(model))
    fields = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls)]

    def make(data: dict[str, Any]) -> Any:
        return cls(**{name: convert(data[name]) for name, convert in fields if name in data})

    return make


def _identity(value: Any) -> Any:
    return value


def _converter(annotation: Any) -> Convert:
    """A function turning data of ``annotation`` into its record form, chosen once."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if dataclasses.is_dataclass(annotation):
        return _builder(annotation)  # type: ignore[arg-type]
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if all(a in (int, float) for a in inner):
            return _identity
        convert = _converter(inner[0])
        return lambda v: None if v is None else convert(v)
    if origin is tuple:
        item = _converter(args[0])
        if item is _identity:
            return tuple
        return lambda v: tuple(map(item, v))
    if origin is dict:
        value = _converter(args[1])
        return lambda v: {k: value(x) for k, x in v.items()}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    if annotation is datetime.date:
        return lambda v: v if isinstance(v, datetime.date) else datetime.date.fromisoformat(v)
    return _identity


def dump(record: Any) -> Any:
    """JSON-ready data of a record: dicts, lists, strings, numbers, booleans, None."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: dump(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, tuple | list):
        return [dump(v) for v in record]
    if isinstance(record, dict):
        return {k: dump(v) for k, v in record.items()}
    if isinstance(record, enum.Enum):
        return record.value
    if isinstance(record, datetime.date):
        return record.isoformat()
    return record
