"""``fenggong export``: every format read back with its own reader, and safe writes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.exporting import EXPORTERS, PLAN_EXPORTERS, ExportFormat, exporter, plans_exporter
from fenggong.store import atomic
from tests.helpers import FIXTURES, ROOT

HOSTILE = FIXTURES / "hostile" / "hostile.yaml"


def run(runner: CliRunner, *args: str) -> bytes:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def test_every_export_format_has_an_exporter() -> None:
    assert set(EXPORTERS) == set(ExportFormat)
    assert set(PLAN_EXPORTERS) == set(ExportFormat)  # and one for several plans of a library
    for fmt in ExportFormat:
        assert callable(exporter(fmt))
        assert callable(plans_exporter(fmt))


def test_xlsx_is_the_printed_table(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    result = runner.invoke(app, ["export", "xlsx", "-o", str(path)])
    assert result.exit_code == 0
    assert result.stderr == f"wrote {path} (111 tasks)\n"
    book = load_workbook(path)
    assert book.sheetnames == ["分工表", "量化目标", "定性目标", "部门统计"]
    sheet = book["分工表"]
    assert sheet["A1"].value == "《落实国家“十四五”职业技能培训规划的实施方案》分工表"
    assert sheet["A2"].value == "沪人社职〔2022〕256号"
    assert [c.value for c in sheet[3]] == ["序号", "重点任务", None, "牵头部门", "配合部门"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:E1", "A2:E2", "B3:C3", "A4:E4"} <= merged  # title, number, header, section 一
    assert sheet["A4"].value == "一、目标任务"
    assert (sheet["A5"].value, sheet["B5"].value) == (
        1,
        "（一）普惠多元的终身职业技能培训政策制度更加完善",
    )
    assert "B6:B7" in merged  # topic （二） spans tasks 2 and 3
    row = next(r for r in sheet.iter_rows(min_row=4) if r[0].value == 47)
    assert str(row[2].value).endswith("力争开展企业新型学徒制培训6万人次")
    assert (row[3].value, row[4].value) == ("市人力资源社会保障局", "各区")
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.oddFooter is not None
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet["C5"].font.name == "宋体"
    quantified = book["量化目标"]
    assert quantified.max_row == 9  # title, header, 7 quantified targets
    assert [c.value for c in quantified[3]][:6] == [
        1,
        "全市补贴性职业技能培训",
        "力争500万人次",
        500,
        "万人次",
        5000000,
    ]
    # Who answers for a goal: the task's leads and supports.
    assert [c.value for c in quantified[2]][-2:] == ["牵头部门", "配合部门"]
    assert [c.value for c in quantified[3]][-2:] == ["市人力资源社会保障局", "各区"]
    assert [r[0].value for r in book["定性目标"].iter_rows(min_row=3)] == [3, 5, 6]
    counts = book["部门统计"]
    assert [c.value for c in counts[3]][:5] == ["市人力资源社会保障局", "市政府部门", 93, 7, 100]


def test_csv_opens_in_excel_and_neutralizes_formulas(runner: CliRunner) -> None:
    data = run(runner, "--data", str(HOSTILE), "export", "csv", "-o", "-")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "板块", "主题", "重点任务", "牵头部门", "配合部门", "量化目标"]
    assert rows[1][3].startswith("'=HYPERLINK(")
    assert rows[3][3].startswith("'@SUM(A1)")
    assert rows[1][5] == "市教委、各区"


def test_csv_of_the_bundled_table(runner: CliRunner) -> None:
    rows = list(
        csv.reader(io.StringIO(run(runner, "export", "csv", "-o", "-").decode("utf-8-sig")))
    )
    assert len(rows) == 112
    assert rows[47][:3] == ["47", "五、创新技能人才培养模式", "（二十）全面推广学徒制培养方式"]
    assert rows[47][6] == "开展企业新型学徒制培训：力争6万人次"


def test_xlsx_keeps_formula_like_text_as_text(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "hostile.xlsx"
    runner.invoke(app, ["--data", str(HOSTILE), "export", "xlsx", "-o", str(path)])
    sheet = load_workbook(path)["分工表"]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if str(c.value).startswith(("=", "@"))]
    assert risky, "the fixture has formula-like text"
    assert all(c.data_type == "s" for c in risky)


def test_markdown_whole_table_and_one_body(runner: CliRunner) -> None:
    whole = run(runner, "export", "markdown", "-o", "-").decode()
    title = "# 《落实国家“十四五”职业技能培训规划的实施方案》分工表\n\n"
    assert whole.startswith(title + "沪人社职〔2022〕256号，2022-09-16\n")
    assert "## 九、保障措施" in whole
    sheet = run(runner, "export", "markdown", "--dept", "sjw", "-o", "-").decode()
    assert sheet.startswith(
        "# 市教委责任清单\n\n《落实国家“十四五”职业技能培训规划的实施方案》分工表"
        "（沪人社职〔2022〕256号）\n\n上海市教育委员会：牵头 11 项，配合 14 项，可能涉及 4 项。\n"
    )
    assert "\n## 牵头任务（11）\n" in sheet


def test_sqlite_answers_sql_and_finds_chinese_words(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "table.db"
    runner.invoke(app, ["export", "sqlite", "-o", str(path)])
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM tasks").fetchone() == (111,)
    assert db.execute("SELECT count(*) FROM sections").fetchone() == (9,)
    assert db.execute("SELECT count(*) FROM topics").fetchone() == (37,)
    led = db.execute(
        "SELECT task FROM assignments WHERE department = '市教委' AND role = 'lead' ORDER BY task"
    ).fetchall()
    assert [t for (t,) in led] == [3, 11, 22, 23, 24, 44, 48, 50, 51, 52, 58]
    principal = db.execute(
        "SELECT department FROM assignments WHERE task = 10 AND role = 'lead' ORDER BY position"
    ).fetchall()
    assert principal == [("市国资委",), ("市经济信息化委",), ("市人力资源社会保障局",)]
    found = db.execute(
        "SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH '数字技能' ORDER BY rowid"
    ).fetchall()
    assert found == [(17,), (45,), (46,)]
    assert db.execute(
        "SELECT quantity, unit FROM targets WHERE task = 1 AND position = 1"
    ).fetchone() == (5000000.0, "万人次")
    members = db.execute("SELECT count(*) FROM group_members WHERE group_name = '各区'").fetchone()
    assert members == (16,)
    assert json.loads(
        db.execute("SELECT aliases FROM departments WHERE name = '市教委'").fetchone()[0]
    )


def test_filters_choose_what_is_exported(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "sjw.db"
    result = runner.invoke(
        app, ["export", "sqlite", "--lead", "市教委", "--direct", "-o", str(path)]
    )
    described = tmp_path / "sjw.metadata.json"
    assert result.stderr == (
        f"wrote {path} (11 tasks)\n"
        f"wrote {described}, Datasette's metadata: datasette {path} -m {described}\n"
    )
    assert sqlite3.connect(path).execute("SELECT count(*) FROM tasks").fetchone() == (11,)


def test_html_escapes_every_text(runner: CliRunner) -> None:
    page = run(runner, "--data", str(HOSTILE), "export", "html", "-o", "-").decode()
    assert "<script>document.title" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert '"><img src=x' not in page
    assert page.count("<script") == 2  # the data block and the page's own script
    assert "http://" not in page.replace("http://example.invalid", "")  # no network use


def test_the_json_block_cannot_close_its_element() -> None:
    from fenggong.exporting.pageparts import _json_block

    block = _json_block({"x": "</script><script>alert(1)</script>&"})
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block) == {"x": "</script><script>alert(1)</script>&"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "xlsx", "-o", "-"], "error: xlsx is a binary format\n"),
        (
            ["export", "csv", "-o", str(ROOT / "data" / "tasks.yaml")],
            f"error: {ROOT / 'data' / 'tasks.yaml'} does not end in .csv or .txt",
        ),
        (["export", "csv", "-o", "/nonexistent/x.csv"], "error: /nonexistent does not exist\n"),
        (["export", "pdf"], "Invalid value for 'FORMAT'"),
    ],
)
def test_export_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(b"old")

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_atomic_write_keeps_the_mode_of_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(b"old")
    path.chmod(0o640)
    atomic.write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_depts_chart(runner: CliRunner) -> None:
    result = runner.invoke(app, ["depts", "--chart"])
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if "市教委" in x)
    assert "11" in line and "14" in line and "█" in line and "░" in line
    csv_out = runner.invoke(app, ["depts", "--chart", "-f", "csv"]).stdout
    assert csv_out.splitlines()[1] == "市人力资源社会保障局,93,7"


def test_no_xlsx_row_is_taller_than_excel_allows(runner: CliRunner, tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    data["tasks"][0]["text"] = "加强职业技能培训" * 200  # 1,600 characters
    dataset = tmp_path / "long.yaml"
    dataset.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    path = tmp_path / "long.xlsx"
    result = runner.invoke(app, ["--data", str(dataset), "export", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    book = load_workbook(path)
    heights = [d.height or 0 for s in book.worksheets for d in s.row_dimensions.values()]
    assert max(heights) == 409
