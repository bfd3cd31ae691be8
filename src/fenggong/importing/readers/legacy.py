"""Old binary Office files (.doc, .wps, .xls): converted through LibreOffice, then read.

LibreOffice runs headless with a profile of its own in a temporary folder (a user's open
LibreOffice would otherwise take the conversion, or lock it), on a copy of the file (its
name may be anything), within a time limit, its whole process group ended past it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import ClassVar

import msgspec

from fenggong.errors import SourceError, UsageError
from fenggong.importing.document import Document
from fenggong.importing.readers.base import OLE2_MAGIC, Reader
from fenggong.importing.readers.docx import DocxReader
from fenggong.importing.readers.xlsx import XlsxReader
from fenggong.messages import _

TIMEOUT = 60  # seconds: a 分工方案 converts in two or three
# An Office file saved with a password is an OLE2 file holding the encrypted package.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_SHEETS = (".xls", ".et")


def soffice() -> str | None:
    """LibreOffice's command, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


class LegacyReader(Reader):
    """A .doc, .wps or .xls file, through LibreOffice."""

    name: ClassVar[str] = "legacy"
    suffixes: ClassVar[tuple[str, ...]] = (".doc", ".wps", ".xls", ".et")
    description: ClassVar[str] = "an old Word, WPS or Excel file, converted by LibreOffice"

    def claims_content(self, head: bytes) -> bool:
        return head.startswith(OLE2_MAGIC)

    def parse(self, data: bytes, file: str) -> Document:
        if _ENCRYPTED in data:
            raise SourceError(
                file,
                None,
                _("the file is protected by a password; fenggong cannot open it"),
                _("open it, remove the password (or save a copy without one), and import that"),
            )
        command = soffice()
        if command is None:
            raise UsageError(
                _(
                    "{file}: reading this old Office format needs LibreOffice, which is not "
                    "installed"
                ).format(file=file),
                _(
                    "install LibreOffice (apt install libreoffice-writer, or from "
                    "libreoffice.org), or open the file and save it as .docx or .xlsx"
                ),
            )
        sheet = Path(file).suffix.lower() in _SHEETS
        target, reader = ("xlsx", XlsxReader()) if sheet else ("docx", DocxReader())
        with tempfile.TemporaryDirectory(prefix="fenggong-convert-") as folder:
            work = Path(folder)
            source = work / f"source{Path(file).suffix.lower() or '.doc'}"
            source.write_bytes(data)
            _convert(command, source, target, work, file)
            converted = work / "out" / f"source.{target}"
            if not converted.is_file():
                raise SourceError(
                    file,
                    None,
                    _("LibreOffice could not convert the file to .{format}").format(format=target),
                    _("open it in Word, WPS or LibreOffice and save it as .docx or .xlsx"),
                )
            document = reader.parse(converted.read_bytes(), file)
        note = _("converted from {suffix} through LibreOffice").format(
            suffix=Path(file).suffix.lower() or ".doc"
        )
        return msgspec.structs.replace(document, notes=(note, *document.notes))


def _convert(command: str, source: Path, target: str, work: Path, file: str) -> None:
    arguments = [
        command,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        target,
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    with subprocess.Popen(
        arguments,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own group: a timeout ends every process it started
        env={**os.environ, "HOME": str(work)},
    ) as process:
        try:
            process.wait(timeout=TIMEOUT)
        except BaseException as stopped:  # a timeout, or Ctrl-C: LibreOffice must not linger
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            if not isinstance(stopped, subprocess.TimeoutExpired):
                raise
            raise SourceError(
                file,
                None,
                _("LibreOffice did not convert the file within {seconds} seconds").format(
                    seconds=TIMEOUT
                ),
                _("open it in Word, WPS or LibreOffice and save it as .docx or .xlsx"),
            ) from None
