"""A kind of checked file: its root record, its rules and lints, its cache entries and schema.

One pipeline reads every kind (store.loader): bytes, YAML, the shape of ``root``, then the
rules and lints over the parts they look at, every problem located, a valid file cached.
A plan (checks.plan) is one kind; a library, a draft or a progress ledger bring their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec

from fenggong.model import Record

if TYPE_CHECKING:
    from fenggong.checks.locate import Path
    from fenggong.errors import Problem

    Found = tuple[Problem, Path]

R = TypeVar("R", bound=Record)  # the root record: what a whole file holds
P = TypeVar("P")  # the parts the rules and lints look at


class Kind(msgspec.Struct, Generic[R, P], frozen=True, kw_only=True):
    """What the pipeline needs to know of one kind of file.

    The functions are called only on the cold path: a kind's module stays cheap to import
    by importing its rules and lints inside them.
    """

    name: str  # what the kind is called: "plan"
    noun: str  # a file of the kind in a message: "a dataset"
    example: str  # a file to start from, named when the top level is no mapping
    root: type[R]
    # The parts the rules see: of a well-shaped file, and of one whose whole shape failed,
    # made of the records that are sound one by one, so one bad field hides no other problem.
    parts: Callable[[R], P]
    salvage: Callable[[dict[str, Any]], P]
    rules: Callable[[P], list[Found]]  # errors across records
    lints: Callable[[P], list[Found]]  # warnings: only for a well-shaped file
    describe: Callable[[R], str]  # a valid file summed up: "3 tasks, 2 sections, …"
    # Whether records read back from the cache hang together (every reference resolves):
    # an entry that does not is not used, whoever wrote it.
    consistent: Callable[[R], bool]
    namespace: str  # the prefix of its cache entries: letters, digits and "_" only
    format: int  # the layout of its records in the cache: a new number misses older entries
    title: str  # of its JSON Schema
    # The record a path lies in, named as a maintainer knows it from the raw data
    # ("task 3" for tasks[2], when its id parsed), or None.
    subject: Callable[[dict[str, Any], Path], str | None] | None = None
    # A shape problem said in the kind's own terms, given Pydantic's error (a ledger's
    # unknown status is its own rule, with the codes and their labels), or as it was.
    reword: Callable[[dict[str, Any], Found], Found] | None = None
