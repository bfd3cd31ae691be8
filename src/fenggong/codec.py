"""Records to plain data and back, fast: rows for the cache, mappings after validation.

The cache stores a record as a row (its field values in order, no keys): smaller to read,
and ``cls(*row)`` is the quickest way to build a hundred thousand tasks.
"""

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


def from_rows(cls: type[R], row: Any) -> R:
    """A record from its cached row form (see ``to_rows``)."""
    built: R = _converter(cls, rows=True)(row)  # type: ignore[arg-type]
    return built


def from_mapping(cls: type[R], data: Any) -> R:
    """A record from validated data: mappings keyed by field name, lists for tuples."""
    built: R = _converter(cls, rows=False)(data)  # type: ignore[arg-type]
    return built


def to_rows(record: Any) -> Any:
    """Rows of a record: JSON-ready, each dataclass as the list of its field values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return [to_rows(getattr(record, f.name)) for f in dataclasses.fields(record)]
    return _plain(record, to_rows)


def to_data(record: Any) -> Any:
    """JSON-ready data of a record, each dataclass as a mapping of its fields."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_data(getattr(record, f.name)) for f in dataclasses.fields(record)}
    return _plain(record, to_data)


def _plain(value: Any, recurse: Callable[[Any], Any]) -> Any:
    if isinstance(value, tuple | list):
        return [recurse(v) for v in value]
    if isinstance(value, dict):
        return {k: recurse(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _converter(annotation: Any, rows: bool) -> Convert:
    """A function turning plain data of ``annotation`` into its record form, chosen once."""
    if dataclasses.is_dataclass(annotation):
        return _record(annotation, rows)  # type: ignore[arg-type]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if all(a in (int, float) for a in inner):
            return _identity
        convert = _converter(inner[0], rows)
        return lambda v: None if v is None else convert(v)
    if origin is tuple:
        item = _converter(args[0], rows)
        return tuple if item is _identity else lambda v: tuple(map(item, v))
    if origin is dict:
        value = _converter(args[1], rows)
        return lambda v: {k: value(x) for k, x in v.items()}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    if annotation is datetime.date:
        return lambda v: v if isinstance(v, datetime.date) else datetime.date.fromisoformat(v)
    return _identity


def _record(cls: type, rows: bool) -> Convert:
    hints = model.field_types(cls)
    fields = [(f.name, _converter(hints[f.name], rows)) for f in dataclasses.fields(cls)]
    if rows:
        # One straight-line function per class, as dataclasses themselves generate code:
        # a hundred thousand tasks are built without a loop over fields per task.
        scope: dict[str, Any] = {"cls": cls}
        args = []
        for index, (_, convert) in enumerate(fields):
            if convert is _identity:
                args.append(f"row[{index}]")
            else:
                scope[f"c{index}"] = convert
                args.append(f"c{index}(row[{index}])")
        built: Convert = eval(f"lambda row: cls({', '.join(args)})", scope)
        return built

    def make(data: dict[str, Any]) -> Any:
        return cls(**{name: convert(data[name]) for name, convert in fields if name in data})

    return make
