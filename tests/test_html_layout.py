"""The exported HTML page laid out in Chromium on a phone (390 px: cards) and a desktop
(1400 px: the table). Set FENGGONG_SCREENSHOTS to a folder to keep screenshots to look at."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from fenggong.query.select import Filters, select
from tests.browser import DESKTOP, MARKS, PHONE, browser, open_page, visible_ids
from tests.helpers import CATALOG, FIXTURES, ROOT

HOSTILE = FIXTURES / "hostile" / "hostile.yaml"
DATASET = ROOT / "data" / "tasks.yaml"
pytestmark = MARKS
__all__ = ["browser"]  # the fixture, used by name

# Every laid-out element that reaches past either side of the window, or whose content
# is wider than itself (a card clips what overflows it), named to read.
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll("body *")).filter(e => {
        const box = e.getBoundingClientRect();
        const spills = e.tagName !== "INPUT" && e.clientWidth && e.scrollWidth > e.clientWidth + 1;
        return e.getClientRects().length && (box.left < -0.5 || box.right > width + 0.5 || spills);
    }).map(e => e.tagName + (e.id ? "#" + e.id : "") + "." + e.className);
}"""


def _boxes(page: Any, selector: str) -> list[dict[str, float]]:
    return list(
        page.eval_on_selector_all(
            selector,
            """els => els.filter(e => e.getClientRects().length).map(e => {
                const b = e.getBoundingClientRect();
                return {left: b.left, right: b.right, top: b.top, bottom: b.bottom,
                        width: b.width, height: b.height};
            })""",
        )
    )


def _style(page: Any, selector: str, prop: str) -> str:
    return str(page.eval_on_selector(selector, f"e => getComputedStyle(e)['{prop}']"))


def _field(page: Any, selector: str) -> str:
    """A card's field as it reads: its label (drawn by CSS before it), then its text."""
    label = str(page.eval_on_selector(selector, "e => getComputedStyle(e, '::before').content"))
    return ("" if label == "none" else label.strip('"')) + str(page.inner_text(selector))


def _screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("FENGGONG_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("typed", ["", "sjw", "pd", "xyz", "区"])
def test_nothing_overflows_a_phone(browser: Any, tmp_path: Path, typed: str) -> None:
    page = open_page(browser, tmp_path, width=PHONE)
    page.fill("#dept", typed)
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE
    _screenshot(page, f"phone-{typed or 'all'}")


@pytest.mark.parametrize("dataset", ["hostile", "long"])
def test_long_unbroken_data_wraps_on_a_phone(browser: Any, tmp_path: Path, dataset: str) -> None:
    path = HOSTILE
    if dataset == "long":  # a URL and a run of letters longer than a phone is wide
        path = tmp_path / "long.yaml"
        text = DATASET.read_text(encoding="utf-8")
        long = "https://example.invalid/" + "a" * 300
        path.write_text(text.replace("建设20所新型技师学院", long, 1), encoding="utf-8")
    page = open_page(browser, tmp_path, "--data", str(path), width=PHONE)
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE


def test_each_task_is_a_card_on_a_phone(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path, width=PHONE)
    assert _style(page, "tr.task", "display") == "grid"
    assert not page.is_visible("#tasks thead")
    # The text is read, not squeezed: at least half the window wide, in every card.
    widths = [box["width"] for box in _boxes(page, "#tasks td.text")]
    assert len(widths) == 111 and min(widths) >= PHONE / 2
    text, lead, support = (
        _boxes(page, f"tr.task[data-id='2'] td{s}")[0]
        for s in (".text", ".depts:nth-of-type(3)", ".depts:nth-of-type(4)")
    )
    assert text["bottom"] <= lead["top"] < support["top"]  # fields one under the other
    assert _field(page, "tr.task[data-id='2'] td.depts:nth-of-type(4)") == (
        "配合部门：市教委、各相关委办局、各区"
    )
    # Readable type; fields a phone's browser will not zoom into; headings stand out.
    assert float(_style(page, "#tasks td.text", "fontSize")[:-2]) >= 16
    assert float(_style(page, "#dept", "fontSize")[:-2]) >= 16
    assert float(_style(page, "tr.section-row th", "fontSize")[:-2]) >= 18
    assert _style(page, "#tasks td.text", "wordBreak") == "normal"  # CJK breaks by rule


def test_filtering_on_a_phone(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path, width=PHONE)
    page.fill("#dept", "sjw")
    assert visible_ids(page) == [h.task.id for h in select(CATALOG, Filters(dept=("市教委",)))]
    # How 市教委 takes part is one more field of the card; the "?" legend is by the filter.
    assert _field(page, "tr.task[data-id='6'] td.how") == "匹配：配合·可能(各相关委办局)"
    legend = _boxes(page, "#possible-legend")[0]
    field = _boxes(page, "#filter")[0]
    assert field["top"] <= legend["top"] and legend["bottom"] <= field["bottom"]
    page.fill("#dept", "xyz")
    message = "未找到部门：{name}。请从列表中选择部门名称。".format(name="xyz")
    assert page.inner_text("#dept-status") == message
    assert page.inner_text("#count") != "共 0 项任务"
    # Candidates are buttons big enough to tap.
    page.fill("#dept", "浦")
    buttons = _boxes(page, "#dept-status button")
    assert len(buttons) == 4 and min(b["height"] for b in buttons) >= 36
    assert min(b["height"] for b in _boxes(page, "#filter input")) >= 40
    _screenshot(page, "phone-fragment")


def test_the_load_table_is_cards_on_a_phone(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path, width=PHONE)
    page.eval_on_selector("#departments", "e => e.scrollIntoView()")
    assert not page.is_visible("#load thead")
    first = "#load tbody tr:first-child"
    # The script fills the load table after the page has loaded: wait for it, as a
    # loaded machine may still be drawing it.
    page.wait_for_selector(f"{first} td[data-key='department']:not(:empty)")
    assert _field(page, f"{first} td[data-key='department']") == "市人力资源社会保障局"
    assert _field(page, f"{first} td[data-key='lead']") == "牵头：93"
    bar = _boxes(page, f"{first} td.bar-cell")[0]
    assert bar["width"] >= PHONE / 2
    _screenshot(page, "phone-load")


def test_a_desktop_keeps_the_table(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path, width=DESKTOP)
    assert _style(page, "tr.task", "display") == "table-row"
    assert page.is_visible("#tasks thead")
    assert not page.is_visible("#tasks th.how")  # the match column waits for a department
    cells = _boxes(page, "tr.task[data-id='2'] td")
    tops = {round(c["top"]) for c in cells}
    assert len(cells) == 4 and len(tops) == 1  # side by side, one row
    assert [c["left"] for c in cells] == sorted(c["left"] for c in cells)
    assert page.evaluate(OVERFLOWING) == []
    page.fill("#dept", "sjw")
    assert page.is_visible("#tasks th.how")
    assert page.inner_text("tr.task[data-id='3'] td.how") == "牵头·直接"
    assert _style(page, "#load tbody tr", "display") == "table-row"
    _screenshot(page, "desktop-sjw")
