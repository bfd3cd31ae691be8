"""The 台账 in the page, in a real headless Chromium: the filter by light shows the tasks
`status` lights so that a report stands behind, as many as `report summary` counts (a task
no one reported on is not reported, lit or not); it works with the other filters; folded
reports print open."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.browser import MARKS, browser, visible_ids
from tests.helpers import FIXTURES, ROOT

EXAMPLE = str(ROOT / "examples" / "tasks.yaml")
LIBRARY = FIXTURES / "ledger" / "library"
pytestmark = MARKS
__all__ = ["browser"]  # the fixture, used by name


def _json(*args: str) -> Any:
    result = CliRunner().invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def open_page(browser: Any, tmp_path: Path, *args: str, width: int = 1280) -> Any:
    """The page `fenggong export html ARGS` writes (--as-of is the command's own)."""
    path = tmp_path / "table.html"
    result = CliRunner().invoke(app, ["export", "html", "-o", str(path), *args])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    return page


def _choose(page: Any, light: str) -> None:
    page.select_option("#light", light)


@pytest.mark.parametrize("day", ["2025-12-15", "2026-05-01"])
def test_the_light_filter_shows_what_status_and_summary_say(
    browser: Any, tmp_path: Path, day: str
) -> None:
    page = open_page(browser, tmp_path, "--data", EXAMPLE, "--as-of", day, width=1400)
    standings = _json("status", "--data", EXAMPLE, "--as-of", day)
    # A row no report stands behind counts as not reported, whatever its light.
    lights = {r["task"]: r["light"] if r["status"] else None for r in standings}
    whole = _json("report", "summary", "--period", "2026-Q1", "--data", EXAMPLE, "--as-of", day)[0]
    shown = page.eval_on_selector_all(
        ".light-counts li",
        "items => items.map(i => [i.dataset.bucket, i.querySelector('b').textContent])",
    )
    assert dict(shown) == {
        k: str(whole[k if k != "all" else "tasks"])
        for k in ("all", "done", "on_track", "yellow", "red", "not_reported", "cancelled")
    }
    for light in ("red", "yellow", "green"):
        _choose(page, light)
        assert visible_ids(page) == [t for t, lit in lights.items() if lit == light]
        assert page.inner_text("#count") == f"共 {len(visible_ids(page))} 项任务"
    _choose(page, "red")
    assert len(visible_ids(page)) == whole["red"]
    _choose(page, "yellow")
    assert len(visible_ids(page)) == whole["yellow"]
    _choose(page, "green")  # done is green, and so is on track under the default preset
    assert len(visible_ids(page)) == whole["done"] + whole["on_track"]
    _choose(page, "not_reported")
    assert len(visible_ids(page)) == whole["not_reported"]
    _choose(page, "")
    assert len(visible_ids(page)) == 111


def test_the_light_filter_works_with_the_others(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path, "--data", EXAMPLE, "--as-of", "2026-05-01", width=390)
    _choose(page, "red")
    assert visible_ids(page) == [2, 27]  # 4, 5, 6, 47, 73 and 78, lit red, were never reported
    page.fill("#dept", "市教委")
    assert visible_ids(page) == [2]
    # The load table counts what is shown, the light filter included.
    assert page.inner_text("#load-scope") == "统计范围：筛选出的 1 项任务。"
    page.fill("#dept", "")
    page.fill("#keyword", "技师")
    assert visible_ids(page) == [2]
    # Sections with nothing shown are hidden; the light and its word are both on the card.
    assert page.eval_on_selector_all("tbody.section:not(.hidden)", "s => s.length") == 1
    assert page.inner_text("tr.task[data-id='2'] td.ledger .light") == "红灯"


def test_a_library_page_filters_by_light_within_a_plan(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path, "--data", str(LIBRARY), "--as-of", "2026-04-10")
    ids = "rows => rows.map(r => r.dataset.id)"
    _choose(page, "green")
    assert page.eval_on_selector_all("tr.task:not(.hidden)", ids) == ["minhang:1", "pudong:1"]
    page.select_option("#plan", "pudong")
    assert page.eval_on_selector_all("tr.task:not(.hidden)", ids) == ["pudong:1"]
    _choose(page, "not_reported")
    assert page.eval_on_selector_all("tr.task:not(.hidden)", ids) == ["pudong:2"]


def test_folded_reports_print_open(browser: Any, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(LIBRARY, tmp_path / "library")
    period = tmp_path / "library" / "progress" / "2026-03.yaml"
    text = period.read_text(encoding="utf-8")
    long = "（示例）" + "推进技能培训" * 30
    period.write_text(
        text.replace("status: in_progress}", f'status: in_progress, progress: "{long}"}}'),
        encoding="utf-8",
    )
    page = open_page(
        browser, tmp_path, "--data", str(tmp_path / "library"), "--as-of", "2026-04-10"
    )
    report = "tr.task[data-id='pudong:1'] .report"
    assert page.eval_on_selector("tr.task[data-id='pudong:1'] details", "d => d.open") is False
    assert not page.is_visible(report)
    page.emulate_media(media="print")
    assert page.is_visible(report)
    assert page.is_hidden("#filter")
    page.emulate_media(media="screen")
    assert not page.is_visible(report)
