"""The cache of checked files: JSON entries keyed by kind, content hash and package version.

A hit skips parsing and validation. A miss, an unreadable, corrupt or foreign file means
rebuilding, silently; a cache directory that cannot be written means working without one.
JSON, never pickle: a file, and so its cache, may come from someone else. Every edit of a
file makes a new entry, so each write keeps only the most recently used ones of its kind.

The trust boundary: an entry is believed only from a folder that is the user's own and
that no one else may write (as ssh treats its keys), made 0700 when the tool creates it;
an entry is opened without following a link, and only if it is a regular file of a sane
size; its records must decode into the model's types and constraints and hang together
(the kind says how). Anything else is a miss, and the file is read and checked again.
With no home folder and no $XDG_CACHE_HOME, there is no cache.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

import msgspec

from fenggong import __version__
from fenggong.checks.plan import PLAN
from fenggong.model import Record

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind
    from fenggong.model import Dataset

FORMAT = 4  # the layout of an entry; 4: one for every kind, its name and format inside
KEEP = 10  # entries kept of each kind, most recently used first
STALE = 30 * 86_400  # seconds an entry of another format lives unused

R = TypeVar("R", bound=Record)


@functools.cache
def _entry(root: type[Record]) -> type[msgspec.Struct]:
    """The entry of a kind: its records under "data"."""
    # Built from types: msgspec would compile each annotation written as a string (as a
    # class body with `from __future__ import annotations` has them) at every start.
    fields = [("format", int), ("version", str), ("kind", str), ("kind_format", int)]
    return msgspec.defstruct("Entry", [*fields, ("sha256", str), ("data", root)], frozen=True)


@functools.cache
def _decoder(root: type[Record]) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(_entry(root))


# An entry is about as large as its YAML; one far larger is not one this tool wrote.
MAX_ENTRY = 512 << 20


def directory() -> Path | None:
    """$XDG_CACHE_HOME/fenggong, else ~/.cache/fenggong; None when there is neither."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(base).is_absolute():  # the XDG spec: a relative path is to be ignored
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home folder (docker run --user 1234)
            return None
    return Path(base) / "fenggong"


def entry_path(digest: str, kind: Kind[Any, Any] = PLAN) -> Path | None:
    # Version and formats in the name: two installed releases (a pipx one and a checkout)
    # keep an entry each instead of replacing each other's at every run.
    folder = directory()
    name = f"{kind.namespace}.{kind.format}-{digest}-{__version__}-{FORMAT}.json"
    return None if folder is None else folder / name


def trusted(folder: Path) -> bool:
    """Whether ``folder`` is a real folder of this user's that no one else may write."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return False
    getuid = getattr(os, "getuid", None)  # Windows has no owners by number
    return getuid is None or info.st_uid == getuid()


def _read_entry(path: Path) -> bytes | None:
    """An entry's bytes: never through a link, never a FIFO or a device, never huge."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        # Looked at before it is made a stream: a folder opens, and is no file to read.
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read(MAX_ENTRY + 1)
    except OSError:
        return None
    finally:
        os.close(handle)


@overload
def read(digest: str) -> Dataset | None: ...
@overload
def read(digest: str, kind: Kind[R, Any]) -> R | None: ...
def read(digest: str, kind: Kind[Any, Any] = PLAN) -> Any:
    path = entry_path(digest, kind)
    if path is None or not trusted(path.parent):
        return None
    raw = _read_entry(path)
    if raw is None:
        return None
    root: type[Record] = kind.root
    try:
        # Decoding into the records checks every type and constraint on the way: a corrupt
        # or foreign file is refused here (DecodeError, ValidationError), never half-used.
        entry: Any = _decoder(root).decode(raw)
    except msgspec.MsgspecError:
        return None
    found = (entry.format, entry.version, entry.kind, entry.kind_format, entry.sha256)
    if found != (FORMAT, __version__, kind.namespace, kind.format, digest):
        return None
    if not kind.consistent(entry.data):
        return None
    with contextlib.suppress(OSError):
        touch(path)  # the modification time says when an entry was last used
    return entry.data


def touch(path: Path, when: tuple[int, int] | None = None) -> None:
    """Set an entry's times (now, or ``when``): never those of what a link at its place
    points to, outside the cache."""
    if os.utime in os.supports_follow_symlinks:
        os.utime(path, when, follow_symlinks=False)
    elif not path.is_symlink():  # a system that cannot set a link's own times
        os.utime(path, when)


def write(digest: str, data: Record, kind: Kind[Any, Any], keep: int | None = None) -> None:
    from fenggong.store.atomic import write_atomic

    root: type[Record] = kind.root
    entry = _entry(root)(FORMAT, __version__, kind.namespace, kind.format, digest, data)
    path = entry_path(digest, kind)
    if path is None:
        return
    # Two writers each rename a complete file into place: the last one wins, whole.
    with contextlib.suppress(OSError):
        path.parent.parent.mkdir(parents=True, exist_ok=True)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        if not trusted(path.parent):
            return  # a folder someone else could write: its entries would not be believed
        write_atomic(path, msgspec.json.encode(entry), durable=False)
        prune(path, kind, keep)


def prune(current: Path, kind: Kind[Any, Any], keep: int | None = None) -> None:
    """Delete all but the ``keep`` most recently used entries of the kind (a ledger keeps
    one per period file, store.ledgercache).

    Only files named as this tool names its entries are counted or deleted: a folder that
    is shared, or a user's own file in it, loses nothing else. (Stale temporary files of a
    killed writer are swept by store.atomic, by their own name.)

    Another process may be reading or pruning at the same time: a file that is gone
    already is no error, and a reader that loses its entry rebuilds it. A library of plans
    pushes out no ledger's entries: each kind keeps its own.
    """
    own = re.compile(
        re.escape(f"{kind.namespace}.{kind.format}-") + r"[0-9a-f]{64}-[^/]+-\d+\.json"
    )
    # The kind's entries in another format: an older release's, which only it reads. They
    # would stay forever (100 MB of a 台账's after one upgrade); gone once a month unused.
    formats = re.compile(re.escape(f"{kind.namespace}.") + r"\d+-[0-9a-f]{64}-[^/]+-\d+\.json")
    stale = time.time() - STALE
    entries = []
    for path in current.parent.glob(f"{kind.namespace}.*.json"):
        with contextlib.suppress(OSError):
            if own.fullmatch(path.name):
                entries.append((path.lstat().st_mtime, path))
            elif formats.fullmatch(path.name) and path.lstat().st_mtime < stale:
                path.unlink()
            # Anything else is no entry this tool wrote: never touched.
    entries.sort(reverse=True)
    for _, path in entries[KEEP if keep is None else keep :]:
        if path != current:
            with contextlib.suppress(OSError):
                path.unlink()
