"""The interface every reader implements, and the bounded reading and decoding they share.

A reader turns one kind of document (a text, a web page, a Word file, a workbook) into a
located ``Document``. The registry picks one by a file's first bytes, then its extension.
"""

from __future__ import annotations

import abc
import codecs
import io
import zipfile
from pathlib import Path
from typing import ClassVar

from fenggong.errors import FileAccessError, SourceError, stat_regular
from fenggong.importing.document import Document
from fenggong.messages import _

# Enough to recognise any format by its opening, little enough to read for every reader.
HEAD_BYTES = 8192
# A 分工表 is tens of kilobytes; a file a thousand times larger is not one.
MAX_BYTES = 64 << 20
# A text or a web page: a 分工方案 is a few hundred KiB; parsing 4 MiB of HTML takes
# seconds, and more would take minutes.
MAX_TEXT = 4 << 20
# What a docx or xlsx may unpack to: more is a zip bomb, not a plan.
MAX_UNZIPPED = 256 << 20
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_BOMS = (
    (codecs.BOM_UTF8, "utf-8", None),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
# C0 controls that no text holds; tab, line ends, form feed and Word's manual line break
# (a vertical tab, in text copied from Word) are text.
_CONTROLS = frozenset(chr(c) for c in range(32)) - set("\t\n\r\f\v")


class Reader(abc.ABC):
    """A reader of one kind of source document."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]  # lower case, with the dot: (".txt",)
    description: ClassVar[str]

    def claims_name(self, path: Path) -> bool:
        """Whether the file's extension is one this reader expects."""
        return path.suffix.lower() in self.suffixes

    @abc.abstractmethod
    def claims_content(self, head: bytes) -> bool:
        """Whether a file's first bytes (up to HEAD_BYTES) look like this reader's format."""

    def read(self, path: Path) -> Document:
        """The document in the file; SourceError, located when it can be, if unreadable."""
        return self.parse(read_bytes(path), str(path))

    @abc.abstractmethod
    def parse(self, data: bytes, file: str) -> Document:
        """The document in ``data``, read from ``file`` (named in every Where)."""


def _regular(path: Path, form: bool = False) -> None:
    info = stat_regular(path, _("a report form") if form else _("a source document"))
    if info.st_size > MAX_BYTES:
        size, limit = -(-info.st_size >> 20), MAX_BYTES >> 20  # rounded up: never "64 of 64"
        said = (
            _("the file is {size} MiB; a report form may be {limit} MiB at most")
            if form
            else _("the file is {size} MiB; a 分工表 source may be {limit} MiB at most")
        )
        raise SourceError(str(path), None, said.format(size=size, limit=limit))


def _read(path: Path, size: int, form: bool = False) -> bytes:
    _regular(path, form)
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError as err:
        raise FileAccessError(
            _("{path}: {reason}").format(path=path, reason=err.strerror or err)
        ) from None


def read_head(path: Path) -> bytes:
    """The first HEAD_BYTES of a file, for readers to recognise their format by."""
    return _read(path, HEAD_BYTES)


def read_bytes(path: Path, form: bool = False) -> bytes:
    """A whole source file (``form``: a returned report form, and said so); FileAccessError
    if it cannot be read, SourceError if too big."""
    data = _read(path, MAX_BYTES + 1, form)
    if len(data) > MAX_BYTES:  # it grew after it was measured
        said = (
            _("a report form may be {limit} MiB at most")
            if form
            else _("a 分工表 source may be {limit} MiB at most")
        )
        raise SourceError(str(path), None, said.format(limit=MAX_BYTES >> 20))
    return data


def _utf16_order(data: bytes) -> str | None:
    """The codec of BOM-less UTF-16, if the bytes are that: read in the right order, its
    ASCII (line ends, digits, punctuation) is ASCII; read in the wrong one, it is CJK or
    worse. A NUL byte is the sign to look: UTF-8 and GB18030 text never has one."""
    sample = data[: HEAD_BYTES & ~1]
    if 0 not in sample:
        return None
    scores = {
        codec: sum("\x01" <= ch < "\x80" for ch in sample.decode(codec, "replace"))
        for codec in ("utf-16-le", "utf-16-be")
    }
    (best, score), (_, other) = sorted(scores.items(), key=lambda item: -item[1])
    return best if score >= 2 and score > 2 * other else None


def _codec(label: str | None) -> str | None:
    """A declared charset as a Python codec; GB2312 and GBK are read as their superset."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name in {"gb2312", "gbk", "gb18030"} else name


def decode_text(data: bytes, file: str, declared: str | None = None) -> tuple[str, tuple[str, ...]]:
    """Bytes as text, with a note when they were not UTF-8; line ends made LF.

    A BOM decides; then BOM-less UTF-16; then a declared charset (a web page's meta);
    then UTF-8, then GB18030 (which reads GBK and GB2312). A located SourceError when
    none reads them, or when the text holds controls no text has (a binary file).
    """
    if len(data) > MAX_TEXT:
        raise SourceError(
            file,
            None,
            _("{size} MiB of text; a 分工方案 is a page of a few hundred KiB").format(
                size=-(-len(data) >> 20)
            ),
            _("import the part of the document that holds the 分工"),
        )
    notes: list[str] = []
    text: str | None = None
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec, file)
            if label:
                notes.append(_("decoded as {encoding}").format(encoding=label))
            break
    if text is None and (order := _utf16_order(data)) is not None:
        try:
            text = data.decode(order)
        except UnicodeDecodeError:
            text = None
        else:
            label = "UTF-16LE" if order.endswith("le") else "UTF-16BE"
            notes.append(_("decoded as {encoding} (no byte order mark)").format(encoding=label))
    declared_codec = _codec(declared)
    if text is None and declared_codec not in (None, "utf-8"):
        try:
            text = data.decode(declared_codec or "")
        except UnicodeDecodeError:
            text = None
        else:
            notes.append(_("decoded as {encoding}").format(encoding=(declared or "").upper()))
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "gb18030", file)
            notes.append(_("decoded as {encoding}").format(encoding="GB18030"))
    _refuse_binary(text, file)
    return text.replace("\r\n", "\n").replace("\r", "\n"), tuple(notes)


def _strict(body: bytes, codec: str, file: str) -> str:
    try:
        return body.decode(codec)
    except UnicodeDecodeError as err:
        line = body[: err.start].decode(codec, "replace").count("\n") + 1
        byte = body[err.start : err.start + 1].hex().upper()
        raise SourceError(
            file,
            line,
            _("not text: byte 0x{byte} cannot be decoded as {encoding}").format(
                byte=byte, encoding=codec.upper()
            ),
            _("save the file as UTF-8 text, or as .docx, .xlsx or .html"),
        ) from None


def _refuse_binary(text: str, file: str) -> None:
    head = text[:HEAD_BYTES]
    controls = sum(ch in _CONTROLS for ch in head)
    if "\x00" in text or controls > max(2, len(head) // 100):
        first = next((i for i, ch in enumerate(text) if ch in _CONTROLS), 0)
        line = text.count("\n", 0, first) + 1
        raise SourceError(
            file,
            line,
            _("control bytes: this is a binary file, not text"),
            _("save the file as UTF-8 text, or as .docx, .xlsx or .html"),
        )


def open_zip(data: bytes, file: str, what: str) -> zipfile.ZipFile:
    """The zip archive a docx or xlsx is, its unpacked size checked before anyone reads it.

    ``what`` names the format for the message (a Word .docx file). The sizes checked are
    the ones the archive declares, and zipfile never unpacks a member past its own.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise SourceError(
            file,
            None,
            _("not a readable {what}: the zip archive it should be is damaged").format(what=what),
            _("open it in its program and save it again, or export it as .docx or .xlsx"),
        ) from None
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNZIPPED:
        raise SourceError(
            file,
            None,
            _("the archive unpacks to {size} MiB; a 分工表 source may hold {limit} MiB").format(
                size=unpacked >> 20, limit=MAX_UNZIPPED >> 20
            ),
        )
    return archive


def zip_names(data: bytes) -> frozenset[str]:
    """The member names of a zip archive, or none if it is not one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return frozenset(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return frozenset()


def unreadable(file: str, what: str, error: Exception) -> SourceError:
    """The error for a file its library could not read, its reason in the message."""
    reason = (
        str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
    )
    return SourceError(
        file,
        None,
        _("not a readable {what}: {reason}").format(what=what, reason=reason),
        _("open it in its program and save it again"),
    )


def missing_member(file: str, what: str, member: str) -> SourceError:
    """The error for a zip archive without the part its format must have."""
    return SourceError(
        file,
        None,
        _("not a readable {what}: the archive has no {member}").format(what=what, member=member),
        _("open it in its program and save it again"),
    )
