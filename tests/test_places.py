"""Many problems placed in one pass over a file's events: the very places ``Locator``
finds one at a time by composing the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fenggong.checks.locate import Locator, PathPart, places
from fenggong.store.yamlparse import parse
from tests.helpers import ROOT


def _paths(data: Any, prefix: tuple[PathPart, ...] = ()) -> list[tuple[PathPart, ...]]:
    """Every path into the data, and some that go astray (a missing key, an index past
    the end or before the start, an index as a key, a path on past a scalar)."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key if isinstance(key, str | int) else str(key)))
        found.append((*prefix, "no such key"))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += _paths(item, (*prefix, index))
        found += [(*prefix, len(data)), (*prefix, -1), (*prefix, "0")]
    else:
        found.append((*prefix, "beyond", 0))
    return found


def _same(text: str, paths: list[tuple[PathPart, ...]]) -> None:
    locator = Locator(text)
    assert places(text, paths) == [locator.find(p) for p in paths]


FILES = sorted(
    p
    for p in [*(ROOT / "tests" / "fixtures").rglob("*.yaml"), ROOT / "data" / "tasks.yaml"]
    if "hostile" not in p.parts
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_place_in_every_fixture_is_where_the_locator_finds_it(path: Path) -> None:
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    data, _problem = parse(text)
    _same(text, [*_paths(data), ("tasks", 0, "lead", 0), ()])


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        # The first of two equal keys, as a scan from the top finds it.
        ("a: 1\nb:\n  c: 2\nb:\n  c: 3\n", [("b",), ("b", "c"), ("a",)]),
        # A key that is not a scalar is on no path; the value after it still is.
        ("? [x, y]\n: 1\nz: {w: 2}\n", [("z", "w"), ("x",), ("z",)]),
        # An index asked of a mapping is its key as text; a text index of a list is none.
        ("1: one\nlist: [a, b]\n", [(1,), ("1",), ("list", "1"), ("list", 1)]),
        # Flow and block styles, nested lists, paths past a scalar.
        ("t: [{lead: [a, b]}, {lead: []}]\n", [("t", 0, "lead", 1), ("t", 1, "lead", 0)]),
        ("- - - deep\n", [(0, 0, 0), (0, 0, 0, 0), (0, 1)]),
        # An alias as a mapping's value is placed at its key, as the Locator places it;
        # a path into it, or an alias as a list's item, is answered by the Locator.
        ("a: &x {b: 1}\nc: *x\n", [("c",)]),
        ("a: &x {b: 1}\nc: *x\n", [("c", "b"), ("a", "b")]),
        ("a: &x 1\nl: [*x, 2]\n", [("l", 0), ("l", 1)]),
        # No document, a scalar document, a text that does not parse.
        ("", [(), ("a",)]),
        ("just text\n", [(), ("a",)]),
        ("a: [1, 2\nb: c\n", [(), ("a", 0), ("b",)]),
    ],
)
def test_places_are_the_locators(text: str, paths: list[tuple[PathPart, ...]]) -> None:
    _same(text, paths)


def test_a_path_asked_twice_has_one_place() -> None:
    text = "entries:\n  - {task: 1}\n  - {task: 2}\n"
    assert places(text, [("entries", 1, "task"), ("entries", 1, "task")]) == [(3, 6), (3, 6)]
