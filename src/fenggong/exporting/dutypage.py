"""One body's 责任清单 as a self-contained HTML page: its headings with their counts, how
it takes part in each task, the goals of its tasks, and a keyword filter."""

from __future__ import annotations

from fenggong.catalog import Catalog
from fenggong.exporting import Bundle
from fenggong.exporting.duties import Duties, duties, duty_document, note
from fenggong.exporting.layout import NOTE_HEADER
from fenggong.exporting.pageparts import (
    _LEAD,
    _SUPPORT,
    _json_block,
    _target_table,
    escape,
    foot,
    head,
)
from fenggong.matching import Bucket, Involvement
from fenggong.query.select import Filters
from fenggong.render.text import join
from fenggong.views.departments import HEADINGS

Heading = tuple[Bucket, bool]


def duty_page(bundle: Bundle) -> str:
    assert bundle.department is not None
    catalog = bundle.catalog
    found = duties(catalog, bundle.department, [hit.task for hit in bundle.hits])
    return page(catalog, found, bundle.filters)


def page(catalog: Catalog, found: Duties, filters: Filters) -> str:
    """The page of ``found``; its sentences are Chinese, as every exported document is."""
    document = duty_document(catalog, found, filters)
    tasks = sorted((i.task for _, filed in found.filed for i in filed), key=lambda t: t.id)
    lines = "".join(f"<p>{escape(line)}</p>" for line in document.lines)
    headings = [(key, filed) for key, filed in found.filed if filed]
    nav = "".join(
        f'<a href="#s{n}">{escape(HEADINGS[key])}（{len(filed)}）</a>'
        for n, (key, filed) in enumerate(headings, start=1)
    )
    # The page's own script runs the keyword filter; it needs no bodies to resolve.
    data = duty_page_data()
    noted = " by-dept" if document.noted else ""
    return f"""{head(document.title)}
<body>
<header>
<h1>{escape(document.title)}</h1>
<p>{escape(document.subtitle)}</p>
{lines}
</header>
<nav>{nav}<a href="#targets">量化目标</a></nav>
<main>
<div id="filter">
<label>关键词 <input id="keyword" autocomplete="off" placeholder="如 数字技能"></label>
<span id="count">共 {len(tasks)} 项任务</span>
</div>
<table id="tasks" class="cards{noted}">
<thead><tr><th>序号</th><th>重点任务</th><th>{_LEAD}</th><th>{_SUPPORT}</th>
<th class="how">{NOTE_HEADER}</th></tr></thead>
{"".join(heading_rows(catalog, headings))}
</table>
<h2 id="targets">量化目标</h2>
{_target_table(tasks)}
</main>
{foot(data)}
"""


def duty_page_data() -> str:
    """The page script's data for a 责任清单: no department filter, only the keyword."""
    return _json_block(
        {
            "departments": {},
            "order": [],
            "messages": {"filtered": "共 {count} 项任务"},
            "most": 0,
        }
    )


def heading_rows(
    catalog: Catalog, headings: list[tuple[Heading, tuple[Involvement, ...]]], plan: str = ""
) -> list[str]:
    """The rows under each heading; in a page of several plans (``plan``, the id its
    headings' anchors begin with), each says its plan and a task's id is KEY:ID."""
    lead, support, how = escape(_LEAD), escape(_SUPPORT), escape(NOTE_HEADER)
    marked = f' data-plan="{escape(catalog.key)}"' if plan else ""
    out = []
    for number, (key, filed) in enumerate(headings, start=1):
        heading = HEADINGS[key]
        out.append(
            f'<tbody class="section"{marked} id="{plan}s{number}"><tr class="section-row">'
            f'<th colspan="5">{escape(heading)}（{len(filed)}）</th></tr>'
        )
        for involvement in filed:
            task = involvement.task
            shown = f"{escape(catalog.key)}:{task.id}" if plan else task.id
            out.append(
                f'<tr class="task"{marked} data-id="{shown}" data-text="{escape(task.text)}">'
                f'<td class="id">{task.id}</td>'
                f'<td class="text"><div class="topic">{escape(catalog.topic_of(task).label)}'
                f"</div>{escape(task.text)}</td>"
                f'<td class="depts" data-label="{lead}">{escape(join(task.lead))}</td>'
                f'<td class="depts" data-label="{support}">{escape(join(task.support))}</td>'
                f'<td class="how" data-label="{how}">{escape(note(involvement, heading))}</td></tr>'
            )
        out.append("</tbody>")
    return out
