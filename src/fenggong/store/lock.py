"""A period file's lock: one ``report collect`` at a time writes it, whoever else waits."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fenggong.errors import FileAccessError
from fenggong.messages import _

WAIT = 10.0  # seconds a collect waits for another to finish with the period's file
_POLL = 0.05


@contextlib.contextmanager
def locked(path: Path, wait: float = WAIT) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside ``path`` while the block runs; FileAccessError after
    ``wait`` seconds of another holding it.

    Where the system has ``flock`` the lock is the file's lock, which the system releases
    when its holder ends however it ends: a collect killed midway (kill -9, a closed
    laptop) leaves at most the file, which the next collect takes. Elsewhere the file's
    being there is the lock."""
    lock = path.with_name(f".{path.name}.lock")
    try:
        import fcntl
    except ImportError:  # Windows
        with _created(lock, wait):
            yield
        return
    with _flocked(lock, wait, fcntl):
        yield


def _busy(lock: Path) -> FileAccessError:
    return FileAccessError(
        _("{path} is locked by another fenggong report collect").format(path=lock),
        hint=_("wait for it to finish; if none runs, remove {path}").format(path=lock),
    )


def _cannot(lock: Path, err: OSError) -> FileAccessError:
    return FileAccessError(
        _("cannot lock {path}: {reason}").format(path=lock, reason=err.strerror or err)
    )


@contextlib.contextmanager
def _flocked(lock: Path, wait: float, fcntl: Any) -> Iterator[None]:
    deadline = time.monotonic() + wait
    while True:
        try:
            handle = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
        except OSError as err:
            raise _cannot(lock, err) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            if time.monotonic() >= deadline:
                raise _busy(lock) from None
            time.sleep(_POLL)
            continue
        except OSError as err:
            os.close(handle)
            raise _cannot(lock, err) from None
        # The file may have been removed (and another made) by the holder before us,
        # between our opening it and our lock: only a lock on the file at the name counts.
        try:
            same = os.path.samestat(os.fstat(handle), lock.stat())
        except OSError:
            same = False
        if same:
            break
        os.close(handle)
    try:
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()  # while still held: a waiter then finds it gone, and tries again
        os.close(handle)


@contextlib.contextmanager
def _created(lock: Path, wait: float) -> Iterator[None]:
    deadline = time.monotonic() + wait
    while True:
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise _busy(lock) from None
            time.sleep(_POLL)
        except OSError as err:
            raise _cannot(lock, err) from None
    try:
        os.write(handle, f"{os.getpid()}\n".encode())
        os.close(handle)
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
