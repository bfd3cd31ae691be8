"""Exports of the 分工表: one pure function per format, each returning the file's bytes."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

from fenggong.messages import CHINESE, speaking

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.query.select import Filters, Hit


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    SQLITE = "sqlite"
    DOCX = "docx"


TEXT_FORMATS = {ExportFormat.CSV, ExportFormat.MARKDOWN, ExportFormat.HTML}
EXTENSIONS = {
    ExportFormat.XLSX: "xlsx",
    ExportFormat.CSV: "csv",
    ExportFormat.MARKDOWN: "md",
    ExportFormat.HTML: "html",
    ExportFormat.SQLITE: "db",
    ExportFormat.DOCX: "docx",
}


class Bundle(msgspec.Struct, frozen=True):
    """What to export: the dataset, the tasks the filters chose, and the filters."""

    catalog: Catalog
    hits: tuple[Hit, ...]
    filters: Filters

    @property
    def department(self) -> str | None:
        """The one body a 责任清单 is for (``--dept NAME`` given once, nothing else)."""
        f = self.filters
        only_dept = len(f.dept) == 1 and not (f.lead or f.support)
        return f.dept[0] if only_dept else None


Exporter = Callable[[Bundle], bytes]


# Each format's module is imported when that format is asked for: a CSV export need not
# load openpyxl.
EXPORTERS: dict[ExportFormat, str] = {
    ExportFormat.XLSX: "fenggong.exporting.spreadsheet",
    ExportFormat.CSV: "fenggong.exporting.tabular:export_csv",
    ExportFormat.MARKDOWN: "fenggong.exporting.tabular:export_markdown",
    ExportFormat.HTML: "fenggong.exporting.webpage",
    ExportFormat.SQLITE: "fenggong.exporting.database",
    ExportFormat.DOCX: "fenggong.exporting.wordfile",
}


def exporter(fmt: ExportFormat) -> Exporter:
    module, _, function = EXPORTERS[fmt].partition(":")
    found: Exporter = getattr(importlib.import_module(module), function or "export")
    return found


def export(bundle: Bundle, fmt: ExportFormat) -> bytes:
    """The file's bytes, in Chinese whatever the reader's language: an exported 分工表 is
    the official document people forward, and its captions are part of it."""
    with speaking(CHINESE):
        return exporter(fmt)(bundle)
