"""Where a dataset's bytes come from (a file, a git revision), and the first pass over them."""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO

import msgspec

from fenggong.errors import FileAccessError, Problem

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 20


class Source(msgspec.Struct, frozen=True):
    """A dataset's bytes, readable more than once: scanned, parsed, and read again to locate."""

    name: Path
    opener: Callable[[], IO[bytes]]
    size: int

    def open(self) -> IO[bytes]:
        try:
            return self.opener()
        except OSError as err:
            raise FileAccessError(f"{self.name}: {err.strerror or err}") from None

    def read(self) -> bytes:
        with self.open() as stream:
            return stream.read()


def from_path(path: Path) -> Source:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileAccessError(
            f"{path}: no such file", hint="give the path of a tasks.yaml, or leave --data out"
        ) from None
    except OSError as err:
        raise FileAccessError(f"{path}: {err.strerror or err}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileAccessError(f"{path} is a directory, not a dataset file")
    if not stat.S_ISREG(info.st_mode):
        # Reading a device or a pipe could block forever or never end.
        raise FileAccessError(f"{path} is not a regular file")
    try:
        path.open("rb").close()
    except PermissionError:
        raise FileAccessError(f"{path}: permission denied") from None
    except OSError as err:
        raise FileAccessError(f"{path}: {err.strerror or err}") from None
    return Source(path, lambda: path.open("rb"), info.st_size)


def from_bytes(raw: bytes, name: Path) -> Source:
    return Source(name, lambda: io.BytesIO(raw), len(raw))


def from_git(revision: str, path: Path) -> Source:
    """The file at ``path`` as committed in ``revision`` of its repository."""
    import subprocess  # only diff --git needs it

    folder = path.resolve().parent
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "show", f"{revision}:./{path.name}"],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise FileAccessError(f"cannot run git: {err}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FileAccessError(
            f"cannot read {path} at {revision}: {reason[-1] if reason else 'git failed'}",
            hint="name a commit, branch or tag that has the file",
        )
    return from_bytes(done.stdout, Path(f"{revision}:{path}"))


def digest(source: Source) -> str:
    """SHA-256 of the bytes, a chunk at a time: the cache key."""
    hashed = hashlib.sha256()
    with source.open() as stream:
        while chunk := stream.read(_CHUNK):
            hashed.update(chunk)
    return hashed.hexdigest()


# Far above any real table (100,000 tasks take 40 MB), far below what would exhaust memory.
MAX_BYTES = 128 << 20


def size_problem(source: Source) -> Problem | None:
    if source.size <= MAX_BYTES:
        return None
    from fenggong.checks.rulebook import RULES

    rule = RULES["FG022"]
    return Problem(
        rule.code,
        rule.name,
        f"the file is {source.size / 2**20:.0f} MiB; "
        f"a dataset may be {MAX_BYTES >> 20} MiB at most",
        line=1,
        column=1,
        hint="is this the right file? split a larger plan into several datasets",
    )


# What YAML refuses in a document: control characters other than tab and line breaks.
_NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


class Inspection(msgspec.Struct, frozen=True):
    problem: Problem | None  # not UTF-8, or a character YAML refuses
    anchors: bool  # an "&" somewhere: the document may hold YAML anchors, so aliases


def inspect(source: Source) -> Inspection:
    """One pass over the bytes, a chunk at a time (a file may be large): is it UTF-8 text
    YAML accepts, and could it use anchors at all?"""
    decoder = codecs.getincrementaldecoder("utf-8")()
    non_printable = re.compile(_NON_PRINTABLE)  # compiled here: a cache hit never needs it
    anchors = False
    with source.open() as stream:
        head = stream.read(2)
        if head in (b"\xff\xfe", b"\xfe\xff"):
            return Inspection(_encoding("the file is UTF-16", 1, 1), anchors)
        chunk = head
        try:
            while chunk:
                anchors = anchors or b"&" in chunk
                if non_printable.search(decoder.decode(chunk)):
                    return Inspection(_locate_control(source.read().decode("utf-8")), anchors)
                chunk = stream.read(_CHUNK)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            # Where and what, from the whole text: only for a broken file.
            return Inspection(_locate_encoding(source.read()), anchors)
    return Inspection(None, anchors)


def _locate_control(text: str) -> Problem | None:
    found = re.search(_NON_PRINTABLE, text)
    if found is None:
        return None
    char = f"U+{ord(found.group()):04X}"
    return _encoding(
        f"the file contains the control character {char}, which YAML does not allow",
        *_line_column(text, found.start()),
        hint="remove it; write it escaped (\\u0008) inside a double-quoted string if it is meant",
    )


def _locate_encoding(raw: bytes) -> Problem | None:
    raw = raw.removeprefix(_BOM)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        guess = "GB18030/GBK" if _decodes(raw, "gb18030") else "not UTF-8"
        what = f"the file is {guess} (byte 0x{raw[err.start]:02x})"
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
        what if hint else f"{what}; datasets are UTF-8",
        line=line,
        column=column,
        hint=hint or "re-save the file as UTF-8 (a byte order mark is accepted)",
    )


class Counting:
    """A stream that tells how far it has been read: progress for a long parse."""

    def __init__(self, stream: IO[bytes], step: Callable[[int], None]) -> None:
        self._stream = stream
        self._step = step
        self._done = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        self._done += len(chunk)
        self._step(self._done)
        return chunk
