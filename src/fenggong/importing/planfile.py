"""An imported plan written as a plan file, in the layout of data/tasks.yaml.

One record a line where the dataset writes one (sections, topics, targets), a task as a
block, every scalar quoted by PyYAML only where YAML needs it, so that what the document
says is what the file says, and the file loads back as the same records.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import msgspec
import yaml

from fenggong.model import Dataset


def _empty(value: object) -> bool:
    # By type, not ==: a value of 0 is a figure, not a default (0 == False).
    return value is None or value is False or (isinstance(value, tuple | list | dict) and not value)


_TASK_ORDER = (
    "id", "number", "topic", "text", "lead", "support", "roles",
    "due", "leaders", "clause", "targets", "basis",
)  # fmt: skip
_ALWAYS = {"lead", "support", "issuers"}  # the dataset writes support: [] too


def _plain(value: object) -> object:
    return msgspec.to_builtins(value, builtin_types=(datetime.date,))


def _trim(data: Any) -> Any:
    """Builtins without the fields a record leaves at their defaults."""
    if isinstance(data, dict):
        return {k: _trim(v) for k, v in data.items() if not _empty(v) or k in _ALWAYS}
    if isinstance(data, list | tuple):
        return [_trim(v) for v in data]
    return data


# A text YAML reads back as itself when written bare, in a flow collection too: it opens
# with a Chinese character (so it is no number, date, boolean or indicator) and holds no
# space, colon, hash, comma or bracket. Most of a plan's texts and names are such; the
# rest are quoted by PyYAML, whose emitter costs a thousand rows a second.
_PLAIN = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff]"
    "[\u3400-\u4dbf\u4e00-\u9fff\u3001-\u3011\u3014-\u301f\uff01-\uff5e"
    "\u2014\u2018\u2019\u201c\u201d\u2026\u00b7A-Za-z0-9.%+/()\\-]*"
)
_KEY = re.compile("[a-z_]+")


def flow(value: object) -> str:
    """A value on one line, as YAML flow: a scalar, [a, b] or {k: v}."""
    if isinstance(value, str) and _PLAIN.fullmatch(value):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, dict) and all(isinstance(k, str) and _KEY.fullmatch(k) for k in value):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    # Dumped inside a flow list, so that it is quoted as a flow collection needs: a bare
    # 中文,x is one text in a block but two items in [中文,x].
    text: str = yaml.dump(
        [value],
        Dumper=yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper,
        default_flow_style=True,
        allow_unicode=True,
        width=1 << 30,
        sort_keys=False,
    )
    return text.strip().removeprefix("[").removesuffix("]")


def _block(key: str, value: object, indent: str) -> list[str]:
    if isinstance(value, list) and value and isinstance(value[0], dict) and key != "lead":
        return [f"{indent}{key}:", *(f"{indent}  - {flow(v)}" for v in value)]
    return [f"{indent}{key}: {flow(value)}"]


def plan_file(dataset: Dataset, comments: tuple[str, ...] = ()) -> str:
    """The YAML text of a plan file for ``dataset``, under the given comment lines."""
    data = _trim(_plain(dataset))
    lines = [f"# {line}".rstrip() for text in comments for line in text.split("\n")]
    if lines:
        lines.append("")
    lines.append("plan:")
    lines += [f"  {key}: {flow(value)}" for key, value in data["plan"].items()]
    for part in ("sections", "topics"):
        records = data.get(part) or []
        lines += ["", f"{part}:" + ("" if records else " []")]
        lines += [f"  - {flow(record)}" for record in records]
    departments = data.get("departments") or {}
    lines += ["", "departments:" + ("" if departments else " {}")]
    for name, dept in departments.items():
        lines.append(f"  {flow(name)}:")
        lines += [f"    {key}: {flow(value)}" for key, value in dept.items()]
    lines += ["", "tasks:" + ("" if data.get("tasks") else " []")]
    for task in data.get("tasks", []):
        ordered = [k for k in _TASK_ORDER if k in task] + [k for k in task if k not in _TASK_ORDER]
        first, *rest = ordered
        lines.append(f"  - {first}: {flow(task[first])}")
        for key in rest:
            lines += _block(key, task[key], "    ")
    return "\n".join(lines) + "\n"
