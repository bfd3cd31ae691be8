"""The diff report in one language: every sentence it writes is a catalogue key.

A Chinese catalogue then gives a wholly Chinese report; its entries below reproduce the
report's Chinese wording of before (任务47 重点任务：…), which the translation keeps.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fenggong.diff import report
from fenggong.diff.compare import Changes, compare
from fenggong.store import loader
from tests.helpers import FIXTURES

CASES = sorted(p for p in (FIXTURES / "diff").iterdir() if p.is_dir())

# The report's keys and their 简体中文, for the translation pass.
ZH = {
    "no change in meaning": "含义无变化",
    "No change in meaning.": "含义无变化。",
    "Changes to the division of work": "分工表变更",
    "Plan, sections, topics and registry": "方案、板块、主题与部门登记",
    "Tasks": "任务",
    "Impact by department": "影响（按部门）",
    "Impact by department:": "影响（按部门）：",
    "department": "部门",
    "change": "变化",
    "{name}: {change}": "{name}：{change}",
    ", ": "，",
    "+{count} lead": "+{count} 牵头",
    "−{count} lead": "−{count} 牵头",
    "+{count} support": "+{count} 配合",
    "−{count} support": "−{count} 配合",
    "+{count} possibly concerned": "+{count} 可能涉及",
    "−{count} possibly concerned": "−{count} 可能涉及",
    "added task {id}: {text} (lead: {lead}; support: {support})": (
        "新增 任务{id}：{text}（牵头：{lead}；配合：{support}）"
    ),
    "removed task {id}: {text} (lead: {lead}; support: {support})": (
        "删除 任务{id}：{text}（牵头：{lead}；配合：{support}）"
    ),
    "task {id} renumbered: {old} → {new}": "任务{id} 重新编号：{old} → {new}",
    "tasks {old_first}–{old_last} → {new_first}–{new_last}": (
        "任务{old_first}–{old_last} → {new_first}–{new_last}"
    ),
    "task {id} topic: {old} → {new} ({text})": "任务{id} 主题：{old} → {new}（{text}）",
    "task {id} text: {edit}": "任务{id} 重点任务：{edit}",
    "task {id} lead {changes}": "任务{id} 牵头部门 {changes}",
    "task {id} lead order: {old} → {new}": "任务{id} 牵头部门顺序：{old} → {new}",
    "task {id} support {changes}": "任务{id} 配合部门 {changes}",
    "task {id} target {metric}: {old} → {new}": "任务{id} 目标 {metric}：{old} → {new}",
    "registry: added {name}": "部门登记 新增 {name}",
    "registry: removed {name}": "部门登记 删除 {name}",
    "registry: renamed {old} → {new}": "部门登记 更名 {old} → {new}",
    "{where} added": "{where} 新增",
    "{where} removed": "{where} 删除",
    "{where} {field}: {old} → {new}": "{where} {field}：{old} → {new}",
    "plan": "方案",
    "section {number}": "板块{number}",
    "topic {number}": "主题{number}",
    "department {name}": "部门 {name}",
    "title": "标题",
    "document number": "文号",
    "date": "日期",
    "issuers": "发文单位",
    "period": "规划期",
    "number": "编号",
    "numeral": "序号",
    "section": "板块",
    "full name": "全称",
    "kind": "类别",
    "aliases": "别名",
    "description": "说明",
    "members": "成员",
    "scope": "范围",
}


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """The report under a Chinese catalogue; a sentence missing from it fails the test."""
    monkeypatch.setattr(report, "_", ZH.__getitem__)


def _changes(case: Path) -> Changes:
    return compare(loader.load(case / "old.yaml"), loader.load(case / "new.yaml"))


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_a_chinese_catalogue_gives_a_chinese_report(case: Path) -> None:
    changes = _changes(case)
    text = report.as_text(changes)
    assert text == (case / "expected.zh.txt").read_text(encoding="utf-8")
    markdown = re.sub("</?(del|ins)>", "", report.as_markdown(changes))
    for written in (text, markdown):
        assert re.search("[A-Za-z]", written) is None, written


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_the_english_report_is_english(case: Path) -> None:
    """The fixtures' data is Chinese, so no Chinese sentence of the report's own remains:
    every line with words of the report's begins with an English word."""
    for line in report.as_text(_changes(case)).splitlines():
        assert line == "" or re.match(r"\s*[A-Za-z]|\s*\S+: [+−]", line), line


def test_every_key_keeps_its_placeholders() -> None:
    for key, chinese in ZH.items():
        assert sorted(re.findall(r"{(\w+)}", key)) == sorted(re.findall(r"{(\w+)}", chinese))
