"""What the exported HTML pages share: escaping, the inline assets, the data block, the
table of goals."""

from __future__ import annotations

import html
from collections.abc import Sequence
from importlib.resources import files

from fenggong import __version__
from fenggong.model import Task
from fenggong.names import visible
from fenggong.render.jsonout import dumps, escape_controls
from fenggong.render.text import join, number, target_text

# Column labels, shared by the desktop table's header and each phone card's fields.
_LEAD, _SUPPORT = "牵头部门", "配合部门"
_TARGET_COLUMNS = ("序号", "指标", "目标", "折算数量", "牵头部门")


def escape(text: str) -> str:
    """Text in the page: HTML-escaped, and controls shown as escapes, so that a saved page
    printed with `cat` drives no terminal either (the data block keeps them, escaped)."""
    return html.escape(visible(text))


def _asset(name: str) -> str:
    return files("fenggong.exporting").joinpath(name).read_text(encoding="utf-8")


def _json_block(payload: object) -> str:
    """JSON that cannot end its <script> element early, whatever the data holds."""
    text = dumps(payload)
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, safe)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # Controls inside JSON strings as JSON escapes too: the page stays valid JSON however
    # a terminal-safe writer later shows the raw ones (export html -o -).
    return escape_controls(text)


def _target_table(tasks: Sequence[Task], plans: Sequence[str] = ()) -> str:
    """The goals of ``tasks``; with ``plans`` (each task's plan key, in a page of several
    plans), each row says its plan and its task is KEY:ID."""
    number_, metric, goal, quantity, lead = (escape(x) for x in _TARGET_COLUMNS)
    head = "".join(f"<th>{x}</th>" for x in (number_, metric, goal, quantity, lead))
    keys = [escape(k) for k in plans] or [""] * len(tasks)
    opening = [
        f'<tr data-plan="{key}"><td class="id">{key}:{task.id}</td>'
        if key
        else f'<tr><td class="id">{task.id}</td>'
        for key, task in zip(keys, tasks, strict=True)
    ]
    rows = "".join(
        f"{first}"
        f'<td class="metric">{escape(t.metric)}</td>'
        f'<td data-label="{goal}">{escape(target_text(t))}</td>'
        f'<td class="num" data-label="{quantity}">{escape(number(t.quantity))}</td>'
        f'<td data-label="{lead}">{escape(join(task.lead))}</td></tr>'
        for first, task in zip(opening, tasks, strict=True)
        for t in task.targets
    )
    return (
        f'<table id="target-table" class="cards">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>{rows}</tbody>\n</table>"
    )


def head(title: str) -> str:
    """The start of a page up to its body: one file, its style inline, titled."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fenggong {escape(__version__)}">
<title>{escape(title)}</title>
<style>{_asset("page.css")}</style>
</head>"""


def foot(data: str) -> str:
    """The end of a page from its footer: the data block (JSON already made safe for a
    <script> element) and the script that reads it."""
    return f"""<footer>由 fenggong {escape(__version__)} 生成。</footer>
<script type="application/json" id="fg-data">{data}</script>
<script>{_asset("page.js")}</script>
</body>
</html>"""
