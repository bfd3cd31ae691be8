"""`fenggong export` of a library: one plan exports as the plan file does; several plans
give one file of them all (sheets per plan and 汇总, plan-keyed tables, a 责任清单 with a
heading per plan), a same-named body of two districts staying two bodies."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.exporting.planbook import sheet_names
from tests.helpers import FIXTURES, ROOT

DISTRICTS = FIXTURES / "libraries" / "export-districts"
TASKS = ROOT / "data" / "tasks.yaml"
PUDONG, MINHANG = "pudong-2023-1", "minhang-2024-2"
# Each plan's issuer, jurisdiction, count of tasks and of quantified goals, as 汇总 lists them.
MH, PD = ("闵行区人民政府", "闵行区", 2, 1), ("浦东新区人民政府", "浦东新区", 3, 1)


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _export(runner: CliRunner, data: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--data", str(data), "export", *args])
    return result.exit_code, result.stderr


def _one_plan_library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(TASKS, folder / "tasks.yaml")
    return folder


def _content(data: bytes) -> dict[str, bytes]:
    """A zip file's members but the one holding when it was written."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


ONE_PLAN_CASES = [
    (fmt, extension, args)
    for fmt, extension in [
        ("xlsx", "xlsx"),
        ("docx", "docx"),
        ("csv", "csv"),
        ("markdown", "md"),
        ("html", "html"),
        ("sqlite", "db"),
    ]
    for args in [(), ("--dept", "市教委"), ("--lead", "pudong", "--section", "九")]
]


@pytest.mark.parametrize(("fmt", "extension", "args"), ONE_PLAN_CASES)
def test_a_library_of_one_plan_exports_the_file_of_that_plan(
    runner: CliRunner, tmp_path: Path, fmt: str, extension: str, args: tuple[str, ...]
) -> None:
    library = _one_plan_library(tmp_path)
    code, said = _export(runner, TASKS, fmt, *args, "-o", f"file.{extension}")
    assert code == 0, said
    assert _export(runner, library, fmt, *args, "-o", f"library.{extension}") == (
        0,
        said.replace("file.", "library."),
    )
    mine, theirs = Path(f"library.{extension}").read_bytes(), Path(f"file.{extension}").read_bytes()
    if fmt in ("xlsx", "docx"):
        assert _content(mine) == _content(theirs)
    else:
        assert mine == theirs


@pytest.mark.parametrize("fmt", ["xlsx", "markdown", "html", "docx"])
def test_each_body_of_a_library_of_one_plan_as_of_the_plan_file(
    runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    library = _one_plan_library(tmp_path)
    assert _export(runner, TASKS, fmt, "--each-dept", "--section", "九", "-o", "file")[0] == 0
    assert _export(runner, library, fmt, "--each-dept", "--section", "九", "-o", "lib")[0] == 0
    names = sorted(p.name for p in Path("file").iterdir())
    assert names == sorted(p.name for p in Path("lib").iterdir())
    for name in names:
        mine, theirs = (Path(f) / name for f in ("lib", "file"))
        if name.endswith((".xlsx", ".docx")):
            assert _content(mine.read_bytes()) == _content(theirs.read_bytes()), name
        else:
            assert mine.read_bytes() == theirs.read_bytes(), name


def test_the_workbook_of_two_plans_has_a_sheet_each_and_the_summary(runner: CliRunner) -> None:
    assert _export(runner, DISTRICTS, "xlsx", "-o", "t.xlsx") == (
        0,
        "wrote t.xlsx (5 tasks of 2 plans)\n",
    )
    book = load_workbook("t.xlsx")
    assert book.sheetnames == ["汇总", MINHANG, PUDONG, "量化目标", "定性目标", "部门统计"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    assert summary[0][0] == "汇总　2 个分工方案，5 项任务"
    assert summary[1:] == [
        ("方案", "标题", "文号", "日期", "发文单位", "辖区", "任务", "量化目标"),
        (MINHANG, "《闵行区职业技能培训实施方案》分工表", "闵府办〔2024〕2号", "2024-05-20", *MH),
        (PUDONG, "《浦东新区技能提升行动方案》分工表", "浦府办〔2023〕1号", "2023-03-01", *PD),
        ("合计", None, None, None, None, None, 5, 2),
    ]
    # Each plan's sheet is its own 分工表, as the plan's file prints it.
    pudong = book[PUDONG]
    assert [pudong["A1"].value, pudong["A2"].value, pudong["A4"].value] == [
        "《浦东新区技能提升行动方案》分工表",
        "浦府办〔2023〕1号",
        "一、主要任务",
    ]
    goals = list(book["量化目标"].iter_rows(min_row=2, values_only=True))
    assert [row[:3] for row in goals] == [
        ("方案", "序号", "指标"),
        (MINHANG, 1, "新增高技能人才"),
        (PUDONG, 1, "培训"),
    ]
    # Departments × plans: 区发改委 of each district its own row, blank where a plan
    # cannot name the body, 0 where it can and gives it nothing.
    counts = list(book["部门统计"].iter_rows(min_row=2, values_only=True))
    assert counts == [
        ("部门", "类别", MINHANG, PUDONG, "牵头", "配合", "合计", "经由统称", "可能涉及"),
        ("浦东新区区人社局", "市政府部门", None, 2, 2, 0, 2, 0, 0),
        ("闵行区区发改委", "市政府部门", 2, None, 1, 1, 2, 0, 0),
        ("市教委", "市政府部门", 1, 1, 1, 1, 2, 0, 0),
        ("浦东新区区发改委", "市政府部门", None, 2, 1, 1, 2, 0, 0),
        ("闵行区区人社局", "市政府部门", 1, None, 1, 0, 1, 0, 0),
        ("市人力资源社会保障局", "市政府部门", 1, 0, 0, 1, 1, 0, 0),
        ("各街镇", "统称", None, 1, 0, 1, 1, 0, 0),
    ]


def test_sheet_names_are_what_excel_accepts_and_unique() -> None:
    keys = ["a/b:c", "汇总", "A" * 40, "a" * 40, "x[1]*?", "'quoted'"]
    names = sheet_names(keys, ("汇总", "部门统计"))
    assert names == ["a_b_c", "汇总_2", "A" * 31, "a" * 29 + "_2", "x_1___", "quoted"]
    assert all(len(n) <= 31 for n in names)


def test_the_database_of_two_plans_keys_every_task_by_plan(runner: CliRunner) -> None:
    assert _export(runner, DISTRICTS, "sqlite", "-o", "t.db")[0] == 0
    db = sqlite3.connect("t.db")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "plan" not in tables  # the key/value table of a file of one plan
    plans = db.execute("SELECT key, document_number, jurisdiction, period FROM plans").fetchall()
    assert plans == [
        (MINHANG, "闵府办〔2024〕2号", "闵行区", "十四五"),
        (PUDONG, "浦府办〔2023〕1号", "浦东新区", ""),
    ]
    tasks = db.execute("SELECT plan, id FROM tasks ORDER BY plan, id").fetchall()
    assert tasks == [(MINHANG, 1), (MINHANG, 2), (PUDONG, 1), (PUDONG, 2), (PUDONG, 3)]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO tasks VALUES (1, 1, 1, 'again', ?)", (PUDONG,))
    # Two bodies named 区发改委, each in its own district's plan.
    bodies = db.execute(
        "SELECT name, full_name, jurisdiction FROM departments WHERE name LIKE '%区发改委'"
    ).fetchall()
    assert sorted(bodies) == [
        ("浦东新区:区发改委", "上海市浦东新区发展和改革委员会", "浦东新区"),
        ("闵行区:区发改委", "上海市闵行区发展和改革委员会", "闵行区"),
    ]
    led = db.execute(
        "SELECT plan, task, department FROM assignments WHERE role = 'lead' AND department "
        "LIKE '%区发改委' ORDER BY plan"
    ).fetchall()
    assert led == [(MINHANG, 2, "闵行区:区发改委"), (PUDONG, 2, "浦东新区:区发改委")]
    part = db.execute(
        "SELECT plan, task, bucket FROM involvement WHERE department = '市教委' ORDER BY plan"
    ).fetchall()
    assert part == [(MINHANG, 2, "lead"), (PUDONG, 2, "support")]
    assert db.execute("SELECT plan, task, metric FROM targets ORDER BY plan").fetchall() == [
        (MINHANG, 1, "新增高技能人才"),
        (MINHANG, 2, "产教融合"),
        (PUDONG, 1, "培训"),
    ]
    found = db.execute(
        "SELECT t.plan, t.id FROM tasks_fts f JOIN tasks t ON t.plan = f.plan AND t.id = f.id "
        "WHERE tasks_fts MATCH '培训补贴'"
    ).fetchall()
    assert found == [(PUDONG, 3)]


def test_the_database_of_one_plan_keeps_its_tables_and_gains_the_plans_table(
    runner: CliRunner,
) -> None:
    assert _export(runner, TASKS, "sqlite", "--section", "九", "-o", "t.db")[0] == 0
    db = sqlite3.connect("t.db")
    assert db.execute("SELECT value FROM plan WHERE key = 'document_number'").fetchone() == (
        "沪人社职〔2022〕256号",
    )
    assert db.execute("SELECT key, jurisdiction, period_start FROM plans").fetchall() == [
        ("hrss-2022-256", "上海市", 2021)
    ]
    assert db.execute("SELECT DISTINCT plan FROM tasks").fetchall() == [("hrss-2022-256",)]
    # A file of one plan: an index entry's rowid is still its task's id.
    found = db.execute("SELECT rowid, id FROM tasks_fts WHERE tasks_fts MATCH '属地化责任'")
    assert found.fetchall() == [(97, 97)]


def test_csv_and_markdown_of_two_plans_say_each_task_s_plan(runner: CliRunner) -> None:
    assert _export(runner, DISTRICTS, "csv", "-o", "t.csv")[0] == 0
    rows = Path("t.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "方案,序号,板块,主题,重点任务,牵头部门,配合部门,量化目标"
    assert [r.split(",")[:2] for r in rows[1:]] == [
        [MINHANG, "1"],
        [MINHANG, "2"],
        [PUDONG, "1"],
        [PUDONG, "2"],
        [PUDONG, "3"],
    ]
    assert _export(runner, DISTRICTS, "markdown", "-o", "t.md")[0] == 0
    page = Path("t.md").read_text(encoding="utf-8")
    assert page.startswith(
        "# 分工表汇编\n\n"
        f"- {MINHANG}：《闵行区职业技能培训实施方案》分工表（闵府办〔2024〕2号），"
        "2024-05-20（2 项任务）\n"
        f"- {PUDONG}：《浦东新区技能提升行动方案》分工表（浦府办〔2023〕1号），"
        "2023-03-01（3 项任务）\n"
        f"\n## {MINHANG} · 一、目标任务\n\n| 方案 | 序号 | 重点任务 | 牵头部门 | 配合部门 |\n"
    )
    assert f"| {PUDONG} | 3 | 落实培训补贴资金 | 区人社局 |  |" in page


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--plan", PUDONG), ["序号", "1", "2", "3"]),
        (("--year", "2024"), ["序号", "1", "2"]),
        (("--issuer", "闵行区人民政府"), ["序号", "1", "2"]),
        (("--dept", "浦东新区:区发改委"), ["序号", "1", "2"]),
    ],
)
def test_the_plan_filters_narrow_the_library_to_one_plan_s_file(
    runner: CliRunner, args: tuple[str, ...], expected: list[str]
) -> None:
    result = runner.invoke(app, ["--data", str(DISTRICTS), "export", "csv", *args, "-o", "-"])
    assert result.exit_code == 0, result.stderr
    rows = result.stdout_bytes.decode("utf-8-sig").splitlines()
    assert [r.split(",")[0] for r in rows] == expected  # no 方案 column: one plan


def test_a_name_two_districts_define_is_refused_until_told_which(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(DISTRICTS), "export", "docx", "--dept", "区发改委"])
    assert result.exit_code == 2
    assert (
        "区发改委 is ambiguous: it may mean 闵行区:区发改委 or 浦东新区:区发改委" in result.stderr
    )
    assert not list(Path().iterdir())


def test_a_body_s_duties_across_plans_have_a_heading_per_plan(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["--data", str(DISTRICTS), "export", "markdown", "--dept", "sjw", "-o", "-"]
    )
    assert result.stdout == (
        "# 市教委责任清单\n\n"
        "2 个分工方案：闵府办〔2024〕2号、浦府办〔2023〕1号\n\n"
        "上海市教育委员会在 2 个分工方案中合计牵头 1 项，配合 1 项，可能涉及 0 项。\n\n"
        "## 《闵行区职业技能培训实施方案》分工表（闵府办〔2024〕2号）\n\n"
        "牵头 1 项，配合 0 项，可能涉及 0 项。\n\n"
        "### 牵头任务（1）\n\n"
        "| 序号 | 重点任务 | 牵头部门 | 配合部门 |\n|---|---|---|---|\n"
        "| 2 | 推动产教融合 | 市教委、区发改委 |  |\n\n"
        "## 《浦东新区技能提升行动方案》分工表（浦府办〔2023〕1号）\n\n"
        "牵头 0 项，配合 1 项，可能涉及 0 项。\n\n"
        "### 配合任务（1）\n\n"
        "| 序号 | 重点任务 | 牵头部门 | 配合部门 |\n|---|---|---|---|\n"
        "| 2 | 建设公共实训基地 | 区发改委 | 市教委 |\n"
    )


def test_the_duties_workbook_and_document_across_plans(runner: CliRunner) -> None:
    assert _export(runner, DISTRICTS, "xlsx", "--dept", "市教委") == (
        0,
        "wrote 市教委责任清单.xlsx (2 tasks of 2 plans)\n",
    )
    book = load_workbook("市教委责任清单.xlsx")
    assert book.sheetnames == ["责任清单", "量化目标", "定性目标"]
    cells = [row[0] for row in book["责任清单"].iter_rows(values_only=True)]
    assert cells == [
        "市教委责任清单",
        "2 个分工方案：闵府办〔2024〕2号、浦府办〔2023〕1号",
        "上海市教育委员会在 2 个分工方案中合计牵头 1 项，配合 1 项，可能涉及 0 项。",
        "序号",
        "《闵行区职业技能培训实施方案》分工表（闵府办〔2024〕2号）",
        "牵头 1 项，配合 0 项，可能涉及 0 项。",
        "牵头任务（1）",
        2,
        "《浦东新区技能提升行动方案》分工表（浦府办〔2023〕1号）",
        "牵头 0 项，配合 1 项，可能涉及 0 项。",
        "配合任务（1）",
        2,
    ]
    qualitative = list(book["定性目标"].iter_rows(min_row=3, values_only=True))
    assert qualitative == [(MINHANG, 2, "产教融合", "市教委、区发改委", None)]
    assert _export(runner, DISTRICTS, "docx", "--dept", "市教委")[0] == 0
    (grid,) = docx.Document("市教委责任清单.docx").tables
    first = [row.cells[0].text for row in grid.rows]
    assert first[1:5] == [
        "《闵行区职业技能培训实施方案》分工表（闵府办〔2024〕2号）",
        "牵头 1 项，配合 0 项，可能涉及 0 项。",
        "牵头任务（1）",
        "2",
    ]


def test_each_body_of_two_plans_gets_one_list_across_them(runner: CliRunner) -> None:
    code, said = _export(runner, DISTRICTS, "markdown", "--each-dept", "-o", "out")
    assert (code, said) == (0, "wrote 9 责任清单 and their list index.md into out\n")
    names = sorted(p.name for p in Path("out").iterdir())
    assert names == sorted(
        ["index.md"]
        + [
            f"{n}责任清单.md"
            for n in (
                "闵行区人民政府",
                "闵行区区发改委",
                "闵行区区人社局",
                "市人力资源社会保障局",
                "市教委",
                "浦东新区人民政府",
                "浦东新区区发改委",
                "浦东新区区人社局",
                "各街镇",
            )
        ]
    )
    across = Path("out/市教委责任清单.md").read_text(encoding="utf-8")
    assert (
        across
        == runner.invoke(
            app, ["--data", str(DISTRICTS), "export", "markdown", "--dept", "市教委", "-o", "-"]
        ).stdout
    )
    # A body only one plan can name gets that plan's own list.
    own = Path("out/浦东新区区发改委责任清单.md").read_text(encoding="utf-8")
    assert own.startswith(
        "# 区发改委责任清单\n\n《浦东新区技能提升行动方案》分工表（浦府办〔2023〕1号）\n"
    )
    index = Path("out/index.md").read_text(encoding="utf-8").splitlines()
    assert index[2] == "2 个分工方案：闵府办〔2024〕2号、浦府办〔2023〕1号"
    (sjw,) = [line for line in index if line.startswith("| 市教委 |")]
    assert sjw.startswith("| 市教委 | 上海市教育委员会 | 市政府部门 | 1 | 1 | 2 | 0 | 0 |")


def test_an_export_never_replaces_a_file_of_the_library(runner: CliRunner, tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(DISTRICTS, library)
    os.link(library / "registry.yaml", tmp_path / "out.csv")  # one file, two names
    before = (library / "registry.yaml").read_bytes()
    code, said = _export(runner, library, "csv", "-o", "out.csv")
    assert code == 2
    assert said.startswith(f"error: refusing to overwrite the dataset {library / 'registry.yaml'}")
    assert (library / "registry.yaml").read_bytes() == before


def test_filters_no_plan_can_answer_are_refused(runner: CliRunner) -> None:
    both = ("--lead", "浦东新区:区发改委", "--support", "闵行区:区发改委")
    assert _export(runner, DISTRICTS, "xlsx", *both) == (
        2,
        "error: no plan of the library names every body of --lead, --support and --dept\n"
        "  hint: drop a name, or export each plan apart with --plan KEY\n",
    )
    assert not list(Path().iterdir())
