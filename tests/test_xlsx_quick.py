"""The quick xlsx reader of returned forms reads every form as openpyxl does: the same
values (dates, percentages, booleans, errors, rich and inline text), the same refusals,
and a form it does not know (a DTD, a 1904 calendar) is left to openpyxl."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong.errors import FormError
from fenggong.forms import Percent, Returned
from fenggong.importing import reportform
from fenggong.importing.readers.base import open_zip
from tests.test_report_forms import collect, fill, plan, rows, sheet

__all__ = ["plan"]  # the fixture, used by name
SHEET_XML = "xl/worksheets/sheet1.xml"
HRSS = "市人力资源社会保障局"


def _both(form: Path) -> tuple[object, object]:
    """What the quick reader and openpyxl make of ``form``: the form, or the problems."""

    def attempt(read: Callable[[], Returned]) -> object:
        try:
            found = read()
        except FormError as error:
            return [(p.name, p.message, p.file) for p in error.problems]
        # Problems of cells the answers do not stand on come with the form, not raised.
        return [(p.name, p.message, p.file) for p in found.problems] if found.problems else found

    data = form.read_bytes()
    return attempt(lambda: reportform.read(form, "f.xlsx")), attempt(
        lambda: reportform._openpyxl(data, "f.xlsx")
    )


def _quick(form: Path) -> bool:
    """Whether the quick reader reads ``form`` itself (not leaving it to openpyxl)."""
    archive = open_zip(form.read_bytes(), "f.xlsx", "xlsx")
    with archive:
        return reportform._quick(archive, "f.xlsx") is not None


def _edit(form: Path, change: Callable[[dict[str, bytes]], object]) -> None:
    """``form`` rezipped after ``change`` edits its members (name → bytes) in place."""
    with zipfile.ZipFile(form) as old:
        members = {i.filename: old.read(i) for i in old.infolist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
    form.write_bytes(out.getvalue())


def _rewrite(form: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    _edit(form, lambda members: members.update({member: change(members[member])}))


def _form(runner: CliRunner, plan: Path, tmp_path: Path) -> tuple[Path, dict[str, int]]:
    form = sheet(runner, plan, HRSS, tmp_path / "f.xlsx")
    return form, {str(k): v for k, v in rows(form).items()}


def test_every_kind_of_cell_reads_as_openpyxl_reads_it(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form, at = _form(runner, plan, tmp_path)
    book = load_workbook(form)
    page = book["进展填报"]
    page["D2"] = datetime.datetime(2026, 4, 10)  # a date typed in: a serial in a date format
    page["D2"].number_format = "yyyy/m/d"
    page[f"G{at['73']}"] = "推进中"
    page[f"K{at['73']}"] = 0.85
    page[f"K{at['73']}"].number_format = "0.0%"
    page[f"H{at['73']}"] = True
    page[f"I{at['73']}"] = 12.5
    page[f"J{at['73']}"] = datetime.timedelta(hours=30)
    page[f"J{at['73']}"].number_format = "[h]:mm:ss"
    book.save(form)
    quick, slow = _both(form)
    assert _quick(form)
    assert quick == slow
    assert isinstance(quick, Returned)
    assert quick.reported == datetime.date(2026, 4, 10)
    answers = quick.cells[at["73"]]
    assert answers[6:11] == ("推进中", True, 12.5, datetime.timedelta(hours=30), 0.85)
    assert isinstance(answers[10], Percent)


@pytest.mark.parametrize(
    "change",
    [
        # Rich text and an inline string, as other programs write them.
        lambda xml: xml.replace(
            b"</row>",
            b'<c r="H4" t="inlineStr"><is><r><t>A </t></r><r><rPr><b/></rPr><t>b</t></r>'
            b"</is></c></row>",
            1,
        ),
        # An error code, and a formula's cached text.
        lambda xml: xml.replace(
            b"</row>", b'<c r="H4" t="e"><v>#N/A</v></c><c r="I4" t="str"><v>x</v></c></row>', 1
        ),
        # Rows and cells without their r, as some writers leave them.
        lambda xml: re.sub(rb'<c r="[A-Z]+2"', b"<c", re.sub(rb'<row r="2"', b"<row", xml)),
        # A number that is no number: refused as openpyxl refuses it.
        lambda xml: xml.replace(b"</row>", b'<c r="M4" t="n"><v>NaN</v></c></row>', 1),
        # A DTD: left to openpyxl.
        lambda xml: xml.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY e "x">]>', 1),
        # A date as ISO text (t="d"): left to openpyxl.
        lambda xml: xml.replace(b"</row>", b'<c r="H4" t="d"><v>2026-04-10</v></c></row>', 1),
        # A cut download.
        lambda xml: xml[: len(xml) // 2],
    ],
    ids=["rich", "error-str", "no-r", "nan", "dtd", "iso-date", "truncated"],
)
def test_a_cell_other_programs_write_reads_the_same(
    runner: CliRunner, plan: Path, tmp_path: Path, change: Callable[[bytes], bytes]
) -> None:
    form, at = _form(runner, plan, tmp_path)
    fill(form, {f"G{at['73']}": "推进中", "D2": "2026-04-10"})
    _rewrite(form, SHEET_XML, change)
    quick, slow = _both(form)
    assert quick == slow


def _shared(form: Path, cell: str, item: bytes) -> None:
    """``cell`` made a shared string, ``item`` (an si) the table's only one."""
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    kind = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    with zipfile.ZipFile(form) as old:
        members = {i.filename: old.read(i) for i in old.infolist()}
    members["xl/sharedStrings.xml"] = b'<sst xmlns="' + main + b'">' + item + b"</sst>"
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="' + kind + b'" Target="sharedStrings.xml"/>'
        b"</Relationships>",
    )
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    members[SHEET_XML] = re.sub(
        rb'<c r="' + cell.encode() + rb'"([^>]*?) t="inlineStr"><is>.*?</is></c>',
        rb'<c r="' + cell.encode() + rb'"\1 t="s"><v>0</v></c>',
        members[SHEET_XML],
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
    form.write_bytes(out.getvalue())


def test_shared_rich_text_and_a_1904_calendar(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form, at = _form(runner, plan, tmp_path)
    cell = f"H{at['73']}"
    fill(form, {f"G{at['73']}": "推进中", cell: "x"})
    item = (
        b'<si><r><t xml:space="preserve">a x005F_</t></r><r><t>b</t></r>'
        b'<rPh sb="0" eb="1"><t>\xe3\x81\x82</t></rPh></si>'
    )
    _shared(form, cell, item)
    quick, slow = _both(form)
    assert _quick(form)
    assert quick == slow
    assert isinstance(quick, Returned)
    assert quick.cells[at["73"]][7] == "a b"
    _rewrite(
        form,
        "xl/workbook.xml",
        lambda xml: xml.replace(b"<workbookPr", b'<workbookPr date1904="1"'),
    )
    assert not _quick(form)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_form_saved_by_libreoffice_reads_the_same(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form, at = _form(runner, plan, tmp_path)
    fill(form, {f"G{at['73']}": "推进中", f"K{at['73']}": 0.85, "D2": "2026-04-10"})
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(form)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    saved = out / "f.xlsx"
    quick, slow = _both(saved)
    assert _quick(saved)
    assert quick == slow
    assert isinstance(quick, Returned)


def _first_style(styles: bytes, format_id: bytes) -> bytes:
    """The styles with the format ``format_id`` as their first cell style's."""
    return re.sub(rb'(<cellXfs[^>]*><xf numFmtId=)"0"', rb'\1"' + format_id + b'"', styles, count=1)


@pytest.mark.parametrize(
    ("cell", "change", "openpyxl"),
    [
        # A date format counted from the end: openpyxl reads no style, a number.
        (
            '<c r="I{row}" s="-1"><v>46127</v></c>',
            lambda xml: xml.replace(b"</cellXfs>", b'<xf numFmtId="14" xfId="0"/></cellXfs>'),
            46127,
        ),
        # A percentage taken for s="": openpyxl finds no number format, and refuses.
        ('<c r="K{row}" s=""><v>0.85</v></c>', lambda xml: _first_style(xml, b"9"), None),
        ('<c r="$I${row}"><v>1</v></c>', None, None),  # refused
        ('<c r="I{row}" t="s"><v>-1</v></c>', None, "shared"),  # the table's last string
    ],
    ids=["style-minus-1", "style-empty", "dollar", "string-minus-1"],
)
def test_a_cell_openpyxl_reads_otherwise_is_left_to_it(
    runner: CliRunner,
    plan: Path,
    tmp_path: Path,
    cell: str,
    change: Callable[[bytes], bytes] | None,
    openpyxl: object,
) -> None:
    form, at = _form(runner, plan, tmp_path)
    row = at["73"]
    fill(form, {f"G{row}": "推进中", f"H{row}": "x", f"I{row}": "x", f"K{row}": 1})
    _shared(form, f"H{row}", b"<si><t>shared</t></si>")
    written = cell.format(row=row).encode()
    pattern = rb'<c r="%s%d".*?</c>' % (b"K" if 'r="K' in cell else b"I", row)
    _rewrite(form, SHEET_XML, lambda xml: re.sub(pattern, written, xml, count=1))
    assert written in zipfile.ZipFile(form).read(SHEET_XML)
    if change is not None:
        _rewrite(form, "xl/styles.xml", change)
    quick, slow = _both(form)
    assert not _quick(form)
    assert quick == slow
    if openpyxl is None:
        assert isinstance(slow, list)
    else:
        assert isinstance(slow, Returned)
        assert slow.cells[row][8] == openpyxl


@pytest.mark.parametrize(("format_id", "day"), [(31, "2026-01-25"), (27, "2026-01-01")])
def test_a_date_in_a_chinese_excel_format_is_collected(
    runner: CliRunner, plan: Path, tmp_path: Path, format_id: int, day: str
) -> None:
    """2026年1月25日 typed in a Chinese Excel is 46047 in the built-in format 31 (and
    2026年1月, 46023 in 27): openpyxl knows neither, and read a number, not a date."""
    form, at = _form(runner, plan, tmp_path)
    serial = (datetime.date.fromisoformat(day) - datetime.date(1899, 12, 30)).days
    fill(form, {f"G{at['73']}": "推进中", "D2": serial})
    styles = zipfile.ZipFile(form).read("xl/styles.xml")
    xfs = re.search(rb"<cellXfs.*?</cellXfs>", styles, re.S)
    assert xfs is not None
    index = xfs.group(0).count(b"<xf ")
    added = b'<xf numFmtId="%d" xfId="0"/></cellXfs>' % format_id
    _rewrite(form, "xl/styles.xml", lambda xml: xml.replace(b"</cellXfs>", added))
    _rewrite(
        form, SHEET_XML, lambda xml: re.sub(rb'<c r="D2"[^>]*>', b'<c r="D2" s="%d">' % index, xml)
    )
    quick, slow = _both(form)
    assert _quick(form)
    assert quick == slow
    assert isinstance(quick, Returned)
    assert quick.reported == datetime.date.fromisoformat(day)
    code, said = collect(runner, plan, form)
    ledger = plan.parent / "progress" / "2026-Q1.yaml"
    said_as = f"collected 1 form (市人力资源社会保障局) into {ledger}: 1 new report, 0 replaced\n"
    assert (code, said) == (0, said_as)
    assert f"  reported: {day}\n" in ledger.read_text(encoding="utf-8")
