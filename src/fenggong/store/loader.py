"""The one reader of checked files: the cache first, else the pipeline's steps.

Every kind of file (checks.kind: a plan, and those to come) is read by the same code;
the plan is the default kind. A cache hit imports nothing of the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from fenggong.checks.plan import PLAN
from fenggong.errors import DataError, Problem
from fenggong.model import Record
from fenggong.store import source as sources

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind
    from fenggong.checks.locate import PathPart
    from fenggong.checks.report import Report
    from fenggong.model import Dataset

__all__ = ["DataError", "Progress", "check", "load", "load_git"]

# (phase, done, total): "parse" counts bytes read; "check" says validation has begun.
Progress = Callable[[str, int, int], None]

R = TypeVar("R", bound=Record)


@overload
def load(path: Path, progress: Progress | None = None) -> Dataset: ...
@overload
def load(path: Path, progress: Progress | None = None, *, kind: Kind[R, Any]) -> R: ...
def load(path: Path, progress: Progress | None = None, *, kind: Kind[Any, Any] = PLAN) -> Any:
    """The valid file at ``path``, from the cache when its bytes were seen before."""
    from fenggong.store import cache

    source = sources.from_path(path)
    # A file over the size limit is refused unread: not even hashed for the cache.
    key = None if sources.size_problem(source) else sources.digest(source)
    cached = cache.read(key, kind) if key else None
    if cached is not None:
        return cached
    report = _run(source, progress, kind)
    if report.dataset is None:
        raise DataError(list(report.problems))
    if key:
        cache.write(key, report.dataset, kind)
    return report.dataset


@overload
def check(path: Path, progress: Progress | None = None) -> Report[Dataset]: ...
@overload
def check(path: Path, progress: Progress | None = None, *, kind: Kind[R, Any]) -> Report[R]: ...
def check(
    path: Path, progress: Progress | None = None, *, kind: Kind[Any, Any] = PLAN
) -> Report[Any]:
    """Read and check ``path`` in full; raises FileAccessError only if it cannot be read."""
    return _run(sources.from_path(path), progress, kind)


@overload
def load_git(revision: str, path: Path) -> Dataset: ...
@overload
def load_git(revision: str, path: Path, *, kind: Kind[R, Any]) -> R: ...
def load_git(revision: str, path: Path, *, kind: Kind[Any, Any] = PLAN) -> Any:
    """The file at ``path`` as committed in ``revision`` of its git repository."""
    report = _run(sources.from_git(revision, path), None, kind)
    if report.dataset is None:
        raise DataError(list(report.problems))
    return report.dataset


def _run(source: sources.Source, progress: Progress | None, kind: Kind[R, Any]) -> Report[R]:
    from fenggong.store.pipeline import run

    return run(source, progress, kind)


def parse(text: str | bytes) -> tuple[object, Problem | None]:
    from fenggong.store.yamlparse import parse as parse_yaml

    return parse_yaml(text)


def validate(
    data: object, kind: Kind[Any, Any] = PLAN
) -> tuple[Record | None, list[tuple[Problem, tuple[PathPart, ...]]]]:
    from fenggong.checks.shape import validate as check_shape

    return check_shape(data, kind)
