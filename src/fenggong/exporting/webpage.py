"""One self-contained HTML page: the table, filtering as you type, the index, the targets;
or one body's 责任清单, under its headings."""

from __future__ import annotations

from typing import Any

import msgspec

from fenggong.catalog import Catalog
from fenggong.exporting import Bundle
from fenggong.exporting.layout import filter_words
from fenggong.exporting.ledgerpage import (
    HEADING,
    Lit,
    attributes,
    cell,
    header,
    light_filter,
    lit,
    reports,
)
from fenggong.exporting.pageparts import (
    _LEAD,
    _SUPPORT,
    _json_block,
    _target_table,
    escape,
    foot,
    head,
)
from fenggong.matching import Matcher
from fenggong.query.counts import Load, workload
from fenggong.render.document import Kind
from fenggong.render.text import join
from fenggong.resolve import readings, variants
from fenggong.views.departments import dept_index

_MATCH = "匹配"
_POSSIBLE = "带“?”的任务经由“相关区”“各相关委办局”等未列明成员的统称，可能涉及所选部门。"
_MAX_CANDIDATES = 8  # an ambiguous name lists this many bodies to pick from, then "… more"


def _bodies(catalog: Catalog, bundle: Bundle) -> dict[str, dict[str, Any]]:
    """Each registry body by name: the spellings that name it, as the CLI's
    resolver reads them (folded forms and pinyin, so the page needs no pinyin library),
    and how it takes part in each task of the page."""
    matcher = Matcher(catalog.departments)
    tasks = [hit.task for hit in bundle.hits]
    out = {}
    for key, dept in catalog.departments.items():
        forms = {f for s in (key, dept.full_name, *dept.aliases) for f in variants(s)}
        # As the resolver does: pinyin of the name and its aliases, not the full name.
        pinyin = {r for s in (key, *dept.aliases) for r in readings(s)}
        involvements = matcher.involvements(tasks, key)
        out[key] = {
            "full_name": dept.full_name,
            "forms": sorted(forms),
            "pinyin": sorted(pinyin),
            # By task id: how the deciding match reaches the body, where its 责任清单 files
            # the task (what the load table counts), and every match in words.
            "reach": {str(i.task.id): i.how.label for i in involvements},
            "bucket": {str(i.task.id): str(i.bucket) for i in involvements},
            "says": {
                str(i.task.id): "；".join(m.describe() for m in i.matches) for i in involvements
            },
        }
    return out


def _messages(catalog: Catalog, bundle: Bundle) -> dict[str, str]:
    """The page's sentences; the script fills `{name}` and `{count}`. In Chinese always,
    as the rest of the page: an exported document does not follow the exporter's locale."""
    scope = filter_words(catalog, bundle.filters)
    return {
        "unknown": "未找到部门：{name}。请从列表中选择部门名称。",
        "ambiguous": "{name} 可能是：",
        "more": "另有 {count} 个，请输入更完整的名称",
        # With no filter typed, the load table counts every task of the page: the whole
        # table, or those the export's own filters chose.
        "whole": (
            f"统计范围：导出时筛选出的 {len(bundle.hits)} 项任务（{scope}）。"
            if scope
            else f"统计范围：全表 {len(catalog.dataset.tasks)} 项任务。"
        ),
        "filtered": "统计范围：筛选出的 {count} 项任务。",
    }


def task_rows(
    bundle: Bundle, plan: str = "", lit: dict[tuple[str, int], Lit] | None = None
) -> list[str]:
    """The rows of the table under each section's row; in a page of several plans
    (``plan``, the id its sections' anchors begin with), each row and section says its
    plan (``data-plan``), a task's id is KEY:ID and its plan's key leads its topic. With
    the 台账 (``lit``), a row has its 进展 cell and its reports under its text."""
    catalog = bundle.catalog
    span = 5 if lit is None else 6
    lead, support, match = escape(_LEAD), escape(_SUPPORT), escape(_MATCH)
    key = escape(catalog.key)
    marked = f' data-plan="{key}"' if plan else ""
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
                f'<tbody class="section"{marked} id="{plan}s{this.number}"><tr class="section-row">'
                f'<th colspan="{span}">{escape(this.label)}</th></tr>'
            )
        topic = escape(catalog.topic_of(task).label)
        number = f"{key}:{task.id}" if plan else task.id
        found = None if lit is None else lit[(catalog.key, task.id)]
        out.append(
            f'<tr class="task"{marked} data-id="{number}" data-text="{escape(task.text)}"'
            f"{'' if found is None else attributes(found)}>"
            f'<td class="id">{task.id}</td>'
            f'<td class="text"><div class="topic">{f"{key} · " if plan else ""}{topic}</div>'
            f"{escape(task.text)}{'' if found is None else reports(found)}</td>"
            f'<td class="depts" data-label="{lead}">{escape(join(task.lead))}</td>'
            f'<td class="depts" data-label="{support}">{escape(join(task.support))}</td>'
            f"{'' if found is None else cell(found)}"
            f'<td class="how" data-label="{match}"></td></tr>'
        )
    if section is not None:
        out.append("</tbody>")
    return out


def _load_table(catalog: Catalog, bundle: Bundle) -> str:
    """The index of `fenggong depts` over the page's tasks, column for column (a filtered
    page leaves out the bodies with no part in them); the script refills the counts
    (`data-key`) for the tasks a filter shows."""
    tasks = [hit.task for hit in bundle.hits]
    loads = workload(catalog, tasks=tasks)
    if filter_words(catalog, bundle.filters):
        loads = [x for x in loads if x.total or x.possible]
    return load_table(catalog, loads)


def load_table(catalog: Catalog, loads: list[Load]) -> str:
    """The load table of ``loads``, each row marked with its body's place among
    ``catalog``'s (the page's data block lists the bodies in that order)."""
    document = dept_index(catalog, loads)
    columns = document.people_columns
    order = {key: i for i, key in enumerate(catalog.departments)}
    head = "".join(
        f'<th class="{"bar-cell" if c.kind is Kind.BAR else c.kind}">{escape(c.heading)}</th>'
        for c in columns
    )
    rows = []
    for row in document.rows:
        cells = []
        for c in columns:
            value = c.value(row)
            label = escape(c.heading)
            if c.kind is Kind.BAR:
                scale = value.scale or 1
                cells.append(
                    '<td class="bar-cell"><div class="bar">'
                    f'<span class="lead" style="width:{100 * row.lead / scale:.1f}%"></span>'
                    f'<span class="support" style="width:{100 * row.support / scale:.1f}%">'
                    "</span></div></td>"
                )
            else:
                # A phone's card labels the counts; the name and its kind speak for themselves.
                labelled = f' data-label="{label}"' if c.kind is Kind.NUMBER else ""
                cells.append(
                    f'<td class="{c.kind} {c.key}" data-key="{c.key}"{labelled}>'
                    f"{escape(c.people_text(value))}</td>"
                )
        rows.append(f'<tr data-index="{order[row.department]}">{"".join(cells)}</tr>')
    return (
        f'<p id="load-caption">{escape(document.caption)}</p>\n'
        f'<table id="load" class="cards">\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>{''.join(rows)}</tbody>\n</table>"
    )


def export(bundle: Bundle) -> bytes:
    if bundle.department is not None:
        from fenggong.exporting.dutypage import duty_page

        return duty_page(bundle).encode("utf-8")
    catalog = bundle.catalog
    plan = catalog.dataset.plan
    tasks = [hit.task for hit in bundle.hits]
    shown_sections = dict.fromkeys(catalog.section_of(t).number for t in tasks)
    nav = "".join(
        f'<a href="#s{n}">{escape(s.label)}</a>'
        for n in shown_sections
        for s in (catalog.sections[n],)
    )
    issuers = "、".join(catalog.departments[i].full_name for i in plan.issuers)
    messages = _messages(catalog, bundle)
    progress = bundle.progress
    found = None if progress is None else lit(progress, (bundle,))
    ledger = "" if progress is None else header(progress, list((found or {}).values()))
    return page(
        Page(
            title=plan.title,
            line=f"{plan.document_number} · {plan.date.isoformat()} · {issuers}",
            scope=filter_words(catalog, bundle.filters),
            nav=nav,
            selector="",
            names=list(catalog.departments),
            count=len(tasks),
            rows="".join(task_rows(bundle, lit=found)),
            messages=messages,
            bodies=_bodies(catalog, bundle),
            load=_load_table(catalog, bundle),
            targets=_target_table(tasks),
            ledger=ledger,
            lights="" if progress is None else light_filter(progress),
        )
    ).encode("utf-8")


class Page(msgspec.Struct, frozen=True):
    """The parts of the page of a table: of one plan, or of several."""

    title: str
    line: str  # under the title: the document number, date and issuers
    scope: str  # the export's filters in words, or nothing
    nav: str  # links (HTML)
    selector: str  # the plan selector of a page of several plans (HTML), or nothing
    names: list[str]  # every body, in the order the data block lists them
    count: int
    rows: str  # the task table's body (HTML)
    messages: dict[str, str]
    bodies: dict[str, dict[str, Any]]
    load: str  # the load table (HTML)
    targets: str  # the table of goals (HTML)
    ledger: str = ""  # the 台账's day and counts (HTML), or nothing without a ledger
    lights: str = ""  # the filter by light (HTML), or nothing without a ledger


def page(parts: Page) -> str:
    """The page: the header, the filter, the tasks, the load table, the goals."""
    names = "".join(f'<option value="{escape(k)}">' for k in parts.names)
    column = f'<th class="ledger">{HEADING}</th>' if parts.ledger else ""
    scoped = f'\n<p class="scope">{escape(parts.scope)}</p>' if parts.scope else ""
    data = _json_block(
        {
            "departments": parts.bodies,
            # Registry order, which a JavaScript object loses for a name such as "12".
            "order": parts.names,
            "messages": parts.messages,
            "most": _MAX_CANDIDATES,
        }
    )
    return f"""{head(parts.title)}
<body>
<header>
<h1>{escape(parts.title)}</h1>
<p>{escape(parts.line)}</p>{scoped}{f"{chr(10)}{parts.ledger}" if parts.ledger else ""}
</header>
<nav>{parts.nav}<a href="#departments">部门任务量</a><a href="#targets">量化目标</a></nav>
<main>
<div id="filter">{parts.selector}
<label>部门 <input id="dept" list="dept-names" autocomplete="off"
 placeholder="如 市教委、sjw、浦东新区"></label>
<datalist id="dept-names">{names}</datalist>
<label>关键词 <input id="keyword" autocomplete="off" placeholder="如 数字技能"></label>
{parts.lights}<span id="count">共 {parts.count} 项任务</span>
<div id="dept-status" role="status" aria-live="polite"></div>
<p id="possible-legend" class="hidden">{escape(_POSSIBLE)}</p>
</div>
<table id="tasks" class="cards{" lit" if parts.ledger else ""}">
<thead><tr><th>序号</th><th>重点任务</th><th>{_LEAD}</th><th>{_SUPPORT}</th>
{column}<th class="how">{_MATCH}</th></tr></thead>
{parts.rows}
</table>
<h2 id="departments">部门任务量</h2>
<p id="load-scope">{escape(parts.messages["whole"])}</p>
<p class="legend"><span style="background:var(--lead)"></span>牵头
<span style="background:var(--support)"></span>配合</p>
{parts.load}
<h2 id="targets">量化目标</h2>
{parts.targets}
</main>
{foot(data)}
"""
