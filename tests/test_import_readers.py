"""The readers: each kind of source file to an exact, located Document, or a clear refusal."""

from __future__ import annotations

import datetime
import subprocess
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from fenggong.errors import FenggongError, FileAccessError, SourceError, UsageError
from fenggong.importing.document import Cell, Document, Paragraph, Row, Table, Where
from fenggong.importing.readers import base, legacy, read_document, reader_for
from tests.helpers import FIXTURES, ROOT

HERE = FIXTURES / "import" / "readers"
SAMPLES = ROOT.parent / "shared" / "import-samples"
PROSE = sorted(HERE.glob("prose-*.txt"))
PROSE_NOTES = {
    "prose-utf8.txt": (),
    "prose-utf8-bom-crlf.txt": (),
    "prose-cr.txt": (),
    "prose-utf16le.txt": ("decoded as UTF-16LE",),
    "prose-utf16be.txt": ("decoded as UTF-16BE",),
    "prose-utf16le-nobom.txt": ("decoded as UTF-16LE (no byte order mark)",),
    "prose-gb18030.txt": ("decoded as GB18030",),
}


def lines(document: Document) -> list[tuple[str, int | None]]:
    """The paragraphs of a document as (text, line)."""
    return [(b.text, b.where.line) for b in document.blocks if isinstance(b, Paragraph)]


def grid(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables(document: Document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def test_every_prose_fixture_is_listed() -> None:
    assert sorted(p.name for p in PROSE) == sorted(PROSE_NOTES)


@pytest.mark.parametrize("path", PROSE, ids=lambda p: p.name)
def test_a_text_in_any_encoding_reads_the_same(path: Path) -> None:
    document = read_document(path)
    assert document.reader == "text"
    assert document.notes == PROSE_NOTES[path.name]
    assert document.truncated is None
    assert lines(document) == [
        ("关于推进示例工作的分工方案", 1),
        ("一、总体要求", 3),
        ("（一）加强统筹。（市人力资源社会保障局牵头，市财政局配合）", 4),
        ("2022年10月底前完成", 5),
    ]
    assert document.blocks[0].where == Where(str(path), line=1)


def test_the_text_dump_is_one_table_after_its_preamble() -> None:
    path = HERE / "dump.txt"
    document = read_document(path)
    assert lines(document) == [("附件", 1), ("示例分工表", 3)]
    (table,) = tables(document)
    assert grid(table) == [
        ["序号", "重点任务", "牵头部门", "配合部门"],
        ["一、目标任务"],
        ["1", "（一）完善制度", "力争培训500万人次", "市人力资源社会保障局", "各区"],
        ["2", "", "建设20所学院", "市教委", ""],  # the last cell lost its tab
    ]
    assert [row.where.line for row in table.rows] == [5, 10, 12, 18]
    assert [cell.where.line for cell in table.rows[3].cells] == [18, 19, 20, 21, 22]
    assert table.where == Where(str(path), line=5)


def test_the_official_dump_reads_whole() -> None:
    path = ROOT / "data" / "source" / "000_fa1586bf4b2f0390.txt"
    document = read_document(path)
    (table,) = tables(document)
    assert len(table.rows) == 121
    assert grid(table)[0] == ["序号", "重点任务", "牵头部门", "配合部门"]
    assert table.rows[-1].cells[-1] == Cell("", Where(str(path), line=693))
    assert sum(len(row.cells) == 5 for row in table.rows) == 111


def test_tab_separated_rows_are_a_table() -> None:
    document = read_document(HERE / "tabbed.txt")
    assert lines(document) == [("示例分工表", 1), ("（此件公开发布）", 6)]
    (table,) = tables(document)
    assert grid(table) == [
        ["序号", "重点任务", "牵头部门", "配合部门"],
        ["1", "力争培训500万人次", "市人力资源社会保障局", "各区"],
        ["2", "建设20所学院", "市教委", ""],
    ]
    assert [row.where.line for row in table.rows] == [2, 3, 4]


def test_html_markup_entities_and_spaces() -> None:
    document = read_document(HERE / "entities.html")
    assert document.reader == "html"
    assert lines(document) == [
        ("关于“示例”的通知", 5),
        ("一、总体要求", 6),  # &nbsp; and U+3000 at the edges dropped
        ("甲&乙 丙 丁", 7),  # inside, a run of them is one space
        ("第二行 接续", 7),  # <br> breaks; a line end inside is a space
        ("（负责部门：市教委、市财政局）", 9),
        ("第一项", 10),
        ("第二项", 10),
    ]


def test_a_layout_table_is_flattened_and_a_data_table_inside_it_kept() -> None:
    path = HERE / "layout.html"
    document = read_document(path)
    assert [type(b).__name__ for b in document.blocks] == [
        "Paragraph",
        "Paragraph",
        "Table",
        "Paragraph",
    ]
    assert lines(document) == [
        ("一、营造优良环境", 4),
        ("（一）放宽比例要求。（负责部门：商务部）", 5),
        ("国务院", 10),
    ]
    (table,) = tables(document)
    assert grid(table) == [["序号", "任务", "牵头单位"], ["1", "任务一", "市教委"]]
    assert table.where == Where(str(path), line=6)


def test_a_data_table_repeats_spanned_cells() -> None:
    path = HERE / "data.html"
    (table,) = tables(read_document(path))
    assert grid(table) == [
        ["序号", "重点任务", "重点任务", "牵头部门"],
        ["1", "（一）完善制度", "培训500万人次\n建设学院", "市人力资源社会保障局"],
        ["2", "（一）完善制度", "建设20所学院", "市教委\n市财政局"],
    ]
    assert table.rows[2].cells[1].where == Where(str(path), line=6)


@pytest.mark.parametrize(
    ("name", "line", "last"),
    [
        ("truncated-cell.html", 3, None),
        ("truncated-tag.html", 3, "第二段"),
        ("truncated-paragraph.html", 2, "（一）加强统筹。（市人力资源社会保障局牵头，"),
    ],
)
def test_a_page_cut_off_says_where(name: str, line: int, last: str | None) -> None:
    path = HERE / name
    document = read_document(path)
    assert document.truncated == Where(str(path), line=line)
    if last is not None:
        assert lines(document)[-1][0] == last


def test_a_sql_dump_of_a_page_in_a_txt_file() -> None:
    document = read_document(HERE / "escaped.txt")
    assert document.reader == "html"
    assert lines(document) == [
        ("SOURCE: http://example.org | TITLE: 示例", 1),
        ('关于"示例"的通知', 2),
        ("它's", 2),
    ]


def test_a_declared_charset_is_honoured() -> None:
    document = read_document(HERE / "gbk.html")
    assert lines(document) == [("市人力资源社会保障局牵头", 1)]
    assert document.notes == ("decoded as GB2312",)


def test_a_complete_page_is_not_truncated() -> None:
    for name in ("entities.html", "layout.html", "data.html"):
        assert read_document(HERE / name).truncated is None


# Word and Excel files, made here.


def word_file(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("　分工方案　")
    document.add_paragraph("")
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}-{c}"
    table.cell(1, 0).merge(table.cell(2, 0))  # down: vMerge
    table.cell(3, 1).merge(table.cell(3, 2))  # across: gridSpan
    table.cell(0, 2).add_paragraph("第二段")
    document.add_paragraph("（此件公开发布）")
    document.save(str(path))
    return path


def test_a_word_file_in_body_order_with_merged_cells(tmp_path: Path) -> None:
    path = word_file(tmp_path / "plan.docx")
    document = read_document(path)
    file = str(path)
    assert document.reader == "docx"
    assert document.blocks[0] == Paragraph("分工方案", Where(file, paragraph=1))
    assert document.blocks[2] == Paragraph("（此件公开发布）", Where(file, paragraph=3))
    table = document.blocks[1]
    assert isinstance(table, Table)
    assert table.where == Where(file, table=1)
    assert grid(table) == [
        ["0-0", "0-1", "0-2\n第二段"],
        ["1-0\n2-0", "1-1", "1-2"],
        ["1-0\n2-0", "2-1", "2-2"],
        ["3-0", "3-1\n3-2", "3-1\n3-2"],
    ]
    assert table.rows[2].cells[0].where == Where(file, table=1, row=3)


def test_a_word_file_renamed_is_read_by_its_content(tmp_path: Path) -> None:
    path = word_file(tmp_path / "plan.dat")
    assert reader_for(path).name == "docx"


def workbook_file(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "分工表"
    sheet.append(["示例分工表"])
    sheet.append(["序号", "重点任务", "牵头部门", "数值"])
    sheet.append([1, "（一）完善制度", "市教委", 2.5])
    sheet.append([2.0, None, "市财政局", datetime.datetime(2022, 10, 31)])
    sheet.merge_cells("A1:D1")
    sheet.merge_cells("B3:B4")
    hidden = book.create_sheet("数据")
    hidden.sheet_state = "hidden"
    hidden.append(["不应读出"])
    book.create_sheet("空表")
    other = book.create_sheet("说明")
    other["B2"] = "备注"
    book.save(path)
    return path


def test_a_workbook_each_visible_sheet_a_table(tmp_path: Path) -> None:
    path = workbook_file(tmp_path / "plan.xlsx")
    document = read_document(path)
    file = str(path)
    assert document.reader == "xlsx"
    assert document.notes == ("hidden sheets skipped: 数据",)
    first, second = tables(document)
    assert first.where == Where(file, sheet="分工表")
    assert grid(first) == [
        ["示例分工表"] * 4,
        ["序号", "重点任务", "牵头部门", "数值"],
        ["1", "（一）完善制度", "市教委", "2.5"],
        ["2", "（一）完善制度", "市财政局", "2022-10-31"],
    ]
    assert first.rows[3].cells[1].where == Where(file, sheet="分工表", cell="B4")
    assert str(first.rows[3].cells[1].where) == f"{file}!分工表!B4"
    assert grid(second) == [["", "备注"]]
    assert second.rows[0] == Row(
        (
            Cell("", Where(file, sheet="说明", cell="A2")),
            Cell("备注", Where(file, sheet="说明", cell="B2")),
        ),
        Where(file, sheet="说明", cell="A2"),
    )


# Refusals: exit 2, the file named, never a traceback.


def refusal(path: Path) -> FenggongError:
    with pytest.raises(FenggongError) as caught:
        read_document(path)
    assert caught.value.exit_code == 2
    return caught.value


def test_binary_junk_is_refused() -> None:
    error = refusal(HERE / "junk.bin")
    assert isinstance(error, SourceError)
    assert error.message.startswith(f"{HERE / 'junk.bin'}: not a document fenggong can read")


def test_junk_named_txt_is_refused_as_not_text(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes((HERE / "junk.bin").read_bytes())
    error = refusal(path)
    assert isinstance(error, SourceError)
    assert "not text" in error.message or "binary file" in error.message


def test_a_damaged_word_file_is_refused() -> None:
    error = refusal(HERE / "corrupt.docx")
    assert error.message == (
        f"{HERE / 'corrupt.docx'}: not a readable Word .docx file: the zip archive it "
        "should be is damaged"
    )


def test_a_zip_that_is_no_word_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/other.xml", "<x/>")
    error = refusal(path)
    assert error.message == (
        f"{path}: not a readable Word .docx file: the archive has no word/document.xml"
    )


def test_a_zip_bomb_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook_file(tmp_path / "plan.xlsx")
    monkeypatch.setattr(base, "MAX_UNZIPPED", 1000)
    error = refusal(path)
    assert "a 分工表 source may hold 0 MiB" in error.message


def test_missing_file_directory_and_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(refusal(tmp_path / "none.docx"), FileAccessError)
    assert isinstance(refusal(tmp_path), FileAccessError)
    monkeypatch.setattr(base, "MAX_BYTES", 10)
    error = refusal(HERE / "prose-utf8.txt")
    assert error.message.endswith("the file is 1 MiB; a 分工表 source may be 0 MiB at most")


def test_an_encrypted_office_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(base.OLE2_MAGIC + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"))
    error = refusal(path)
    assert "protected by a password" in error.message


def test_an_unknown_reader_name() -> None:
    with pytest.raises(UsageError, match="no reader named wrod"):
        read_document(HERE / "prose-utf8.txt", reader="wrod")


def test_a_doc_without_libreoffice_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(base.OLE2_MAGIC + b"\0" * 100)
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    error = refusal(path)
    assert type(error) is UsageError
    assert "needs LibreOffice" in error.message
    assert error.hint is not None and "save it as .docx" in error.hint


@pytest.mark.slow
@pytest.mark.skipif(legacy.soffice() is None, reason="LibreOffice is not installed")
def test_a_doc_is_converted_through_libreoffice(tmp_path: Path) -> None:
    source = word_file(tmp_path / "plan.docx")
    out = tmp_path / "out"
    command = legacy.soffice()
    assert command is not None
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run(
        [command, profile, "--headless", "--convert-to", "doc", "--outdir", str(out), source],
        check=True,
        capture_output=True,
        timeout=120,
    )
    document = read_document(out / "plan.doc")
    assert document.reader == "docx"
    assert document.notes == ("converted from .doc through LibreOffice",)
    assert document.blocks[0] == Paragraph("分工方案", Where(str(out / "plan.doc"), paragraph=1))
    assert grid(tables(document)[0])[3] == ["3-0", "3-1\n3-2", "3-1\n3-2"]


@pytest.mark.slow
def test_readers_are_fast(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=100, cols=5)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "市人力资源社会保障局、市教委" * 3
    document.save(str(tmp_path / "big.docx"))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for number in range(1000):
        sheet.append([number, "（一）完善制度", "任务" * 50, "市教委", "各区"])
    book.save(tmp_path / "big.xlsx")
    for name, limit, rows in (("big.docx", 1.0, 100), ("big.xlsx", 2.0, 1000)):
        start = time.perf_counter()
        read = read_document(tmp_path / name)
        assert time.perf_counter() - start < limit
        assert len(tables(read)[0].rows) == rows


# The real national documents (HTML as crawled, in .txt files), when they are beside us.

SAMPLE_FACTS = {
    "08-guofa-2018-38-ftz-fuzebumen-scope.txt": ("负责部门：", 53),
    "09-guofa-2018-39-employment-fuze.txt": ("列第一位者为牵头单位", 1),
    "10-guobanfa-2018-128-wufei-qiantou-canyu.txt": ("以下均需试点城市政府落实", 1),
}


@pytest.mark.parametrize("name", sorted(SAMPLE_FACTS))
def test_the_published_samples_read_as_clean_paragraphs(name: str) -> None:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip("../shared/import-samples is not beside the repository")
    document = read_document(path)
    assert document.reader == "html"
    assert document.truncated is None
    assert not tables(document)  # the page's layout table is flattened
    texts = [text for text, _ in lines(document)]
    phrase, count = SAMPLE_FACTS[name]
    assert sum(text.count(phrase) for text in texts) == count
    assert texts[0].startswith("SOURCE: http://www.gov.cn/")
    for text in texts:
        assert "<" not in text and "&nbsp;" not in text and "\u00a0" not in text
        assert text == text.strip()


def test_hostile_spans_are_bounded(tmp_path: Path) -> None:
    path = tmp_path / "spans.html"
    row = '<tr><td>a</td><td colspan="100000" rowspan="100000">b</td></tr>'
    path.write_text(f"<table>{row * 10}</table>", encoding="utf-8")
    (table,) = tables(read_document(path))
    assert [len(r.cells) for r in table.rows] == [65, 129, 193, 256, 256, 256, 256, 256, 256, 256]
