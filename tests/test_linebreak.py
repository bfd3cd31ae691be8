"""Chinese line breaking on the terminal: no line opens with a closing mark, no number is
parted from its unit, no name is split, and a narrow terminal loses no column."""

from __future__ import annotations

import itertools
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.render.linebreak import CLOSING, OPENING, narrowest, tokens, wrap


def _lines(text: str, width: int) -> list[str]:
    cuts = [0, *wrap(text, width), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def test_a_closing_mark_stays_with_what_it_closes() -> None:
    text = "聚焦中高等院校毕业年度学生等青年群体，以提升就业创业能力为核心"
    lines = _lines(text, 36)
    assert lines == ["聚焦中高等院校毕业年度学生等青年群", "体，以提升就业创业能力为核心"]


def test_an_opening_mark_stays_with_what_it_opens() -> None:
    lines = _lines("积极开展职业技能（工种）培训", 16)
    assert lines == ["积极开展职业技能", "（工种）培训"]


@pytest.mark.parametrize(
    "piece", ["200万人次", "500万人次", "80%", "20所", "1.5万人", "8个", "2025年", "13 项"]
)
def test_a_number_keeps_its_unit(piece: str) -> None:
    assert piece in tokens(f"力争{piece}以上")


def test_wrapping_never_splits_a_number_from_its_unit() -> None:
    text = "“十四五”时期，力争全市补贴性职业技能培训500万人次，农民工职业技能培训200万人次"
    for width in range(12, 60):  # narrower, “500万人次，” alone is cut by characters
        lines = _lines(text, width)
        assert "".join(lines) == text
        assert all(cell_len(line.rstrip()) <= width for line in lines)
        assert not any(line[0] in CLOSING for line in lines[1:])
        assert not any(line.rstrip()[-1] in OPENING for line in lines)
        assert any("500万人次" in line for line in lines)
        assert any("200万人次" in line for line in lines)


def test_a_word_wider_than_the_line_is_cut_by_characters() -> None:
    assert _lines("ab supercalifragilistic", 8) == ["ab ", "supercal", "ifragili", "stic"]
    assert narrowest("ab supercalifragilistic") == 20


def test_a_name_in_a_list_is_never_split() -> None:
    names = ("市发展改革委", "市教委", "各相关委办局")
    text = "、".join(names)
    cuts = [0, *wrap(text, 20, names), len(text)]
    lines = [text[a:b] for a, b in itertools.pairwise(cuts)]
    assert lines == ["市发展改革委、", "市教委、各相关委办局"]
    assert wrap(text, 20) == [9]  # without the names, the break falls inside 市教委


def test_line_breaks_in_the_text_are_kept() -> None:
    assert _lines("第一行\n第二行", 20) == ["第一行\n", "第二行"]


_CLOSING_AT_START = re.compile(rf"^[│ ]*\S*\s+[{re.escape('，。、；：）」”')}]")


@pytest.mark.parametrize("columns", ["60", "80", "120", "200"])
@pytest.mark.parametrize(
    "args",
    [["list", "--lead", "市教委"], ["list", "--section", "一"], ["show", "1", "78"], ["depts"]],
    ids=" ".join,
)
def test_no_terminal_line_opens_with_a_closing_mark(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: str, args: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    for line in result.stdout.splitlines():
        assert cell_len(line) <= int(columns), line
        for cell in re.split(r"\s{2,}|│|：", line):
            assert cell.strip()[:1] not in set("，。、；：）」”"), line
    assert "万人" not in result.stdout or "万人\n" not in result.stdout


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_names_are_never_split(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    for args in (["depts"], ["matrix"], ["list", "--section", "九"]):
        out = runner.invoke(app, args).stdout
        assert "市发展改革\n" not in out
        assert not re.search(r"市人力资源\s*$", out, re.M), args
        assert "市人力资源社会保障局" in out


@pytest.mark.usefixtures("chinese")
def test_the_matrix_keeps_every_column_at_60(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = runner.invoke(app, ["matrix"]).stdout
    # Too narrow for ten count columns and whole names: a block per body, every section.
    block = out.split("\n\n")[1].splitlines()
    assert block == [
        "部门：市人力资源社会保障局",
        "一：5/0",
        "二：12/0",
        "三：10/2",
        "四：12/1",
        "五：4/1",
        "六：16/0",
        "七：14/0",
        "八：7/3",
        "九：13/0",
        "合计：93/7",
    ]


@pytest.mark.usefixtures("chinese")
def test_the_index_at_80_drops_only_its_bars(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = runner.invoke(app, ["depts"]).stdout.splitlines()
    assert lines[2].split() == ["部门", "类别", "牵头", "配合", "合计", "经由统称", "可能涉及"]
    assert lines[4].split() == ["市人力资源社会保障局", "市政府部门", "93", "7", "100", "0", "2"]


@pytest.mark.parametrize("columns", ["60", "200"])
def test_short_cuts_the_text_to_one_line_in_every_layout(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = runner.invoke(app, ["list", "--lead", "市教委", "--short"]).stdout
    texts = [line for line in out.splitlines() if "聚焦中高等院校" in line]
    assert len(texts) == 1
    if columns == "60":
        assert texts[0].rstrip().endswith("…")
