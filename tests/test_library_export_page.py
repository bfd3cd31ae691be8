"""The HTML page of a library: one page of several plans with a plan selector (each plan
under its heading, each row saying its plan and its task KEY:ID), names read across plans
as the command line reads them, in a real headless Chromium too."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.browser import MARKS, browser
from tests.helpers import FIXTURES, ROOT

DISTRICTS = FIXTURES / "libraries" / "export-districts"
TASKS = ROOT / "data" / "tasks.yaml"
PUDONG, MINHANG = "pudong-2023-1", "minhang-2024-2"
__all__ = ["browser"]  # the fixture, used by name


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _export(runner: CliRunner, data: Path, *args: str) -> int:
    result = runner.invoke(app, ["--data", str(data), "export", *args])
    assert result.exit_code == 0, result.stderr
    return result.exit_code


def _data_block(page: str) -> dict[str, Any]:
    block = re.search(r'<script type="application/json" id="fg-data">(.*?)</script>', page, re.S)
    assert block is not None
    found: dict[str, Any] = json.loads(block[1])
    return found


def test_the_page_of_two_plans_has_a_plan_selector(runner: CliRunner) -> None:
    _export(runner, DISTRICTS, "html", "-o", "t.html")
    page = Path("t.html").read_text(encoding="utf-8")
    assert (
        '<label>方案 <select id="plan"><option value="">全部 2 个方案</option>'
        f'<option value="{MINHANG}">{MINHANG} · 闵府办〔2024〕2号</option>'
        f'<option value="{PUDONG}">{PUDONG} · 浦府办〔2023〕1号</option></select></label>'
    ) in page
    rows = re.findall(r'<tr class="task" data-plan="([^"]+)" data-id="([^"]+)"', page)
    assert rows == [
        (MINHANG, f"{MINHANG}:1"),
        (MINHANG, f"{MINHANG}:2"),
        (PUDONG, f"{PUDONG}:1"),
        (PUDONG, f"{PUDONG}:2"),
        (PUDONG, f"{PUDONG}:3"),
    ]
    heads = re.findall(r'<tbody class="plan-head" data-plan="([^"]+)" id="(p\d)">', page)
    assert heads == [(MINHANG, "p1"), (PUDONG, "p2")]
    data = _data_block(page)
    assert [n for n in data["order"] if n.endswith("区发改委")] == [
        "闵行区:区发改委",
        "浦东新区:区发改委",
    ]
    assert data["departments"]["浦东新区:区发改委"]["bucket"] == {
        f"{PUDONG}:1": "support",
        f"{PUDONG}:2": "lead",
    }
    assert data["departments"]["市教委"]["reach"] == {
        f"{MINHANG}:2": "direct",
        f"{PUDONG}:2": "direct",
    }


def _three_plans(tmp_path: Path) -> Path:
    library = tmp_path / "library"
    shutil.copytree(DISTRICTS, library)
    shutil.copy(TASKS, library / "tasks.yaml")
    return library


def _shown(page: Any) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        "tr.task:not(.hidden)", "rows => rows.map(r => r.dataset.id)"
    )
    return found


@pytest.mark.slow
@MARKS[1]
def test_the_plan_selector_and_the_filters_choose_the_rows(
    runner: CliRunner, browser: Any, tmp_path: Path
) -> None:
    library = _three_plans(tmp_path)
    _export(runner, library, "html", "-o", "t.html")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(Path("t.html").resolve().as_uri())
    assert len(_shown(page)) == 116
    page.select_option("#plan", PUDONG)
    assert _shown(page) == [f"{PUDONG}:{i}" for i in (1, 2, 3)]
    assert page.inner_text("#count") == "共 3 项任务"
    heads = page.eval_on_selector_all(
        "tbody.plan-head:not(.hidden)", "heads => heads.map(h => h.dataset.plan)"
    )
    assert heads == [PUDONG]
    goals = page.eval_on_selector_all(
        "#target-table tbody tr:not(.hidden)", "rows => rows.map(r => r.cells[0].textContent)"
    )
    assert goals == [f"{PUDONG}:1"]
    loads = page.eval_on_selector_all(
        "#load tbody tr:not(.hidden)",
        "rows => rows.map(r => [r.cells[0].textContent, r.querySelector('.total').textContent])",
    )
    assert loads == [
        ["浦东新区:区人社局", "2"],
        ["浦东新区:区发改委", "2"],
        ["市教委", "1"],
        ["各街镇", "1"],
    ]
    # Every plan again, and a body across them: the tasks `list --dept` finds in each.
    page.select_option("#plan", "")
    page.fill("#dept", "sjw")
    listed = runner.invoke(app, ["--data", str(library), "list", "--dept", "sjw", "-f", "json"])
    expected = [f"{t['plan']['key']}:{t['id']}" for t in json.loads(listed.stdout)]
    assert sorted(_shown(page)) == sorted(expected) and len(expected) == 31
    page.fill("#dept", "区发改委")
    assert page.get_attribute("#filter", "data-state") == "ambiguous"
    assert page.get_attribute("#filter", "data-bodies") == "闵行区:区发改委、浦东新区:区发改委"
    page.fill("#dept", "浦东新区:区发改委")
    assert _shown(page) == [f"{PUDONG}:1", f"{PUDONG}:2"]
    assert page.inner_text(f"tr.task[data-id='{PUDONG}:2'] td.how") == "牵头·直接"
    page.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(Path("t.html").resolve().as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") == 390
    phone.close()
