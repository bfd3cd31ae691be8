"""The steps a file of any kind goes through: size, encoding, YAML, shape, rules, places.

Only the cold path imports this module: a query answered from the cache runs none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

import msgspec

from fenggong.errors import Problem
from fenggong.model import Dataset, Record
from fenggong.names import fold
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
    if isinstance(checked, Dataset):
        # After the checks, which warn of each variant where it is written (FG103).
        checked = cast(R, registered(checked))
    return Report(source.name, checked, tuple(located), kind)


def registered(dataset: Dataset) -> Dataset:
    """Every department name as the registry keys it: a width or space variant that the
    checks let pass (``市教委　``, FG103) becomes the name it stands for, so that every
    command, export and diff sees one body where the file wrote two spellings."""
    registry = dataset.departments
    if all(n in registry for n in _written(dataset)):
        return dataset  # the usual file: nothing to copy
    folded = {fold(key): key for key in registry}

    def names(written: tuple[str, ...]) -> tuple[str, ...]:
        # A body written twice, once as a variant, is named once.
        return tuple(
            dict.fromkeys(folded.get(fold(n), n) if n not in registry else n for n in written)
        )

    replace = msgspec.structs.replace
    return replace(
        dataset,
        plan=replace(dataset.plan, issuers=names(dataset.plan.issuers)),
        departments={
            key: dept if dept.members is None else replace(dept, members=names(dept.members))
            for key, dept in registry.items()
        },
        tasks=tuple(
            replace(
                task,
                lead=names(task.lead),
                support=names(task.support),
                roles=tuple(replace(r, departments=names(r.departments)) for r in task.roles),
            )
            for task in dataset.tasks
        ),
    )


def _written(dataset: Dataset) -> Iterator[str]:
    """Every department name the file writes outside the registry's keys."""
    yield from dataset.plan.issuers
    for dept in dataset.departments.values():
        yield from dept.members or ()
    for task in dataset.tasks:
        yield from task.lead
        yield from task.support
        yield from task.others


def _locate(
    found: list[tuple[Problem, tuple[PathPart, ...]]], source: sources.Source, name: str
) -> list[Problem]:
    if not found:
        return []
    from fenggong.checks.locate import places

    # Reading the text again costs a good part of parsing it: only when there is
    # something to place, and every problem placed in the one pass.
    spots = places(source.read().decode("utf-8-sig"), [path for _p, path in found])
    placed = [
        p.located(name, *(spot if spot else (None, None)))
        for (p, _path), spot in zip(found, spots, strict=True)
    ]
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
