"""Output formats: one small pure function per format, in one registry keyed by Format."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from fenggong.messages import _
from fenggong.render.document import DEFAULT, Document, Node, Options
from fenggong.render.text import markdown

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["DEFAULT", "RENDERERS", "Format", "Options", "render"]


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    MARKDOWN = "markdown"
    YAML = "yaml"


Renderer = Callable[[Document, Options], Any]


def to_json(doc: Document, _options: Options) -> str:
    from fenggong.render.jsonout import dumps

    return dumps(doc.machine_payload, indent=2) + "\n"


def to_jsonl(doc: Document, _options: Options) -> str:
    from fenggong.render.jsonout import dumps

    payload = doc.machine_payload
    items = payload if isinstance(payload, list | tuple) else [payload]
    return "".join(dumps(item, indent=0) + "\n" for item in items)


def to_yaml(doc: Document, _options: Options) -> str:
    import msgspec
    import yaml

    class Plain(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # objects shared to save work are written out each time: no &anchors

    text: str = yaml.dump(
        msgspec.to_builtins(doc.machine_payload),
        Dumper=Plain,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
    )
    return text


def to_csv(doc: Document, _options: Options) -> str:
    from fenggong.render.csvout import machine_csv

    return machine_csv(*doc.machine_table())


def _cell(text: str) -> str:
    """A markdown table cell: literal text (render.text.markdown), line breaks as <br>."""
    return markdown(text, breaks="<br>")


def _bold(text: str, marks: tuple[str, ...]) -> str:
    """Searched words in bold, in a cell already escaped (so are the words, alike)."""
    for word in marks:
        if word:
            shown = _cell(word)
            text = text.replace(shown, f"**{shown}**")
    return text


def to_markdown(doc: Document, _options: Options) -> str:
    out: list[str] = []
    if doc.title:
        out += [f"# {markdown(doc.title)}", ""]
    if doc.cards:
        for card in doc.cards:
            out += [f"## {markdown(card.title)}", ""]
            out += [
                "- " + _("{label}: ").format(label=f"**{markdown(label)}**") + _cell(value)
                for label, value in card.fields
            ]
            out.append("")
    elif doc.tree is not None:
        out += _markdown_tree(doc.tree, 0)
        out.append("")
    else:
        out += _markdown_table(doc)
    if doc.caption:
        out += [f"*{markdown(doc.caption)}*", ""]
    return "\n".join(out)


def _markdown_table(doc: Document) -> list[str]:
    columns = doc.people_columns
    header = "| " + " | ".join(_cell(c.heading) for c in columns) + " |"
    rule = "|" + "|".join("---" for _column in columns) + "|"
    out: list[str] = []
    current: str | None = None
    for index, row in enumerate(doc.people_table()):
        group = doc.groups[index] if doc.groups else ""
        if index == 0 or group != current:
            if index:
                out.append("")
            if group:
                out += [f"## {markdown(group)}", ""]
            out += [header, rule]
            current = group
        cells = [
            _bold(_cell(v), doc.marks) if c.wide else _cell(v)
            for c, v in zip(columns, row, strict=True)
        ]
        out.append("| " + " | ".join(cells) + " |")
    if not doc.rows:
        out += [header, rule]
    out.append("")
    return out


def _markdown_tree(node: Node, depth: int) -> list[str]:
    lines = [] if depth == 0 else ["  " * (depth - 1) + f"- {_cell(node.label)}"]
    for child in node.children:
        lines += _markdown_tree(child, depth + 1)
    return lines


def to_table(doc: Document, options: Options) -> RenderableType:
    from fenggong.render.terminal import render_table

    return render_table(doc, options)


RENDERERS: dict[Format, Renderer] = {
    Format.TABLE: to_table,
    Format.JSON: to_json,
    Format.JSONL: to_jsonl,
    Format.CSV: to_csv,
    Format.MARKDOWN: to_markdown,
    Format.YAML: to_yaml,
}


def render(doc: Document, fmt: Format, options: Options = DEFAULT) -> Any:
    """``str`` for the text formats; a Rich renderable for ``table``."""
    return RENDERERS[fmt](doc, options)
