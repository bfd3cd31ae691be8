"""A returned form larger than any form is refused, never parsed for minutes: no member
unpacks past the size its archive declares, nor past a part's bounds, whichever reader
would read it; rows read are let go; a sheet past MAX_ROWS reads as openpyxl's."""

from __future__ import annotations

import io
import re
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong import forms
from fenggong.errors import FormError
from fenggong.importing import reportform, xlsxparts
from tests.test_report_forms import collect, fill, plan
from tests.test_xlsx_quick import SHEET_XML, _both, _edit, _form, _quick

__all__ = ["plan"]  # the fixture, used by name


def _cell(form: Path, ref: str, cell: bytes) -> None:
    """The cell ``ref`` of the form's sheet made ``cell`` (XML)."""
    pattern = rb'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref.encode()
    _edit(form, lambda m: m.update({SHEET_XML: re.sub(pattern, cell, m[SHEET_XML], count=1)}))


def _lie(data: bytes, name: str, size: int) -> bytes:
    """The archive with member ``name`` declared ``size`` bytes unpacked (in its local
    header and in the central directory), whatever its deflated data unpacks to."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        offset = archive.getinfo(name).header_offset
    out = bytearray(data)
    struct.pack_into("<I", out, offset + 22, size)
    central = out.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", out, central + 28)[0]
        if out[central + 46 : central + 46 + length] == name.encode():
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 46)
    return bytes(out)


def test_a_member_is_never_unpacked_past_its_declared_size(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    """zipfile's read unpacks all a member's deflated data holds before it checks the size
    (1 GiB from 1 MiB): read in chunks, it stops at the size declared."""
    form, _at = _form(runner, plan, tmp_path)
    with zipfile.ZipFile(form) as archive:
        declared = archive.getinfo(SHEET_XML).file_size
    padding = b" " * (24 << 20)
    _edit(form, lambda m: m.update({SHEET_XML: m[SHEET_XML] + padding}))
    form.write_bytes(_lie(form.read_bytes(), SHEET_XML, declared))
    with pytest.raises(FormError) as refused:
        reportform.read(form, "f.xlsx")
    [problem] = refused.value.problems
    assert problem.message == (
        f"f.xlsx cannot be read as an xlsx workbook: Bad CRC-32 for file '{SHEET_XML}'"
    )
    with zipfile.ZipFile(form) as archive:
        tracemalloc.start()
        try:
            assert reportform._quick(archive, "f.xlsx") is None
            with pytest.raises(zipfile.BadZipFile):
                xlsxparts.check(archive)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    # Two chunks fed to the parser at most (xlsxparts._FEED each), whatever the padding.
    assert peak < (4 << 20) + 2 * xlsxparts._FEED


@pytest.mark.parametrize("where", ["bytes", "tags", "openpyxl's part"])
def test_a_part_larger_than_any_form_is_refused(
    runner: CliRunner,
    plan: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    """Beyond MAX_PART bytes or MAX_TAGS tags (made small here), in a part the quick
    reader reads or one only openpyxl would (a form it leaves to openpyxl, with a
    custom.xml openpyxl reads whole): refused, not left to openpyxl."""
    monkeypatch.setattr(xlsxparts, "MAX_PART", 1 << 20)
    monkeypatch.setattr(xlsxparts, "MAX_TAGS", 20_000)
    form, at = _form(runner, plan, tmp_path)
    fill(form, {f"G{at['73']}": "推进中"})
    part = SHEET_XML
    if where == "bytes":
        _cell(
            form,
            f"H{at['73']}",
            b'<c r="H%d" t="inlineStr"><is><t>%s</t></is></c>' % (at["73"], b"x" * (2 << 20)),
        )
    elif where == "tags":
        _cell(
            form,
            f"H{at['73']}",
            b'<c r="H%d" t="inlineStr"><is><t>x</t>%s</is></c>' % (at["73"], b"<x/>" * 20_000),
        )
    else:
        part = "docProps/custom.xml"
        _cell(form, "D2", b'<c r="D2" t="d"><v>2026-04-10</v></c>')  # openpyxl's to read
        _edit(
            form, lambda m: m.update({part: b"<Properties>" + b" " * (2 << 20) + b"</Properties>"})
        )
    code, said = collect(runner, plan, form)
    assert code == 1
    assert said.splitlines()[:2] == [
        f"{form}: error form form-file: {form} is larger than any report form: its part "
        f"{part} unpacks to more than 1 MiB or 20,000 XML tags",
        "  hint: collect the form fenggong report sheet made, filled in; an answer is a few "
        "paragraphs, not a document pasted into a cell",
    ]


@pytest.mark.slow  # tracemalloc
def test_rows_read_are_let_go(runner: CliRunner, plan: Path, tmp_path: Path) -> None:
    """A row is taken out of the sheet once read: 50,000 empty rows (0.65 MB of XML) cost
    no more than the sheet's bytes (cleared only, they held 4 MB more)."""
    form, _at = _form(runner, plan, tmp_path)
    rows = b'<row r="29"/>' * 50_000
    _edit(
        form,
        lambda m: m.update(
            {SHEET_XML: m[SHEET_XML].replace(b"</sheetData>", rows + b"</sheetData>")}
        ),
    )
    with zipfile.ZipFile(form) as archive:
        size = archive.getinfo(SHEET_XML).file_size
        tracemalloc.start()
        try:
            assert reportform._quick(archive, "f.xlsx") is not None
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 2 * size + (1 << 20)


def test_a_row_past_max_rows_reads_as_openpyxl_reads_it(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    """A row past the rows read holding a value is a row the form never had, as both
    readers find it (openpyxl whatever the sheet's <dimension> says)."""
    form, at = _form(runner, plan, tmp_path)
    fill(form, {f"G{at['73']}": "推进中"})
    far = b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % ((forms.MAX_ROWS + 1,) * 2)
    _edit(
        form,
        lambda m: m.update(
            {SHEET_XML: m[SHEET_XML].replace(b"</sheetData>", far + b"</sheetData>")}
        ),
    )
    quick, slow = _both(form)
    assert _quick(form)
    assert (
        quick
        == slow
        == [("form-row", "a row the form did not have", f"f.xlsx!进展填报!A{forms.MAX_ROWS + 1}")]
    )


@pytest.mark.parametrize("where", ["T4", "XFD4", "Q30"])
def test_a_value_past_the_columns_read_is_refused(
    runner: CliRunner, plan: Path, tmp_path: Path, where: str
) -> None:
    form, at = _form(runner, plan, tmp_path)
    fill(form, {f"G{at['73']}": "推进中", where: "另附说明"})
    quick, slow = _both(form)
    assert (
        quick
        == slow
        == [
            (
                "form-row",
                "cells were written right of the form's last column",
                f"f.xlsx!进展填报!{where}",
            )
        ]
    )


@pytest.mark.parametrize("padding", [0, 16 * 1024 - 25])
def test_a_dtd_is_found_wherever_a_read_cuts_it(padding: int) -> None:
    """A part is read a chunk at a time, never held whole: a DTD across two of openpyxl's
    16 KiB reads is found all the same, before the parser sees it."""
    body = b"<?xml version='1.0'?>" + b" " * padding + b'<!DOCTYPE w [<!ENTITY e "x">]><w>&e;</w>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("w.xml", body)
    with zipfile.ZipFile(out) as archive, pytest.raises(xlsxparts.UnsupportedError):
        xlsxparts.root(archive, "w.xml", "w")
