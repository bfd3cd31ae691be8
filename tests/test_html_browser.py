"""The exported HTML page in a real headless Chromium: filtering as you type, inert data."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.query.select import Filters, select
from fenggong.store import loader
from tests.helpers import CATALOG, FIXTURES

HOSTILE = FIXTURES / "hostile" / "hostile.yaml"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AVAILABLE = Path(CHROMIUM).exists()

# CI installs Debian's chromium (.ci/run); only a developer machine without it may skip.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not AVAILABLE and not os.environ.get("CI"), reason="Debian's chromium is not installed"
    ),
]

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def _page(browser: object, tmp_path: Path, *data: str) -> object:
    path = tmp_path / "table.html"
    result = CliRunner().invoke(app, [*data, "export", "html", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(path.as_uri())
    return page


def _visible_ids(page: object) -> list[int]:
    ids = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "tr.task:not(.hidden)", "rows => rows.map(r => Number(r.dataset.id))"
    )
    return list(ids)


def test_typing_a_department_filters_the_rows(browser: object, tmp_path: Path) -> None:
    page = _page(browser, tmp_path)
    assert len(_visible_ids(page)) == 111
    page.fill("#dept", "市教委")  # type: ignore[attr-defined]
    # The same tasks as `fenggong list --dept 市教委`, possible matches marked.
    expected = [h.task.id for h in select(CATALOG, Filters(dept=("市教委",)))]
    assert _visible_ids(page) == expected
    assert page.inner_text("#count") == "共 29 项任务"  # type: ignore[attr-defined]
    possible = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "tr.task.possible:not(.hidden)", "rows => rows.map(r => Number(r.dataset.id))"
    )
    assert possible == [6, 26, 96, 111]
    page.fill("#keyword", "数字技能")  # type: ignore[attr-defined]
    assert _visible_ids(page) == []
    page.fill("#dept", "")  # type: ignore[attr-defined]
    assert _visible_ids(page) == [17, 45, 46]


def test_a_district_sees_tasks_of_each_district(browser: object, tmp_path: Path) -> None:
    page = _page(browser, tmp_path)
    page.fill("#dept", "上海市黄浦区")  # type: ignore[attr-defined]
    ids = _visible_ids(page)
    # The full name finds what the registry name does: named (102), via 各区 (1), and
    # possibly via 相关区 (66).
    assert ids == [h.task.id for h in select(CATALOG, Filters(dept=("黄浦区",)))]
    assert {1, 66, 102} <= set(ids)
    hidden_sections = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "tbody.section.hidden", "bodies => bodies.map(b => b.id)"
    )
    assert hidden_sections == ["s8"]  # no task of section 八 reaches a district


def test_script_in_a_task_text_stays_inert(browser: object, tmp_path: Path) -> None:
    page = _page(browser, tmp_path, "--data", str(HOSTILE))
    dialogs: list[str] = []

    def record(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)  # type: ignore[attr-defined]
    page.fill("#keyword", "覆盖率")  # type: ignore[attr-defined]
    assert page.title() == "《示例方案》分工表"  # type: ignore[attr-defined]
    assert dialogs == []
    assert page.eval_on_selector_all("img", "imgs => imgs.length") == 0  # type: ignore[attr-defined]
    cell = page.inner_text("tr.task[data-id='2'] td:nth-child(2)")  # type: ignore[attr-defined]
    # The topic, then the text as text: markup shown, not run; the line break folded.
    text = loader.load(HOSTILE).tasks[1].text
    assert text.startswith("<script>document.title='pwned'</script>")
    assert cell == "（一）培训\n" + text.replace("\n", " ")
    assert _visible_ids(page) == [2]
