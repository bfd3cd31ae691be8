"""Command-line values coerced without pydantic, where Typer's result is known exactly.

Typer builds a pydantic TypeAdapter for every parameter it reads, even one left unset:
importing pydantic and building them is a tenth of a second of every run, a fifth of a
``report collect``. The values this CLI takes (text, flags, paths, whole numbers, choices,
and lists of them) are converted here by Typer's own path and choice functions; anything
else, and any value these do not accept, goes to Typer's adapter, so an error reads as
Typer words it. ``tests/test_cli_coercion.py`` holds every parameter of every command to
Typer's own results.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core
from typer import _coercion, _param_types

_DECLINE = object()  # this value is for Typer's adapter
_WHOLE = re.compile(r"0|[1-9][0-9]{0,17}")  # pydantic reads these as int() does
Convert = Callable[[Any, Any, Any], Any]  # (value, param, ctx) → value, or _DECLINE


@dataclass(frozen=True)
class _Light(_coercion.RuntimeParam):
    """Typer's runtime parameter with a quick conversion first, its own as the fallback."""

    convert: Convert

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        converted = self.convert(value, param, ctx)
        if converted is not _DECLINE:
            return converted
        typer_own = _coercion.build_runtime_param(param.type_descriptor)
        return typer_own._coerce_value(value, param=param, ctx=ctx)


def install() -> None:
    """Every Typer parameter of the process builds its coercion here first (once)."""
    parameter: Any = getattr(typer.core, "_TyperParameter", None)
    built = getattr(parameter, "get_runtime_param", None)
    if built is None or getattr(built, "light", False):
        return  # another Typer than this was written for: its own coercion, only slower

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            convert = converter(descriptor.annotation, descriptor.parameter_info)
            if convert is None:
                return built(self)
            self._runtime_param = _Light(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                convert=convert,
            )
        return self._runtime_param

    get_runtime_param.light = True  # type: ignore[attr-defined]
    parameter.get_runtime_param = get_runtime_param


def converter(annotation: Any, info: Any) -> Convert | None:
    """The quick conversion of values of ``annotation``, or None to leave it to Typer."""
    if info.parser is not None:
        return None
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        each = converter(item, info)
        return None if each is None else _listed(each)
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is int and info.min is None and info.max is None:
        return _whole
    if annotation is Path and info.path_type is None:
        return _path
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice(tuple(annotation), info.case_sensitive)
    return None


def _listed(each: Convert) -> Convert:
    def convert(value: Any, param: Any, ctx: Any) -> Any:
        items = value if isinstance(value, list | tuple) else [value]
        converted = [each(item, param, ctx) for item in items]
        return _DECLINE if _DECLINE in converted else converted

    return convert


def _text(value: Any, param: Any, ctx: Any) -> Any:
    return value if type(value) is str else _DECLINE


def _flag(value: Any, param: Any, ctx: Any) -> Any:
    return value if type(value) is bool else _DECLINE


def _whole(value: Any, param: Any, ctx: Any) -> Any:
    if type(value) is int:
        return value
    if type(value) is str and _WHOLE.fullmatch(value):
        return int(value)
    return _DECLINE


def _path(value: Any, param: Any, ctx: Any) -> Any:
    if type(value) is not str or not value:
        return _DECLINE
    info = param.type_descriptor.parameter_info
    # Typer's own checks (exists, readable, file or folder) and messages, given the Path
    # pydantic would have made of the text.
    return _param_types.coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)


def _choice(choices: tuple[Any, ...], case_sensitive: bool) -> Convert:
    def convert(value: Any, param: Any, ctx: Any) -> Any:
        try:
            return _param_types.coerce_cli_choice(
                value, choices=choices, case_sensitive=case_sensitive, ctx=ctx
            )
        except ValueError:  # not a choice: Typer says so, in its words
            return _DECLINE

    return convert
