"""The xlsx of several plans: 汇总 (the plans), a sheet per plan's table, the goals of all
of them, and 部门统计 (each body's tasks per plan); or a body's 责任清单 across them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from openpyxl import Workbook

from fenggong.exporting import Plans, shown
from fenggong.exporting.layout import table
from fenggong.exporting.plans import SUMMARY_HEADER, SUMMARY_WIDTHS, counted, scope, summary_row
from fenggong.exporting.spreadsheet import write_grid, write_table
from fenggong.exporting.workbook import goal_sheets, new_book, saved
from fenggong.model import KIND_LABELS

if TYPE_CHECKING:
    from fenggong.exporting.planduties import Across

# The sheets a workbook of several plans has besides one per plan.
SUMMARY, GOALS, QUALITATIVE, COUNTS = "汇总", "量化目标", "定性目标", "部门统计"
# What Excel refuses in a sheet's name; it holds 31 characters at most and compares
# names without case.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_LONGEST_SHEET_NAME = 31


def sheet_names(keys: list[str], taken: tuple[str, ...]) -> list[str]:
    """A sheet name for each plan key: Excel-safe, unique among themselves and ``taken``
    (a number added to a repeated one, within the 31 characters)."""
    used = {name.casefold() for name in taken}
    names = []
    for key in keys:
        base = _NOT_IN_SHEET_NAME.sub("_", key).strip("'") or "_"
        name, number = base[:_LONGEST_SHEET_NAME], 1
        while name.casefold() in used:
            number += 1
            suffix = f"_{number}"
            name = base[: _LONGEST_SHEET_NAME - len(suffix)] + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def export_plans(plans: Plans) -> bytes:
    if plans.department is not None:
        return duty_book(plans)
    said = scope(plans)
    heading = f"{len(plans.parts)} 个分工方案" + (
        f"（筛选出的 {plans.hits} 项任务）" if said else f"，{plans.hits} 项任务"
    )
    book, sheet = new_book(SUMMARY)
    rows = [summary_row(part) for part in plans.parts]
    counts = [
        (len(p.hits), sum(not g.qualitative for h in p.hits for g in h.task.targets))
        for p in plans.parts
    ]
    total = ("合计", "", "", "", "", "", *(sum(column) for column in zip(*counts, strict=True)))
    title = f"{SUMMARY}　{heading}" + (f"　{said}" if said else "")
    write_grid(sheet, title, SUMMARY_HEADER, [*rows, total], SUMMARY_WIDTHS)
    keys = [part.catalog.key for part in plans.parts]
    names = sheet_names(keys, (SUMMARY, GOALS, QUALITATIVE, COUNTS))
    for name, part in zip(names, plans.parts, strict=True):
        write_table(book.create_sheet(name), table(part))
    pairs = [(part.catalog.key, hit.task) for part in plans.parts for hit in part.hits]
    goal_sheets(book, [t for _k, t in pairs], heading, [k for k, _t in pairs])
    _counts(book, plans, f"{COUNTS}　{heading}")
    return saved(book)


def _counts(book: Workbook, plans: Plans, title: str) -> None:
    """Departments × plans: each body's lead and support tasks in each plan (blank where
    the plan cannot name it), then its counts in all of them, as 部门统计 counts them."""
    keys = [part.catalog.key for part in plans.parts]
    header = ("部门", "类别", *keys, "牵头", "配合", "合计", "经由统称", "可能涉及")
    rows = []
    for body in counted(plans):
        per_plan = [body.by_plan[k].total if k in body.by_plan else None for k in keys]
        x = body.total
        numbers = (x.lead, x.support, x.total, x.via_group, x.possible)
        rows.append((shown(plans.library, body.label), KIND_LABELS[x.kind], *per_plan, *numbers))
    widths = (24, 14, *(max(8, min(len(k) + 2, 18)) for k in keys), 8, 8, 8, 10, 10)
    note = "（各方案列：该方案中牵头与配合的项数；空白：该方案不列此部门）"
    write_grid(book.create_sheet(COUNTS), f"{title}{note}", header, rows, widths)


def duty_book(plans: Plans, found: Across | None = None) -> bytes:
    """A body's 责任清单 across plans: the table under a heading per plan, then the goals
    of its tasks, each with its plan."""
    from fenggong.exporting.planduties import across, across_document

    found = found or across(plans)
    document = across_document(plans, found)
    book, sheet = new_book(document.name)
    write_table(sheet, document)
    pairs = [
        (catalog.key, task)
        for catalog, duty in found.filed
        for task in sorted((i.task for _h, filed in duty.filed for i in filed), key=lambda t: t.id)
    ]
    heading = f"{document.title}　{document.subtitle}"
    goal_sheets(book, [t for _k, t in pairs], heading, [k for k, _t in pairs])
    return saved(book)
