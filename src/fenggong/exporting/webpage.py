"""One self-contained HTML page: the table, filtering as you type, the index, the targets."""

from __future__ import annotations

import html
from importlib.resources import files

from fenggong import __version__
from fenggong.catalog import Catalog
from fenggong.exporting import Bundle
from fenggong.matching import Matcher
from fenggong.model import KIND_LABELS, Task
from fenggong.names import visible
from fenggong.query.counts import workload
from fenggong.render.jsonout import dumps, escape_controls
from fenggong.render.text import join, number, target_text


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


def _reach(catalog: Catalog, tasks: list[Task]) -> dict[str, dict[str, object]]:
    matcher = Matcher(catalog.departments)
    out: dict[str, dict[str, object]] = {}
    for key, dept in catalog.departments.items():
        reach = {str(i.task.id): i.how.label for i in matcher.involvements(tasks, key)}
        out[key] = {"full_name": dept.full_name, "aliases": list(dept.aliases), "reach": reach}
    return out


def _task_rows(bundle: Bundle) -> list[str]:
    catalog = bundle.catalog
    out: list[str] = []
    section = None
    for hit in bundle.hits:
        task = hit.task
        this = catalog.section_of(task)
        if this.number != section:
            if section is not None:
                out.append("</tbody>")
            section = this.number
            out.append(
                f'<tbody class="section" id="s{this.number}"><tr class="section-row">'
                f'<th colspan="4">{escape(this.label)}</th></tr>'
            )
        topic = catalog.topic_of(task)
        out.append(
            f'<tr class="task" data-id="{task.id}" data-text="{escape(task.text)}">'
            f'<td class="id">{task.id}</td>'
            f'<td><div class="topic">{escape(topic.label)}</div>'
            f"{escape(task.text)}</td>"
            f'<td class="depts">{escape(join(task.lead))}</td>'
            f'<td class="depts">{escape(join(task.support))}</td></tr>'
        )
    if section is not None:
        out.append("</tbody>")
    return out


def _load_rows(catalog: Catalog) -> list[str]:
    loads = [x for x in workload(catalog) if x.total]
    largest = max((x.total for x in loads), default=1)
    rows = []
    for load in loads:
        lead = 100 * load.lead / largest
        support = 100 * load.support / largest
        rows.append(
            f"<tr><td>{escape(load.department)}</td><td>{escape(KIND_LABELS[load.kind])}</td>"
            f'<td class="num">{load.lead}</td><td class="num">{load.support}</td>'
            f'<td class="num">{load.total}</td><td><div class="bar">'
            f'<span class="lead" style="width:{lead:.1f}%"></span>'
            f'<span class="support" style="width:{support:.1f}%"></span></div></td></tr>'
        )
    return rows


def _target_rows(bundle: Bundle) -> list[str]:
    return [
        f'<tr><td class="id">{hit.task.id}</td><td>{escape(t.metric)}</td>'
        f'<td>{escape(target_text(t))}</td><td class="num">{escape(number(t.quantity))}</td>'
        f"<td>{escape(join(hit.task.lead))}</td></tr>"
        for hit in bundle.hits
        for t in hit.task.targets
    ]


def export(bundle: Bundle) -> bytes:
    catalog = bundle.catalog
    plan = catalog.dataset.plan
    tasks = [hit.task for hit in bundle.hits]
    shown_sections = dict.fromkeys(catalog.section_of(t).number for t in tasks)
    nav = "".join(
        f'<a href="#s{n}">{escape(s.label)}</a>'
        for n in shown_sections
        for s in (catalog.sections[n],)
    )
    names = "".join(f'<option value="{escape(k)}">' for k in catalog.departments)
    issuers = "、".join(catalog.departments[i].full_name for i in plan.issuers)
    data = _json_block({"departments": _reach(catalog, tasks)})
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="fenggong {escape(__version__)}">
<title>{escape(plan.title)}</title>
<style>{_asset("page.css")}</style>
</head>
<body>
<header>
<h1>{escape(plan.title)}</h1>
<p>{escape(plan.document_number)} · {plan.date.isoformat()} · {escape(issuers)}</p>
</header>
<nav>{nav}<a href="#departments">部门负荷</a><a href="#targets">量化目标</a></nav>
<main>
<div id="filter">
<label>部门 <input id="dept" list="dept-names" autocomplete="off"
 placeholder="如 市教委、浦东新区"></label>
<datalist id="dept-names">{names}</datalist>
<label>关键词 <input id="keyword" autocomplete="off" placeholder="如 数字技能"></label>
<span id="count">共 {len(tasks)} 项任务</span>
</div>
<table id="tasks">
<thead><tr><th>序号</th><th>重点任务</th><th>牵头部门</th><th>配合部门</th></tr></thead>
{"".join(_task_rows(bundle))}
</table>
<h2 id="departments">部门负荷</h2>
<p class="legend">表中直接列名的任务数<span style="background:var(--lead)"></span>牵头
<span style="background:var(--support)"></span>配合</p>
<table id="load">
<thead><tr><th>部门</th><th>类别</th><th>牵头</th><th>配合</th><th>合计</th><th>负荷</th></tr></thead>
<tbody>{"".join(_load_rows(catalog))}</tbody>
</table>
<h2 id="targets">量化目标</h2>
<table id="target-table">
<thead><tr><th>序号</th><th>指标</th><th>目标</th><th>折算数量</th><th>牵头部门</th></tr></thead>
<tbody>{"".join(_target_rows(bundle))}</tbody>
</table>
</main>
<footer>由 fenggong {escape(__version__)} 生成。带“?”的任务经由“相关区”“各相关委办局”等
未列明成员的统称，可能涉及所选部门。</footer>
<script type="application/json" id="fg-data">{data}</script>
<script>{_asset("page.js")}</script>
</body>
</html>
"""
    return page.encode("utf-8")
