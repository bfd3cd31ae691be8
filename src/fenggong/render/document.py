"""A rendered-format-neutral result: the machine payload plus a flat and a human view."""

from __future__ import annotations

from typing import Any

import msgspec

Row = tuple[str, ...]


class Card(msgspec.Struct, frozen=True):
    """One record shown as labelled fields (``show``)."""

    title: str
    fields: tuple[tuple[str, str], ...]


class Node(msgspec.Struct, frozen=True):
    """A tree of labels (``outline``)."""

    label: str
    children: tuple[Node, ...] = ()


class Document(msgspec.Struct, frozen=True):
    """What a command found, before it is written in a format.

    ``payload`` is the machine contract (json, jsonl, yaml); ``columns`` and ``rows`` are
    the flat view (csv, markdown, table); ``cards`` or ``tree``, when given, replace the
    rows in the human formats (table, markdown).
    """

    payload: Any
    columns: Row  # headers for people (markdown, table)
    keys: Row  # the same columns' stable names for machines (csv header)
    rows: tuple[Row, ...]
    title: str = ""
    caption: str = ""
    groups: tuple[str, ...] = ()  # a heading per row; rows are grouped under it
    wide: tuple[int, ...] = ()  # columns of long text, wrapped (or cut with --short)
    lists: tuple[int, ...] = ()  # columns of 、- or ；-joined names: one per line in a table
    marks: tuple[str, ...] = ()  # words to highlight in the wide columns
    decorative: tuple[int, ...] = ()  # columns for people only (bars): left out of csv
    cards: tuple[Card, ...] = ()
    tree: Node | None = None
    flat: tuple[Row, tuple[Row, ...]] | None = None  # a csv-specific flat view

    @property
    def machine_table(self) -> tuple[Row, tuple[Row, ...]]:
        """Columns and rows for csv: the flat view without decorations."""
        if self.flat is not None:
            return self.flat
        keep = [i for i in range(len(self.keys)) if i not in self.decorative]
        return (
            tuple(self.keys[i] for i in keep),
            tuple(tuple(row[i] for i in keep) for row in self.rows),
        )
