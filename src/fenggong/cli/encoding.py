"""Text a console cannot encode: our glyphs fall back to ones it can, data to escapes.

A console that is not in UTF-8 (a Chinese Windows console in code page 936, GBK, with
``PYTHONIOENCODING=gbk`` or a redirection; a Western one in cp1252; an ``ascii`` stream)
cannot write every character. Whatever it can encode is written as it is. What it
cannot is written in one of two ways:

- The glyphs fenggong draws (a chart's bars, a light, an arrow, a minus sign, a table's
  lines) fall back to characters it can encode, a family at a time (``GLYPHS``): if one
  of a family's glyphs cannot be written in the encoding, all of the family fall back,
  in every output, so that a chart's legend and its bars agree (GBK has ``█`` but not
  ``░``: both become ``#`` and ``-``) and a table's lines all keep one width (a legacy
  Chinese console draws GBK's ``─`` two columns wide). Only in the formats for people:
  machine formats are data.
- Anything else (a rare character in a name, Chinese on a cp1252 console) is written as
  Python writes an escape, ``\\u4e96`` (``\\xe9``, ``\\U00020000``), the way
  ``names.visible`` already shows a control: it says that a character stood there, and
  which. Never ``?``, never dropped. JSON gets its own escapes (``\\u4e96``, a surrogate
  pair beyond the BMP), so that it stays valid JSON of the same strings.
"""

from __future__ import annotations

import codecs
from functools import cache

# Each family of glyphs and what it falls back to, as one: a fallback of one character
# where a glyph is one (a bar, a table's line), so that a Rich table's columns still line up.
# A family is the glyphs that are shown together: a glyph the encoding lacks takes its
# whole family with it, so a family holds nothing speculative.
GLYPHS: dict[str, dict[str, str]] = {
    "bars": {"█": "#", "▓": "=", "▒": "=", "░": "-"},
    "lights": {"●": "*", "○": "o"},
    "arrows": {"→": "->", "←": "<-", "↑": "^", "↓": "v"},
    "minus": {"−": "-"},  # diff's −3 lead: GBK has no minus sign
    "comparisons": {"≤": "<=", "≥": ">="},
    "times": {"×": "x", "÷": "/"},
    "dashes": {"—": "--", "–": "-"},
    "ellipsis": {"…": "..."},
    "quotes": {"“": '"', "”": '"', "‘": "'", "’": "'"},
    "dots": {"·": "."},
    # Box drawing (U+2500–U+257F), which Rich's tables, trees and progress bar draw in:
    # a line for a line, a corner or a crossing for a +, a column's width kept.
    "lines": {
        **dict.fromkeys("─━┄┅┈┉╌╍═╴╶╸╺╼╾", "-"),
        **dict.fromkeys("│┃┆┇┊┋╎╏║╵╷╹╻╽╿", "|"),
        **dict.fromkeys(
            "┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋"
            "╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬╭╮╯╰╳",
            "+",
        ),
        "╱": "/",
        "╲": "\\",
    },
}


@cache
def is_unicode(encoding: str) -> bool:
    """Whether ``encoding`` writes every character (UTF-8, UTF-16, UTF-32, GB18030)."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf") or name == "gb18030"


@cache
def _fallbacks(encoding: str) -> dict[int, str]:
    """The families that fall back on ``encoding``, as a translation table."""
    table: dict[int, str] = {}
    for family in GLYPHS.values():
        if not all(_encodes(glyph, encoding) for glyph in family):
            table.update({ord(glyph): plain for glyph, plain in family.items()})
    return table


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:  # JSON writes a character beyond the BMP as a surrogate pair
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


codecs.register_error("fenggong-json", _json_escape)


def encodable(text: str, encoding: str, *, glyphs: bool, json: bool = False) -> str:
    """``text`` as a stream in ``encoding`` can write it: unchanged if it can; else with
    our glyphs' fallbacks (``glyphs``, for formats people read) and every other character
    it cannot encode escaped (as JSON escapes if ``json``)."""
    if is_unicode(encoding):
        return text
    if glyphs:  # always, not only when the text fails: a family looks the same everywhere
        text = text.translate(_fallbacks(encoding))
    if _encodes(text, encoding):
        return text
    errors = "fenggong-json" if json else "backslashreplace"
    return text.encode(encoding, errors).decode(encoding)
