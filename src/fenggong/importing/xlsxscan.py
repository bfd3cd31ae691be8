"""A worksheet's rows and a shared strings table's items, read as ElementTree reads them.

ElementTree builds an element per cell: 285,000 events for a form over a hundred plans,
most of the time ``report collect`` spent. This scanner reads the same parts with
compiled regular expressions over the decoded text, building no element per cell, and
accepts only what it fully understands: its tokens (rows, cells, and in a cell an f, a v,
an is) must tile the container's content, each where the last ended. A cell's attributes,
and a text with something to unescape, are read once for each time they come: a form
repeats them. Anything else raises ``NotSimpleError`` (``xlsxtext`` reads the text as
expat would), and ``xlsxcells`` reads the part by ElementTree, which stays the reference.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element

from fenggong.importing.xlsxparts import UnsupportedError
from fenggong.importing.xlsxtext import KEPT, Container, NotSimpleError, unescape

__all__ = ["NotSimpleError", "column", "rows", "strings"]
_HELD = 1 << 22  # characters of cells kept read, for the next time they come
# A sheet's tokens, in as few groups as will do (findall makes a string of each group, for
# each token): a cell's r letters (a plain r first), other attributes, and the text of a
# plain is, or <v> and its text, or > and any other content | o, a row's r (plain, first),
# its other attributes | / of </row> | whitespace | anything else.
_SHEET = re.compile(
    r'<c(?: r="([A-Za-z]{1,3})[0-9]+")?+([^>]*)(?:(?<=/)>|><is><t(?: xml:space="preserve")?>'
    r"([^<]+)</t></is></c>|>(<v>[^<]*)</v></c>|(>[^<]*+(?:<(?!/c>)[^<]*+)*+)</c>)"
    r'|<r(o)w(?: r="([0-9]+)")?+([^>]*)>'
    r"|<(/)row>"
    r"|[ \t\n]+"
    r"|([\s\S]+)"
)
# Any other content of a cell: its f (attributes, text), its v (the tag, its text), its
# is (the tag, its content).
_BODY = re.compile(
    r"[ \t\n]*(?:<f([^>]*)(?:(?<=/)>|>([^<]*)</f>)[ \t\n]*)?"
    r"(?:(<v>([^<]*)</v>|<v/>)[ \t\n]*)?"
    r"(?:(<is>([^<]*+(?:<(?!/is>)[^<]*+)*+)</is>|<is/>)[ \t\n]*)?"
)
# A shared strings table's tokens: i, a plain item's text, another's content | anything.
_TABLE = re.compile(
    r'<s(i)(?:>(?:<t(?: xml:space="preserve")?>([^<]*)</t>|([^<]*+(?:<(?!/si>)[^<]*+)*+))'
    r"</si>|/>)|[ \t\n]+|([\s\S]+)"
)
_LETTERS = re.compile(r"[A-Za-z]{1,3}")
_DIGITS = "0123456789"


def rows(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str | None, list[Any]]]:
    """The sheet's rows: each one's r, and its cells as ``xlsxcells`` reads them from
    ElementTree's elements: the column of its r (None without one), its t, s, whether it
    has an f, its v's text and its is's text or element, a text None where it has none."""
    part = Container(archive, name, ("worksheet", "sheetData"), ("row", "c"))
    attributes, heads, texts, contents = part.attributes, _Heads(part), _Texts(), _Contents(part)
    columns = _COLUMNS
    said: str | None = None
    cells: list[Any] = _OUTSIDE  # those of the row begun
    add = cells.append
    for piece in part.pieces("<row"):
        for letters, rest, t, v, other, o, rr, rest_, end, junk in _SHEET.findall(piece):
            if t or v or other or rest:  # a cell (rest ends with / if it has no child)
                r, kind, style = heads[rest]
                if not letters:
                    at = _column(r) if r else None
                elif r is None:
                    at = columns[letters]
                else:
                    raise NotSimpleError("r twice")
                # A text nothing in which is escaped, nor forbidden, is itself.
                if t:
                    if "&" in t or "]]>" in t or not t.isprintable():
                        t = texts[t]
                    add((at, kind, style, False, None, t))
                elif v:
                    v = v[3:]
                    if "&" in v or "]]>" in v or not v.isprintable():
                        v = texts[v]
                    add((at, kind, style, False, v or None, None))
                elif other:
                    add((at, kind, style, *contents[other]))
                else:
                    add((at, kind, style, False, None, None))
            elif o:
                if cells is not _OUTSIDE:
                    raise NotSimpleError("a row in a row")
                closed = rest_.endswith("/")
                said = attributes[rest_[:-1] if closed else rest_].get("r")
                if rr:
                    if said is not None:
                        raise NotSimpleError("r twice")
                    said = rr
                if closed:
                    yield said, []
                else:
                    cells = []
                    add = cells.append
            elif end:
                if cells is _OUTSIDE:
                    raise NotSimpleError("a row's end outside one")
                yield said, cells
                cells = _OUTSIDE
                add = cells.append
            elif junk:
                raise NotSimpleError(junk[:20])
        if cells is not _OUTSIDE:
            raise NotSimpleError("a row not ended")


def strings(archive: zipfile.ZipFile, name: str) -> Iterator[str | Element]:
    """The shared strings table's items: each one's text, or its element if rich."""
    part = Container(archive, name, ("sst",), ("si",))
    for piece in part.pieces("<si"):
        for item, text, other, junk in _TABLE.findall(piece):
            if junk:
                raise NotSimpleError(junk[:20])
            if item:
                yield unescape(text, True) if text or not other else part.inline(other)


def column(coordinate: str) -> int:
    """The column of a cell's coordinate (C7), as openpyxl's coordinate_to_tuple, which
    refuses $C$7."""
    letters = coordinate.rstrip(_DIGITS)
    if len(letters) == len(coordinate) or _LETTERS.fullmatch(letters) is None:
        raise UnsupportedError(coordinate)
    return _COLUMNS[letters]


def _column(coordinate: str) -> int:
    """A coordinate's column; one that is none is left to ElementTree (and refused
    there, in its place)."""
    try:
        return column(coordinate)
    except UnsupportedError:
        raise NotSimpleError(coordinate) from None


class _Columns(dict[str, int]):
    """A coordinate's letters → its column."""

    def __missing__(self, letters: str) -> int:
        number = 0
        for char in letters.upper():
            number = number * 26 + ord(char) - 64
        self[letters] = number
        return number


_COLUMNS = _Columns()


class _Outside(list[Any]):
    """Where a cell outside a row would go."""

    def append(self, _cell: Any) -> None:
        raise NotSimpleError("a cell outside a row")


_OUTSIDE = _Outside()


class _Heads(dict[str, tuple[str | None, str, str | None]]):
    """A cell's raw attributes (after its name and a plain r; / ends them if it has no
    child) → its r (None without one), t (n without one) and s."""

    def __init__(self, part: Container) -> None:
        super().__init__()
        self.part = part

    def __missing__(self, raw: str) -> tuple[str | None, str, str | None]:
        found = self.part.attributes[raw[:-1] if raw.endswith("/") else raw]
        if len(self) >= KEPT:
            self.clear()
        self[raw] = read = found.get("r"), found.get("t", "n"), found.get("s")
        return read


class _Texts(dict[str, str]):
    """A raw text → its characters, kept for the next time it comes."""

    def __init__(self) -> None:
        super().__init__()
        self.held = 0

    def __missing__(self, raw: str) -> str:
        self.held += len(raw)
        if self.held > _HELD:
            self.clear()
            self.held = len(raw)
        self[raw] = text = unescape(raw, True)
        return text


class _Contents(dict[str, tuple[bool, str | None, Any]]):
    """A cell's other content (from the > ending its start tag) → whether it has an f,
    its v's text and its is (text, or element if rich), None where it has none."""

    def __init__(self, part: Container) -> None:
        super().__init__()
        self.part = part
        self.held = 0

    def __missing__(self, raw: str) -> tuple[bool, str | None, Any]:
        body = _BODY.fullmatch(raw, 1)
        if body is None:
            raise NotSimpleError(raw[:20])
        attributes, formula, value, text, inline, content = body.groups()
        if attributes is not None:  # read only to be sure they are well-formed
            self.part.attributes[attributes.removesuffix("/")]
            unescape(formula or "", True)
        read = (
            attributes is not None,
            None if value is None else unescape(text or "", True) or None,
            None if inline is None else self.part.inline(content or ""),
        )
        self.held += len(raw)
        if self.held > _HELD:
            self.clear()
            self.held = len(raw)
        self[raw] = read
        return read
