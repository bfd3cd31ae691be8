"""The one JSON writer: every JSON the program writes goes through ``dumps``."""

from __future__ import annotations

import re

import msgspec

from fenggong.names import UNSAFE


def dumps(value: object, *, indent: int | None = None) -> str:
    """JSON text of builtins and msgspec Structs (UNSET fields left out).

    Text other than ASCII is written as it is (UTF-8), the C0 control codes are escaped
    as JSON requires. ``indent=None`` writes no whitespace at all (data embedded in a
    page); ``0`` one line with a space after each ``,`` and ``:`` (a jsonl record); ``n``
    an indented document of n spaces a level. msgspec, not the standard encoder: that
    one indents in Python, seconds on a large result.
    """
    try:
        data = msgspec.json.encode(value)
    except UnicodeEncodeError:
        # A lone surrogate (from a file name or an argument that is not UTF-8) cannot be
        # UTF-8; the standard encoder writes it as a JSON escape (\udc9b), which is valid.
        import json

        separators = (", ", ": ") if indent == 0 else None if indent else (",", ":")
        return json.dumps(msgspec.to_builtins(value), indent=indent or None, separators=separators)
    if indent is not None:
        data = msgspec.json.format(data, indent=indent)
    return data.decode()


def escape_controls(text: str) -> str:
    """JSON text with every control, bidi mark and lone surrogate (names.UNSAFE) written
    as a JSON escape: the same string to a reader, nothing a terminal or a page acts on.
    Outside its strings JSON is ASCII, so only string contents change."""
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
