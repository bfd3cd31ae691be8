"""The view contract, what a command found described once for every format; and Options."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import msgspec

from fenggong.messages import _
from fenggong.render.text import join, number, plain_number

if TYPE_CHECKING:
    from typing import Protocol

    class Described(Protocol):
        """A cell of kind MATCH: one way a body takes part, which says itself in words."""

        def describe(self) -> str: ...


R = TypeVar("R")


class Kind(StrEnum):
    """What a column holds; it decides how each format writes the cell."""

    TEXT = "text"  # a string, as it is (None is empty)
    NAMES = "names"  # department names: joined by 、; one per line in a terminal table
    NUMBER = "number"  # grouped for people (5,000,000), plain for machines (5000000)
    BAR = "bar"  # a Bar: drawn for people, never written for machines
    MATCH = "match"  # how a body takes part (Described): 牵头·直接, joined by ；
    STATUS = "status"  # a Status: its word, behind a coloured light in a colour terminal


# Who sees a column: people read table and markdown, machines read csv.
Audience = Literal["people", "machines", "both"]


class Column(msgspec.Struct, Generic[R], frozen=True):
    """One column of a view, over rows of type R."""

    key: str  # the stable machine name: the csv header
    label: str  # the name for people, in English (marked N_): the table and markdown header
    kind: Kind = Kind.TEXT
    audience: Audience = "both"
    wide: bool = False  # long text: wrapped (or cut with --short); searched words marked
    places: int | None = None  # a NUMBER's digits after the point, when fixed
    get: Callable[[R], Any] | None = None  # the cell of a row; by default its attribute `key`

    def value(self, row: R) -> Any:
        return getattr(row, self.key) if self.get is None else self.get(row)

    @property
    def heading(self) -> str:
        """The label in the reader's language, read when the table is drawn."""
        return _(self.label)

    @property
    def for_people(self) -> bool:
        return self.audience != "machines"

    @property
    def for_machines(self) -> bool:
        return self.audience != "people" and self.kind is not Kind.BAR

    def people_text(self, value: Any, *, lines: bool = False) -> str:
        """A cell as people read it; ``lines``: names one per line, as a terminal table has them."""
        kind = self.kind
        if kind is Kind.TEXT:
            return "" if value is None else str(value)
        if kind is Kind.NAMES:
            return "\n".join(value) if lines else join(value)
        if kind is Kind.NUMBER:
            return number(value, self.places)
        if kind is Kind.BAR:
            return str(value.draw())
        if kind is Kind.MATCH:
            matches: tuple[Described, ...] = value
            return ("\n" if lines else "；").join(m.describe() for m in matches)
        return str(value.word)  # Kind.STATUS

    def machine_text(self, value: Any) -> str:
        """A cell as programs read it: raw numbers, names joined by 、, matches by ；."""
        if self.kind is Kind.NUMBER:
            return plain_number(value, self.places)
        if self.kind is Kind.BAR:
            raise ValueError(f"column {self.key}: a bar is for people only")
        return self.people_text(value)


class Bar(msgspec.Struct, frozen=True):
    """Shares drawn on one scale: ``█`` for the first share, ``░`` for the second."""

    shares: tuple[int, ...]
    scale: int  # the share that fills the whole width
    width: int  # in blocks
    least: int = 0  # blocks drawn for any share above zero, however small

    def draw(self, width: int | None = None) -> str:
        """The bar in ``width`` blocks at full scale (default: its own width)."""
        if self.scale <= 0:
            return ""
        width = self.width if width is None else width
        out = []
        for block, share in zip("█░", self.shares, strict=False):
            count = round(share / self.scale * width)
            out.append(block * (max(self.least, count) if share > 0 else count))
        return "".join(out)


Light = Literal["green", "amber", "red", "blue", "grey"]


class Status(msgspec.Struct, frozen=True):
    """A state in a word (正常, 逾期), with the light a colour terminal shows before it."""

    word: str
    light: Light = "grey"


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

    ``rows`` are typed records (msgspec Structs); each column takes its cell from a row.
    json, jsonl and yaml encode ``payload``, which is the rows unless the machine
    contract is shaped otherwise (one body's 责任清单, the outline's sections). ``cards``
    or ``tree``, when given, replace the rows for people (table, markdown).
    """

    columns: tuple[Column[Any], ...]
    rows: tuple[Any, ...]
    payload: Any = None
    title: str = ""
    caption: str = ""
    groups: tuple[str, ...] = ()  # a heading per row; rows are grouped under it
    marks: tuple[str, ...] = ()  # words to highlight in the wide columns
    cards: tuple[Card, ...] = ()
    tree: Node | None = None

    @property
    def machine_payload(self) -> Any:
        return self.rows if self.payload is None else self.payload

    @property
    def people_columns(self) -> tuple[Column[Any], ...]:
        return tuple(c for c in self.columns if c.for_people)

    @property
    def machine_columns(self) -> tuple[Column[Any], ...]:
        return tuple(c for c in self.columns if c.for_machines)

    def machine_table(self) -> tuple[list[str], list[list[str]]]:
        """The csv header (the machine columns' keys) and rows."""
        columns = self.machine_columns
        return (
            [c.key for c in columns],
            [[c.machine_text(c.value(row)) for c in columns] for row in self.rows],
        )

    def people_table(self) -> list[list[str]]:
        """The people's columns' cells, row by row, names joined on one line."""
        columns = self.people_columns
        return [[c.people_text(c.value(row)) for c in columns] for row in self.rows]


class Options(msgspec.Struct, frozen=True):
    """How to write for people; here, as both the format registry and the terminal read it."""

    plain: bool = False  # no colour, no heavy borders: piped output or NO_COLOR
    short: bool = False  # long text cut to one line


DEFAULT = Options()
