"""The quick xlsx reader finds a returned form's parts as openpyxl and Excel find them, or
leaves the form to openpyxl: a decoy part (a second workbook, a sheet in an extension, a
second style table, shared strings only one index names, a path with ./ in it, a run
with two texts) never decides what is collected."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.forms import Percent, Returned
from tests.helpers import ROOT
from tests.test_report_forms import fill, rows, sheet
from tests.test_xlsx_quick import HRSS, SHEET_XML, _both, _edit, _quick, _shared

BOOK, BOOK_RELS, TYPES = "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"
PACKAGE_RELS, STYLES = "_rels/.rels", "xl/styles.xml"
WORKSHEET = b"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
Members = dict[str, bytes]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, int]:
    """A form of 市人力资源社会保障局 with task 73 answered (进展情况 "real"), and its row."""
    folder = tmp_path_factory.mktemp("made")
    (folder / "data").mkdir()
    plan = Path(shutil.copy(ROOT / "data" / "tasks.yaml", folder / "data" / "tasks.yaml"))
    form = sheet(CliRunner(), plan, HRSS, folder / "f.xlsx")
    row = rows(form)[73]
    fill(form, {f"G{row}": "推进中", f"H{row}": "real"})
    return form.read_bytes(), row


def _decoy(members: Members, name: str = "xl/worksheets/decoy.xml") -> None:
    """A copy of the form's sheet whose 进展情况 says DECOY, as member ``name``."""
    members[name] = members[SHEET_XML].replace(b">real<", b">DECOY<")
    members[TYPES] = members[TYPES].replace(
        b"</Types>",
        b'<Override PartName="/' + name.encode() + b'" ContentType="' + WORKSHEET + b'"/></Types>',
    )


def _book_elsewhere(members: Members, package_too: bool) -> None:
    """The workbook moved to xl/wb2.xml, xl/workbook.xml left naming a decoy sheet."""
    members["xl/wb2.xml"] = members[BOOK]
    members["xl/_rels/wb2.xml.rels"] = members[BOOK_RELS]
    _decoy(members)
    members[BOOK_RELS] = members[BOOK_RELS].replace(b"/sheet1.xml", b"/decoy.xml")
    members[TYPES] = members[TYPES].replace(
        b'PartName="/xl/workbook.xml"', b'PartName="/xl/wb2.xml"'
    )
    if package_too:
        members[PACKAGE_RELS] = members[PACKAGE_RELS].replace(b"xl/workbook.xml", b"xl/wb2.xml")


def _sheet_rel(members: Members, element: bytes, where: bytes) -> None:
    """A decoy sheet, related as rId9 and named 进展填报 by ``element`` put before ``where``."""
    _decoy(members)
    members[BOOK_RELS] = members[BOOK_RELS].replace(
        b"</Relationships>",
        b'<Relationship Id="rId9" Target="/xl/worksheets/decoy.xml" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/worksheet"/></Relationships>',
    )
    members[BOOK] = members[BOOK].replace(where, element + where)


NAMED = '<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
DECOY_SHEET = (NAMED + 'name="进展填报" sheetId="9" r:id="rId9"/>').encode()


def _strings(members: Members, which: str) -> None:
    """Shared strings in a second table, named by the relationships or the content types."""
    members["xl/decoy.xml"] = members["xl/sharedStrings.xml"].replace(b">real<", b">DECOY<")
    member, name = {
        "rels": (BOOK_RELS, b'"sharedStrings.xml"'),
        "types": (TYPES, b'"/xl/sharedStrings.xml"'),
    }[which]
    members[member] = members[member].replace(name, name.replace(b"sharedStrings", b"decoy"))


def _chartsheet(members: Members) -> None:
    rel = b'relationships/worksheet" Target="/xl/worksheets/sheet1.xml"'
    members[BOOK_RELS] = members[BOOK_RELS].replace(
        rel, rel.replace(b"worksheet", b"chartsheet", 1)
    )


def _sheets_elsewhere(members: Members) -> None:
    """A second sheets, in another namespace: Excel reads its own, openpyxl the last."""
    other = (
        b'<x:sheets xmlns:x="urn:x">' + DECOY_SHEET.replace(b"<sheet", b"<x:sheet") + b"</x:sheets>"
    )
    _sheet_rel(members, other, b"<definedNames>")


def _dot_path(members: Members) -> None:
    _decoy(members, "xl/worksheets/./sheet1.xml")
    members[BOOK_RELS] = members[BOOK_RELS].replace(
        b"/xl/worksheets/sheet1", b"worksheets/./sheet1"
    )


EXTENSION = b'<extLst><ext uri="{0}">' + DECOY_SHEET + b"</ext></extLst>"
# Each change, and whether the quick reader still reads the form (as openpyxl does).
CASES: dict[str, tuple[Callable[[Members], object], bool]] = {
    # A workbook where both indexes (content types, _rels/.rels) put it is read there.
    "book-moved": (lambda m: _book_elsewhere(m, package_too=True), True),
    "book-disputed": (lambda m: _book_elsewhere(m, package_too=False), False),
    "sheet-in-extension": (lambda m: _sheet_rel(m, EXTENSION, b"</workbook>"), True),
    "sheet-twice": (lambda m: _sheet_rel(m, DECOY_SHEET, b"</sheets>"), False),
    "sheets-elsewhere": (_sheets_elsewhere, False),
    "chartsheet": (_chartsheet, False),
    "dot-path": (_dot_path, False),
    "strings-by-rels": (lambda m: _strings(m, "rels"), False),
    "strings-by-types": (lambda m: _strings(m, "types"), False),
}


@pytest.mark.parametrize("case", CASES)
def test_a_decoy_part_never_decides(made: tuple[bytes, int], tmp_path: Path, case: str) -> None:
    data, row = made
    form = tmp_path / "f.xlsx"
    form.write_bytes(data)
    change, quick_reads = CASES[case]
    if case.startswith("strings"):
        _shared(form, f"H{row}", b"<si><t>real</t></si>")
    _edit(form, change)
    quick, slow = _both(form)
    assert quick == slow
    assert _quick(form) is quick_reads
    if quick_reads:
        assert isinstance(quick, Returned)
        assert quick.cells[row][6:8] == ("推进中", "real")


def _styles(members: Members, row: int, decoy: str) -> None:
    """The 完成值 of ``row`` in a new style, its format 0.0%; the styles' extension holds a
    ``decoy`` table: a second cellXfs where that style is General, or a second numFmts."""
    styles = members[STYLES].decode()
    found = re.search(r"<cellXfs.*?</cellXfs>", styles, re.S)
    assert found is not None
    xfs, index = found.group(0), found.group(0).count("<xf ")
    tables = {
        "xfs": xfs.replace("</cellXfs>", '<xf numFmtId="0" xfId="0"/></cellXfs>'),
        "formats": '<numFmts><numFmt numFmtId="165" formatCode="0.0"/></numFmts>',
    }
    styles = styles.replace(
        xfs, xfs.replace("</cellXfs>", '<xf numFmtId="165" xfId="0"/></cellXfs>')
    )
    styles = styles.replace("</numFmts>", '<numFmt numFmtId="165" formatCode="0.0%"/></numFmts>')
    extension = f'<extLst><ext uri="{{0}}">{tables[decoy]}</ext></extLst>'
    members[STYLES] = styles.replace("</styleSheet>", extension + "</styleSheet>").encode()
    cell = rb'<c r="K%d"[^>]*>' % row
    members[SHEET_XML] = re.sub(cell, b'<c r="K%d" s="%d">' % (row, index), members[SHEET_XML])


@pytest.mark.parametrize("decoy", ["xfs", "formats"])
def test_a_style_table_in_an_extension_is_not_the_cells(
    made: tuple[bytes, int], tmp_path: Path, decoy: str
) -> None:
    data, row = made
    form = tmp_path / "f.xlsx"
    form.write_bytes(data)
    fill(form, {f"K{row}": 0.85})
    _edit(form, lambda m: _styles(m, row, decoy))
    quick, slow = _both(form)
    assert _quick(form)
    assert quick == slow
    assert isinstance(quick, Returned)
    assert isinstance(quick.cells[row][10], Percent)


@pytest.mark.parametrize(
    "item",
    [
        b"<si><r><t>DECOY</t><t>real</t></r></si>",  # openpyxl keeps a run's last t
        b'<si><x:t xmlns:x="urn:x">DECOY</x:t><r><t>real</t></r></si>',  # and any namespace's
        b"<si><r><t>real</t></r><t>DECOY</t></si>",  # and the plain t first, wherever it is
    ],
    ids=["two-t", "foreign-t", "t-after-run"],
)
def test_a_string_of_another_shape_is_left_to_openpyxl(
    made: tuple[bytes, int], tmp_path: Path, item: bytes
) -> None:
    data, row = made
    form = tmp_path / "f.xlsx"
    form.write_bytes(data)
    _shared(form, f"H{row}", item)
    quick, slow = _both(form)
    assert not _quick(form)
    assert quick == slow
