"""The interface every importer implements, and the file reading they share.

An importer is an object, as a pip-audit dependency source is: a name, the file
extensions it expects, a look at a file's first bytes to say whether the content is
its format, and ``read(path) -> Draft``. The registry asks each in turn.
"""

from __future__ import annotations

import abc
from pathlib import Path
from typing import ClassVar

from fenggong.errors import FileAccessError, SourceError, stat_regular
from fenggong.importing.draft import Draft
from fenggong.messages import _

# Enough to recognise any format by its opening, little enough to read for every importer.
HEAD_BYTES = 8192
# A 分工表 is tens of kilobytes; a file a thousand times larger is not one.
MAX_BYTES = 64 << 20
_BOM = b"\xef\xbb\xbf"


class Importer(abc.ABC):
    """A reader of one kind of source document (a text dump, a web page, a workbook …)."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]  # lower case, with the dot: (".txt",)
    description: ClassVar[str]

    def claims_name(self, path: Path) -> bool:
        """Whether the file's extension is one this importer expects."""
        return path.suffix.lower() in self.suffixes

    @abc.abstractmethod
    def claims_content(self, head: bytes) -> bool:
        """Whether a file's first bytes (up to HEAD_BYTES) look like this importer's format."""

    def can_read(self, path: Path) -> bool:
        """Whether this importer recognises the file, by its content or else its extension."""
        return self.claims_content(read_head(path)) or self.claims_name(path)

    @abc.abstractmethod
    def read(self, path: Path) -> Draft:
        """The draft in the file; SourceError, located, if it is not in this format."""


def _regular(path: Path) -> None:
    info = stat_regular(path, _("a source document"))
    if info.st_size > MAX_BYTES:
        size, limit = -(-info.st_size >> 20), MAX_BYTES >> 20  # rounded up: never "64 of 64"
        raise SourceError(
            str(path),
            1,
            _("the file is {size} MiB; a 分工表 source may be {limit} MiB at most").format(
                size=size, limit=limit
            ),
        )


def _read(path: Path, size: int) -> bytes:
    _regular(path)
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError as err:
        raise FileAccessError(
            _("{path}: {reason}").format(path=path, reason=err.strerror or err)
        ) from None


def read_head(path: Path) -> bytes:
    """The first HEAD_BYTES of a file, for importers to recognise their format by."""
    return _read(path, HEAD_BYTES)


def read_bytes(path: Path) -> bytes:
    """A whole source file; FileAccessError if it cannot be read."""
    data = _read(path, MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # it grew after it was measured
        raise SourceError(
            str(path),
            1,
            _("a 分工表 source may be {limit} MiB at most").format(limit=MAX_BYTES >> 20),
        )
    return data


def utf8_text(data: bytes, file: str) -> str:
    """Bytes as UTF-8 text, a leading BOM dropped; a located SourceError if they are not.

    Line ends are not text: CRLF becomes LF so that cells read the same either way.
    """
    body = data.removeprefix(_BOM)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        line = body.count(b"\n", 0, err.start) + 1
        start = body.rfind(b"\n", 0, err.start) + 1
        column = len(body[start : err.start].decode("utf-8", "replace")) + 1
        byte = body[err.start : err.start + 1].hex().upper()
        hint = _("save the file as UTF-8")
        try:
            body.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            converted = Path(file).with_suffix(".utf8.txt")
            hint = _("it reads as GBK: iconv -f GB18030 -t UTF-8 {file} > {converted}").format(
                file=file, converted=converted
            )
        message = _("not UTF-8 text: byte 0x{byte} cannot be decoded").format(byte=byte)
        raise SourceError(file, line, message, hint, column) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(file, line, _("a NUL byte: this is a binary file, not text"))
    return text.replace("\r\n", "\n")
