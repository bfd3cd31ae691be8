"""One HTML page of several plans: a plan selector over the table (each plan under its
heading, each row saying its plan), the filters of the page of one plan, the load table
across plans, the goals; or one body's 责任清单 across plans."""

from __future__ import annotations

from typing import Any

import msgspec

from fenggong.catalog import Catalog
from fenggong.exporting import Bundle, Plans
from fenggong.exporting.duties import counts_words
from fenggong.exporting.dutypage import duty_page_data, heading_rows
from fenggong.exporting.layout import NOTE_HEADER
from fenggong.exporting.ledgerpage import header, light_filter, lit, tally
from fenggong.exporting.pageparts import (
    _LEAD,
    _SUPPORT,
    _target_table,
    escape,
    foot,
    head,
)
from fenggong.exporting.planduties import Across, across, across_document
from fenggong.exporting.plans import bodies, counted, heading, numbers, scope
from fenggong.exporting.webpage import Page, load_table, page, task_rows
from fenggong.matching import Matcher
from fenggong.query.summary import Tally
from fenggong.resolve import readings, variants


def export_plans(plans: Plans) -> bytes:
    if plans.department is not None:
        return duty_page(plans, across(plans)).encode("utf-8")
    shown = [(n, part) for n, part in enumerate(plans.parts, start=1) if part.hits]
    progress = plans.parts[0].progress
    found = None if progress is None else lit(progress, plans.parts)
    rows: list[str] = []
    for n, part in shown:
        line = _plan_line(part)
        if progress is not None and found is not None:  # both or neither
            mine = [found[(part.catalog.key, hit.task.id)] for hit in part.hits]
            line += f"。{progress.as_of.isoformat()}：" + _said(tally(mine))
        rows.append(_plan_head(n, part.catalog, line, span=5 if found is None else 6))
        rows += task_rows(part, plan=f"p{n}-", lit=found)
    said = scope(plans)
    whole = (
        f"统计范围：导出时筛选出的 {plans.hits} 项任务（{said}）。"
        if said
        else f"统计范围：{len(plans.parts)} 个方案共 {plans.hits} 项任务。"
    )
    named = _named(plans)
    return page(
        Page(
            title="分工表汇编",
            line=numbers(plans),
            scope=said,
            nav=_nav(shown),
            selector=_selector(shown),
            names=list(named.departments),
            count=plans.hits,
            rows="".join(rows),
            messages={
                "unknown": "未找到部门：{name}。请从列表中选择部门名称。",
                "ambiguous": "{name} 可能是：",
                "more": "另有 {count} 个，请输入更完整的名称",
                "whole": whole,
                "filtered": "统计范围：筛选出的 {count} 项任务。",
            },
            bodies=_bodies(plans),
            load=load_table(named, [c.total for c in counted(plans)]),
            targets=_goals([p for _n, p in shown]),
            ledger="" if progress is None else header(progress, list((found or {}).values())),
            lights="" if progress is None else light_filter(progress),
        )
    ).encode("utf-8")


def _said(tallied: Tally) -> str:
    """A plan's 通报 numbers in its heading's line."""
    return "，".join(
        f"{word} {n}"
        for word, n in (
            ("已完成", tallied.done),
            ("序时推进", tallied.on_track),
            ("黄灯", tallied.yellow),
            ("红灯", tallied.red),
            ("未报送", tallied.not_reported),
            ("已终止", tallied.cancelled),
        )
    )


def _plan_line(part: Bundle) -> str:
    plan = part.catalog.dataset.plan
    return " · ".join(
        (
            f"方案 {part.catalog.key}",
            plan.date.isoformat(),
            "、".join(plan.issuers),
            f"{len(part.hits)} 项任务",
        )
    )


def _plan_head(n: int, catalog: Catalog, line: str, span: int = 5) -> str:
    """A plan's heading in the table: its title and 文号, and ``line`` under them."""
    return (
        f'<tbody class="plan-head" data-plan="{escape(catalog.key)}" id="p{n}">'
        f'<tr class="plan-row"><th colspan="{span}">{escape(heading(catalog))}'
        f'<div class="plan-line">{escape(line)}</div></th></tr></tbody>'
    )


def _nav(shown: list[tuple[int, Bundle]]) -> str:
    return "".join(f'<a href="#p{n}">{escape(part.catalog.key)}</a>' for n, part in shown)


def _selector(shown: list[tuple[int, Bundle]]) -> str:
    """The plan selector: every plan, or one (by key, with its 文号)."""
    options = "".join(
        f'<option value="{escape(part.catalog.key)}">{escape(part.catalog.key)} · '
        f"{escape(part.catalog.dataset.plan.document_number)}</option>"
        for _n, part in shown
    )
    return (
        f'\n<label>方案 <select id="plan"><option value="">全部 {len(shown)} 个方案</option>'
        f"{options}</select></label>"
    )


def _goals(parts: list[Bundle]) -> str:
    pairs = [(part.catalog.key, hit.task) for part in parts for hit in part.hits]
    return _target_table([t for _k, t in pairs], [k for k, _t in pairs])


def _named(plans: Plans) -> Catalog:
    """The bodies of the plans under their labels across them, as the load table names
    them (a catalog of the first plan's table, holding only those names)."""
    found = {}
    for label, named in bodies(plans).items():
        part, name = named[0]
        found[label] = part.catalog.departments[name]
    first = plans.parts[0].catalog.dataset
    return Catalog(msgspec.structs.replace(first, departments=found))


def _bodies(plans: Plans) -> dict[str, dict[str, Any]]:
    """Each body by its label: the spellings that name it (the label, and its name in
    each plan, so a name two jurisdictions define stands for both, as on the command
    line), and how it takes part in each task (by KEY:ID) of every plan naming it."""
    matchers = {p.catalog.key: Matcher(p.catalog.departments) for p in plans.parts}
    out = {}
    for label, named in bodies(plans).items():
        spellings = {label}
        spoken: set[str] = set()
        reach: dict[str, str] = {}
        bucket: dict[str, str] = {}
        says: dict[str, str] = {}
        for part, name in named:
            dept = part.catalog.departments[name]
            spellings |= {name, dept.full_name, *dept.aliases}
            spoken |= {name, *dept.aliases}
            tasks = [hit.task for hit in part.hits]
            for i in matchers[part.catalog.key].involvements(tasks, name):
                ref = f"{part.catalog.key}:{i.task.id}"
                reach[ref] = i.how.label
                bucket[ref] = str(i.bucket)
                says[ref] = "；".join(m.describe() for m in i.matches)
        part, name = named[0]
        out[label] = {
            "full_name": part.catalog.departments[name].full_name,
            "forms": sorted({f for s in spellings for f in variants(s)}),
            "pinyin": sorted({r for s in spoken for r in readings(s)}),
            "reach": reach,
            "bucket": bucket,
            "says": says,
        }
    return out


def duty_page(plans: Plans, found: Across) -> str:
    """A body's 责任清单 across plans as a page: its counts in all of them, then each plan
    under its heading (its counts there), the goals of its tasks, and a keyword filter."""
    document = across_document(plans, found)
    lines = "".join(f"<p>{escape(line)}</p>" for line in document.lines)
    rows: list[str] = []
    shown: list[tuple[int, Bundle]] = []
    pairs = []
    for n, (catalog, duty) in enumerate(found.filed, start=1):
        part = next(p for p in plans.parts if p.catalog is catalog)
        shown.append((n, part))
        rows.append(_plan_head(n, catalog, f"{counts_words(duty)}。"))
        headings = [(key, filed) for key, filed in duty.filed if filed]
        rows += heading_rows(catalog, headings, plan=f"p{n}-")
        tasks = sorted((i.task for _h, filed in headings for i in filed), key=lambda t: t.id)
        pairs += [(catalog.key, t) for t in tasks]
    data = duty_page_data()
    noted = " by-dept" if document.noted else ""
    return f"""{head(document.title)}
<body>
<header>
<h1>{escape(document.title)}</h1>
<p>{escape(document.subtitle)}</p>
{lines}
</header>
<nav>{_nav(shown)}<a href="#targets">量化目标</a></nav>
<main>
<div id="filter">{_selector(shown)}
<label>关键词 <input id="keyword" autocomplete="off" placeholder="如 数字技能"></label>
<span id="count">共 {len(pairs)} 项任务</span>
</div>
<table id="tasks" class="cards{noted}">
<thead><tr><th>序号</th><th>重点任务</th><th>{_LEAD}</th><th>{_SUPPORT}</th>
<th class="how">{NOTE_HEADER}</th></tr></thead>
{"".join(rows)}
</table>
<h2 id="targets">量化目标</h2>
{_target_table([t for _k, t in pairs], [k for k, _t in pairs])}
</main>
{foot(data)}
"""
