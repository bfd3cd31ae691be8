"""The exported HTML page in a real headless Chromium: filtering as you type, names resolved
as the CLI resolves them, the load table following the filter, inert data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from typer.testing import CliRunner

from fenggong.catalog import Catalog
from fenggong.cli import app
from fenggong.query.counts import workload
from fenggong.query.select import Filters, select
from fenggong.resolve import Resolver
from fenggong.store import loader
from tests.browser import MARKS, browser, open_page, visible_ids
from tests.helpers import CATALOG, FIXTURES

HOSTILE = FIXTURES / "hostile" / "hostile.yaml"
pytestmark = MARKS
__all__ = ["browser"]  # the fixture, used by name


def _resolved(page: Any, inputs: list[str]) -> list[tuple[str, str]]:
    """What the page makes of each name typed: its state and the bodies it stands for."""
    found = page.evaluate(
        """inputs => inputs.map(text => {
            const input = document.getElementById("dept");
            input.value = text;
            input.dispatchEvent(new Event("input"));
            const filter = document.getElementById("filter");
            return [filter.dataset.state, filter.dataset.bodies];
        })""",
        inputs,
    )
    return [tuple(x) for x in found]


def _load_rows(page: Any) -> list[list[str]]:
    return list(
        page.eval_on_selector_all(
            "#load tbody tr:not(.hidden)",
            """rows => rows.map(r => ["department", "lead", "support", "total", "via_group",
                "possible"].map(k => r.querySelector(`td[data-key="${k}"]`).textContent))""",
        )
    )


def _counts(catalog: Catalog, ids: list[int]) -> list[list[str]]:
    """`fenggong depts` over the tasks ``ids``, bodies with no part in them left out."""
    tasks = tuple(catalog.tasks[i] for i in ids)
    subset = Catalog(msgspec.structs.replace(catalog.dataset, tasks=tasks))
    return [
        [x.department, *(str(n) for n in (x.lead, x.support, x.total, x.via_group, x.possible))]
        for x in workload(subset)
        if x.total or x.possible
    ]


def test_typing_a_department_filters_the_rows(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path)
    assert len(visible_ids(page)) == 111
    page.fill("#dept", "市教委")
    # The same tasks as `fenggong list --dept 市教委`, possible matches marked.
    expected = [h.task.id for h in select(CATALOG, Filters(dept=("市教委",)))]
    assert visible_ids(page) == expected
    assert page.inner_text("#count") == "共 29 项任务"
    possible = page.eval_on_selector_all(
        "tr.task.possible:not(.hidden)", "rows => rows.map(r => Number(r.dataset.id))"
    )
    assert possible == [6, 26, 96, 111]
    # How the body takes part, as `list --dept` says it in its match column.
    assert page.inner_text("tr.task[data-id='3'] td.how") == "牵头·直接"
    assert page.inner_text("tr.task[data-id='6'] td.how") == "配合·可能(各相关委办局)"
    assert page.is_visible("#possible-legend")
    page.fill("#keyword", "数字技能")
    assert visible_ids(page) == []
    page.fill("#dept", "")
    assert visible_ids(page) == [17, 45, 46]
    assert not page.is_visible("#possible-legend")


def test_a_district_sees_tasks_of_each_district(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path)
    page.fill("#dept", "上海市黄浦区")
    ids = visible_ids(page)
    # The full name finds what the registry name does: named (102), via 各区 (1), and
    # possibly via 相关区 (66).
    assert ids == [h.task.id for h in select(CATALOG, Filters(dept=("黄浦区",)))]
    assert {1, 66, 102} <= set(ids)
    assert page.inner_text("tr.task[data-id='1'] td.how") == "配合·经由各区"
    hidden_sections = page.eval_on_selector_all(
        "tbody.section.hidden", "bodies => bodies.map(b => b.id)"
    )
    assert hidden_sections == ["s8"]  # no task of section 八 reaches a district


@pytest.mark.parametrize(
    ("typed", "body"),
    [
        ("sjw", "市教委"),
        ("教委", "市教委"),
        ("pudong", "浦东新区"),
        ("cnq", "长宁区"),
        ("ｓｊｗ", "市教委"),
    ],
)
def test_pinyin_and_aliases_filter_as_the_cli_does(
    browser: Any, tmp_path: Path, typed: str, body: str
) -> None:
    page = open_page(browser, tmp_path)
    page.fill("#dept", typed)
    assert visible_ids(page) == [h.task.id for h in select(CATALOG, Filters(dept=(body,)))]
    full_name = CATALOG.departments[body].full_name
    assert page.inner_text("#dept-status") == f"{body} · {full_name}"


def test_every_spelling_the_cli_resolves_the_page_resolves(browser: Any, tmp_path: Path) -> None:
    resolver = Resolver(CATALOG.departments)
    spellings = {
        s for key, d in CATALOG.departments.items() for s in (key, d.full_name, *d.aliases)
    }
    typed = sorted(spellings | set(resolver._pinyin) | {"上海市教委", " 市 教 委 ", "ＰＤ"})
    page = open_page(browser, tmp_path)
    expected = []
    for text in typed:
        found = resolver.candidates(text)
        expected.append(("one" if len(found) == 1 else "ambiguous", "、".join(found)))
    assert len(typed) > 300
    assert _resolved(page, typed) == expected


def test_an_unknown_name_says_so_instead_of_showing_nothing(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path)
    page.fill("#dept", "xyz")
    message = "未找到部门：{name}。请从列表中选择部门名称。".format(name="xyz")
    assert page.inner_text("#dept-status") == message
    assert page.get_attribute("#dept-status", "class") == "problem"
    # The department filter waits for a name it knows; the table is not emptied.
    assert page.inner_text("#count") == "共 111 项任务"
    assert not page.is_visible("#possible-legend")


def test_an_ambiguous_name_lists_the_bodies_to_pick(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path)
    page.fill("#dept", "浦")  # a fragment of 浦东新区, 黄浦区, 杨浦区 and 青浦区
    assert page.inner_text("#dept-status").startswith("浦 可能是：")
    assert page.eval_on_selector_all("#dept-status button", "b => b.map(x => x.textContent)") == [
        "浦东新区",
        "黄浦区",
        "杨浦区",
        "青浦区",
    ]
    page.click("#dept-status button:nth-of-type(2)")
    assert page.input_value("#dept") == "黄浦区"
    assert visible_ids(page) == [h.task.id for h in select(CATALOG, Filters(dept=("黄浦区",)))]
    # A fragment of many names offers the first few and says how many more there are.
    page.fill("#dept", "区")
    assert _resolved(page, ["区"]) == [("ambiguous", "、".join(_districts_and_groups()))]
    assert page.eval_on_selector_all("#dept-status button", "b => b.length") == 8
    more = "另有 11 个，请输入更完整的名称"
    assert page.inner_text("#dept-status").endswith(more)


def _districts_and_groups() -> list[str]:
    return [k for k in CATALOG.departments if "区" in k]


def test_the_load_table_is_what_depts_shows(browser: Any, tmp_path: Path) -> None:
    depts = json.loads(CliRunner().invoke(app, ["depts", "--format", "json"]).stdout)
    keys = ("lead", "support", "total", "via_group", "possible")
    expected = [[x["department"], *(str(x[k]) for k in keys)] for x in depts]
    page = open_page(browser, tmp_path)
    assert _load_rows(page) == expected
    assert len(expected) == 43  # the 16 districts included: 浦东新区 leads 3, supports 32
    assert ["浦东新区", "3", "32", "35", "35", "2"] in expected
    whole = "统计范围：全表 111 项任务。"
    assert page.inner_text("#load-scope") == whole
    assert page.is_visible("#load-caption")


@pytest.mark.parametrize(("field", "typed"), [("#dept", "sjw"), ("#keyword", "数字技能")])
def test_the_load_table_follows_the_filter(
    browser: Any, tmp_path: Path, field: str, typed: str
) -> None:
    page = open_page(browser, tmp_path)
    page.fill(field, typed)
    ids = visible_ids(page)
    assert _load_rows(page) == _counts(CATALOG, ids)
    scope = f"统计范围：筛选出的 {len(ids)} 项任务。"
    assert page.inner_text("#load-scope") == scope
    assert not page.is_visible("#load-caption")  # its "共 43 个部门" is the whole table's
    page.fill(field, "")
    assert _load_rows(page) == _counts(CATALOG, list(CATALOG.tasks))


def test_script_in_a_task_text_stays_inert(browser: Any, tmp_path: Path) -> None:
    page = open_page(browser, tmp_path, "--data", str(HOSTILE))
    dialogs: list[str] = []

    def record(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.fill("#keyword", "覆盖率")
    assert page.title() == "《示例方案》分工表"
    assert dialogs == []
    assert page.eval_on_selector_all("img", "imgs => imgs.length") == 0
    cell = page.inner_text("tr.task[data-id='2'] td.text")
    # The topic, then the text as text: markup shown, not run; the line break folded.
    text = loader.load(HOSTILE).tasks[1].text
    assert text.startswith("<script>document.title='pwned'</script>")
    assert cell == "（一）培训\n" + text.replace("\n", " ")
    assert visible_ids(page) == [2]
    # A typed name is shown as text too, in the unknown-name message.
    page.fill("#dept", "<img src=x onerror=alert(1)>")
    assert page.eval_on_selector_all("img", "imgs => imgs.length") == 0
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#dept-status")
    assert dialogs == []


def test_a_responsibility_page_filters_by_keyword_and_keeps_its_notes(
    browser: Any, tmp_path: Path
) -> None:
    path = tmp_path / "市教委责任清单.html"
    result = CliRunner().invoke(app, ["export", "html", "--dept", "市教委", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    lead = [3, 11, 22, 23, 24, 44, 48, 50, 51, 52, 58]
    support = [2, 7, 8, 20, 25, 28, 41, 61, 73, 81, 82, 84, 95, 110]
    assert visible_ids(page) == [*lead, *support, 6, 26, 96, 111]
    page.fill("#keyword", "产教融合")
    assert visible_ids(page) == [23, 48, 50, 51, 52, 84]
    shown = "tbody.section:not(.hidden) th"
    assert page.eval_on_selector_all(shown, "hs => hs.map(h => h.textContent)") == [
        "牵头任务（11）",
        "配合任务（14）",
    ]
    assert page.inner_text("#count") == "共 6 项任务"
    page.fill("#keyword", "")
    how = page.inner_text('tr[data-id="96"] td.how')
    assert how == "可能经由“各相关委办局”牵头"
    assert errors == []
