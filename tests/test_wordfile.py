"""``fenggong export docx``: the 分工表 as a notice's 附件, read back with python-docx."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.shared import Mm
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.exporting.layout import Document, Row, Section, Topic, printable
from fenggong.exporting.wordfile import document_bytes


def test_docx_is_the_table_of_a_notice(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "分工表.docx"
    result = runner.invoke(app, ["export", "docx", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {path} (111 tasks)\n"
    word = docx.Document(str(path))
    section = word.sections[0]
    size = (section.page_width, section.page_height)
    assert [length and length.twips for length in size] == [Mm(297).twips, Mm(210).twips]  # A4
    title, number = word.paragraphs[:2]
    assert title.text == "《落实国家“十四五”职业技能培训规划的实施方案》分工表"
    assert number.text == "沪人社职〔2022〕256号"
    assert title._p.xpath("string(.//w:rFonts/@w:eastAsia)") == "黑体"
    assert number._p.xpath("string(.//w:rFonts/@w:eastAsia)") == "仿宋"
    footer = section.footer.paragraphs[0]._p
    assert footer.xpath("string(.)") == "第 1 页 共 1 页"  # until the fields are computed
    assert footer.xpath(".//w:fldSimple/@w:instr") == [" PAGE ", " NUMPAGES "]
    (grid,) = word.tables
    rows = grid._tbl.tr_lst
    assert rows[0].xpath("./w:trPr/w:tblHeader")  # repeated on every page
    assert [c.text for c in grid.rows[0].cells] == [
        "序号",
        "重点任务",
        "重点任务",
        "牵头部门",
        "配合部门",
    ]
    assert rows[1].xpath("string(./w:tc/w:tcPr/w:gridSpan/@w:val)") == "5"
    assert grid.rows[1].cells[0].text == "一、目标任务"
    numbers = [r.tc_lst[0].xpath("string(.)") for r in rows[2:]]
    assert [n for n in numbers if n.isdigit()] == [str(i) for i in range(1, 112)]
    # Topic （二） is merged down over tasks 2 and 3.
    merges = [
        rows[numbers.index(n) + 2].xpath("string(./w:tc[2]/w:tcPr/w:vMerge/@w:val)") for n in "23"
    ]
    assert merges == ["restart", "continue"]
    font_table = next(p for p in word.part.package.iter_parts() if "fontTable" in p.partname)
    assert '<w:font w:name="仿宋"><w:altName w:val="FangSong"/>' in font_table.blob.decode()
    assert '<w:font w:name="黑体"><w:altName w:val="SimHei"/>' in font_table.blob.decode()


def test_docx_carries_text_xml_cannot_as_escapes() -> None:
    text = "非字符\uffff与\x1b[31m控制\u202e符"
    document = Document(
        "标\x07题", "文号", (Section("一、甲", (Topic("（一）乙", (Row(1, text, "甲", ""),)),)),)
    )
    word = docx.Document(io.BytesIO(document_bytes(document)))
    assert word.paragraphs[0].text == "标\\x07题"
    assert (
        word.tables[0].rows[2].cells[2].text
        == printable(text)
        == "非字符\\uffff与\\x1b[31m控制\\u202e符"
    )


def test_docx_is_binary_and_named_docx(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "docx", "-o", "-"])
    assert (result.exit_code, result.stderr) == (
        2,
        "error: docx is a binary format\n  hint: write it to a file with -o PATH\n",
    )
    result = runner.invoke(app, ["export", "docx", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "does not end in .docx, as a docx file does" in result.stderr
