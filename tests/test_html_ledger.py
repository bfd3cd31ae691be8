"""The 台账 in the exported page, as written: each task's light as `status` gives it, the
通报 counts as `report summary` gives them, on --as-of; and no trace of it without a ledger."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES, ROOT

EXAMPLE = ROOT / "examples" / "tasks.yaml"
LIBRARY = FIXTURES / "ledger" / "library"
DAY = "2026-05-01"


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def _page(*args: str) -> str:
    return _run("export", "html", "-o", "-", *args)


def _rows(page: str) -> dict[str, str]:
    """Each task's row by its data-id."""
    return dict(re.findall(r'<tr class="task"[^>]* data-id="([^"]+)"[^>]*>(.*?)</tr>', page, re.S))


def _attributes(page: str) -> dict[str, tuple[str, str]]:
    """Each task's light and 通报 bucket, as the filter reads them."""
    found = re.findall(
        r'<tr class="task"[^>]* data-id="([^"]+)"[^>]* data-light="(\w+)" data-bucket="(\w+)"',
        page,
    )
    return {i: (light, bucket) for i, light, bucket in found}


def _counts(page: str) -> dict[str, int]:
    block = re.search(r'<ul class="light-counts">(.*?)</ul>', page, re.S)
    assert block is not None
    found = re.findall(r'<li data-bucket="(\w+)">.*?<b>(\d+)</b>', block[1])
    return {bucket: int(n) for bucket, n in found}


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _summary(*args: str) -> dict[str, Any]:
    lines = json.loads(_run("report", "summary", "--period", "2026-Q1", *args, "-f", "json"))
    whole: dict[str, Any] = lines[0]
    assert whole["scope"] == "all"
    return whole


def test_without_a_ledger_the_page_is_as_it_was(tmp_path: Path) -> None:
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    (tmp_path / "progress").mkdir()  # a ledger folder with no period file is no ledger
    bare = _page()
    assert _page("--data", str(tmp_path / "tasks.yaml"), "--as-of", DAY) == bare
    markup = re.sub(r"<(style|script)>.*?</\1>", "", bare, flags=re.S)
    for trace in ('id="ledger"', 'id="light"', 'class="ledger"', "data-light", 'class="cards lit"'):
        assert trace not in markup
    assert bare.count('<th colspan="5">') == 9


def test_a_library_without_a_ledger_is_as_it_was() -> None:
    page = _page("--data", str(ROOT / "examples" / "library"), "--as-of", DAY)
    markup = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
    for trace in ('id="ledger"', 'id="light"', "data-light", 'colspan="6"'):
        assert trace not in markup


@pytest.mark.parametrize("day", ["2025-12-15", DAY, "2026-07-31"])
def test_the_counts_are_the_summary_of_the_day(day: str) -> None:
    page = _page("--data", str(EXAMPLE), "--as-of", day)
    whole = _summary("--data", str(EXAMPLE), "--as-of", day)
    counted = {k: whole[k] for k in ("done", "on_track", "yellow", "red", "not_reported")}
    assert _counts(page) == {"all": whole["tasks"], **counted, "cancelled": whole["cancelled"]}
    # Each row's bucket is the one the summary counts it in; its light, status's.
    buckets = [bucket for _light, bucket in _attributes(page).values()]
    assert {k: buckets.count(k) for k in counted} == counted
    status = json.loads(_run("status", "--data", str(EXAMPLE), "--as-of", day, "-f", "json"))
    assert {str(r["task"]): r["light"] for r in status} == {
        i: light for i, (light, _bucket) in _attributes(page).items()
    }
    assert f"截至 <b>{day}</b> 亮灯（亮灯规则：默认）" in page


def test_a_task_shows_its_light_status_deadline_and_reports() -> None:
    page = _page("--data", str(EXAMPLE), "--as-of", DAY)
    assert _counts(page) == {
        "all": 111,
        "done": 2,
        "on_track": 0,
        "yellow": 0,
        "red": 2,
        "not_reported": 107,
        "cancelled": 0,
    }
    # The silent tasks past their deadline are red on their rows: the count says how many.
    late = [
        i
        for i, (light, bucket) in _attributes(page).items()
        if (light, bucket) == ("red", "not_reported")
    ]
    assert late == ["4", "5", "6", "47", "73", "78"]
    assert "未报送</span> <b>107</b>（其中 6 项已过完成时限，亮红灯）</li>" in page
    row = _rows(page)["2"]
    cell = re.search(r'<td class="ledger" data-label="进展">(.*?)</td>', row, re.S)
    assert cell is not None
    assert (
        '<span class="light" data-light="red"><span class="dot" aria-hidden="true"></span>红灯'
        in cell[1]
    )
    said = re.findall(r"<(?:span class=\"state\"|div class=\"\w+\")>(.*?)</", cell[1])
    assert said == [
        "滞后",
        "已超过完成时限 2025-12-31 121 天，尚未完成",
        "完成时限 “十四五”时期（2025-12-31） · 逾期 121 天",
        "最近报送 2026-04-16（2026-Q1）",
    ]
    reports = re.search(r"<details class=\"reports\" open>(.*?)</details>", row, re.S)
    assert reports is not None
    assert [_text(p) for p in re.findall(r"<p[^>]*>.*?</p>", reports[1])] == [
        "市人力资源社会保障局 · 2026-Q1 · 滞后 · 2026-04-16 报送",
        "进展情况：（示例）已建设新型技师学院18所",
        "存在问题：（示例）2所学院的建设周期延至2026年",
        "下一步计划：（示例）2026年6月底前完成剩余建设",
        "完成值：18所",
        "市教委 · 2025-Q4 · 持续推进",
        "进展情况：（示例）配合做好院校遴选工作",
    ]
    assert _text(reports[1]).startswith("报送情况（2 个单位）")
    # A done task is neither due nor late; a task nobody reported on has no reports.
    done = _rows(page)["1"]
    # Each figure in its target's unit, named by its goal where the task has several.
    assert (
        '<p><span class="field">完成值：</span>512万人次（全市补贴性职业技能培训）；'
        "203万人次（农民工职业技能培训）</p>" in done
    )
    assert "完成时限 “十四五”时期（2025-12-31）</div>" in done
    assert "<details" not in _rows(page)["7"]
    assert '<div class="reason">尚无报送，也没有完成时限</div>' in _rows(page)["7"]


def test_the_light_filter_and_the_column_are_there() -> None:
    page = _page("--data", str(EXAMPLE), "--as-of", DAY)
    assert (
        '<label>亮灯 <select id="light"><option value="">全部</option>'
        '<option value="red">红灯</option><option value="yellow">黄灯</option>'
        '<option value="green">绿灯</option><option value="not_reported">未报送</option>'
        "</select></label>"
    ) in page
    assert '<table id="tasks" class="cards lit">' in page
    assert '<th class="ledger">进展</th><th class="how">' in page
    assert page.count('<th colspan="6">') == 9


def test_a_library_lights_its_tasks_per_plan() -> None:
    page = _page("--data", str(LIBRARY), "--as-of", "2026-04-10")
    assert _attributes(page) == {
        "minhang:1": ("green", "done"),
        "pudong:1": ("green", "on_track"),
        "pudong:2": ("none", "not_reported"),
    }
    assert _counts(page) == {
        "all": 3,
        "done": 1,
        "on_track": 1,
        "yellow": 0,
        "red": 0,
        "not_reported": 1,
        "cancelled": 0,
    }
    heads = [_text(h) for h in re.findall(r'<div class="plan-line">(.*?)</div>', page)]
    assert heads == [
        "方案 minhang · 2023-04-01 · 区人社局 · 1 项任务。2026-04-10：已完成 1，序时推进 0，"
        "黄灯 0，红灯 0，未报送 0，已终止 0",
        "方案 pudong · 2023-03-01 · 区人社局 · 2 项任务。2026-04-10：已完成 0，序时推进 1，"
        "黄灯 0，红灯 0，未报送 1，已终止 0",
    ]
    assert page.count('colspan="6"') == 4  # two plans' heads, a section each
    assert "闵行区:区发改委 · 2026-03 · 已完成 · 2026-04-02 报送" in _text(_rows(page)["minhang:1"])


def test_long_reports_start_folded_and_text_stays_text(tmp_path: Path) -> None:
    shutil.copytree(LIBRARY, tmp_path / "library")
    period = tmp_path / "library" / "progress" / "2026-03.yaml"
    long = "（示例）" + "推进<b>技能</b>培训" * 20
    period.write_text(
        period.read_text(encoding="utf-8").replace(
            '{task: "pudong:1", body: 区人社局, status: in_progress}',
            '{task: "pudong:1", body: 区人社局, status: in_progress, progress: "' + long + '"}',
        ),
        encoding="utf-8",
    )
    page = _page("--data", str(tmp_path / "library"), "--as-of", "2026-04-10")
    row = _rows(page)["pudong:1"]
    assert '<details class="reports"><summary>报送情况（1 个单位）</summary>' in row
    assert "<b>技能</b>" not in row and "推进&lt;b&gt;技能&lt;/b&gt;培训" in row
    assert '<details class="reports" open>' in _rows(page)["minhang:1"]  # short: open


def test_a_bad_day_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["export", "html", "-o", "-", "--as-of", "2026-13-01"])
    assert result.exit_code == 2
    assert "--as-of 2026-13-01 is not a date" in result.stderr


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (512, "512万人次"),
        (1234567.5, "1,234,567.5万人次"),
        (999999999999999.9, "999,999,999,999,999.9万人次"),
        (0.000123456789, "0.000123456789万人次"),
        (2.0, "2万人次"),
    ],
)
def test_a_figure_is_shown_with_every_digit_reported(value: float, shown: str) -> None:
    from fenggong.exporting.ledgerpage import _figure
    from fenggong.model import Figure

    assert _figure(Figure(value, "万人次", None)) == shown
