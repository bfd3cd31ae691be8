"""A form's hidden record: format 2 holds its lines and pre-filled tasks as JSON cut into
cells, a form of format 1 (already sent out) is still collected by either reader, and a
record broken in any way is refused with nothing written."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from fenggong import forms
from fenggong.errors import FormError
from fenggong.forms import FORMAT, FORMAT_1, MAX_ROWS, META, Line, chunks, seal
from fenggong.importing import formrecord, reportform
from fenggong.importing.readers.base import open_zip
from tests.test_report_forms import collect, fill, ledger, plan, rows, sheet

__all__ = ["plan"]  # the fixture, used by name

Rows = list[list[Any]]
LAST_PERIOD = (
    "period: 2025-Q4\nentries:\n"
    "  - {task: 22, body: 市教委, status: in_progress, progress: 已起草, reported: 2025-12-20}\n"
)
PREFILLED = (
    "{form}: 1 row came back as it was pre-filled, last period's answers, and is not taken "
    "as a report of 2026-Q1 (task 22); a body that means it again writes this period's 进展情况"
)


def record(form: Path) -> Rows:
    """The form's hidden record, its seal left out."""
    meta = load_workbook(form)[META]
    return [list(r) for r in meta.iter_rows(values_only=True) if r[0] != "seal"]


def rewrite(form: Path, records: Rows, sealed: bool = True) -> None:
    """The form's hidden record made ``records``, sealed as the writer seals it."""
    book = load_workbook(form)
    meta = book[META]
    meta.delete_rows(1, meta.max_row)
    for values in [*records, ["seal", seal(records)]] if sealed else records:
        meta.append(values)
    for row in meta.iter_rows():
        for cell in row:  # text, as the writer makes it, whatever it begins with
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
    book.save(form)


def joined(records: Rows, kind: str) -> list[list[object]]:
    decoded: list[list[object]] = json.loads("".join(str(r[1]) for r in records if r[0] == kind))
    return decoded


def format_1(form: Path, sealed: bool = True) -> None:
    """The form's record as format 1 wrote it: a row per line and per pre-filled task
    (a line without a 完成值 with its metric written empty)."""
    records = record(form)
    lines = [
        ["line", row, ref, metric or "", digest]
        for row, ref, metric, digest in joined(records, "lines")
    ]
    rewrite(
        form,
        [
            ["format", FORMAT_1],
            *[r for r in records if r[0] in ("body", "period", "plan")],
            *lines,
            *[["prefill", *item] for item in joined(records, "prefills")],
        ],
        sealed,
    )


def openpyxl_only(form: Path) -> None:
    """The form as the quick reader leaves it to openpyxl: counted in the 1904 calendar."""
    with zipfile.ZipFile(form) as old:
        members = {i.filename: old.read(i) for i in old.infolist()}
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b"<workbookPr", b'<workbookPr date1904="1"', 1
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
    form.write_bytes(out.getvalue())


def quick(form: Path) -> bool:
    """Whether the quick reader reads ``form`` itself."""
    with open_zip(form.read_bytes(), "f.xlsx", "xlsx") as archive:
        return reportform._quick(archive, "f.xlsx") is not None


def _filled(runner: CliRunner, plan: Path, out: Path) -> Path:
    """市教委's form, task 22 pre-filled from last period, tasks 2 and 3 answered."""
    folder = plan.parent / "progress"
    folder.mkdir(exist_ok=True)
    (folder / "2025-Q4.yaml").write_text(LAST_PERIOD, encoding="utf-8")
    form = sheet(runner, plan, "市教委", out)
    at = rows(form)
    answers = {f"G{at[2]}": "推进中", f"K{at[2]}": 8, f"G{at[3]}": "已完成", f"J{at[3]}": "巩固"}
    return fill(form, {"D2": "2026-04-10", **answers})


EXPECTED = (
    "- task: 2\n  body: 市教委\n  status: in_progress\n  figures:\n  - value: 8\n    unit: 所\n"
    "  reported: 2026-04-10\n"
    "- task: 3\n  body: 市教委\n  status: done\n  next: 巩固\n  reported: 2026-04-10\n"
)


@pytest.mark.parametrize("reader", ["quick", "openpyxl"])
def test_a_form_of_format_1_is_still_collected(
    runner: CliRunner, plan: Path, tmp_path: Path, reader: str
) -> None:
    new = _filled(runner, plan, tmp_path / "new.xlsx")
    assert record(new)[0] == ["format", FORMAT, None]
    form = Path(shutil.copy(new, tmp_path / "f.xlsx"))
    format_1(form)
    assert [r[0] for r in record(form)] == [
        "format", "body", "period", "plan", *["line"] * 29, "prefill",
    ]  # fmt: skip
    if reader == "openpyxl":
        openpyxl_only(form)
        openpyxl_only(new)
    assert quick(form) == quick(new) == (reader == "quick")
    # Read as the form of format 2 it was made from is read: the same lines, the same
    # pre-filled task, the same cells.
    assert reportform.read(form, "f.xlsx") == reportform.read(new, "f.xlsx")
    assert collect(runner, plan, form) == (
        0,
        PREFILLED.format(form=form) + "\n"
        f"collected 1 form (市教委) into {plan.parent}/progress/2026-Q1.yaml: "
        "2 new reports, 0 replaced\n",
    )
    written = (plan.parent / "progress" / "2026-Q1.yaml").read_text(encoding="utf-8")
    assert written.endswith("entries:\n" + EXPECTED)


def _lines(change: Callable[[list[list[object]]], object]) -> Callable[[Rows], Rows]:
    """A change to the lines' items, written back as one piece of JSON."""

    def changed(records: Rows) -> Rows:
        items = joined(records, "lines")
        change(items)
        kept = [r for r in records if r[0] != "lines"]
        at = [r[0] for r in kept].index("prefills")
        return [*kept[:at], ["lines", json.dumps(items, ensure_ascii=False)], *kept[at:]]

    return changed


def _piece(kind: str, value: Callable[[str], object]) -> Callable[[Rows], Rows]:
    """A change to the first row of ``kind``: its piece made ``value(piece)``."""

    def changed(records: Rows) -> Rows:
        at = [r[0] for r in records].index(kind)
        return [*records[:at], [kind, value(str(records[at][1]))], *records[at + 1 :]]

    return changed


def _set(index: int, value: object) -> Callable[[list[list[object]]], None]:
    return lambda items: items[0].__setitem__(index, value)


BROKEN: dict[str, Callable[[Rows], Rows]] = {
    "piece a number": _piece("lines", lambda piece: 5),
    "piece empty": _piece("lines", lambda piece: None),
    "json cut short": _piece("lines", lambda piece: piece[:-1]),
    "prefills not json": _piece("prefills", lambda piece: "[[22"),
    "a piece and more": lambda r: [[*x, "more"] if x[0] == "lines" else x for x in r],
    "no prefills": lambda r: [x for x in r if x[0] != "prefills"],
    "no lines": lambda r: [x for x in r if x[0] != "lines"],
    "no items": _piece("lines", lambda piece: "[]"),
    "item too short": _lines(lambda items: items[0].pop()),
    "item too long": _lines(lambda items: items[0].append("x")),
    "row as text": _lines(_set(0, "4")),
    "row as true": _lines(_set(0, True)),
    "row as 4.0": _lines(_set(0, 4.0)),
    "row 0": _lines(_set(0, 0)),
    "the header's row": _lines(_set(0, 3)),
    "row beyond": _lines(_set(0, MAX_ROWS + 1)),
    "task as a number": _lines(_set(1, 2)),
    "metric as a number": _lines(_set(2, 8)),
    "prefill of one": _piece("prefills", lambda piece: '[["22"]]'),
    "line in format 2": lambda r: [*r, ["line", 4, "2", None, "x"]],
    "prefill in format 2": lambda r: [*r, ["prefill", "22", "x"]],
    "lines in format 1": lambda r: [["format", FORMAT_1], *r[1:]],
    "format 3": lambda r: [["format", "fenggong-report-form 3"], *r[1:]],
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_record_is_refused_and_nothing_written(
    runner: CliRunner, plan: Path, tmp_path: Path, change: Callable[[Rows], Rows]
) -> None:
    form = _filled(runner, plan, tmp_path / "f.xlsx")
    rewrite(form, change(record(form)))
    written = plan.parent / "progress" / "2026-Q1.yaml"
    written.write_text("period: 2026-Q1\nentries: []\n", encoding="utf-8")
    before = written.read_bytes()
    refused = (
        f"{form}: error form form-file: {form}: the form's hidden record (_fenggong) is missing "
        "or broken\n  hint: make a new form with fenggong report sheet, and copy the answers "
        "into it\nerror: 1 problem in the forms; nothing was written, listed above\n"
    )
    assert collect(runner, plan, form) == (1, refused)
    assert written.read_bytes() == before
    openpyxl_only(form)
    assert not quick(form)
    assert collect(runner, plan, form) == (1, refused)
    assert written.read_bytes() == before


def test_a_record_written_again_as_it_was_is_collected(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    """What the cases above rewrite is refused for what they change, not the rewriting."""
    form = _filled(runner, plan, tmp_path / "f.xlsx")
    rewrite(form, _lines(lambda items: None)(record(form)))
    assert collect(runner, plan, form)[0] == 0
    assert ledger(plan).endswith("entries:\n" + EXPECTED)


def _sealed(records: Rows) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in [*records, ["seal", seal(records)]]]


def test_a_piece_longer_than_a_cell_is_refused() -> None:
    """A cell holds 32,767 characters: openpyxl cuts a longer text, Excel refuses it; a
    longer piece is no form's, and the joined text stays within a cell per row read."""
    head: Rows = [
        ["format", FORMAT],
        ["body", "市教委"],
        ["period", "2026-Q1"],
        ["plan", None, "d"],
    ]
    items = '[[4,"2",null,"d"]]'
    fits = [*head, ["lines", items + " " * (32_767 - len(items))], ["prefills", "[]"]]
    assert formrecord.record(_sealed(fits), "f.xlsx").lines == (Line(4, "2", None, "d"),)
    over = [*head, ["lines", items + " " * (32_768 - len(items))], ["prefills", "[]"]]
    with pytest.raises(FormError) as refused:
        formrecord.record(_sealed(over), "f.xlsx")
    assert refused.value.problems[0].message == (
        "f.xlsx: the form's hidden record (_fenggong) is missing or broken"
    )


def test_a_record_of_many_pieces_reads_back_exactly(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _filled(runner, plan, tmp_path / "whole.xlsx")
    monkeypatch.setattr(forms, "CHUNK", 50)
    cut = _filled(runner, plan, tmp_path / "cut.xlsx")
    pieces = [r for r in record(cut) if r[0] in ("lines", "prefills")]
    assert len(pieces) == 22 and all(0 < len(str(r[1])) <= 50 for r in pieces)
    assert joined(record(cut), "lines") == joined(record(whole), "lines")
    assert reportform.read(cut, "f.xlsx") == reportform.read(whole, "f.xlsx")
    assert collect(runner, plan, cut)[0] == 0


# 𠀀 (U+20000) is two characters to Excel: a UTF-16 surrogate pair.
WIDE = "𠀀"


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("", []),
        ("a" * 60_001, [30_000, 30_000, 1]),
        # A pair that would straddle the cut goes whole into the next piece.
        ("a" * 29_999 + WIDE + "b", [29_999, 3]),
        (WIDE * 15_000 + "a", [30_000, 1]),
        ("a" + WIDE * 15_000, [29_999, 2]),
    ],
    ids=["empty", "ascii", "straddling", "pairs", "pairs-offset"],
)
def test_pieces_are_counted_as_excel_counts(text: str, sizes: list[int]) -> None:
    pieces = chunks(text)
    assert [len(p.encode("utf-16-le")) // 2 for p in pieces] == sizes
    assert "".join(pieces) == text


def test_long_metrics_outside_the_bmp_read_back_exactly(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    """Task 2's two targets, each metric 24,000 characters as Excel counts them: the
    lines' JSON takes two cells, cut in the second metric, and reads back whole."""
    first, second = WIDE * 6_000 + "甲" * 12_000, "乙" * 12_000 + WIDE * 6_000
    text = plan.read_text(encoding="utf-8")
    target = "{metric: %s, value: %d, unit: 所, quantity: %d, qualifier: [], period: 十四五}"
    was = target % ("建设新型技师学院", 20, 20)
    assert text.count(was) == 1
    both = target % (first, 20, 20) + "\n      - " + target % (second, 10, 10)
    plan.write_text(text.replace(was, both), encoding="utf-8")
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    made = record(form)
    assert [r[0] for r in made] == [
        "format",
        "body",
        "period",
        "plan",
        "lines",
        "lines",
        "prefills",
    ]
    assert len(str(made[4][1]).encode("utf-16-le")) == 2 * 30_000
    at = rows(form)[2]
    fill(form, {"D2": "2026-04-10", f"G{at}": "推进中", f"K{at}": 8, f"K{at + 1}": 3})
    returned = reportform.read(form, "f.xlsx")
    assert [(line.row, line.task, line.target) for line in returned.lines[:3]] == [
        (at, "2", first),
        (at + 1, "2", second),
        (at + 2, "3", None),
    ]
    openpyxl_only(form)
    assert reportform.read(form, "f.xlsx") == returned
    assert collect(runner, plan, form)[0] == 0
    (entry,) = yaml.safe_load(ledger(plan))["entries"]
    assert entry["figures"] == [
        {"value": 8, "unit": "所", "target": first},
        {"value": 3, "unit": "所", "target": second},
    ]


@pytest.mark.parametrize("row", [True, 0, -4, 3, MAX_ROWS + 1], ids=str)
def test_a_format_1_line_on_no_row_of_a_form_is_refused(
    runner: CliRunner, plan: Path, tmp_path: Path, row: object
) -> None:
    """As format 2 refuses it: a line at 进展填报!ATRUE or A-4 names no cell."""
    form = _filled(runner, plan, tmp_path / "f.xlsx")
    format_1(form)
    records = record(form)
    first = [r[0] for r in records].index("line")
    records[first] = ["line", row, *records[first][2:]]
    rewrite(form, records)
    code, said = collect(runner, plan, form)
    assert (code, "the form's hidden record (_fenggong) is missing or broken" in said) == (1, True)
    assert not (plan.parent / "progress" / "2026-Q1.yaml").exists()
