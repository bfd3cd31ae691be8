"""Pydantic's shape errors in a maintainer's terms: what is wrong with the field, and the fix.

Pydantic says "Input should be a valid tuple"; a maintainer needs "lead must be a list:
write `[市发展改革委]`". Each common error type gets a sentence of its own here; an
unforeseen one keeps Pydantic's words, with the value it got.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

from fenggong.checks.locate import PathPart
from fenggong.messages import _

# What separates names written by hand inside one item: full-width and ideographic commas,
# semicolons, and spaces (a full-width space too). The ASCII comma only appears quoted.
SEPARATORS = re.compile(r"[，、,;；\s]+")


def split_names(text: str) -> list[str]:
    """``市教委，市财政局`` → ``["市教委", "市财政局"]``: the names one item holds."""
    return [part for part in SEPARATORS.split(text) if part]


def flow_list(items: list[str]) -> str:
    """A YAML flow list as a maintainer would write it: ``[市教委, 市财政局]``."""
    return "[" + ", ".join(items) + "]"


def show(value: Any) -> str:
    """A value as the message quotes it (``'002'``, ``true``), cut to 60 characters."""
    text = yaml_spelling(value) if value is None or isinstance(value, bool) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def yaml_spelling(key: Any) -> str:
    """A key as YAML spells it: ``true``, ``null``, ``12``."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def field_name(loc: tuple[PathPart, ...]) -> str:
    """The field a message is about: ``lead``, or ``lead[1]`` for one item of it."""
    name = ""
    for part in reversed(loc):
        name = (f"[{part}]" if isinstance(part, int) else str(part)) + name
        if not isinstance(part, int):
            break
    return name or _("the top level")


Explained = tuple[str, str | None]


def explain(error: dict[str, Any], loc: tuple[PathPart, ...], allowed: list[str]) -> Explained:
    """The message and hint for one Pydantic error at ``loc``.

    ``allowed`` names the fields of the record around ``loc``, for an unknown field.
    """
    field = field_name(loc)
    value = error.get("input")
    if "[key]" in error["loc"] and error.get("type") == "string_pattern_mismatch":
        return _pattern("jurisdiction", value, {})
    if "[key]" in error["loc"]:
        spelled = yaml_spelling(value)
        return (
            _("a key must be a name, not {key}").format(key=spelled),
            _('write it in quotes to mean the text: "{key}"').format(key=spelled),
        )
    if error["type"] == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.5)
        hint = (
            _("did you mean {name}?").format(name=close[0])
            if close
            else _("fields here: {names}").format(names=", ".join(allowed))
        )
        return _("unknown field {field}").format(field=field), hint
    explainer = _EXPLAINERS.get(error["type"])
    if explainer is not None:
        return explainer(field, value, error.get("ctx") or {})
    return _("{field}: {reason}, got {value}").format(
        field=field, reason=error["msg"], value=show(value)
    ), None


def _missing(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("missing field {field}").format(field=field),
        _("add `{field}:` to this record, with its value").format(field=field),
    )


def _list(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    if isinstance(value, dict):
        return (
            _("{field} must be a list, not a mapping").format(field=field),
            _("write each item on its own line under {field}:, starting with `- `").format(
                field=field
            ),
        )
    items = split_names(value) if isinstance(value, str) else [yaml_spelling(value)]
    written = flow_list(items or [str(value)])
    return (
        _("{field} must be a list: write `{written}`").format(field=field, written=written),
        _("a list is written in brackets with names separated by `,`, or one `- name` per line"),
    )


def _integer(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    message = _("{field} must be a whole number, got {value}").format(
        field=field, value=show(value)
    )
    if isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
        return message, _("write `{field}: {number}`, without quotes or leading zeros").format(
            field=field, number=number
        )
    if isinstance(value, float) and value.is_integer():
        return message, _("write `{field}: {number}`, without the decimal point").format(
            field=field, number=int(value)
        )
    if isinstance(value, bool):
        return message, _("write a number, not true or false")
    return message, _("write a number such as 1, 2, 3")


def _number(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("{field} must be a number, got {value}").format(field=field, value=show(value)),
        _("write a number without quotes, such as 500 or 0.8"),
    )


def _finite(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("{field} must be a finite number, got {value}").format(field=field, value=show(value)),
        _("write the number the plan states, such as 500"),
    )


def _text(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    if value is None:
        return _("{field} is empty").format(field=field), _(
            "write the text, or remove the field if it is optional"
        )
    if isinstance(value, dict):
        return _("{field} must be text, not a mapping").format(field=field), _(
            "a `: ` inside a text makes it a mapping: write the text in quotes"
        )
    if isinstance(value, list):
        return _("{field} must be one text, not a list").format(field=field), _(
            "write one text here, without brackets or `- `"
        )
    spelled = yaml_spelling(value)
    message = (
        _("YAML reads {field}: {value} as true or false, not as text")
        if isinstance(value, bool)
        else _("YAML reads {field}: {value} as a number, not as text")
    )
    return (
        message.format(field=field, value=spelled),
        _('write it in quotes to mean the text: "{value}"').format(value=spelled),
    )


def _empty(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("{field} is empty").format(field=field),
        _("write the text it should hold"),
    )


def _boolean(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("{field} must be true or false, got {value}").format(field=field, value=show(value)),
        _("write `{field}: true` or `{field}: false`").format(field=field),
    )


def _bound(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    # Pydantic names the bound by its kind in ctx: gt, ge, lt or le.
    kind, limit = next(iter(ctx.items()), ("", "?"))
    limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
    templates = {
        "gt": _("{field} must be greater than {limit}, got {value}"),
        "ge": _("{field} must be at least {limit}, got {value}"),
        "lt": _("{field} must be less than {limit}, got {value}"),
        "le": _("{field} must be at most {limit}, got {value}"),
    }
    template = templates.get(kind, _("{field} is out of bounds ({limit}), got {value}"))
    message = template.format(field=field, limit=limit, value=show(value))
    return message, _("numbers start at 1") if kind == "gt" and limit == 0 else None


def _choice(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    # Closer than for a field name: a choice is a word of the model, not a typo of one.
    close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.7)
    message = _("{field} must be one of {choices}, got {value}").format(
        field=field, choices=", ".join(choices), value=show(value)
    )
    return message, _("did you mean {name}?").format(name=close[0]) if close else None


def _date(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("{field} must be a date, got {value}").format(field=field, value=show(value)),
        _("write it as YYYY-MM-DD without quotes: `{field}: 2022-09-16`").format(field=field),
    )


def _mapping(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("{field} must be a mapping of `key: value` lines, got {value}").format(
            field=field, value=show(value)
        ),
        _("write each entry on its own line as `name:` with its fields indented under it"),
    )


def _record(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("{field} must be a record of `field: value` lines, got {value}").format(
            field=field, value=show(value)
        ),
        _("write its fields as `name: value`, in braces or indented under it"),
    )


def _pattern(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    # The two patterns of the model: a plan's key, and a jurisdiction's name.
    if field == "key":
        return (
            _(
                "key must be a plan key: no spaces, `:`, `/` or `\\`, not all digits, got {value}"
            ).format(value=show(value)),
            _("write a short key of letters, digits and `-`: hrss-2022-256"),
        )
    return (
        _("{field} may not hold `:`, got {value}").format(field=field, value=show(value)),
        _("JURISDICTION:NAME names a body across plans: write the name without `:`"),
    )


def _long(field: str, value: Any, ctx: dict[str, Any]) -> Explained:
    return (
        _("{field} is longer than {limit} characters").format(
            field=field, limit=ctx.get("max_length", "")
        ),
        _("write it shorter"),
    )


_EXPLAINERS: dict[str, Callable[[str, Any, dict[str, Any]], Explained]] = {
    "string_pattern_mismatch": _pattern,
    "string_too_long": _long,
    "missing": _missing,
    "tuple_type": _list,
    "list_type": _list,
    "int_type": _integer,
    "int_parsing": _integer,
    "int_from_float": _integer,
    "float_type": _number,
    "float_parsing": _number,
    "finite_number": _finite,
    "string_type": _text,
    "string_too_short": _empty,
    "bool_type": _boolean,
    "bool_parsing": _boolean,
    "greater_than": _bound,
    "greater_than_equal": _bound,
    "less_than": _bound,
    "less_than_equal": _bound,
    "enum": _choice,
    "date_type": _date,
    "date_parsing": _date,
    "date_from_datetime_parsing": _date,
    "date_from_datetime_inexact": _date,
    "dict_type": _mapping,
    "model_type": _record,
    "model_attributes_type": _record,
}
