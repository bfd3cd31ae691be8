"""Rich renderables for people at a terminal: tables grouped by section, cards, trees.

Every string from the data passes ``visible`` on its way into a renderable: a task text
holding a terminal escape is shown as the escape, never obeyed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.tree import Tree

from fenggong.messages import _, ngettext
from fenggong.names import visible
from fenggong.render.document import Bar, Column, Document, Kind, Node, Options
from fenggong.render.linebreak import narrowest, wrap

_NUMERIC = set("0123456789.,%-+ /")
_TEXT_FLOOR = 16  # and the text column this much
_BAR_FLOOR = 8  # a bar narrower than this tells nothing
_DOT = "● "
_LIGHTS = {"green": "green", "amber": "yellow", "red": "red", "blue": "blue", "grey": "grey50"}


# Rich lays out a long line in time that grows with its square: a text of millions of
# characters would take minutes to draw. What a person reads in a terminal is cut there,
# saying so; the machine formats carry every character.
LONGEST = 10_000


def _shown(text: str) -> str:
    """Text for a renderable: controls shown as escapes, and cut at LONGEST characters."""
    if len(text) > LONGEST:
        rest = len(text) - LONGEST
        more = ngettext(
            "…({count} more character not shown; --format json has them all)",
            "…({count} more characters not shown; --format json has them all)",
            rest,
        )
        text = text[:LONGEST] + more.format(count=f"{rest:,}")
    return visible(text)


def render_table(doc: Document, options: Options) -> RenderableType:
    if doc.cards:
        return _cards(doc, options)
    if doc.tree is not None:
        return _tree(doc.tree, options)
    return _Fitted(doc, options)


def _cells(doc: Document, options: Options, *, lines: bool) -> list[list[str]]:
    """The people's cells; a status behind its light when there is colour."""
    columns = doc.people_columns
    return [[_cell(c, c.value(row), options, lines) for c in columns] for row in doc.rows]


def _cell(column: Column[Any], value: Any, options: Options, lines: bool) -> str:
    text = column.people_text(value, lines=lines)
    return _DOT + text if column.kind is Kind.STATUS and not options.plain else text


def _text(
    column: Column[Any], row: Any, cell: str, marks: tuple[str, ...], options: Options
) -> Text:
    text = Text(_shown(cell))
    if options.plain:
        return text
    if column.kind is Kind.STATUS:
        text.stylize(_LIGHTS[column.value(row).light], 0, len(_DOT) - 1)
    if column.wide and marks:
        text.highlight_words([m for m in marks if m], style="bold reverse")
    return text


def _cell_renderable(
    column: Column[Any], row: Any, cell: str, marks: tuple[str, ...], options: Options
) -> RenderableType:
    if column.kind is Kind.BAR:
        return _BarCell(column.value(row), "")
    text = _text(column, row, cell, marks, options)
    return _Wrapped(text) if column.wide and not options.short else text


class _Wrapped:
    """Text broken into lines as Chinese is set: never a closing mark at the start of a
    line, an opening one at its end, nor a number parted from its unit (linebreak)."""

    def __init__(self, text: Text, whole: tuple[str, ...] = ()) -> None:
        self.text = text
        self.whole = whole  # names never split across lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        longest = max(cell_len(line) for line in plain.split("\n"))
        return Measurement(min(narrowest(plain), longest), longest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for line in self.text.split("\n", allow_blank=True):
            for part in line.divide(wrap(line.plain, width, self.whole)):
                part.rstrip()
                part.no_wrap = True
                part.overflow = "fold"
                yield part


class _BarCell:
    """A bar drawn at the width its column gets, so that it never wraps onto a second
    line; every row of the column gets the same width, so the scale holds."""

    def __init__(self, bar: Bar, style: str) -> None:
        self.bar = bar
        self.style = style

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(_BAR_FLOOR, self.bar.width), self.bar.width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, min(self.bar.width, options.max_width))
        yield Text(self.bar.draw(width), style=self.style, no_wrap=True, overflow="crop")


class _Fitted:
    """A table where it fits, names whole; else the same table without its bars (they
    repeat a count shown beside them); else one labelled block per row, so that no name
    is ever split and no column silently dropped."""

    def __init__(self, doc: Document, options: Options) -> None:
        self.doc = doc
        self.options = options

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        doc = self.doc
        every = doc.people_columns
        rows = _cells(doc, self.options, lines=True)
        bars = [i for i, c in enumerate(every) if c.kind is Kind.BAR]
        for dropped in ([], bars) if bars else ([],):
            kept = [i for i in range(len(every)) if i not in dropped]
            columns = [every[i] for i in kept]
            cells = [[row[i] for i in kept] for row in rows]
            if options.max_width >= self._needed(columns, cells):
                yield _rows(doc, self.options, cells, columns, options.max_width)
                return
        yield from _blocks(doc, self.options)

    def _needed(self, columns: list[Column[Any]], rows: list[list[str]]) -> int:
        """The narrowest the table can be drawn: each column's floor, plus Rich's
        padding (a space each side) and a rule (or its space) between columns."""
        needed = 3 * len(columns) + 1
        for index, column in enumerate(columns):
            if column.wide:
                needed += _TEXT_FLOOR
            elif column.kind is Kind.BAR:
                needed += _BAR_FLOOR
            else:
                longest = max((cell_len(x) for r in rows for x in r[index].split("\n")), default=0)
                needed += max(cell_len(_shown(column.heading)), longest)
        return needed


def _blocks(doc: Document, options: Options) -> list[RenderableType]:
    out: list[RenderableType] = []
    if doc.title:
        out.append(Text(_shown(doc.title), style="" if options.plain else "bold"))
    current: str | None = None
    label_style = "" if options.plain else "bold"
    columns = doc.people_columns
    for index, row in enumerate(doc.rows):
        group = doc.groups[index] if doc.groups else ""
        if group and group != current:
            out += [Text(""), Text(_shown(group), style="" if options.plain else "bold cyan")]
        current = group
        out.append(Text(""))
        for column in columns:
            cell = _cell(column, column.value(row), options, lines=False)
            if not cell:
                continue
            label = _("{label}: ").format(label=_shown(column.heading))
            field = Text(label, style=label_style)
            field.append_text(_text(column, row, cell, doc.marks, options))
            if options.short and column.wide:
                field.no_wrap = True
                field.overflow = "ellipsis"
                out.append(field)
            else:
                out.append(_Wrapped(field, _whole(column, column.value(row))))
    if doc.caption:  # under what is above it, if anything is
        out += [*([Text("")] if out else []), _Wrapped(Text(_shown(doc.caption)))]
    return out


def _whole(column: Column[Any], value: Any) -> tuple[str, ...]:
    """What a block's line never splits: each name of a list, each item of a MATCH cell
    (牵头·直接, 浦东新区 12所（2026-04-15）)."""
    if column.kind is Kind.NAMES:
        return tuple(value)
    if column.kind is Kind.MATCH:
        return tuple(item.describe() for item in value)
    return ()


def _folded(columns: list[Column[Any]], rows: list[list[str]], width: int) -> bool:
    """Whether a row of the table takes more than a line at ``width``: a cell of names one
    a line, or a wide column's text longer than its share of what the others leave (the
    table's width less each other column's longest line and 3 characters a column)."""
    if any("\n" in cell for row in rows for cell in row):
        return True
    wide = [i for i, c in enumerate(columns) if c.wide]
    others = sum(
        max([cell_len(_shown(c.heading)), *(cell_len(r[i]) for r in rows)])
        for i, c in enumerate(columns)
        if not c.wide
    )
    # Rich shares the rest out by ratio, one each; a character short, to be safe.
    share = (width - 3 * len(columns) - 1 - others) // max(len(wide), 1) - 1
    return any(cell_len(_shown(row[i])) > share for row in rows for i in wide)


def _rows(
    doc: Document,
    options: Options,
    rows: list[list[str]],
    columns: list[Column[Any]],
    width: int,
) -> RenderableType:
    # Imported here, as Panel and Tree are: the blocks of a narrow terminal need no table.
    from rich import box
    from rich.table import Table

    wide = any(c.wide for c in columns)
    table = Table(
        title=Text(_shown(doc.title)) if doc.title else None,
        box=box.SIMPLE_HEAD if options.plain else box.ROUNDED,
        # A line between rows only where a row takes several: one-line rows stay one line.
        show_lines=not options.short and wide and _folded(columns, rows, width),
        header_style="" if options.plain else "bold",
        title_style="" if options.plain else "bold",
        expand=wide,
    )
    for index, column in enumerate(columns):
        label = _shown(column.heading)
        if column.wide:
            table.add_column(
                label,
                ratio=1,
                min_width=_TEXT_FLOOR,
                no_wrap=options.short,
                overflow="ellipsis" if options.short else "fold",
            )
            continue
        if column.kind is Kind.BAR:
            table.add_column(label, min_width=_BAR_FLOOR)
            continue
        values = [row[index] for row in rows]
        numeric = bool(values) and all(v and set(v) <= _NUMERIC for v in values)
        # Names are never split: the column asks for its longest line (_Fitted chose
        # blocks where that does not fit).
        longest = max((cell_len(line) for v in values for line in v.split("\n")), default=0)
        table.add_column(
            label,
            justify="right" if numeric else "left",
            overflow="fold",
            min_width=max(cell_len(label), longest),
        )
    heading_column = next((i for i, c in enumerate(columns) if c.wide), 0)
    current: str | None = None
    for index, (record, row) in enumerate(zip(doc.rows, rows, strict=True)):
        group = doc.groups[index] if doc.groups else ""
        if group and group != current:
            if index:
                table.rows[-1].end_section = True
            cells: list[RenderableType] = [""] * len(columns)
            cells[heading_column] = Text(_shown(group), style="" if options.plain else "bold cyan")
            table.add_row(*cells, end_section=True)
        current = group
        table.add_row(
            *(
                _cell_renderable(c, record, cell, doc.marks, options)
                for c, cell in zip(columns, row, strict=True)
            )
        )
    if not doc.caption:
        return table
    # Below the table rather than as its caption: Rich would break "共 1 项" at a space.
    return Group(table, _Wrapped(Text(_shown(doc.caption))))


def _cards(doc: Document, options: Options) -> RenderableType:
    from rich import box
    from rich.panel import Panel
    from rich.table import Table

    panels: list[RenderableType] = []
    for card in doc.cards:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="" if options.plain else "bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in card.fields:
            grid.add_row(Text(_shown(label)), _Wrapped(Text(_shown(value))))
        panels.append(
            Panel(
                grid,
                title=Text(_shown(card.title), style="" if options.plain else "bold"),
                title_align="left",
                box=box.SQUARE if options.plain else box.ROUNDED,
            )
        )
    if doc.caption:
        panels.append(_Wrapped(Text(_shown(doc.caption))))
    return Group(*panels)


def _tree(node: Node, options: Options) -> RenderableType:
    from rich.tree import Tree

    tree = Tree(Text(_shown(node.label), style="" if options.plain else "bold"))
    _grow(tree, node)
    return tree


def _grow(tree: Tree, node: Node) -> None:
    for child in node.children:
        # Leaves are long task texts: one line each, cut, so the tree stays a tree.
        label = Text(_shown(child.label), no_wrap=not child.children, overflow="ellipsis")
        _grow(tree.add(label), child)
