"""Where a file's bytes come from (a path, a git revision), their hash and their size limit."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import IO

import msgspec

from fenggong.errors import FileAccessError, Problem, UsageError, stat_regular
from fenggong.messages import _

CHUNK = 1 << 20  # bytes read at a time: a file may be large


class Source(msgspec.Struct, frozen=True):
    """A dataset's bytes, readable more than once: scanned, parsed, and read again to locate."""

    name: Path
    opener: Callable[[], IO[bytes]]
    size: int

    def open(self) -> IO[bytes]:
        try:
            return self.opener()
        except OSError as err:
            raise FileAccessError(
                _("{path}: {reason}").format(path=self.name, reason=err.strerror or err)
            ) from None

    def read(self) -> bytes:
        with self.open() as stream:
            return stream.read()


def from_path(path: Path) -> Source:
    """The file at ``path``, opened once: the file checked is the file read.

    It is opened without blocking (a pipe swapped in after the check cannot hang the
    read) and checked again on the open descriptor; its bytes are read once, on the
    first open, and served from memory after, so a file replaced between the scan, the
    parse and the digest cannot mix two contents.
    """
    stat_regular(path, _("a dataset file"), _("give the path of a tasks.yaml, or leave --data out"))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise FileAccessError(_("{path}: permission denied").format(path=path)) from None
    except OSError as err:
        raise FileAccessError(
            _("{path}: {reason}").format(path=path, reason=err.strerror or err)
        ) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise FileAccessError(_("{path} is not a regular file").format(path=path))
    held: list[bytes] = []

    def opener() -> IO[bytes]:
        if not held:
            with os.fdopen(fd, "rb") as stream:
                # No more than the size checked: a file that grew since is read as it was.
                held.append(stream.read(info.st_size))
        return io.BytesIO(held[0])

    return Source(path, opener, info.st_size)


def from_bytes(raw: bytes, name: Path) -> Source:
    return Source(name, lambda: io.BytesIO(raw), len(raw))


def from_git(revision: str, path: Path) -> Source:
    """The file at ``path`` as committed in ``revision`` of its repository.

    The revision is resolved by ``git rev-parse --verify --end-of-options``, so that it
    can never be read as an option (``--output=FILE``); the blob's size is asked before
    its bytes, which are read only when the pipeline opens the source, after the size
    limit. A symbolic link is followed to the file it names, in that file's repository.
    """
    if revision.startswith("-"):
        raise UsageError(
            _("{revision} is not a revision").format(revision=revision),
            hint=_("name a commit, branch or tag: --git main"),
        )
    real = path.resolve()
    top = Path(_git(real.parent, "rev-parse", "--show-toplevel").decode().strip())
    inside = real.relative_to(top.resolve()).as_posix()
    what = _("{path} at {revision}").format(path=path, revision=revision)
    verify = ("rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}")
    sha = _git(top, *verify, what=what).decode().strip()
    blob = f"{sha}:{inside}"
    size = int(_git(top, "cat-file", "-s", blob, what=what).decode())
    return Source(
        Path(f"{revision}:{path}"),
        lambda: io.BytesIO(_git(top, "cat-file", "blob", blob, what=what)),
        size,
    )


def merge_base(first: str, second: str, path: Path) -> str:
    """The commit ``first...second`` compares from, as git diff reads three dots."""
    for revision in (first, second):
        if revision.startswith("-"):
            raise UsageError(
                _("{revision} is not a revision").format(revision=revision),
                hint=_("name a branch, tag or commit: --git main...topic"),
            )
    base = _git(path.resolve().parent, "merge-base", "--end-of-options", first, second)
    return base.decode().strip()


def _git(folder: Path, *args: str, what: str | None = None) -> bytes:
    """What git prints for ``args`` run in ``folder``; FileAccessError, with git's reason."""
    import subprocess  # only diff --git needs it

    # A partial clone would fetch a missing blob over the network: the tool never connects.
    env = {**os.environ, "GIT_NO_LAZY_FETCH": "1"}
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            check=False,
            timeout=60,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise FileAccessError(_("cannot run git: {reason}").format(reason=err)) from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        said = reason[-1] if reason else _("git {command} failed").format(command=args[0])
        raise FileAccessError(
            _("cannot read {what}: {reason}").format(what=what, reason=said) if what else said,
            hint=_("name a commit, branch or tag that has the file"),
        )
    return done.stdout


def digest(source: Source) -> str:
    """SHA-256 of the bytes, a chunk at a time: the cache key."""
    hashed = hashlib.sha256()
    with source.open() as stream:
        while chunk := stream.read(CHUNK):
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
        _("the file is {size} MiB; a dataset may be {limit} MiB at most").format(
            size=f"{source.size / 2**20:.0f}", limit=MAX_BYTES >> 20
        ),
        line=1,
        column=1,
        hint=_("is this the right file? split a larger plan into several datasets"),
    )
