"""CSV, written two ways, because its two readers want different files.

``-f csv`` is for programs (pandas, csvkit, a shell pipe): ``\\n`` line ends, no byte
order mark, every cell exactly as the data has it, so that what is read back equals
what was written. ``export csv`` is for people opening the file in Excel: a UTF-8 byte
order mark, without which Excel reads the file in the local code page and garbles the
汉字; CRLF line ends, as Excel writes them; and any cell that a spreadsheet would run as
a formula (=, +, -, @ …) kept as text by a leading ``'``, since CSV has no cell types.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from fenggong.render.formulas import neutralize

Rows = Iterable[Sequence[str]]


def machine_csv(header: Sequence[str], rows: Rows) -> str:
    """For programs: raw cells, ``\\n`` line ends, no BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # With "\n" as the line end, the csv module quotes a cell holding "\n" but not one
    # holding a lone "\r", which a reader then takes for the end of the row: such a row
    # is written with every cell quoted.
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        (quoted if any("\r" in cell for cell in row) else writer).writerow(row)
    return buffer.getvalue()


def excel_csv(header: Sequence[str], rows: Rows) -> bytes:
    """For Excel: the file's bytes, with a BOM, CRLF line ends and formulas neutralized."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralize(cell) for cell in header])
    writer.writerows([neutralize(cell) for cell in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
