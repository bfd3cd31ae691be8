"""What the exports of several plans share: each plan's heading and row, and bodies counted
across plans under one label (区发改委 of two districts stays two bodies)."""

from __future__ import annotations

import msgspec

from fenggong.catalog import Catalog
from fenggong.exporting import Bundle, Plans
from fenggong.exporting.layout import Document, Section, filter_words, table
from fenggong.matching import Matcher
from fenggong.model import Department
from fenggong.query.counts import Load, workload

# The columns of the list of plans: the first sheet of a workbook, a page's selector.
SUMMARY_HEADER = ("方案", "标题", "文号", "日期", "发文单位", "辖区", "任务", "量化目标")
SUMMARY_WIDTHS = (18, 36, 20, 12, 20, 10, 7, 10)  # 133: fits A4 landscape


def heading(catalog: Catalog) -> str:
    """A plan as a document's heading names it: 《…》分工表（沪人社职〔2022〕256号）."""
    plan = catalog.dataset.plan
    return f"{plan.title}（{plan.document_number}）"


def numbers(plans: Plans) -> str:
    """The plans' document numbers, as a subtitle lists them: 2 个分工方案：…、…."""
    listed = "、".join(p.catalog.dataset.plan.document_number for p in plans.parts)
    return f"{len(plans.parts)} 个分工方案：{listed}"


def scope(plans: Plans) -> str:
    """The filters that chose the tasks, in the document's words (each plan's filters
    name the same bodies and sections: the first plan's say them)."""
    first = plans.parts[0]
    return filter_words(first.catalog, first.filters)


def summary_row(part: Bundle) -> tuple[object, ...]:
    """A plan as the list of plans shows it, its counts those of the chosen tasks."""
    catalog = part.catalog
    plan = catalog.dataset.plan
    quantified = sum(not g.qualitative for hit in part.hits for g in hit.task.targets)
    return (
        catalog.key,
        plan.title,
        plan.document_number,
        plan.date.isoformat(),
        "、".join(plan.issuers),
        catalog.jurisdiction,
        len(part.hits),
        quantified,
    )


class Counted(msgspec.Struct, frozen=True):
    """A body's counts in each plan (by key) and in all of them, under its label."""

    label: str
    department: Department
    by_plan: dict[str, Load]
    total: Load


def bodies(plans: Plans) -> dict[str, list[tuple[Bundle, str]]]:
    """Every body the plans may name, by its label across them, with each plan that may
    name it and the plan's name for it; in the order the plans define them."""
    found: dict[str, list[tuple[Bundle, str]]] = {}
    for part in plans.parts:
        for name in part.catalog.departments:
            found.setdefault(plans.library.label(part.catalog, name), []).append((part, name))
    return found


def counted(plans: Plans, matchers: dict[str, Matcher] | None = None) -> list[Counted]:
    """Each body that takes part in, or is possibly concerned by, a chosen task, with its
    counts per plan and in total, heaviest first (ties in the order of ``bodies``). A body
    no chosen task concerns is left out: a shared registry holds many of them."""
    loads: dict[str, dict[str, Load]] = {}
    for part in plans.parts:
        catalog = part.catalog
        matcher = (matchers or {}).get(catalog.key)
        for load in workload(catalog, matcher, [hit.task for hit in part.hits]):
            label = plans.library.label(catalog, load.department)
            loads.setdefault(label, {})[catalog.key] = load
    out = []
    for label, named in bodies(plans).items():
        by_plan = loads.get(label, {})
        part, name = named[0]
        total = Load(
            label,
            part.catalog.departments[name].kind,
            *(sum(getattr(x, field) for x in by_plan.values()) for field in _FIELDS),
        )
        if total.total or total.possible:
            out.append(Counted(label, part.catalog.departments[name], by_plan, total))
    order = {c.label: i for i, c in enumerate(out)}
    return sorted(out, key=lambda c: (-c.total.total, -c.total.lead, order[c.label]))


_FIELDS = ("lead", "support", "via_group", "possible")


def plans_table(plans: Plans) -> Document:
    """The tables of the plans as one printed document, each plan opening with its
    heading and a line saying its key, date, issuers and count of chosen tasks."""
    sections: list[Section] = []
    for part in plans.parts:
        own = table(part).sections
        if not own:
            continue
        plan = part.catalog.dataset.plan
        line = "　".join(
            (
                f"方案 {part.catalog.key}",
                plan.date.isoformat(),
                "、".join(plan.issuers),
                f"{len(part.hits)} 项任务",
            )
        )
        opens = (heading(part.catalog), line)
        sections += [msgspec.structs.replace(own[0], opens=opens), *own[1:]]
    said = scope(plans)
    return Document("分工表汇编", numbers(plans), tuple(sections), (said,) if said else ())
