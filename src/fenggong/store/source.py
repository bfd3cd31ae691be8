"""Where a file's bytes come from (a path, a git revision), their hash and their size limit."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, NamedTuple

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
    _a_revision(revision, _("name a commit, branch or tag: --git main"))
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


class Entry(NamedTuple):
    """A name in a folder as committed: a file's bytes, or None for anything else (a
    folder, a symbolic link, a submodule)."""

    name: str
    source: Source | None
    folder: bool = False  # a folder, or a submodule's


# git ls-tree's modes of a file's blob; a link (120000) is a blob too, of its target's name.
_FILE_MODES = frozenset({b"100644", b"100755"})
_FOLDER_MODES = frozenset({b"040000", b"160000"})  # a folder; a submodule's commit


def git_folder(revision: str, folder: Path) -> Generator[Entry, None, None]:
    """The entries of ``folder`` as committed in ``revision``, in git's order.

    They are read from git as they come and never held all at once, so that a folder of
    a million files can be refused after the first few thousand that matter; each file's
    bytes are read only when its source is opened. A revision without the folder, or one
    where it is a file, is a FileAccessError saying so.
    """
    top, tree, what = _tree(revision, folder)
    try:
        kind = _git(top, "cat-file", "-t", tree).decode().strip()
    except FileAccessError:
        raise FileAccessError(
            _("there is no {path} at {revision}").format(path=folder, revision=revision),
            hint=_("name a commit, branch or tag that has the library folder"),
        ) from None
    if kind != "tree":
        raise FileAccessError(
            _("{path} is a file at {revision}, not a library folder").format(
                path=folder, revision=revision
            ),
            hint=_("compare a plan file with --git, or name a revision that has the folder"),
        )
    for mode, blob, size, name in _listing(top, tree, what):
        shown = Path(f"{revision}:{folder / name}")
        if mode not in _FILE_MODES:
            yield Entry(name, None, mode in _FOLDER_MODES)
            continue
        yield Entry(name, Source(shown, _blob_reader(top, blob, str(shown)), size))


def _tree(revision: str, folder: Path) -> tuple[Path, str, str]:
    """The repository holding ``folder``, the folder's tree at ``revision`` as git names
    it (SHA:path), and the folder at the revision as a message names it."""
    _a_revision(revision, _("name a commit, branch or tag: --git main"))
    real = folder.resolve()
    # The folder may be gone from the working copy (--git REV1..REV2): ask where it was.
    anchor = next((p for p in (real, *real.parents) if p.is_dir()), real.anchor)
    top = Path(_git(Path(anchor), "rev-parse", "--show-toplevel").decode().strip())
    inside = real.relative_to(top.resolve()).as_posix()
    what = _("{path} at {revision}").format(path=folder, revision=revision)
    verify = ("rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}")
    sha = _git(top, *verify, what=what).decode().strip()
    return top, (f"{sha}:" if inside == "." else f"{sha}:{inside}"), what


def is_folder_at(revision: str, folder: Path) -> bool:
    """Whether ``folder`` is a folder as committed in ``revision`` of the repository
    holding it: not when it is in no repository, or in one without that revision."""
    try:
        top, tree, _what = _tree(revision, folder)
        return _git(top, "cat-file", "-t", tree).decode().strip() == "tree"
    except FileAccessError:
        return False


def _blob_reader(top: Path, blob: str, what: str) -> Callable[[], IO[bytes]]:
    return lambda: io.BytesIO(_git(top, "cat-file", "blob", blob, what=what))


def _listing(top: Path, tree: str, what: str) -> Iterator[tuple[bytes, str, int, str]]:
    """``git ls-tree -z -l`` of the tree, an entry at a time: mode, object, size, name."""
    import subprocess

    env = {**os.environ, "GIT_NO_LAZY_FETCH": "1"}
    command = ["git", "-C", str(top), "ls-tree", "-z", "-l", tree]
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
    except OSError as err:
        raise FileAccessError(_("cannot run git: {reason}").format(reason=err)) from None
    assert process.stdout is not None
    try:
        rest = b""
        while chunk := process.stdout.read(CHUNK):
            *records, rest = (rest + chunk).split(b"\0")
            for record in records:
                head, _tab, name = record.partition(b"\t")
                mode, _kind, blob, size = head.split(None, 3)
                yield mode, blob.decode(), int(size) if size.isdigit() else 0, os.fsdecode(name)
        if process.wait() != 0:
            raise FileAccessError(
                _("cannot read {what}: {reason}").format(
                    what=what, reason=_("git {command} failed").format(command="ls-tree")
                )
            )
    finally:
        # Left early (too many files): the listing is not wanted any more.
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()


def _a_revision(revision: str, hint: str) -> None:
    if revision.startswith("-"):
        raise UsageError(_("{revision} is not a revision").format(revision=revision), hint=hint)


def merge_base(first: str, second: str, path: Path) -> str:
    """The commit ``first...second`` compares from, as git diff reads three dots."""
    for revision in (first, second):
        _a_revision(revision, _("name a branch, tag or commit: --git main...topic"))
    real = path.resolve()
    anchor = real if real.is_dir() else real.parent  # a library's folder is its own place
    base = _git(anchor, "merge-base", "--end-of-options", first, second)
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
