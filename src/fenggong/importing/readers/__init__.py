"""The readers: bytes to a located ``Document``, the reader chosen by content, then name.

Each module reads one kind of document; ``READERS`` holds them in the order a file's
first bytes are tested against them (the specific before the general: an OLE2 or zip
signature before markup, markup before plain text).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from fenggong.errors import SourceError, UsageError
from fenggong.importing.document import Document
from fenggong.importing.readers.base import (
    HEAD_BYTES,
    MAX_BYTES,
    MAX_UNZIPPED,
    ZIP_MAGIC,
    Reader,
    read_bytes,
    read_head,
    zip_names,
)
from fenggong.messages import _
from fenggong.names import did_you_mean


@functools.cache
def _readers() -> dict[str, Reader]:
    # Made when first asked for: importing readers.base (a report form's reader does)
    # would otherwise import openpyxl, python-docx and every other reader's library.
    from fenggong.importing.readers.docx import DocxReader
    from fenggong.importing.readers.html import HtmlReader
    from fenggong.importing.readers.legacy import LegacyReader
    from fenggong.importing.readers.text import TextReader
    from fenggong.importing.readers.xlsx import XlsxReader

    readers = (LegacyReader(), DocxReader(), XlsxReader(), HtmlReader(), TextReader())
    return {reader.name: reader for reader in readers}


def __getattr__(name: str) -> Any:
    if name == "READERS":
        return _readers()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# A zip's members say what it is when its first bytes do not name them.
_ZIP_MEMBERS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))

__all__ = [
    "HEAD_BYTES",
    "MAX_BYTES",
    "MAX_UNZIPPED",
    "READERS",
    "Reader",
    "read_document",
    "reader_for",
    "reader_named",
]


def _known() -> str:
    return ", ".join(f"{r.name} ({' '.join(r.suffixes)})" for r in _readers().values())


def reader_named(name: str) -> Reader:
    """The reader called ``name``; UsageError, with a suggestion, if there is none."""
    try:
        return _readers()[name]
    except KeyError:
        hint = did_you_mean(name, _readers()) or _("the readers are {known}").format(known=_known())
        raise UsageError(_("no reader named {name}").format(name=name), hint) from None


def reader_for(path: Path) -> Reader:
    """The reader for a file: the first whose format its content is, else by extension.

    Content comes first: a crawled web page saved as .txt is read as HTML, a Word file
    renamed .doc as .docx. A file no reader recognises either way is refused.
    """
    head = read_head(path)
    for reader in _readers().values():
        if reader.claims_content(head):
            return reader
    if head.startswith(ZIP_MAGIC):
        names = zip_names(read_bytes(path))
        for member, name in _ZIP_MEMBERS:
            if member in names:
                return _readers()[name]
    for reader in _readers().values():
        if reader.claims_name(path):
            return reader
    raise SourceError(
        str(path),
        None,
        _(
            "not a document fenggong can read: neither its content nor its extension is "
            "one it knows"
        ),
        _("the readers are {known}").format(known=_known()),
    )


def read_document(path: Path, reader: str | None = None) -> Document:
    """The document in ``path``, read by the reader named, or by the one that recognises it."""
    from fenggong.importing.readers.clean import cleaned

    chosen = reader_named(reader) if reader else reader_for(path)
    return cleaned(chosen.read(path))
