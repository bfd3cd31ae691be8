"""Strict Pydantic models generated from the records: the shape check and the JSON Schema.

Only the cold path imports this module: a query answered from the cache loads no Pydantic.
"""

from __future__ import annotations

import datetime
import functools
import operator
import types
import typing
from typing import Annotated, Any, TypeVar

import msgspec
from pydantic import BaseModel, ConfigDict, Field, Strict, create_model

from fenggong import model
from fenggong.checks.kind import Kind

# Strict scalars: YAML 1.1 turns `047`, `yes` and `1.0` into other types, and a dataset
# that relies on coercion is one typo away from a wrong id. A float is finite: a quantity.
_STRICT: dict[Any, Any] = {
    int: Annotated[int, Strict()],
    str: Annotated[str, Strict()],
    bool: Annotated[bool, Strict()],
    float: Annotated[float, Strict(), Field(allow_inf_nan=False)],
    # A date is what YAML reads as one (2022-09-16), never a number of seconds (date: 0).
    datetime.date: Annotated[datetime.date, Strict()],
}
# What a msgspec Meta may say that a Pydantic Field says under the same name.
_META = (
    *("gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length", "pattern"),
    *("title", "description", "examples"),
)

R = TypeVar("R")


@functools.cache
def model_for(cls: type[model.Record]) -> type[BaseModel]:
    """The Pydantic model of a record class: same fields, strict types, extra fields refused."""
    fields: dict[str, Any] = {}
    for item in model.fields(cls):
        default = ... if item.required else item.default
        if default is msgspec.NODEFAULT:  # an empty collection made afresh: {} or ()
            default = item.default_factory()
        # The table of descriptions is the model's: another kind's Task is not described by it.
        described = cls.__module__ == model.__name__
        description = model.DESCRIPTIONS.get(f"{cls.__name__}.{item.name}") if described else None
        fields[item.name] = (_shape(item.type), Field(default, description=description))
    built: type[BaseModel] = create_model(
        cls.__name__,
        __config__=ConfigDict(frozen=True, extra="forbid"),
        __doc__=cls.__doc__,
        __module__=__name__,
        **fields,
    )
    return built


def _shape(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if annotation in _STRICT:
        return _STRICT[annotation]
    if model.is_record(annotation):
        return model_for(annotation)
    if origin is Annotated:
        return _constrained(args[0], annotation.__metadata__)
    if origin in (typing.Union, types.UnionType):
        arms = [_shape(a) for a in args if a is not type(None)]
        shape = functools.reduce(operator.or_, arms)
        return shape | None if type(None) in args else shape
    if origin is tuple:
        return tuple[_shape(args[0]), ...]  # type: ignore[misc]
    if origin is dict:
        return dict[_shape(args[0]), _shape(args[1])]  # type: ignore[misc]
    return annotation  # enums and dates: Pydantic's own lax parsing of YAML's values


@functools.cache  # one Pydantic type per alias (Text, PositiveInt), however often it is used
def _constrained(base: Any, metadata: tuple[Any, ...]) -> Any:
    """``Annotated[int, Meta(gt=0)]`` → the strict int with Pydantic's ``Field(gt=0)``."""
    said = {
        name: value
        for meta in metadata
        if isinstance(meta, msgspec.Meta)
        for name in _META
        if (value := getattr(meta, name)) is not None
    }
    shape = _shape(base)
    return Annotated[shape, Field(**said)] if said else shape


def validate(cls: type[R], data: Any) -> R:
    """``data`` checked against the record's model, as a record; raises ValidationError."""
    checked = model_for(cls).model_validate(data)  # type: ignore[arg-type]
    return msgspec.convert(checked.model_dump(), cls)


def json_schema(kind: Kind[Any, Any]) -> dict[str, Any]:
    """The JSON Schema of a file of the kind."""
    root: type[model.Record] = kind.root
    schema = model_for(root).model_json_schema()
    # The title replaces the root model's in place: the keys keep their order.
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": kind.title,
    }
