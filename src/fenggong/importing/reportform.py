"""A returned report form read: its hidden record of what it was made from, and its cells.

Only reading here: whether the cells say something the ledger can take is judged against
the plans by ``query.forms.judge``. A file that is no form of this tool is refused whole,
and so is one whose answer cell holds a formula never calculated (read as empty, its
answer would be lost).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from fenggong.errors import FormError, Problem
from fenggong.forms import (
    DATE_CELL,
    FIRST_ROW,
    HEADER_ROW,
    HEADERS,
    MAX_ROWS,
    META,
    REPORTER_CELL,
    SHEET,
    VALUE_COLUMN,
    Percent,
    Returned,
    where,
)
from fenggong.importing import formulas
from fenggong.importing.formrecord import record as record_of
from fenggong.importing.formrecord import refused
from fenggong.importing.formulas import Cell, Cells
from fenggong.importing.readers.base import open_zip, read_bytes
from fenggong.messages import _, listed
from fenggong.names import fold
from fenggong.periods import parse_period


def read(path: Path, file: str | None = None) -> Returned:
    """The form at ``path``; FormError when it is no report form, or its record is broken.

    ``file`` is how problems name it (the path as typed).
    """
    from fenggong.importing import xlsxparts

    shown = file or str(path)
    data = read_bytes(path, form=True)
    archive = open_zip(data, shown, _("Excel .xlsx file"))
    try:
        quick = _quick(archive, shown)
        if quick is None:
            try:  # openpyxl reads some parts whole: none may unpack past its bounds
                xlsxparts.check(archive)
            except xlsxparts.TooLargeError as error:
                raise _too_large(shown, error.part) from None
            except Exception as error:  # zipfile's, for a member not as declared
                raise _unreadable(shown, error) from None
    finally:
        archive.close()
    if quick is None:
        return _openpyxl(data, shown)
    record, cells, uncalculated, beyond = quick
    return _cells(cells, shown, record_of(record, shown), uncalculated, beyond)


def _quick(
    archive: Any, shown: str
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], Cells, Cell | None] | None:
    """The form's two sheets' rows, by the quick reader (xlsxcells), and the form's cells
    holding a formula never calculated; None for a file only openpyxl reads as it always
    did: it says what is wrong, if anything. A file that is no form is left to it too, to
    be refused in the same words; one larger than any form is refused here."""
    from fenggong.importing.xlsxcells import Book
    from fenggong.importing.xlsxparts import TooLargeError

    try:
        book = Book(archive)
        if META not in book.sheetnames or SHEET not in book.sheetnames:
            return None
        record = book.rows(META, 5, MAX_ROWS)
        sheet = book.rows(SHEET, len(HEADERS) + 4, MAX_ROWS, VALUE_COLUMN, asian=True)
    except TooLargeError as error:
        raise _too_large(shown, error.part) from None
    except Exception:  # UnsupportedError, or a broken part
        return None
    return record, [_percent(row) for row in sheet], book.uncalculated, book.beyond


def _too_large(shown: str, part: str) -> FormError:
    from fenggong.importing import xlsxparts

    return refused(
        shown,
        _(
            "{file} is larger than any report form: its part {part} unpacks to more than "
            "{size} MiB or {tags} XML tags"
        ).format(
            file=shown,
            part=part,
            size=xlsxparts.MAX_PART >> 20,
            tags=f"{xlsxparts.MAX_TAGS:,}",
        ),
        _(
            "collect the form fenggong report sheet made, filled in; an answer is a few "
            "paragraphs, not a document pasted into a cell"
        ),
    )


def _unreadable(shown: str, error: Exception) -> FormError:
    return refused(
        shown,
        _("{file} cannot be read as an xlsx workbook: {reason}").format(file=shown, reason=error),
    )


def _percent(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """The row with its 完成值, if a number, marked Percent when its format shows a %."""
    at = VALUE_COLUMN - 1
    if len(row) <= at or not isinstance(row[at], tuple):
        return row
    value, percent = row[at]
    return (*row[:at], Percent(value) if percent else value, *row[at + 1 :])


def _not_a_form(shown: str, names: list[str]) -> FormError:
    if META in names:  # its record is there: the answers' sheet was renamed
        visible = [name for name in names if name != META]
        return refused(
            shown,
            _("{file} has no sheet {sheet}: its sheet of answers is named {names}").format(
                file=shown, sheet=SHEET, names=listed(visible)
            ),
            _("rename the sheet of answers back to {sheet}, save, and collect again").format(
                sheet=SHEET
            ),
        )
    return refused(
        shown,
        _("{file} is not a report form of fenggong (no sheet {sheet})").format(
            file=shown, sheet=META
        ),
        _("collect the forms fenggong report sheet made, filled in"),
    )


def _openpyxl(data: bytes, shown: str) -> Returned:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises what its parts raise
        raise _unreadable(shown, error) from None
    try:
        if META not in book.sheetnames or SHEET not in book.sheetnames:
            raise _not_a_form(shown, book.sheetnames)
        try:
            record = book[META].iter_rows(max_col=5, max_row=MAX_ROWS, values_only=True)
            returned = record_of(record, shown)
            answers = formulas.answer_cells(returned)
            rows = book[SHEET].iter_rows(max_col=len(HEADERS) + 4, max_row=MAX_ROWS)
            values: list[tuple[Any, ...]] = []
            empty: Cells = []  # answer cells read as empty, which could hold a formula
            for number, row in enumerate(rows, start=1):
                values.append(tuple(_value(c, n, book.epoch) for n, c in enumerate(row, 1)))
                empty += [
                    (number, c) for c in answers.get(number, ()) if formulas.blank(row[c - 1])
                ]
            uncalculated = formulas.formulas(data, empty) if empty else []
            return _cells(values, shown, returned, uncalculated, _beyond(book[SHEET]))
        except FormError:
            raise
        except Exception as error:  # a read-only workbook parses its sheets as they are read
            raise _unreadable(shown, error) from None
    finally:
        book.close()


def _beyond(sheet: Any) -> Cell | None:
    """The first cell holding a value past the columns or rows read (xlsxcells' beyond),
    wherever the sheet's <dimension> says it ends."""
    sheet.reset_dimensions()
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        for column, value in enumerate(values, start=1):
            if (column > len(HEADERS) + 4 or number > MAX_ROWS) and value not in (None, ""):
                return number, column
    return None


def _value(cell: Any, column: int, epoch: datetime.datetime) -> object:
    """A cell's value; a number in a percentage format in the 完成值 column marked so (the
    cell shows 85% and holds 0.85), for the check to read against its target's unit; one
    in an East Asian date format (2026年1月25日), which openpyxl does not know, its date."""
    value = cell.value
    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    if _asian(cell):
        from openpyxl.utils.datetime import from_excel

        try:
            return from_excel(value, epoch)
        except (OverflowError, ValueError):
            return "#VALUE!"  # as openpyxl gives a serial past the calendar in its formats
    if column == VALUE_COLUMN and "%" in str(cell.number_format or ""):
        return Percent(value)
    return value


def _asian(cell: Any) -> bool:
    from fenggong.importing.xlsxcells import EAST_ASIAN

    try:
        return cell.style_array.numFmtId in EAST_ASIAN
    except (AttributeError, IndexError, TypeError):  # a style openpyxl cannot find
        return False


def _cells(
    rows: Iterable[tuple[Any, ...]],
    file: str,
    returned: Returned,
    uncalculated: Cells,
    beyond: Cell | None = None,
) -> Returned:
    cells: dict[int, tuple[object, ...]] = {}
    header: tuple[object, ...] = ()
    reporter: object = None
    reported: object = None
    for number, values in enumerate(rows, start=1):
        if number == REPORTER_CELL[0]:
            reporter = values[REPORTER_CELL[1] - 1] if len(values) >= REPORTER_CELL[1] else None
            reported = values[DATE_CELL[1] - 1] if len(values) >= DATE_CELL[1] else None
        elif number == HEADER_ROW:
            header = tuple(values)
        elif number >= FIRST_ROW:
            cells[number] = tuple(values)
    problems: list[Problem] = []
    for column, expected in enumerate(HEADERS, start=1):
        written = header[column - 1] if column <= len(header) else None
        if written != expected:
            problems.append(
                Problem(
                    "form",
                    "form-locked",
                    _("the column headed {written} should be {expected}").format(
                        written=repr(written), expected=expected
                    ),
                    file=where(file, HEADER_ROW, column),
                    hint=_("columns are not to be added, removed or renamed"),
                )
            )
    renamed = bool(problems)  # the columns are not the form's: no answer can be read
    extra = [
        (number, column)
        for number, values in sorted(cells.items())
        for column, v in enumerate(values[len(HEADERS) :], start=len(HEADERS) + 1)
        if v not in (None, "")
    ]
    if beyond is not None and beyond[1] > len(HEADERS):  # past the columns read (T4)
        extra = sorted([*extra, beyond])
    elif beyond is not None:  # past the rows read: a row the form never had
        problems.append(
            Problem(
                "form",
                "form-row",
                _("a row the form did not have"),
                file=where(file, *beyond),
                hint=_("write in the rows of the tasks only; delete this row"),
            )
        )
    if extra:  # located at the first of them
        problems.append(
            Problem(
                "form",
                "form-row",
                _("cells were written right of the form's last column"),
                file=where(file, *extra[0]),
                hint=_("write in the form's columns only"),
            )
        )
    problems += formulas.problems(file, returned, uncalculated)
    day = _date(reported)
    if reported not in (None, "") and day is None:
        # An example the form would take: its period's last day.
        span = parse_period(returned.period)
        assert span is not None  # the record is refused unless its period parses
        example = span.end.isoformat()
        problems.append(
            Problem(
                "form",
                "form-date",
                _("填报日期 {value} is not a date").format(value=repr(str(reported))[:40]),
                file=where(file, *DATE_CELL),
                hint=_("write it as {example}").format(example=example),
            )
        )
    if renamed:
        raise FormError(problems)
    trimmed = {n: v[: len(HEADERS)] for n, v in cells.items()}
    name = str(reporter).strip() if reporter not in (None, "") else None
    return msgspec.structs.replace(
        returned, file=file, cells=trimmed, reporter=name, reported=day, problems=tuple(problems)
    )


def _date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    text = fold(value).replace("年", "-").replace("月", "-").replace("日", "")
    text = text.replace("/", "-").replace(".", "-").strip()
    try:
        parts = [int(p) for p in text.split("-")]
        return datetime.date(*parts) if len(parts) == 3 else None
    except ValueError:
        return None
