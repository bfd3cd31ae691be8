"""The first pass over a file's bytes: is it UTF-8 text YAML accepts, may it hold anchors?

Only the cold path imports this module: a cache hit reads the bytes only to hash them.
"""

from __future__ import annotations

import codecs
import re

import msgspec

from fenggong.errors import Problem
from fenggong.messages import _
from fenggong.store.source import CHUNK, Source

_BOM = b"\xef\xbb\xbf"

# What YAML refuses in a document: control characters other than tab and line breaks.
_NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


# What a file's values cost in memory is set by how many there are, not by its bytes: the
# 100,000 tasks of the benchmark (40 MB) are 1.8 million values (2.7 million by the
# estimate below) and peak under 1 GiB while checked, some 530 bytes a value; a file of
# tiny values packs far more into the same bytes (3,000,000 one-line tasks in 128 MiB
# would be 30 million, and 12 GB). Past this many a file is refused before it is parsed,
# so that checking any file stays within about 1 GiB: the benchmark's 100,000 tasks pass,
# a file of 200,000 (1.4 GB when checked) does not.
MAX_VALUES = 3_000_000


class Inspection(msgspec.Struct, frozen=True):
    problem: Problem | None  # not UTF-8, or a character YAML refuses
    anchors: bool  # an "&" somewhere: the document may hold YAML anchors, so aliases
    values: int = 0  # an upper estimate of the values YAML will make of the file


def estimate(chunk: bytes) -> int:
    """Values a chunk of YAML can hold at most, near enough: a key and a value per line or
    per comma, a collection per bracket, and one more per "-", "?" or ":", since one line
    can nest many (``- - - - x`` is five values, ``[a: b, c: d]`` seven)."""
    lines, commas = chunk.count(b"\n"), chunk.count(b",")
    brackets = chunk.count(b"[") + chunk.count(b"{")
    indicators = chunk.count(b"-") + chunk.count(b"?") + chunk.count(b":")
    return 2 * (lines + commas) + brackets + indicators


def inspect(source: Source) -> Inspection:
    """One pass over the bytes, a chunk at a time (a file may be large): is it UTF-8 text
    YAML accepts, and could it use anchors at all?"""
    decoder = codecs.getincrementaldecoder("utf-8")()
    non_printable = re.compile(_NON_PRINTABLE)  # compiled here: a cache hit never needs it
    anchors = False
    with source.open() as stream:
        head = stream.read(2)
        if head in (b"\xff\xfe", b"\xfe\xff", b"\x00\x00"):
            # The byte order marks of UTF-16 and UTF-32 (FF FE 00 00 is UTF-32's, little
            # endian; 00 00 FE FF big endian): told apart by the two bytes that follow.
            rest = stream.read(2)
            wide = (head, rest) in ((b"\xff\xfe", b"\x00\x00"), (b"\x00\x00", b"\xfe\xff"))
            if wide or head != b"\x00\x00":
                name = "UTF-32" if wide else "UTF-16"
                return Inspection(
                    _encoding(_("the file is {encoding}").format(encoding=name), 1, 1), anchors
                )
            head += rest
        chunk = head
        values = 0
        try:
            while chunk:
                anchors = anchors or b"&" in chunk
                values += estimate(chunk)
                if non_printable.search(decoder.decode(chunk)):
                    return Inspection(_locate_control(source.read().decode("utf-8")), anchors)
                chunk = stream.read(CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            # Where and what, from the whole text: only for a broken file.
            return Inspection(_locate_encoding(source.read()), anchors)
    if values > MAX_VALUES:
        return Inspection(_too_many(values), anchors, values)
    return Inspection(None, anchors, values)


def _too_many(values: int) -> Problem:
    from fenggong.checks.rulebook import RULES

    rule = RULES["FG022"]
    return Problem(
        rule.code,
        rule.name,
        _(
            "the file holds about {values} values; a dataset may hold {limit} "
            "(its data would not fit in memory)"
        ).format(values=f"{values:,}", limit=f"{MAX_VALUES:,}"),
        line=1,
        column=1,
        hint=_("is this the right file? split a larger plan into several datasets"),
    )


def _locate_control(text: str) -> Problem | None:
    found = re.search(_NON_PRINTABLE, text)
    if found is None:
        return None
    char = f"U+{ord(found.group()):04X}"
    return _encoding(
        _("the file contains the control character {char}, which YAML does not allow").format(
            char=char
        ),
        *_line_column(text, found.start()),
        hint=_(
            "remove it; write it escaped (\\u0008) inside a double-quoted string if it is meant"
        ),
    )


def _locate_encoding(raw: bytes) -> Problem | None:
    raw = raw.removeprefix(_BOM)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        what = (
            _("the file is GB18030/GBK (byte {byte})")
            if _decodes(raw, "gb18030")
            else _("the file is not UTF-8 (byte {byte})")
        ).format(byte=f"0x{raw[err.start]:02x}")
        return _encoding(what, *_line_column(raw, err.start))
    return None


def _line_column(content: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset into text (characters) or bytes."""
    newline = "\n" if isinstance(content, str) else b"\n"
    line = content.count(newline, 0, offset) + 1  # type: ignore[arg-type]
    return line, offset - content.rfind(newline, 0, offset)  # type: ignore[arg-type]


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _encoding(what: str, line: int, column: int, hint: str | None = None) -> Problem:
    from fenggong.checks.rulebook import RULES

    rule = RULES["FG005"]
    return Problem(
        rule.code,
        rule.name,
        what if hint else _("{problem}; datasets are UTF-8").format(problem=what),
        line=line,
        column=column,
        hint=hint or _("re-save the file as UTF-8 (a byte order mark is accepted)"),
    )
