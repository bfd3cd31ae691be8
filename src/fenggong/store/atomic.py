"""Atomic file writes: a temporary file beside the target, then a rename; never a partial file."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from fenggong.errors import FileAccessError
from fenggong.messages import _

# The tool's own temporary files, and no one else's: a short fixed name, so that a target
# name of any legal length still leaves room for it (a name may have 255 bytes).
TEMP_PREFIX = ".fenggong-"
TEMP_SUFFIX = ".tmp"
STALE = 3600  # seconds after which a temporary file is a killed writer's leftover
# The names tempfile.mkstemp gives with that prefix and suffix, and only those: a user's own
# ".fenggong-notes.tmp" in an export folder is not the tool's to delete.
_OWN_TEMPORARY = re.compile(re.escape(TEMP_PREFIX) + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def check_target(raw: str) -> Path:
    """The path ``raw`` names, if an export may replace what is there; else FileAccessError.

    Only a regular file is replaced: a rename over a device, a FIFO or a symbolic link would
    turn ``/dev/null`` into a file, or replace the link instead of writing where it points.
    """
    path = Path(raw)
    if raw.endswith(("/", os.sep)):
        raise FileAccessError(
            _("{path} names a folder").format(path=raw), hint=_("name a file: -o 分工表.xlsx")
        )
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise FileAccessError(
            _("cannot write {path}: {reason}").format(path=path, reason=err.strerror or err)
        ) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise FileAccessError(
            _("{path} is a directory").format(path=path), hint=_("name a file: -o 分工表.xlsx")
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        what = (
            _("{path} is a symbolic link; an export replaces only a regular file")
            if stat.S_ISLNK(info.st_mode)
            else _("{path} is not a regular file; an export replaces only a regular file")
        )
        raise FileAccessError(
            what.format(path=path), hint=_("name a new file, or remove what is there first")
        )
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise FileAccessError(
            _("{path} does not exist").format(path=folder), hint=_("create the folder first")
        )
    return path


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` in one step; on any interruption the old file stays.
    ``durable``: on the disk before it replaces the old one (fsync); a cache entry, which
    a crash may cost but never corrupt unseen (a broken entry is rebuilt), need not wait.

    The temporary file is in the target's folder, so the rename never crosses a file system;
    it is removed on every failure, Ctrl-C (KeyboardInterrupt) and SystemExit included. A
    process killed outright (SIGKILL) cannot remove it: the next write into that folder
    removes the tool's own temporary files older than an hour. Raises OSError.
    """
    folder = path.parent if str(path.parent) else Path()
    sweep(folder)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        Path(temporary).chmod(_mode(path))
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def sweep(folder: Path) -> None:
    """Remove the tool's own temporary files that a killed writer left, an hour on."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            if not _OWN_TEMPORARY.fullmatch(leftover.name):
                continue
            with contextlib.suppress(OSError):
                info = leftover.lstat()
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE:
                    leftover.unlink()


def _mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask,
    and so does one in the place of a link (not the mode of what it points to, /dev/zero's
    0666, nor the link's own 0777)."""
    try:
        info = path.lstat()
        if not stat.S_ISLNK(info.st_mode):
            return info.st_mode & 0o7777
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def same_line_endings(path: Path, data: bytes) -> bytes:
    """``data`` (text the tool wrote, its lines ending in LF) in the line endings of the
    file at ``path``: CRLF if its first line ends so (a file kept on Windows, or checked
    out with core.autocrlf), else as it is. A rewrite then changes only what it meant to,
    not every line of the file in a diff."""
    try:
        with path.open("rb") as existing:
            first = existing.readline()
    except OSError:
        return data
    if not first.endswith(b"\r\n"):
        return data
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
