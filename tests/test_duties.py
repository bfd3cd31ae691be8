"""`export FORMAT --dept NAME`: one body's 责任清单 as a document of its own, in xlsx, docx,
markdown and html, read back with each format's reader."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.exporting.duties import duties, note
from tests.helpers import CATALOG
from tests.readback import docx_sections, html_sections, markdown_sections, xlsx_sections

FORMATS = {
    "xlsx": xlsx_sections,
    "docx": docx_sections,
    "markdown": markdown_sections,
    "html": html_sections,
}
SUBTITLE = "《落实国家“十四五”职业技能培训规划的实施方案》分工表（沪人社职〔2022〕256号）"
VIA_LEAD, VIA_SUPPORT = "经由“各区”等统称承担的牵头任务", "经由“各区”等统称承担的配合任务"

# Each body's tasks under the headings of its 责任清单, as `depts NAME` files them.
EXPECTED = {
    "市教委": {
        "牵头任务（11）": [3, 11, 22, 23, 24, 44, 48, 50, 51, 52, 58],
        "配合任务（14）": [2, 7, 8, 20, 25, 28, 41, 61, 73, 81, 82, 84, 95, 110],
        "可能涉及（4）": [6, 26, 96, 111],
    },
    "黄浦区": {
        "牵头任务（1）": [102],
        f"{VIA_LEAD}（3）": [97, 106, 111],
        f"{VIA_SUPPORT}（31）": [
            1, 2, 4, 5, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 25, 26,
            29, 30, 31, 32, 37, 40, 41, 45, 47, 52, 69, 76, 81, 101, 104,
        ],
        "可能涉及（2）": [66, 110],
    },
    "市总工会": {"配合任务（3）": [34, 81, 84], "可能涉及（5）": [2, 6, 26, 96, 111]},
    "各区": {
        "牵头任务（3）": [97, 106, 111],
        "配合任务（32）": [
            1, 2, 4, 5, 8, 10, 11, 12, 13, 14, 15, 16, 18, 19, 25, 26,
            29, 30, 31, 32, 37, 40, 41, 45, 47, 52, 69, 76, 81, 101, 102, 104,
        ],
    },
}  # fmt: skip


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _file(runner: CliRunner, fmt: str, *args: str) -> bytes:
    name = {"xlsx": "x.xlsx", "docx": "x.docx", "markdown": "x.md", "html": "x.html"}[fmt]
    result = runner.invoke(app, ["export", fmt, *args, "-o", name])
    assert result.exit_code == 0, result.stderr
    return Path(name).read_bytes()


@pytest.mark.parametrize("dept", list(EXPECTED))
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_format_files_the_tasks_under_the_headings(
    runner: CliRunner, fmt: str, dept: str
) -> None:
    assert FORMATS[fmt](_file(runner, fmt, "--dept", dept)) == EXPECTED[dept]


def test_the_headings_count_what_depts_counts(runner: CliRunner) -> None:
    for dept, filed in EXPECTED.items():
        sheet = json.loads(runner.invoke(app, ["depts", dept, "-f", "json"]).stdout)
        lead = [i for h, ids in filed.items() if "牵头" in h for i in ids]
        support = [i for h, ids in filed.items() if "配合" in h for i in ids]
        possible = [i for h, ids in filed.items() if h.startswith("可能涉及") for i in ids]
        assert [sorted(t["id"] for t in sheet[k]) for k in ("lead", "support", "possible")] == [
            sorted(lead),
            sorted(support),
            sorted(possible),
        ]


def test_the_workbook_is_titled_as_the_body_and_counts_it_alone(runner: CliRunner) -> None:
    book = load_workbook(io.BytesIO(_file(runner, "xlsx", "--dept", "市总工会")))
    assert book.sheetnames == ["责任清单", "量化目标", "定性目标"]  # no 部门统计 of 43 bodies
    sheet = book["责任清单"]
    assert [sheet.cell(r, 1).value for r in range(1, 5)] == [
        "市总工会责任清单",
        SUBTITLE,
        "上海市总工会：牵头 0 项，配合 3 项，可能涉及 5 项。",
        "可能涉及：任务由“相关区”“各相关委办局”等未列明成员的统称承担，是否涉及本单位请对照确认，"
        "不计入牵头、配合项数。",
    ]
    assert [c.value for c in sheet[5]] == [
        "序号",
        "重点任务",
        None,
        "牵头部门",
        "配合部门",
        "承担方式",
    ]
    assert sheet.freeze_panes == "A6" and sheet.print_title_rows == "$5:$5"
    notes = {r[0]: r[5] for r in sheet.iter_rows(min_row=6, values_only=True) if r[0] in (34, 96)}
    assert notes == {34: None, 96: "可能经由“各相关委办局”牵头"}
    # Goals of its tasks only: task 2's 20 new colleges, not task 1's 500万人次.
    assert [r[0] for r in book["量化目标"].iter_rows(min_row=3, values_only=True)] == [2]


def test_a_district_says_which_lead_comes_with_a_support_of_its_own(runner: CliRunner) -> None:
    page = _file(runner, "markdown", "--dept", "黄浦区").decode()
    row = next(line for line in page.splitlines() if line.startswith("| 102 |"))
    assert row.endswith("| 直接牵头；经由“各区”配合 |")
    assert (
        "上海市黄浦区：牵头 4 项（经由统称 3 项），配合 31 项（经由统称 31 项），可能涉及 2 项。"
        in page
    )


def test_a_group_names_its_members_and_needs_no_note_column(runner: CliRunner) -> None:
    word = docx.Document(io.BytesIO(_file(runner, "docx", "--dept", "各区")))
    assert [p.text for p in word.paragraphs[:4]] == [
        "各区责任清单",
        SUBTITLE,
        "上海市各区：牵头 3 项，配合 32 项，可能涉及 0 项。",
        "“各区”指：浦东新区、黄浦区、徐汇区、长宁区、静安区、普陀区、虹口区、杨浦区、闵行区、宝山区、"
        "嘉定区、金山区、松江区、青浦区、奉贤区、崇明区。",
    ]
    (grid,) = word.tables
    assert [c.text for c in grid.rows[0].cells] == [
        "序号",
        "重点任务",
        "重点任务",
        "牵头部门",
        "配合部门",
    ]


def test_the_page_is_the_list_with_its_keyword_filter_only(runner: CliRunner) -> None:
    page = _file(runner, "html", "--dept", "市教委").decode()
    assert "<title>市教委责任清单</title>" in page and "<h1>市教委责任清单</h1>" in page
    assert f"<p>{SUBTITLE}</p>" in page
    assert 'id="keyword"' in page and 'id="dept"' not in page and 'id="load"' not in page
    assert '<td class="how" data-label="承担方式">可能经由“各相关委办局”配合</td>' in page


def test_a_name_is_read_as_the_cli_reads_it_and_names_the_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "xlsx", "--dept", "pudong"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "pudong → 浦东新区 (pinyin)\nwrote 浦东新区责任清单.xlsx (37 tasks)\n"
    assert load_workbook("浦东新区责任清单.xlsx")["责任清单"]["A1"].value == "浦东新区责任清单"


def test_a_filtered_list_counts_the_chosen_tasks_and_says_which(runner: CliRunner) -> None:
    data = _file(runner, "xlsx", "--dept", "市教委", "--section", "五", "--grep", "产教融合")
    sheet = load_workbook(io.BytesIO(data))["责任清单"]
    assert [sheet.cell(r, 1).value for r in (3, 4)] == [
        "上海市教育委员会：牵头 4 项，配合 0 项，可能涉及 0 项。",
        "筛选：板块 五、创新技能人才培养模式；重点任务含“产教融合”。",
    ]
    assert xlsx_sections(data) == {"牵头任务（4）": [48, 50, 51, 52]}


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("牵头任务", ""), ("经由“各区”等统称承担的牵头任务", "")],
)
def test_a_note_is_left_out_where_the_heading_says_it(heading: str, expected: str) -> None:
    found = duties(CATALOG, "浦东新区" if "各区" in heading else "市教委", CATALOG.dataset.tasks)
    first = next(i for _, filed in found.filed for i in filed)
    assert note(first, heading) == expected


def test_counts_of_a_list() -> None:
    found = duties(CATALOG, "黄浦区", CATALOG.dataset.tasks)
    assert (found.lead, found.support, found.total, found.via_group, found.possible) == (
        4,
        31,
        35,
        34,
        2,
    )


@pytest.mark.parametrize(
    ("args", "name"),
    [(["xlsx", "--dept", "市教委"], "市教委责任清单.xlsx"), (["csv"], "分工表.csv")],
)
def test_a_default_name_never_replaces_a_file_without_force(
    runner: CliRunner, args: list[str], name: str
) -> None:
    Path(name).write_bytes(b"the whole table, kept")
    result = runner.invoke(app, ["export", *args])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {name} already exists\n"
        "  hint: add --force to replace it, or name another file with -o PATH\n"
    )
    assert Path(name).read_bytes() == b"the whole table, kept"
    result = runner.invoke(app, ["export", *args, "--force"])
    assert result.exit_code == 0, result.stderr
    assert Path(name).read_bytes() != b"the whole table, kept"


def test_a_named_file_is_replaced_as_asked(runner: CliRunner) -> None:
    Path("mine.xlsx").write_bytes(b"old")
    result = runner.invoke(app, ["export", "xlsx", "--dept", "市教委", "-o", "mine.xlsx"])
    assert result.exit_code == 0, result.stderr
    assert load_workbook("mine.xlsx").sheetnames[0] == "责任清单"


def test_csv_and_sqlite_with_one_department_keep_the_table_name(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "sqlite", "--dept", "市教委"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "wrote 分工表.db (29 tasks)\nwrote 分工表.metadata.json, Datasette's metadata: "
        "datasette 分工表.db -m 分工表.metadata.json\n"
    )
