"""An xlsx package's parts where openpyxl and Excel both find them, each read in bounds.

A returned form comes from anyone. openpyxl finds a workbook by [Content_Types].xml,
Excel through _rels/.rels; openpyxl reads a part's structure by local names and keeps
the last of a kind, Excel its own namespace; openpyxl takes a member path as written,
Excel normalised. Where the two could read different parts, ``UnsupportedError`` leaves
the file to openpyxl, as it always read it. A part that unpacks past any form's size is
``TooLargeError``: the form is refused.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any
from xml.etree.ElementTree import iterparse

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
R_ID = "{" + _OFFICE + "}id"
DOCUMENT, WORKSHEET, SHARED, STYLES = (
    f"{_OFFICE}/{kind}" for kind in ("officeDocument", "worksheet", "sharedStrings", "styles")
)
_ML = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_MS = "application/vnd.ms-excel."
# The content types openpyxl finds a workbook by (an xlsx, a template, with macros or not).
BOOKS = frozenset(
    (
        f"{_ML}sheet.main+xml",
        f"{_ML}template.main+xml",
        f"{_MS}sheet.macroEnabled.main+xml",
        f"{_MS}template.macroEnabled.main+xml",
    )
)
SHARED_TYPE = f"{_ML}sharedStrings+xml"
# What one part of a form may unpack to. A form's sheet is its largest part: 3.9 MB and
# 136,000 tags (each <) for the 2,500 rows of 市教委's form over the benchmarks' 100
# plans, 38 MB and 1.25 million with 20,000 rows (MAX_ROWS) each answered in a line
# (openpyxl writes every text in the sheet). An element costs about 100 bytes and a
# microsecond or two to read: 4 million of them, about 0.4 GB and seconds.
MAX_PART = 128 << 20
MAX_TAGS = 1 << 22
_CHUNK = 1 << 16
_FEED = 1 << 22
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)


class UnsupportedError(Exception):
    """The file is one for openpyxl to read."""


class TooLargeError(Exception):
    """A part of the file is larger than any form's: the form is refused, not read."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


class Part(io.RawIOBase):
    """A member read a chunk at a time within a form's bounds (TooLargeError past them),
    never held whole. zipfile stops at the size the archive declares for a member (then
    checks its CRC), where its ``read`` first unpacks all the deflated data holds, a GiB
    from a MiB. ``xml``: a DTD (entities) or another encoding than UTF-8 is
    UnsupportedError, before the parser sees it: openpyxl's parser decides."""

    def __init__(
        self, archive: zipfile.ZipFile, name: str, xml: bool = True, feed: bool = False
    ) -> None:
        super().__init__()
        if archive.getinfo(name).file_size > MAX_PART:
            raise TooLargeError(name)
        self.name, self.xml = name, xml
        self.least = _FEED if feed else 0  # ``feed``: read by expat, _FEED at a time
        self.stream = archive.open(name)
        self.size = self.tags = 0
        self.tail = b""  # the last bytes read, for a DOCTYPE across two reads

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        # Fed to expat, never less than _FEED: the expat of many systems (before 2.6)
        # reads a token again from its start at each chunk fed while it is unfinished,
        # so a text or a comment of 60 MB fed 16 KB at a time (as ElementTree asks for
        # them) took minutes.
        chunk = self.stream.read(_CHUNK if size < 0 else max(size, self.least))
        first = not self.size
        self.size += len(chunk)
        self.tags += chunk.count(b"<")
        if self.size > MAX_PART or self.tags > MAX_TAGS:
            raise TooLargeError(self.name)
        if self.xml:
            if first and (chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in chunk[:4]):
                raise UnsupportedError(self.name)
            # A DOCTYPE has its !: looked for first, as a byte, the search costs nothing.
            if (b"!" in self.tail or b"!" in chunk) and _DOCTYPE.search(self.tail + chunk):
                raise UnsupportedError(self.name)
            self.tail = chunk[-8:]
        return chunk

    def close(self) -> None:
        self.stream.close()
        super().close()


def check(archive: zipfile.ZipFile) -> None:
    """Every member unpacked once within those bounds, before openpyxl reads the file:
    it reads some parts whole, and its sheets in full. TooLargeError, or zipfile's
    error for a member that is not what the archive declares."""
    for info in archive.infolist():
        if not info.is_dir():
            with Part(archive, info.filename, xml=False) as part:
                while part.read(_CHUNK):
                    pass


def root(archive: zipfile.ZipFile, name: str, tag: str) -> Any:
    """The part's whole tree, its root ``tag`` (a small part: the workbook, its styles)."""
    top = None
    with Part(archive, name, feed=True) as part:
        for _event, element in iterparse(part, ("start",)):
            top = element if top is None else top
    if top is None or top.tag != tag:
        raise UnsupportedError(name)
    return top


def children(node: Any, space: str, *names: str) -> dict[str, list[Any]]:
    """The node's children of these names in the namespace ``space``. openpyxl reads a
    part's structure by local names, whatever their namespace, and the last of a kind
    wins; Excel reads its own namespace: one of these names in another is a file the
    two read apart."""
    found: dict[str, list[Any]] = {name: [] for name in names}
    for child in node:
        local = child.tag.rpartition("}")[2]
        if local in found:
            if child.tag != space + local:
                raise UnsupportedError(child.tag)
            found[local].append(child)
    return found


def relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part`` ("" for the package): id → (type, target part)."""
    folder, name = posixpath.split(part)
    rels = root(archive, posixpath.join(folder, "_rels", f"{name}.rels"), f"{RELS}Relationships")
    found: dict[str, tuple[str, str]] = {}
    for rel in children(rels, RELS, "Relationship")["Relationship"]:
        key = rel.get("Id", "")
        if key in found:  # openpyxl takes the last of one id
            raise UnsupportedError(key)
        if rel.get("TargetMode") != "External":
            found[key] = (rel.get("Type", ""), target(folder, rel.get("Target", "")))
    return found


def target(folder: str, named: str) -> str:
    """The part a relationship names from ``folder``: one not already a plain path (./,
    .., %-escapes, \\) may be two different members to openpyxl and Excel."""
    path = named[1:] if named.startswith("/") else posixpath.join(folder, named)
    if posixpath.normpath(path) != path or "%" in path or "\\" in path or path.startswith("/"):
        raise UnsupportedError(named)
    return path


def listed(overrides: list[Any], kinds: set[str] | frozenset[str]) -> str | None:
    """The one part [Content_Types].xml gives one of these types, as openpyxl takes it."""
    parts = [o.get("PartName", "") for o in overrides if o.get("ContentType") in kinds]
    if len(parts) > 1 or (parts and not parts[0].startswith("/")):
        raise UnsupportedError("content types")
    return target("", parts[0]) if parts else None


def workbook(archive: zipfile.ZipFile) -> tuple[str, list[Any]]:
    """The workbook part, where openpyxl (by its content type) and Excel (through
    _rels/.rels) both find it; and [Content_Types].xml's overrides."""
    names = archive.namelist()
    if len({name.lower() for name in names}) != len(names):  # a member twice
        raise UnsupportedError("members")
    types = root(archive, "[Content_Types].xml", f"{TYPES}Types")
    overrides = children(types, TYPES, "Override")["Override"]
    book = listed(overrides, BOOKS)
    documents = [path for kind, path in relationships(archive, "").values() if kind == DOCUMENT]
    if book is None or documents != [book]:
        raise UnsupportedError("workbook part")
    return book, overrides
