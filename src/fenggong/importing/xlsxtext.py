"""An xlsx part's XML text, read a piece at a time as expat reads it, for ``xlsxscan``.

What precedes the one element whose content the scanner reads (a sheet's sheetData, a
table's sst) is parsed by ElementTree, closed, and its namespaces kept; what follows it,
after the content, too; neither may hold a row. The text is unescaped as expat does it:
line ends made \\n before references are replaced, the five entities and character
references, whitespace in an attribute's value made spaces. Whatever expat would refuse,
or read otherwise, or the scanner does not know (a DTD, another encoding, an attribute
declaring a namespace, a comment or CDATA in a text, a part past ``Part``'s bounds or
broken) is ``NotSimpleError``: ElementTree reads the part, and decides.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Iterator
from typing import Any, cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser, fromstring

from fenggong.importing.xlsxparts import Part

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_XML = "http://www.w3.org/XML/1998/namespace"
_CHUNK = 1 << 16
_HEAD = 1 << 20  # what may come before the rows (a sheet's views, its columns): a few KB
KEPT = 1 << 12  # attributes (and references) kept read, for the next time they come
_ATTRIBUTE = re.compile(
    r"[ \t\n]+([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?[ \t\n]*=[ \t\n]*"
    r"(?:\"([^\"<]*)\"|'([^'<]*)')",
    re.ASCII,
)
_PLAIN = re.compile(r'[ \t\n]*<t(?:[ \t\n]+xml:space="preserve")?>([^<]*)</t>[ \t\n]*')
_DECLARED = re.compile(r"<\?xml[ \t\n][^>]*?encoding[ \t\n]*=[ \t\n]*([\"'])(.*?)\1")
# What XML forbids raw: C0 controls but tab and line ends, U+FFFE, U+FFFF (UTF-8 holds no
# surrogate); and in text, ]]>.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_REFERENCE = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|amp|lt|gt|quot|apos);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


class NotSimpleError(Exception):
    """The part holds something the scanner does not read: ElementTree reads it."""


class Container:
    """A part whose one element ``path[-1]`` (the root's child, or the root) holds what
    the scanner reads, tags ``inner`` of the main namespace nowhere else."""

    def __init__(
        self, archive: zipfile.ZipFile, name: str, path: tuple[str, ...], inner: tuple[str, ...]
    ) -> None:
        self.archive, self.name, self.path = archive, name, path
        self.inner = {f"{{{MAIN}}}{tag}" for tag in inner}
        self.namespaces: dict[str, str] = {}  # prefix → namespace, where the content is
        self.declared = ""  # those as attributes, for a piece parsed alone
        self.attributes = Attributes(self.namespaces)

    def pieces(self, cut: str) -> Iterator[str]:
        """The element's content, each piece cut before the last ``cut`` (a row or an
        item begun), once its head has parsed; its tail is parsed after the last."""
        chunks = _normalised(_chunks(self.archive, self.name))
        container = self.path[-1]
        start = re.compile(f"<{container}(?=[ \t\n/>])")
        buffer, searched = "", 0
        while (found := start.search(buffer, searched)) is None or ">" not in buffer[found.end() :]:
            if len(buffer) > _HEAD:
                raise NotSimpleError("no rows near the start")
            searched = found.start() if found else max(0, len(buffer) - len(container))
            buffer += _next(chunks)
        close = buffer.index(">", found.end())
        head, buffer = buffer[: close + 1], buffer[close + 1 :]
        self._head(head)
        end, searched = f"</{container}>", 0
        while (at := buffer.find(end, searched)) < 0:
            begun = buffer.rfind(cut, max(1, searched))
            if begun > 0:
                yield buffer[:begun]
                buffer = buffer[begun:]
            elif len(buffer) > _ROW:  # each chunk would copy it again: left to expat
                raise NotSimpleError("a row larger than any form's")
            searched = max(0, len(buffer) - len(end))
            buffer += _next(chunks)
        yield buffer[:at]
        self._tail(head, buffer[at:], chunks)

    def _head(self, head: str) -> None:
        """Its namespaces, once ElementTree reads what precedes the content, closed, as a
        document whose root holds the element (or is it), and no row or item."""
        declared = _DECLARED.match(head)
        if declared and declared.group(2).lower() != "utf-8":
            raise NotSimpleError(declared.group(2))
        if head.endswith("/>"):
            raise NotSimpleError("an empty container")
        parser: XMLPullParser[Any] = XMLPullParser(("start-ns", "start"))
        pending: dict[str, str] = {}
        elements: list[tuple[Any, dict[str, str]]] = []
        try:
            parser.feed(head + "".join(f"</{tag}>" for tag in reversed(self.path)))
            parser.close()
            for event, item in _events(parser):
                if event == "start-ns":
                    pending[item[0]] = item[1]
                else:
                    elements.append((item, pending))
                    pending = {}
        except ParseError:
            raise NotSimpleError("its head") from None
        (root, scope), (container, own) = elements[0], elements[-1]
        if root.tag != f"{{{MAIN}}}{self.path[0]}" or container.tag != f"{{{MAIN}}}{self.path[-1]}":
            raise NotSimpleError(root.tag)
        if any(element.tag in self.inner for element, _ in elements):
            raise NotSimpleError("a row before the rows")
        if container is not root:
            scope = {**scope, **own}
        self.namespaces.update((prefix, uri) for prefix, uri in scope.items() if prefix)
        self.declared = "".join(
            f" xmlns{':' * bool(prefix)}{prefix}={_quoted(uri)}" for prefix, uri in scope.items()
        )

    def _tail(self, head: str, tail: str, chunks: Iterator[str]) -> None:
        """What follows the content parses after what precedes it, and holds no row."""
        parser: XMLPullParser[Any] = XMLPullParser(("start",))
        try:
            parser.feed(head)
            for text in _chain(tail, chunks):
                parser.feed(text)
                self._none_inner(parser)
            parser.close()
            self._none_inner(parser)
        except ParseError:
            raise NotSimpleError("its tail") from None

    def _none_inner(self, parser: XMLPullParser[Any]) -> None:
        for _event, element in _events(parser):
            if element.tag in self.inner:
                raise NotSimpleError("a row after the rows")

    def inline(self, raw: str) -> str | Element:
        """An is's or si's content: the text of a plain one; else its element, as
        ElementTree parses it where it stands (a rich text's runs, its phonetic runs)."""
        plain = _PLAIN.fullmatch(raw)
        if plain is not None:
            return unescape(plain.group(1), True)
        if not raw.strip(" \t\n"):
            return ""
        if "<!" in raw or "<?" in raw:  # a comment, CDATA, an instruction: left to it whole
            raise NotSimpleError(raw[:20])
        try:
            element = fromstring(f"<is{self.declared}>{raw}</is>")
        except ParseError:
            raise NotSimpleError(raw[:20]) from None
        if any(inner.tag in self.inner for inner in element.iter()):
            raise NotSimpleError("a row in a text")
        return element


class Attributes(dict[str, dict[str, str]]):
    """A start tag's raw attributes (after its name, whitespace may end them) → those
    without a prefix, by name; kept for the next time they come. One declaring a
    namespace, or of a prefix not declared, or twice, is NotSimpleError."""

    def __init__(self, namespaces: dict[str, str]) -> None:
        super().__init__()
        self.namespaces = namespaces

    def __missing__(self, raw: str) -> dict[str, str]:
        found: dict[str, str] = {}
        seen: set[tuple[str, str]] = set()
        at = 0
        while attribute := _ATTRIBUTE.match(raw, at):
            first, local, double, single = attribute.groups()
            if local is None:
                key = ("", first)
            elif first == "xml":
                key = (_XML, local)
            elif first in self.namespaces:
                key = (self.namespaces[first], local)
            else:
                raise NotSimpleError(first)
            if first == "xmlns" or key in seen:
                raise NotSimpleError(first)
            seen.add(key)
            value = double if double is not None else single
            value = unescape(value.replace("\t", " ").replace("\n", " "), False)
            if local is None:
                found[first] = value
            at = attribute.end()
        if raw[at:].strip(" \t\n"):
            raise NotSimpleError(raw[at : at + 20])
        if len(self) >= KEPT:
            self.clear()
        self[raw] = found
        return found


def _quoted(value: str) -> str:
    """An attribute's value as XML writes it, between double quotes (xml.sax.saxutils'
    quoteattr, whose import brings urllib, http and ssl: a fifth of a collect's start)."""
    for plain, escaped in _ESCAPED:
        value = value.replace(plain, escaped)
    return f'"{value}"'


_ESCAPED = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
    ("\t", "&#9;"),
)


def unescape(raw: str, text: bool) -> str:
    """The characters expat reads of a text (``text``) or an attribute's value. A text
    longer than any cell's (Excel's hold 32,767 characters, each escaped in 8 at most) is
    left to expat, which reads it in C: splitting 25 million references here took 99 s
    and 3 GB."""
    if len(raw) > _LONG:
        raise NotSimpleError("a text longer than any cell's")
    if (not raw.isprintable() and _FORBIDDEN.search(raw)) or (text and "]]>" in raw):
        raise NotSimpleError("a character XML forbids")
    if "&" not in raw:
        return raw
    parts = _REFERENCE.split(raw)
    references = parts[1::2]
    if raw.count("&") != len(references):  # a bare &, or an entity of a DTD
        raise NotSimpleError("an entity")
    if len(_CHARACTERS) > KEPT:
        _CHARACTERS.clear()
    parts[1::2] = map(_CHARACTERS.__getitem__, references)
    return "".join(parts)


class _Characters(dict[str, str]):
    """A reference → what it stands for; one to a character XML forbids is
    NotSimpleError (expat refuses it)."""

    def __missing__(self, reference: str) -> str:
        if reference[0] != "#":
            self[reference] = named = _ENTITIES[reference]
            return named
        digits = reference[2:] if reference[1] == "x" else reference[1:]
        if len(digits) > 8:
            raise NotSimpleError(reference[:20])
        code = int(digits, 16 if reference[1] == "x" else 10)
        if not (
            code in (0x9, 0xA, 0xD)
            or 0x20 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF
        ):
            raise NotSimpleError(reference)
        self[reference] = character = chr(code)
        return character


_CHARACTERS = _Characters()
_LONG = 1 << 20
# A row's text: a form's largest holds four answers of 32,767 characters, each escaped in
# 8 at most, and the plan's cells.
_ROW = 4 << 20


def _chunks(archive: zipfile.ZipFile, name: str) -> Iterator[str]:
    """The part's text a chunk at a time, within ``Part``'s bounds. Whatever goes wrong
    reading it (its bounds, a DTD, a broken member, bytes that are no UTF-8) is
    NotSimpleError: ElementTree reads it again, and says so where it would."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        with Part(archive, name) as part:
            while data := part.read(_CHUNK):
                yield decoder.decode(data)
            yield decoder.decode(b"", True)
    except Exception as error:
        raise NotSimpleError(name) from error


def _normalised(chunks: Iterator[str]) -> Iterator[str]:
    """The chunks with \\r\\n and \\r made \\n, as XML reads line ends (one across two
    chunks too)."""
    held = ""
    for chunk in chunks:
        text, held = held + chunk, ""
        if "\r" in text:
            if text.endswith("\r"):
                text, held = text[:-1], "\r"
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield text
    if held:
        yield "\n"


def _events(parser: XMLPullParser[Any]) -> Iterator[tuple[str, Any]]:
    return cast(Iterator[tuple[str, Any]], parser.read_events())


def _next(chunks: Iterator[str]) -> str:
    chunk = next(chunks, None)
    if chunk is None:
        raise NotSimpleError("a part cut short")
    return chunk


def _chain(first: str, chunks: Iterator[str]) -> Iterator[str]:
    """``first`` a chunk at a time, then ``chunks``."""
    for at in range(0, len(first), _CHUNK):
        yield first[at : at + _CHUNK]
    yield from chunks
