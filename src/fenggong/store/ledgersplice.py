"""A period file rewritten in place: its reports' text kept, the changed ones written anew.

A month's file of a 100-plan 台账 holds 34,000 reports; a returned form changes a few
hundred of them. Writing the whole file again through PyYAML took seconds and rewrote
what no one changed. Instead each report's lines are found once (``find``), kept with the
file's cached columns, and a collect writes only the reports it adds or replaces
(``splice``), leaving every other line, comments included, byte for byte.

Only the plain layout is spliced: ``entries:`` a block sequence whose items start in the
first column, one per line, without anchors or aliases, in a file without the line
breaks YAML counts and Python does not (U+2028, U+2029, U+0085, a lone CR). Any other
file is written whole, as before, and has the plain layout after.
"""

# No ``from __future__ import annotations``: msgspec would compile every annotation
# written as a string at each start (see model.py).

from collections.abc import Iterator
from itertools import accumulate
from typing import Annotated, Any

import msgspec
import yaml

from fenggong.model import Record

Offset = Annotated[int, msgspec.Meta(ge=0)]

# Line breaks libyaml counts as lines and bytes.split(b"\n") does not: where they stand,
# a mark's line would point at the wrong bytes. (CR LF is one break to both.)
_BREAKS = ("\u2028".encode(), "\u2029".encode(), "\u0085".encode())


class Layout(Record, frozen=True):
    """Where a period file's reports stand: report i is ``data[starts[i]:starts[i+1]]``,
    the last one runs to ``end``; what comes before the first and after ``end`` is kept."""

    starts: tuple[Offset, ...]
    end: Offset


def find(data: bytes) -> Layout | None:
    """The layout of a period file's reports, or None when it is not the plain layout."""
    if any(b in data for b in _BREAKS) or data.count(b"\r") != data.count(b"\r\n"):
        return None
    try:
        events = yaml.parse(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return _walk(_plain(events), data, _line_starts(data))
    except (yaml.YAMLError, StopIteration, _AnchoredError):
        return None


class _AnchoredError(Exception):
    """An anchor or alias: a report's lines may be another's, kept only together."""


def _plain(events: Iterator[yaml.Event]) -> Iterator[yaml.Event]:
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AnchoredError
        yield event


def _line_starts(data: bytes) -> list[int]:
    return list(accumulate((len(line) + 1 for line in data.split(b"\n")), initial=0))[:-1]


def _walk(events: Iterator[yaml.Event], data: bytes, lines: list[int]) -> Layout | None:
    """Follow the events to the root mapping's ``entries`` and note each item's line."""
    for event in events:
        if isinstance(event, yaml.MappingStartEvent):
            break
    else:
        return None
    while True:
        key = next(events)
        if not isinstance(key, yaml.ScalarEvent):
            return None  # the root mapping's end, or a key that is no text
        value = next(events)
        if key.value == "entries" and isinstance(value, yaml.SequenceStartEvent):
            return None if value.flow_style else _items(events, data, lines)
        _skip(events, value)


def _skip(events: Iterator[yaml.Event], first: yaml.Event) -> None:
    """Pass the rest of a value whose first event is ``first``."""
    depth = 1 if isinstance(first, yaml.CollectionStartEvent) else 0
    while depth:
        event = next(events)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _items(events: Iterator[yaml.Event], data: bytes, lines: list[int]) -> Layout | None:
    starts: list[int] = []
    while True:
        event = next(events)
        if isinstance(event, yaml.SequenceEndEvent):
            break
        line = _mark(event.start_mark).line
        start = lines[line] if line < len(lines) else len(data)
        if not data.startswith(b"- ", start):
            return None  # an item indented, or on the line of another
        if starts and start <= starts[-1]:
            return None
        starts.append(start)
        _skip(events, event)
    if not starts:
        return None
    mark = _mark(event.end_mark)
    # The sequence ends where the next root key begins, or at the end of the file.
    if mark.line >= len(lines) or lines[mark.line] >= len(data):
        end = len(data)
    elif mark.column == 0:
        end = lines[mark.line]
    else:
        return None
    return Layout(tuple(starts), end)


def _mark(mark: Any) -> Any:
    if mark is None:  # libyaml marks every event; a parser that did not cannot be followed
        raise StopIteration
    return mark


def block(data: bytes, layout: Layout, index: int) -> bytes:
    """Report ``index``'s lines as the file has them."""
    starts = layout.starts
    stop = starts[index + 1] if index + 1 < len(starts) else layout.end
    return data[starts[index] : stop]


def trailer(text: bytes) -> bytes:
    """The comment and blank lines a report's lines end with: a note written by hand
    before the next report, kept when this one is replaced."""
    lines = text.splitlines(keepends=True)
    kept = 0
    for line in reversed(lines[1:]):  # the first line is the item's own "- "
        stripped = line.strip()
        if stripped and not stripped.startswith(b"#"):
            break
        kept += 1
    return b"".join(lines[len(lines) - kept :]) if kept else b""


def splice(
    data: bytes,
    layout: Layout,
    replaced: dict[int, bytes],
    added: list[bytes],
    newline: bytes = b"\n",
) -> tuple[bytes, Layout]:
    """The file with report i's lines replaced by ``replaced[i]``, and the items ``added``
    (each one report's lines, as ``yaml.dump`` writes an item) after the last; and the
    new file's layout. The reports between two replaced ones are copied as one run."""
    old = layout.starts
    count = len(old)
    parts = [data[: old[0]]]
    starts: list[int] = []
    shift = 0  # how far the reports after the last replaced one moved
    kept = 0  # the first report not yet copied
    for index in sorted(replaced):
        parts.append(data[old[kept] : old[index]])
        starts += [start + shift for start in old[kept:index]]
        text = replaced[index]
        starts.append(old[index] + shift)
        parts.append(text)
        shift += len(text) - len(block(data, layout, index))
        kept = index + 1
    if kept < count:
        parts.append(data[old[kept] : layout.end])
        starts += [start + shift for start in old[kept:]]
    at = layout.end + shift
    if added and not data[: layout.end].endswith(b"\n") and count - 1 not in replaced:
        parts.append(newline)  # a file ending without a line break: the next item starts a line
        at += len(newline)
    for text in added:
        starts.append(at)
        parts.append(text)
        at += len(text)
    parts.append(data[layout.end :])
    return b"".join(parts), Layout(tuple(starts), at)
