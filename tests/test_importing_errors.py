"""Broken and hostile text dumps: each refused with the file, the line and what was expected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fenggong.errors import FenggongError
from fenggong.importing import SourceError, importer
from fenggong.importing.importer import MAX_BYTES
from fenggong.importing.text_dump import TextDump
from tests.helpers import ROOT

SOURCE = ROOT / "data" / "source" / "000_fa1586bf4b2f0390.txt"
HEADER = ["序号", "重点任务", "牵头部门", "配合部门"]
# Laid out as the official dump is: the header at line 5, section 一 at 10, task 1 at 12.
ROWS = [
    ["一、目标任务"],
    ["1", "（一）政策制度更加完善", "力争培训500万人次", "市人力资源社会保障局", "各区"],
    ["2", "", "建设20所新型技师学院", "市人力资源社会保障局", "市教委、各区"],
    ["二、优化培训体系"],
    ["3", "（二）深化职业技能提升行动", "加强企业职工培训", "市教委、市财政局", ""],
]


def dump(*rows: list[str]) -> str:
    cells = ["\n".join(f"\t{cell}" for cell in row) for row in (HEADER, *rows)]
    return "附件\n\n《示例方案》分工表\n\n" + "\n\n".join(cells) + "\n"


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "table.txt"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def refusal(path: Path) -> SourceError:
    with pytest.raises(SourceError) as caught:
        TextDump().read(path)
    return caught.value


def test_the_small_table_reads(tmp_path: Path) -> None:
    draft = TextDump().read(write(tmp_path, dump(*ROWS)))
    assert [(t.number, t.section.numeral, t.topic.numeral) for t in draft.tasks] == [
        (1, "一", "一"),
        (2, "一", "一"),
        (3, "二", "二"),
    ]
    assert draft.tasks[1].support == ("市教委", "各区")
    assert draft.tasks[2].support == ()
    assert [t.lines.number for t in draft.tasks] == [12, 18, 26]


def test_crlf_line_ends_and_a_bom_read_the_same(tmp_path: Path) -> None:
    plain = TextDump().read(write(tmp_path, dump(*ROWS)))
    windows = "\ufeff" + dump(*ROWS).replace("\n", "\r\n")
    assert TextDump().read(write(tmp_path, windows)).tasks == plain.tasks


def test_a_source_error_is_a_usage_level_fenggong_error(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    error = refusal(path)
    assert isinstance(error, FenggongError)
    assert error.exit_code == 2
    assert (error.file, error.line, error.column) == (str(path), 1, None)


CASES: dict[str, tuple[str, int, str]] = {
    # name: (content, line, what the message says after "FILE:LINE: ")
    "empty": ("", 1, "the file is empty; expected a 分工表 text dump"),
    "blank": ("\n \n\n", 1, "the file is empty; expected a 分工表 text dump"),
    "no cells": (
        "附件\n分工表\n",
        1,
        "no table: no line begins with a tab; expected the header row's cells 序号, 重点任务, "
        "牵头部门, 配合部门, one a line after a tab",
    ),
    "wrong header": (
        dump(*ROWS).replace("\t牵头部门", "\t牵头单位"),
        7,
        "expected the header cell 牵头部门 (序号, 重点任务, 牵头部门, 配合部门), found '牵头单位'",
    ),
    "short header": (
        "\t序号\n\t重点任务\n\n" + dump(*ROWS).split("\n\n", 3)[3],
        2,
        "the header row ends after 2 cell(s); expected 序号, 重点任务, 牵头部门, 配合部门",
    ),
    "header only": (
        "\t序号\n\t重点任务\n\t牵头部门\n\t配合部门\n",
        4,
        "the table ends after its header; expected task rows",
    ),
    "letters for a number": (
        dump(*ROWS).replace("\t2\n", "\tII\n"),
        18,
        "expected a task number (序号) such as 12, found 'II'",
    ),
    "number zero": (
        dump(*ROWS).replace("\t2\n", "\t0\n"),
        18,
        "expected a task number (序号) such as 12, found '0'",
    ),
    "a thousand digits": (
        dump(*ROWS).replace("\t2\n", "\t" + "9" * 1000 + "\n"),
        18,
        "expected a task number (序号) such as 12, found '" + "9" * 40 + "…'",
    ),
    "header with an extra cell": (
        dump(*ROWS).replace("\t配合部门", "\t配合部门\n\t备注"),
        9,
        "the header row has a cell after 配合部门: '备注'",
    ),
    "repeated number": (
        dump(*ROWS).replace("\t3\n", "\t1\n"),
        26,
        "task 1 again: it is numbered at line 12",
    ),
    "topic without its brackets": (
        dump(*ROWS).replace("（二）深化", "二、深化"),
        27,
        "expected a topic heading such as （一）…, or an empty cell to continue the topic "
        "above; found '二、深化职业技能提升行动'",
    ),
    "topic in ascii brackets": (
        dump(*ROWS).replace("（一）", "(1)"),
        13,
        "expected a topic heading such as （一）…, or an empty cell to continue the topic "
        "above; found '(1)政策制度更加完善'",
    ),
    "empty topic opening a section": (
        dump(*ROWS).replace("（二）深化职业技能提升行动", ""),
        27,
        "task 3 leaves its topic cell empty, but no topic of section 二 comes before it; "
        "expected a topic such as （一）…",
    ),
    "bad section heading": (
        dump(*ROWS).replace("二、优化培训体系", "第二部分 优化培训体系"),
        24,
        "expected a section heading such as 一、目标任务, found '第二部分 优化培训体系'",
    ),
    "task before any section": (
        dump(*ROWS[1:]),
        10,
        "task 1 comes before any section heading 一、…",
    ),
    "section without tasks": (
        dump(*ROWS[:3], ROWS[3]),
        24,
        "section 二、优化培训体系 has no task rows",
    ),
    "task without text": (
        dump(*ROWS).replace("\t加强企业职工培训\n", "\t\n"),
        28,
        "task 3 has no text (重点任务)",
    ),
    "a missing blank line": (
        dump(*ROWS).replace("各区\n\n\t2", "各区\n\t2"),
        12,
        "a row of 10 cells (lines 12–21); expected 5 cells (序号, topic, task, 牵头部门, "
        "配合部门) or 1 (a section heading 一、…)",
    ),
    "a missing cell": (
        dump(*ROWS).replace("\t建设20所新型技师学院\n", ""),
        18,
        "a row of 4 cells (lines 18–21); expected 5 cells (序号, topic, task, 牵头部门, "
        "配合部门) or 1 (a section heading 一、…)",
    ),
    "text outside a cell": (
        dump(*ROWS).replace("\t各区\n", "各区\n", 1),
        16,
        "text outside a cell: '各区'; expected a cell (a line beginning with a tab) or a "
        "blank line between rows",
    ),
    "cut off mid-row": (
        dump(*ROWS).rsplit("\t市教委、市财政局", 1)[0],
        28,
        "the file ends inside the row that begins at line 26, after 3 of 5 cells: it looks cut off",
    ),
    "cut off after the number": (
        dump(*ROWS).rsplit("\t（二）", 1)[0],
        26,
        "the file ends inside the row that begins at line 26, after 1 of 5 cells: it looks cut off",
    ),
    "nul byte": (
        dump(*ROWS).replace("各区", "各\x00区", 1),
        16,
        "a NUL byte: this is a binary file, not text",
    ),
}


@pytest.mark.parametrize(("content", "line", "problem"), CASES.values(), ids=list(CASES))
def test_a_broken_dump_is_refused_where_it_breaks(
    tmp_path: Path, content: str, line: int, problem: str
) -> None:
    path = write(tmp_path, content)
    error = refusal(path)
    assert error.message == f"{path}:{line}: {problem}"
    assert (error.line, error.problem) == (line, problem)


def test_a_missing_blank_line_is_hinted_at(tmp_path: Path) -> None:
    error = refusal(write(tmp_path, CASES["a missing blank line"][0]))
    assert error.hint == "is a blank line missing between two rows?"


def test_gbk_bytes_are_refused_at_the_first_with_a_conversion_hint(tmp_path: Path) -> None:
    path = write(tmp_path, dump(*ROWS).encode("gbk"))
    error = refusal(path)
    assert error.message == f"{path}:1:1: not UTF-8 text: byte 0xB8 cannot be decoded"
    assert error.hint == (
        f"it reads as GBK: iconv -f GB18030 -t UTF-8 {path} > {tmp_path / 'table.utf8.txt'}"
    )


def test_one_cell_pasted_in_gbk_is_located_to_its_column(tmp_path: Path) -> None:
    head, tail = dump(*ROWS).split("力争培训", 1)
    path = write(tmp_path, head.encode() + "力争培训".encode("gbk") + tail.encode())
    error = refusal(path)
    assert error.message == f"{path}:14:2: not UTF-8 text: byte 0xC1 cannot be decoded"
    assert (error.line, error.column) == (14, 2)


def test_a_file_too_large_to_be_a_table_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: takes no disk
    error = refusal(path)
    assert error.message == f"{path}:1: the file is 65 MiB; a 分工表 source may be 64 MiB at most"


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, dump(*ROWS))
    monkeypatch.setattr(importer, "MAX_BYTES", 100 << 20)
    size = path.stat().st_size
    real_regular = importer._regular

    def measured_small(measured: Path) -> None:
        real_regular(measured)  # passes: the file is small when measured
        monkeypatch.setattr(importer, "MAX_BYTES", size - 1)  # and then "grows"

    monkeypatch.setattr(importer, "_regular", measured_small)
    error = refusal(path)
    assert error.message == f"{path}:1: a 分工表 source may be 0 MiB at most"


def test_the_official_dump_cut_at_any_line_is_a_prefix_or_a_located_refusal(
    tmp_path: Path,
) -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    full = TextDump().read(SOURCE).tasks
    complete = {task.lines.support: index + 1 for index, task in enumerate(full)}
    path = tmp_path / "cut.txt"
    refused = rf"^{re.escape(str(path))}:\d+: "
    last = 0  # the last line above the cut that is a cell or text, not a blank between rows
    for end in range(len(lines)):
        if end and (lines[end - 1].startswith("\t") or lines[end - 1].strip()):
            last = end
        # The opening (preamble, header, sections 一 and 二) and the close (section 九 to
        # the last cell): every kind of line, at a tenth of the cost of all 693 cuts.
        if 130 <= end < len(lines) - 100:
            continue
        path.unlink(missing_ok=True)  # a new file: truncating one can cost milliseconds
        path.write_text("\n".join(lines[:end]) + "\n", encoding="utf-8")
        if last in complete:  # the cut falls after a whole task row
            assert TextDump().read(path).tasks == full[: complete[last]], end
        else:
            with pytest.raises(SourceError, match=refused):
                TextDump().read(path)
