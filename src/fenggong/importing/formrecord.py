"""A returned form's hidden record (forms.META) read: what the form was made from.

Format 2 holds the form's lines and pre-filled tasks as JSON cut into cells (a form of
2,900 tasks has some 110 hidden rows); format 1, of forms already sent out, a row each.
Either is sealed (``forms.seal``), and anything in it not as the writer makes it is one
refusal: the record is missing or broken.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec

from fenggong.errors import FormError, Problem
from fenggong.forms import (
    CELL_CHARACTERS,
    FIRST_ROW,
    FORMAT,
    FORMAT_1,
    MAX_ROWS,
    META,
    Line,
    LineItem,
    PrefillItem,
    Returned,
    seal,
)
from fenggong.messages import _
from fenggong.periods import parse_period

_LINES = msgspec.json.Decoder(list[LineItem])
_PREFILLS = msgspec.json.Decoder(list[PrefillItem])
# The kinds of row each format has, besides format, body, period, plan and seal.
_ROWS = {FORMAT: ("lines", "prefills"), FORMAT_1: ("line", "prefill")}


def refused(file: str, message: str, hint: str | None = None) -> FormError:
    """A returned form refused as a whole, at its file."""
    return FormError([Problem("form", "form-file", message, file=file, hint=hint)])


def _broken(file: str) -> FormError:
    return refused(
        file,
        _("{file}: the form's hidden record ({sheet}) is missing or broken").format(
            file=file, sheet=META
        ),
        _("make a new form with fenggong report sheet, and copy the answers into it"),
    )


def record(rows: Iterable[tuple[Any, ...]], file: str) -> Returned:
    """The form's ``Returned``, its cells not read yet; FormError when the record is
    missing or broken. ``rows``: the hidden sheet's, each of five values at most."""
    body = period = ""
    plans: dict[str, str] = {}
    found_format = ""
    records: list[tuple[object, ...]] = []
    sealed: object = None
    kept: dict[str, list[tuple[Any, ...]]] = {k: [] for kinds in _ROWS.values() for k in kinds}
    for values in rows:
        kind, *rest = (*values, None, None, None, None)[:5]
        if kind == "seal":
            sealed = rest[0]
            continue
        if any(value is not None for value in values):
            records.append(tuple(values))
        if kind == "format":
            found_format = str(rest[0])
        elif kind == "body":
            body = str(rest[0] or "")
        elif kind == "period":
            period = str(rest[0] or "")
        elif kind == "plan":
            plans[str(rest[0] or "")] = str(rest[1] or "")
        elif kind in kept:
            kept[kind].append(tuple(rest))
    # A form made before forms were sealed (of format 1) has no seal: it is read as it
    # was then. No record holds rows of both formats' kinds.
    unsealed = sealed is None and found_format == FORMAT_1
    fine = (unsealed or sealed == seal(records)) and body and parse_period(period)
    ours = _ROWS.get(found_format)
    if not fine or ours is None or any(kept[kind] for kind in kept if kind not in ours):
        raise _broken(file)
    if found_format == FORMAT:
        read = _chunked(kept["lines"], kept["prefills"])
    else:
        read = _rows(kept["line"], kept["prefill"])
    if read is None or not read[0]:
        raise _broken(file)
    lines, prefilled = read
    return Returned(file, body, period, plans, tuple(lines), {}, prefilled=prefilled)


def _chunked(
    lines: list[tuple[Any, ...]], prefills: list[tuple[Any, ...]]
) -> tuple[list[Line], dict[str, str]] | None:
    """Format 2: the JSON arrays of lines and of pre-filled tasks, each joined from its
    rows' cells in order and decoded by its type; None for a piece that is no cell's
    text, JSON that does not decode, an item of the wrong shape or a row out of bounds."""
    joined = _joined(lines), _joined(prefills)
    if joined[0] is None or joined[1] is None:
        return None
    try:
        read, sent = _LINES.decode(joined[0]), _PREFILLS.decode(joined[1])
    except msgspec.DecodeError:  # a ValidationError too
        return None
    return [Line(row, ref, metric or None, digest) for row, ref, metric, digest in read], dict(sent)


def _joined(rows: list[tuple[Any, ...]]) -> str | None:
    """The pieces of ``rows`` joined; None for a row holding anything but a piece of text
    no longer than a cell's: the joined text stays within the rows read, a cell each."""
    for piece, *rest in rows:
        if not isinstance(piece, str) or len(piece) > CELL_CHARACTERS:
            return None
        if any(value is not None for value in rest):
            return None
    return "".join(row[0] for row in rows)


def _rows(
    lines: list[tuple[Any, ...]], prefills: list[tuple[Any, ...]]
) -> tuple[list[Line], dict[str, str]] | None:
    """Format 1, as it was always read: a row per line (one whose row is no whole number
    skipped) and per pre-filled task; None for a line on a row no form has (0, -4, TRUE,
    past the rows read), which format 2 refuses too."""
    if any(
        isinstance(row, bool) or (isinstance(row, int) and not FIRST_ROW <= row <= MAX_ROWS)
        for row, *_rest in lines
    ):
        return None
    read = [
        Line(row, str(ref or ""), metric or None, str(digest or ""))
        for row, ref, metric, digest in lines
        if isinstance(row, int)
    ]
    return read, {str(ref or ""): str(fingerprint or "") for ref, fingerprint, *_rest in prefills}
