"""The steps a file of any kind goes through: size, encoding, YAML, shape, rules, places.

Only the cold path imports this module: a query answered from the cache runs none of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, TypeVar

from fenggong.errors import Problem
from fenggong.model import Record
from fenggong.store import source as sources

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind
    from fenggong.checks.locate import PathPart
    from fenggong.checks.report import Report
    from fenggong.store.loader import Progress

R = TypeVar("R", bound=Record)


def run(source: sources.Source, progress: Progress | None, kind: Kind[R, Any]) -> Report[R]:
    """Every problem of the file, located; its records when it has no error."""
    from fenggong.checks.report import Report
    from fenggong.checks.shape import validate
    from fenggong.store.inspection import inspect
    from fenggong.store.yamlparse import parse

    name = str(source.name)

    def refused(problem: Problem) -> Report[R]:
        located = problem.located(name, problem.line, problem.column)
        return Report(source.name, None, (located,), kind)

    problem = sources.size_problem(source)  # before any read: the limit guards memory
    if problem is not None:
        return refused(problem)
    inspection = inspect(source)
    if inspection.problem is not None:
        return refused(inspection.problem)
    with source.open() as stream:
        reader: IO[bytes] | Counting = stream
        if progress is not None:
            total = source.size
            reader = Counting(stream, lambda done: progress("parse", done, total))
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
