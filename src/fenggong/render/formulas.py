"""Spreadsheet cells that stay text: no formula injection from the data."""

from __future__ import annotations

# A cell starting with one of these is a formula to Excel, LibreOffice and Sheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text.startswith(_FORMULA_START)


def neutralize(text: str) -> str:
    """For CSV, which has no cell types: a leading apostrophe keeps the cell text."""
    return "'" + text if is_formula_like(text) else text
