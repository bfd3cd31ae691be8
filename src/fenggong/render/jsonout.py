"""The one JSON writer: every JSON the program writes goes through ``dumps``."""

from __future__ import annotations

import msgspec


def dumps(value: object, *, indent: int | None = None) -> str:
    """JSON text of builtins and msgspec Structs (UNSET fields left out).

    Text other than ASCII is written as it is (UTF-8), the C0 control codes are escaped
    as JSON requires. ``indent=None`` writes no whitespace at all (data embedded in a
    page); ``0`` one line with a space after each ``,`` and ``:`` (a jsonl record); ``n``
    an indented document of n spaces a level. msgspec, not the standard encoder: that
    one indents in Python, seconds on a large result.
    """
    data = msgspec.json.encode(value)
    if indent is not None:
        data = msgspec.json.format(data, indent=indent)
    return data.decode()
