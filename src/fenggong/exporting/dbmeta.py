"""Datasette's metadata for the SQLite export (NAME.metadata.json beside NAME.db): the plans'
title, 文号, date and source, the licence, and every table and column described in Chinese,
with the facets, sort orders and labels a visitor browses by.

The descriptions are the database's own data dictionary, in Chinese whatever the reader's
language, as the exported 分工表 itself is: they name the tables' columns, not the tool's
messages.
"""

from __future__ import annotations

from typing import Any

from fenggong.exporting import Bundle, Plans
from fenggong.exporting.database import LABELS
from fenggong.render.jsonout import dumps

Table = dict[str, Any]

_PLAN = "方案键（plans.key）"
_TASK = "任务编号（同一方案内唯一；跨方案时与 plan 一起确定任务）"
_BODY = "单位名称（departments.name）"
_CODES = {"code": "代码", "label": "中文"}
_PERIOD = "报送期（2026-Q1、2026-03、2026-H1、2026）"

# table → (title, description, columns, facets, sort); a facet or sort on plan is added for
# a library (several plans) and left out for one plan.
_TABLES: dict[str, tuple[str, str, dict[str, str], list[str], str | None]] = {
    "plans": (
        "方案",
        "导出的方案，每项一行。",
        {
            "key": "方案键",
            "title": "方案标题",
            "document_number": "文号",
            "date": "印发日期",
            "issuers": "印发单位（JSON 数组）",
            "jurisdiction": "所属行政区域",
            "period": "规划期名称（如 十四五；没有则为空）",
            "period_start": "规划期起始年",
            "period_end": "规划期结束年",
            "filters": "选出任务的筛选条件（JSON；全部为空即整张表）",
        },
        [],
        None,
    ),
    "plan": (
        "方案信息",
        "单一方案文件的方案信息，键值对。",
        {"key": "键", "value": "值"},
        [],
        None,
    ),
    "sections": (
        "板块",
        "方案的板块（一、二、…）。",
        {"number": "板块序号", "numeral": "中文序号", "title": "板块标题", "plan": _PLAN},
        [],
        None,
    ),
    "topics": (
        "主题",
        "板块下的主题（（一）、（二）、…）。",
        {
            "number": "主题序号",
            "numeral": "中文序号",
            "title": "主题标题",
            "section": "所属板块序号",
            "plan": _PLAN,
        },
        ["section"],
        None,
    ),
    "departments": (
        "单位",
        "牵头、配合单位及统称（如 各区、相关区）的名册。",
        {
            "name": "单位名称（命令行所用名称；两个区同名时写作 区名:单位名）",
            "full_name": "单位全称",
            "kind": "单位类别（见 kind_labels：市政府部门、区、统称 …）",
            "aliases": "别名（JSON 数组）",
            "description": "说明",
            "jurisdiction": "所属行政区域",
        },
        ["kind", "jurisdiction"],
        None,
    ),
    "group_members": (
        "统称的成员",
        "列出成员的统称（如 各区 → 16 个区）。",
        {"group_name": "统称", "member": "成员单位"},
        ["group_name"],
        None,
    ),
    "group_scope": (
        "统称的范围",
        "不列成员的统称（如 相关区）所指的单位类别。",
        {"group_name": "统称", "kind": "单位类别（见 kind_labels）"},
        [],
        None,
    ),
    "tasks": (
        "任务",
        "分工表的任务，文字照录原文件。搜索框查找任务内容中的词语（一个字、两个字或更长）。",
        {
            "id": _TASK,
            "topic": "所属主题序号",
            "section": "所属板块序号",
            "text": "任务内容（照录原文）",
            "plan": _PLAN,
        },
        ["section", "topic"],
        "id",
    ),
    "assignments": (
        "分工",
        "每项任务的牵头、配合单位，按表中顺序。",
        {
            "task": _TASK,
            "department": _BODY,
            "role": "角色：lead 牵头，support 配合",
            "position": "在表中该栏内的顺序",
            "plan": _PLAN,
        },
        ["department", "role"],
        "task",
    ),
    "involvement": (
        "责任清单",
        "每个单位在每项任务中的角色，与责任清单和统计口径一致。",
        {
            "task": _TASK,
            "department": _BODY,
            "bucket": "归类：lead 牵头，support 配合，possible 可能涉及",
            "how": "方式：direct 直接列名，group 经由列出成员的统称，possible 经由不列成员的统称",
            "via": "经由的统称",
            "plan": _PLAN,
        },
        ["department", "bucket", "how"],
        "task",
    ),
    "targets": (
        "指标",
        "任务中的量化或定性目标。",
        {
            "task": _TASK,
            "position": "在任务中的顺序",
            "metric": "指标",
            "qualitative": "是否定性目标（1 是，0 否）",
            "value": "目标值（按原文单位）",
            "unit": "单位",
            "quantity": "换算为基本单位的数量（500 万人次 → 5000000）",
            "qualifier": "限定语（JSON，如 以上、累计）",
            "period": "目标期限",
            "plan": _PLAN,
        },
        ["unit", "qualitative"],
        "task",
    ),
    "role_labels": (
        "角色代码",
        "角色和归类代码的中文。",
        {"code": "代码", "label": "中文"},
        [],
        None,
    ),
    "how_labels": ("方式代码", "方式代码的中文。", _CODES, [], None),
    "kind_labels": (
        "单位类别代码",
        "单位类别的中文。",
        {"code": "代码", "label": "中文"},
        [],
        None,
    ),
    "status_labels": (
        "进展状态代码",
        "进展状态的中文。",
        {"code": "代码", "label": "中文"},
        [],
        None,
    ),
    "light_labels": ("亮灯代码", "亮灯颜色的中文。", _CODES, [], None),
    "meta": (
        "台账信息",
        "导出台账时的评判日期和亮灯规则。",
        {
            "key": "键：as_of 评判日期，lights_preset 亮灯规则，lights_settings 规则参数，"
            "periods 报送期，last_period 当日应报的报送期",
            "value": "值",
        },
        [],
        None,
    ),
    "progress": (
        "台账",
        "各单位每个报送期对每项任务的报送，每条一行。",
        {
            "task": _TASK,
            "body": "报送单位",
            "period": _PERIOD,
            "period_start": "报送期首日",
            "period_end": "报送期末日",
            "status": "进展状态代码（见 status_labels）",
            "status_label": "进展状态：未启动、推进中、持续推进、已完成、滞后、已终止",
            "progress": "进展情况",
            "problems": "存在问题",
            "next": "下一步计划",
            "reported": "报送日期",
            "reporter": "报送人",
            "figures": "完成值（JSON：value 数值，unit 单位，target 对应指标）",
            "evidence": "佐证材料链接（JSON 数组）",
            "plan": _PLAN,
        },
        ["period", "status", "body"],
        "task",
    ),
    "figures": (
        "完成值",
        "报送中的完成值，每个一行。",
        {
            "task": _TASK,
            "body": "报送单位",
            "period": _PERIOD,
            "position": "在该条报送中的顺序",
            "value": "完成值",
            "unit": "单位",
            "target": "对应指标",
            "plan": _PLAN,
        },
        ["unit", "period"],
        "task",
    ),
}
_LIGHT_COLUMNS = {
    "task": _TASK,
    "body": "决定亮灯的单位",
    "lead": "是否牵头单位（1 是，0 否）",
    "light": "亮灯代码：green、yellow、red、blue、none（见 light_labels）",
    "light_label": "亮灯：绿灯、黄灯、红灯、蓝灯、不亮灯",
    "reason": "亮灯原因",
    "status": "最新进展状态代码",
    "status_label": "最新进展状态",
    "due": "完成时限（原文）",
    "due_kind": "时限类别：by 之前，within 之内，period 规划期内，ongoing 长期",
    "due_date": "完成时限日期",
    "days": "距完成时限天数（负数为已超期）",
    "reported": "最新报送日期",
    "period": "最新报送所属报送期",
    "plan": _PLAN,
}
_TABLES["lights"] = (
    "亮灯",
    "评判日期（meta 表 as_of）各项任务的亮灯，以亮灯最差的牵头单位为准；与 fenggong status "
    "--as-of 相同。",
    _LIGHT_COLUMNS,
    ["light", "status", "body"],
    None,
)
_TABLES["lights_by_body"] = (
    "各单位亮灯",
    "评判日期各项任务每个单位的亮灯；与 fenggong status --by dept --as-of 相同。",
    {**_LIGHT_COLUMNS, "body": "单位", "duty": "本单位职责：牵头、配合，经由哪个统称，或可能涉及"},
    ["light", "body", "lead"],
    None,
)
LEDGER_TABLES = frozenset(
    {"meta", "status_labels", "light_labels", "progress", "figures", "lights", "lights_by_body"}
)
_HIDDEN = {*LABELS, "status_labels", "light_labels", "plan"}
LICENCE = "MIT"
LICENCE_URL = "https://opensource.org/licenses/MIT"


def metadata(chosen: Bundle | Plans, name: str, *, ledger: bool) -> bytes:
    """The metadata of the database ``name`` (its file's stem, as Datasette names it), with
    the 台账's tables when it has a ``ledger``, as JSON."""
    bundles = chosen.parts if isinstance(chosen, Plans) else (chosen,)
    several = len(bundles) > 1
    tables = [
        t for t in _TABLES if (ledger or t not in LEDGER_TABLES) and not (several and t == "plan")
    ]
    plans = [b.catalog.dataset.plan for b in bundles]
    sources = "；".join(f"{p.title}（{p.document_number}，{p.date.isoformat()}）" for p in plans)
    title = plans[0].title if not several else f"分工表（{len(plans)} 项方案）"
    description = f"{sources}。任务文字照录原文件；单位名称即表中所写。" + (
        "" if "progress" not in tables else "含台账（progress）及按评判日期计算的亮灯（lights）。"
    )
    entries = {t: _table(t, several) for t in tables}
    if "tasks" in entries:
        entries["tasks"].update(fts_table="tasks_fts", fts_pk="rowid")
    database = {
        "title": title,
        "description": description,
        "source": sources,
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "tables": entries,
    }
    document = {
        "title": title,
        "description": description,
        "source": sources,
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "databases": {name: database},
    }
    return (dumps(document, indent=2) + "\n").encode()


def _table(table: str, several: bool) -> dict[str, Any]:
    title, description, columns, facets, sort = _TABLES[table]
    entry: dict[str, Any] = {
        "title": title,
        "description": description,
        "columns": columns,
    }
    shown = [*facets]
    if several and "plan" in columns:
        shown.insert(0, "plan")
    if shown:
        entry["facets"] = shown
    # Across plans ids repeat: the table's own order (by plan, then id) is kept.
    if sort and not (several and sort in ("id", "task")):
        entry["sort"] = sort
    if table.endswith("_labels"):
        entry["label_column"] = "label"
    if table in _HIDDEN:
        entry["hidden"] = True
    return entry
