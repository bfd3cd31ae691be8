"""report collect refuses a form whose answer cell holds a formula never calculated (set
by openpyxl or a script: no value saved with it), which both readers read as empty: an
empty row is no report, and the answer would be lost without a word. A formula with its
value saved reads as that value; one in a locked cell is a changed cell; the quick reader
and openpyxl agree on every one."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong import forms
from fenggong.importing import formulas, reportform
from fenggong.importing.readers.base import open_zip
from fenggong.importing.xlsxcells import Book
from tests.test_report_forms import collect, fill, ledger, plan, sheet
from tests.test_xlsx_quick import SHEET_XML, _both, _quick, _rewrite

__all__ = ["plan"]  # the fixture, used by name

EXISTING = (
    "# kept\nperiod: 2026-Q1\nentries:\n  - {task: 1, body: 市人力资源社会保障局, status: done}\n"
)
# 市教委's form: task 2 on row 4 (a target: 完成值 in K4), task 3 on row 5 (none).
REFUSED = "holds a formula whose value was never calculated, so its answer cannot be read"
HINT = (
    "  hint: open the form in Excel, WPS or LibreOffice and save it, or type the answer in "
    "place of the formula\n"
)
END = "error: {count} in the forms; nothing was written, listed above\n"


@pytest.fixture
def form(runner: CliRunner, plan: Path, tmp_path: Path) -> Path:
    """市教委's form, with a ledger file already there."""
    (plan.parent / "progress").mkdir()
    (plan.parent / "progress" / "2026-Q1.yaml").write_text(EXISTING, encoding="utf-8")
    return sheet(runner, plan, "市教委", tmp_path / "sjw.xlsx")


def _to_openpyxl(form: Path) -> None:
    """A cell the quick reader leaves to openpyxl (an ISO date, t="d") in the title row,
    where collect reads nothing: the whole form is read by openpyxl."""
    cell = b'<c r="M1" t="d"><v>2026-04-10</v></c></row>'
    _rewrite(form, SHEET_XML, lambda xml: xml.replace(b"</row>", cell, 1))
    assert not _quick(form)


def _saved(form: Path, ref: str, value: bytes, kind: bytes = b"") -> None:
    """The formula openpyxl wrote in ``ref`` given a saved value, as Excel saves it."""
    pattern = rb'<c r="%s"( s="\d+")?><f>(.*?)</f><v></v></c>' % ref.encode()
    written = rb'<c r="%s"\1%s><f>\2</f><v>%s</v></c>' % (ref.encode(), kind, value)
    _rewrite(form, SHEET_XML, lambda xml: re.sub(pattern, written, xml, count=1))
    assert value in zipfile.ZipFile(form).read(SHEET_XML)


CASES = {
    "进展情况": ({"G4": "推进中", "H4": '=CONCAT("已建成","8所")'}, "H4"),
    "进展状态": ({"G5": '=IF(TRUE,"推进中","")'}, "G5"),
    "完成值": ({"G4": "推进中", "K4": "=4+4"}, "K4"),
    "填报日期": ({"G4": "推进中", "D2": "=TODAY()"}, "D2"),
    "填报人": ({"G4": "推进中", "B2": '="张三"'}, "B2"),
}


@pytest.mark.parametrize("reader", ["quick", "openpyxl"])
@pytest.mark.parametrize("heading", list(CASES))
def test_an_answer_never_calculated_is_refused_at_its_cell(
    runner: CliRunner, plan: Path, form: Path, heading: str, reader: str
) -> None:
    cells, ref = CASES[heading]
    fill(form, {"G7": "推进中", **cells})  # a good row beside it is not taken either
    if reader == "openpyxl":
        _to_openpyxl(form)
    before = (plan.parent / "progress" / "2026-Q1.yaml").read_bytes()
    assert collect(runner, plan, form) == (
        1,
        f"{form}!进展填报!{ref}: error form form-formula: {heading} {REFUSED}\n"
        + HINT
        + END.format(count="1 problem"),
    )
    assert (plan.parent / "progress" / "2026-Q1.yaml").read_bytes() == before


def test_the_readers_refuse_every_such_cell_alike(form: Path) -> None:
    cells = {ref: value for values, _ref in CASES.values() for ref, value in values.items()}
    fill(form, cells)
    quick, slow = _both(form)
    assert _quick(form)
    assert quick == slow
    assert isinstance(quick, list)
    assert [(name, where) for name, _message, where in quick] == [
        ("form-formula", f"f.xlsx!进展填报!{ref}") for ref in ("B2", "D2", "H4", "K4", "G5")
    ]


@pytest.mark.parametrize("reader", ["quick", "openpyxl"])
def test_a_formula_with_its_value_saved_reads_as_that_value(
    runner: CliRunner, plan: Path, form: Path, reader: str
) -> None:
    fill(form, {"D2": "2026-04-10", "G4": "推进中", "H4": '=CONCAT("已建成","8所")', "K4": "=4+4"})
    _saved(form, "H4", "已建成8所".encode(), b' t="str"')
    _saved(form, "K4", b"8")
    if reader == "openpyxl":
        _to_openpyxl(form)
    assert collect(runner, plan, form) == (
        0,
        f"collected 1 form (市教委) into {plan.parent}/progress/2026-Q1.yaml: "
        "1 new report, 0 replaced\n",
    )
    assert ledger(plan).endswith(
        "- task: 2\n  body: 市教委\n  status: in_progress\n  progress: 已建成8所\n"
        "  figures:\n  - value: 8\n    unit: 所\n  reported: 2026-04-10\n"
    )


def test_a_formula_whose_text_is_empty_is_an_empty_answer(
    runner: CliRunner, plan: Path, form: Path
) -> None:
    """A formula giving "" is saved by Excel and LibreOffice as an empty text (t="str"
    and <v></v>): calculated, and empty."""
    fill(form, {"G4": "推进中", "H4": '=IF(TRUE,"","x")'})
    _saved(form, "H4", b"", b' t="str"')
    quick, slow = _both(form)
    assert _quick(form)
    assert quick == slow
    assert collect(runner, plan, form)[0] == 0
    assert "- task: 2\n  body: 市教委\n  status: in_progress\n  reported:" in ledger(plan)


@pytest.mark.parametrize("saved", [None, "task"], ids=["never calculated", "its text saved"])
def test_a_formula_in_a_locked_cell_is_a_changed_cell_unless_it_shows_the_same(
    runner: CliRunner, plan: Path, form: Path, saved: str | None
) -> None:
    """The plan's columns are checked against the plan: a formula never calculated there
    reads as an empty cell, changed; one whose saved value is the plan's text is that text."""
    text = load_workbook(form)["进展填报"]["B4"].value
    assert isinstance(text, str)
    fill(form, {"G4": "推进中", "B4": "=A1"})
    if saved is not None:
        _saved(form, "B4", text.encode(), b' t="str"')
    before = (plan.parent / "progress" / "2026-Q1.yaml").read_bytes()
    code, said = collect(runner, plan, form)
    if saved is not None:
        assert code == 0, said
        return
    assert (code, said) == (
        1,
        f"{form}!进展填报!B4: error form form-locked: a cell the body does not fill was "
        "changed: ''\n"
        f"  hint: restore it as the form was sent ({repr(text)[:60]}), or make a new form\n"
        + END.format(count="1 problem"),
    )
    assert (plan.parent / "progress" / "2026-Q1.yaml").read_bytes() == before


def test_a_formula_where_collect_reads_no_answer_is_read_as_before(
    runner: CliRunner, plan: Path, form: Path
) -> None:
    """K5 holds no 完成值 (task 3 has no target), and a row below the form's is none of
    its rows: collect reads no answer from either, and a formula never calculated there
    reads as the empty cell it shows, as before."""
    rows = load_workbook(form)["进展填报"].max_row
    fill(form, {"G4": "推进中", "K5": "=1+1", f"A{rows + 1}": "=1+1"})
    assert collect(runner, plan, form)[0] == 0


def test_the_quick_reader_notes_the_cells_openpyxl_finds(form: Path) -> None:
    """Every kind of formula cell, anywhere on the sheet: noted by the quick reader exactly
    where openpyxl reads it empty and, asked again, finds a formula; the values read
    are openpyxl's all the same."""
    fill(form, {"G4": "推进中", "H4": "=1", "I4": "=2", "J4": "=3", "K4": "=4", "G5": "=5"})
    cells = (
        # A text result (t="str") with no <v>: openpyxl tells it from an empty text
        # (<v></v>) no more than from one calculated, and no program writes it so.
        b'<c r="H4" t="str"><f>1</f></c>'
        b'<c r="I4"><f t="shared" ref="I4:I5" si="0">2</f></c>'
        b'<c r="J4" t="inlineStr"><f>3</f></c>'  # an inline string with none
        b'<c r="K4" t="str"><f>4</f><v></v></c>'  # an empty text: calculated
        b'<c r="M4"><f>9</f><v>9</v></c>'  # calculated
        b'<c r="P4"><f t="array" ref="P4">9</f></c>'  # the last column read
        b'<c r="Q4"><f>9</f></c>'  # beyond it
    )

    def change(xml: bytes) -> bytes:
        xml = re.sub(rb'<c r="[H-K]4".*?</c>', b"", xml)
        xml = xml.replace(b'<c r="L4"', cells + b'<c r="L4"', 1)
        xml = re.sub(
            rb'<c r="G5"([^>]*)><f>5</f><v></v></c>',
            rb'<c r="G5"\1><f t="shared" si="0"/></c>',
            xml,
        )
        twice = b'<row r="5"><c r="A5"><f>1</f></c></row>'  # row 5 again: openpyxl skips it
        return xml.replace(b"</sheetData>", twice + b"</sheetData>")

    _rewrite(form, SHEET_XML, change)
    data = form.read_bytes()
    with open_zip(data, "f", "xlsx") as archive:
        book = Book(archive)
        quick = book.rows("进展填报", 16, forms.MAX_ROWS)
        noted = book.uncalculated
    workbook = load_workbook(form, read_only=True, data_only=True)
    blank = []
    read = []
    for number, row in enumerate(workbook["进展填报"].iter_rows(max_col=16), start=1):
        read.append(tuple(c.value for c in row))
        blank += [(number, c) for c, cell in enumerate(row, start=1) if formulas.blank(cell)]
    workbook.close()
    assert quick == read
    assert noted == formulas.formulas(data, blank)
    assert noted == [(4, 9), (4, 10), (4, 16), (5, 7)]


def test_openpyxl_is_asked_again_only_for_answers_read_as_empty(
    runner: CliRunner, plan: Path, form: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A form openpyxl reads is read a second time, without data_only, only when an
    answer cell it read as empty could hold a formula: here once every answer is given."""
    answers = formulas.answer_cells(reportform.read(form, "f"))
    book = load_workbook(form)
    page = book["进展填报"]
    for row, columns in answers.items():
        for column in columns:
            page.cell(row, column).value = {2: "张三", 4: "2026-04-10", 7: "推进中"}.get(column, 1)
    book.save(form)
    _to_openpyxl(form)
    asked: list[formulas.Cells] = []

    def ask(data: bytes, empty: formulas.Cells) -> formulas.Cells:
        asked.append(empty)
        return []

    monkeypatch.setattr(formulas, "formulas", ask)
    reportform.read(form, "f")
    assert asked == []
    fill(form, {"H4": None})
    _to_openpyxl(form)
    reportform.read(form, "f")
    assert asked == [[(4, 8)]]
