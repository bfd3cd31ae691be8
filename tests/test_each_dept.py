"""`export FORMAT --each-dept -o DIR`: a 责任清单 per body and the list of them, in one run."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.exporting import ExportFormat, duty_file
from fenggong.exporting.batch import _unique
from tests.helpers import CATALOG, ROOT
from tests.readback import xlsx_sections

BODIES = list(CATALOG.departments)


@pytest.fixture(autouse=True)
def _in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _each(runner: CliRunner, fmt: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["export", fmt, "--each-dept", *args])
    assert result.stdout == ""
    return result.exit_code, result.stderr


def test_every_body_gets_its_list_and_the_workbook_lists_them(runner: CliRunner) -> None:
    code, said = _each(runner, "xlsx", "-o", "out")
    assert (code, said) == (0, "wrote 43 责任清单 and their list 目录.xlsx into out\n")
    names = sorted(p.name for p in Path("out").iterdir())
    assert names == sorted([f"{b}责任清单.xlsx" for b in BODIES] + ["目录.xlsx"])
    index = load_workbook("out/目录.xlsx")["目录"]
    rows = list(index.iter_rows(min_row=3, values_only=True))
    depts = json.loads(runner.invoke(app, ["depts", "-f", "json"]).stdout)
    by_name = {d["department"]: d for d in depts}
    assert [r[0] for r in rows] == BODIES  # registry order, to look a body up
    for name, _, _, lead, support, total, via_group, possible, file in rows:
        found = by_name[name]
        assert (lead, support, total, via_group, possible) == tuple(
            found[k] for k in ("lead", "support", "total", "via_group", "possible")
        )
        assert file == f"{name}责任清单.xlsx"
    link = index.cell(3, 9).hyperlink
    assert link is not None and link.target == "市人力资源社会保障局责任清单.xlsx"
    assert xlsx_sections(Path("out/市总工会责任清单.xlsx").read_bytes()) == {
        "配合任务（3）": [34, 81, 84],
        "可能涉及（5）": [2, 6, 26, 96, 111],
    }


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_each_file_is_the_one_a_single_export_writes(runner: CliRunner, fmt: str) -> None:
    code, _ = _each(runner, fmt, "--section", "九", "-o", "out")
    assert code == 0
    for body in BODIES:
        single = runner.invoke(app, ["export", fmt, "--dept", body, "--section", "九", "-o", "-"])
        written = Path("out", duty_file(body, ExportFormat(fmt))).read_bytes()
        assert written == single.stdout_bytes, body


def test_the_markdown_list_links_each_file_with_its_counts(runner: CliRunner) -> None:
    assert _each(runner, "markdown", "--section", "五", "-o", "out")[0] == 0
    index = Path("out/index.md").read_text(encoding="utf-8")
    assert index.startswith("# 责任清单目录\n\n")
    assert "筛选：板块 五、创新技能人才培养模式" in index
    assert (
        "| 市教委 | 上海市教育委员会 | 市政府部门 | 4 | 0 | 4 | 0 | 0 | "
        "[市教委责任清单.md](%E5%B8%82%E6%95%99%E5%A7%94%E8%B4%A3%E4%BB%BB%E6%B8%85%E5%8D%95.md) |"
    ) in index
    assert len(re.findall(r"^\| ", index, re.M)) == 1 + 43


def test_the_page_list_links_each_page(runner: CliRunner) -> None:
    assert _each(runner, "html", "-o", "pages")[0] == 0
    index = Path("pages/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', index)
    assert len(links) == 43
    assert all(Path("pages", text).is_file() for _, text in links)


def test_word_files_are_listed_in_a_workbook(runner: CliRunner) -> None:
    assert _each(runner, "docx", "--grep", "数字技能", "-o", "word")[0] == 0
    assert len(list(Path("word").glob("*.docx"))) == 43
    rows = load_workbook("word/目录.xlsx")["目录"].iter_rows(min_row=3, values_only=True)
    counts = {r[0]: r[3:8] for r in rows}  # lead, support, total, via a group, possibly
    assert counts["市人力资源社会保障局"] == (3, 0, 3, 0, 0)
    assert counts["浦东新区"] == (0, 1, 1, 1, 0)
    assert counts["市教委"] == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["csv", "-o", "out"],
            "--each-dept writes documents, not csv",
            "choose xlsx, docx, markdown or html",
        ),
        (
            ["xlsx", "-o", "-"],
            "--each-dept writes a folder of files",
            "name the folder with -o DIR",
        ),
        (["xlsx"], "--each-dept writes a folder of files", "name the folder with -o DIR"),
        (
            ["xlsx", "-o", "a-file"],
            "a-file is a file, not a folder",
            "name a folder with -o DIR; it is created when missing",
        ),
        (
            ["xlsx", "--dept", "市教委", "-o", "out"],
            "--each-dept writes every body's 责任清单: it takes no --dept, --lead or --support",
            "for one body, write: fenggong export xlsx --dept NAME",
        ),
        (
            ["xlsx", "-o", "no/such/out"],
            "cannot create the folder no/such/out: No such file or directory",
            "create its parent folder first, or name another with -o DIR",
        ),
    ],
)
def test_what_cannot_be_done_is_refused(
    runner: CliRunner, args: list[str], message: str, hint: str
) -> None:
    Path("a-file").write_bytes(b"mine")
    result = runner.invoke(app, ["export", args[0], "--each-dept", *args[1:]])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {message}\n  hint: {hint}\n"
    assert sorted(p.name for p in Path().iterdir()) == ["a-file"]
    assert Path("a-file").read_bytes() == b"mine"


def test_the_dataset_is_never_overwritten(runner: CliRunner) -> None:
    Path("out").mkdir()
    dataset = Path("out/市教委责任清单.md")
    shutil.copy(ROOT / "data" / "tasks.yaml", dataset)
    before = dataset.read_bytes()
    result = runner.invoke(
        app, ["--data", str(dataset), "export", "markdown", "--each-dept", "-o", "out"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: refusing to overwrite the dataset out/市教委责任清单.md"
    )
    assert dataset.read_bytes() == before


def test_a_rerun_refreshes_the_folder(runner: CliRunner) -> None:
    assert _each(runner, "markdown", "-o", "out")[0] == 0
    assert _each(runner, "markdown", "--section", "五", "-o", "out")[0] == 0
    assert "筛选：板块 五" in Path("out/市教委责任清单.md").read_text(encoding="utf-8")
    assert len(list(Path("out").iterdir())) == 44  # and no temporary file left


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("市教委", "市教委责任清单.xlsx"),
        ("a/b\\c", "a_b_c责任清单.xlsx"),
        ('<>:"|?*', "_______责任清单.xlsx"),
        ("\x1b[31m", "_[31m责任清单.xlsx"),
        ("..", "_责任清单.xlsx"),
        (" .隐藏. ", "隐藏责任清单.xlsx"),
        ("长" * 100, "长" * 80 + "责任清单.xlsx"),
    ],
)
def test_a_file_name_holds_nothing_a_system_refuses(name: str, expected: str) -> None:
    assert duty_file(name, ExportFormat.XLSX) == expected


def test_two_bodies_never_share_a_file() -> None:
    taken = {"目录.xlsx"}
    names = [_unique(n, taken) for n in ("a责任清单.xlsx", "A责任清单.xlsx", "ａ责任清单.xlsx")]
    assert names == ["a责任清单.xlsx", "A责任清单_2.xlsx", "ａ责任清单_3.xlsx"]
