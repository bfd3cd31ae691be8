"""The one reader of checked files: bytes → YAML → records, every problem located; cached.

Every kind of file (checks.kind: a plan, and those to come) goes through the same steps;
the plan is the default kind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar, overload

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
    report = _check(source, progress, kind)
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
    return _check(sources.from_path(path), progress, kind)


@overload
def load_git(revision: str, path: Path) -> Dataset: ...
@overload
def load_git(revision: str, path: Path, *, kind: Kind[R, Any]) -> R: ...
def load_git(revision: str, path: Path, *, kind: Kind[Any, Any] = PLAN) -> Any:
    """The file at ``path`` as committed in ``revision`` of its git repository."""
    report = _check(sources.from_git(revision, path), None, kind)
    if report.dataset is None:
        raise DataError(list(report.problems))
    return report.dataset


def _check(source: sources.Source, progress: Progress | None, kind: Kind[R, Any]) -> Report[R]:
    from fenggong.checks.report import Report
    from fenggong.checks.shape import validate
    from fenggong.store.yamlparse import parse

    name = str(source.name)

    def refused(problem: Problem) -> Report[R]:
        located = problem.located(name, problem.line, problem.column)
        return Report(source.name, None, (located,), kind)

    problem = sources.size_problem(source)  # before any read: the limit guards memory
    if problem is not None:
        return refused(problem)
    inspection = sources.inspect(source)
    if inspection.problem is not None:
        return refused(inspection.problem)
    with source.open() as stream:
        reader: IO[bytes] | sources.Counting = stream
        if progress is not None:
            total = source.size
            reader = sources.Counting(stream, lambda done: progress("parse", done, total))
        data, problem = parse(reader, aliases=inspection.anchors)
    if problem is not None:
        return refused(problem)
    if progress is not None:
        progress("check", 0, 1)
    checked, found = validate(data, kind)
    del data
    located = _locate(found, source, name)
    return Report(source.name, checked, tuple(located), kind)


def _locate(
    found: list[tuple[Problem, tuple[PathPart, ...]]], source: sources.Source, name: str
) -> list[Problem]:
    if not found:
        return []
    from fenggong.checks.locate import Locator

    # Composing costs as much as parsing: only when there is something to place.
    locator = Locator(source.read().decode("utf-8-sig"))
    placed = [locator.place(p, path, name) for p, path in found]
    return sorted(placed, key=lambda p: (p.line or 0, p.column or 0))


def parse(text: str | bytes) -> tuple[object, Problem | None]:
    from fenggong.store.yamlparse import parse as parse_yaml

    return parse_yaml(text)


def validate(
    data: object, kind: Kind[Any, Any] = PLAN
) -> tuple[Record | None, list[tuple[Problem, tuple[PathPart, ...]]]]:
    from fenggong.checks.shape import validate as check_shape

    return check_shape(data, kind)
