"""Exports of the 分工表: one pure function per format, each returning the file's bytes."""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

import msgspec

from fenggong.messages import CHINESE, speaking
from fenggong.names import file_name

if TYPE_CHECKING:
    from fenggong.catalog import Catalog
    from fenggong.query.library import Library
    from fenggong.query.progress import Book
    from fenggong.query.select import Filters, Hit


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    SQLITE = "sqlite"
    DOCX = "docx"
    ICS = "ics"


TEXT_FORMATS = {ExportFormat.CSV, ExportFormat.MARKDOWN, ExportFormat.HTML, ExportFormat.ICS}
# The formats that print a body's 责任清单 as a document of its own (--dept NAME alone).
DUTY_FORMATS = (ExportFormat.XLSX, ExportFormat.DOCX, ExportFormat.MARKDOWN, ExportFormat.HTML)
EXTENSIONS = {
    ExportFormat.XLSX: "xlsx",
    ExportFormat.CSV: "csv",
    ExportFormat.MARKDOWN: "md",
    ExportFormat.HTML: "html",
    ExportFormat.SQLITE: "db",
    ExportFormat.DOCX: "docx",
    ExportFormat.ICS: "ics",
}


class Progress(msgspec.Struct, frozen=True):
    """The 台账 beside the plans, as ``status`` reads it (the ledger and its lights
    settings), the library that names its bodies, and the day its lights are judged on."""

    book: Book
    library: Library
    as_of: datetime.date


class Bundle(msgspec.Struct, frozen=True):
    """What to export: the dataset, the tasks the filters chose, and the filters; and the
    台账 to show beside them, when there is one and the format shows it."""

    catalog: Catalog
    hits: tuple[Hit, ...]
    filters: Filters
    progress: Progress | None = None

    @property
    def department(self) -> str | None:
        """The one body a 责任清单 is for (``--dept NAME`` given once, nothing else)."""
        f = self.filters
        only_dept = len(f.dept) == 1 and not (f.lead or f.support)
        return f.dept[0] if only_dept else None


class Plans(msgspec.Struct, frozen=True):
    """What to export from several plans of a library: each plan's bundle (its tasks and
    the filters in its own names), and the library that names a body across them."""

    parts: tuple[Bundle, ...]
    library: Library

    @property
    def department(self) -> str | None:
        """The label across plans of the one body of a 责任清单 (浦东新区:区发改委 where
        two jurisdictions define 区发改委), if every plan's filters name only it."""
        first = self.parts[0]
        if first.department is None or any(p.department is None for p in self.parts):
            return None
        return self.library.label(first.catalog, first.department)

    @property
    def shown(self) -> str | None:
        """That body as a title or a file name names it: 浦东新区区发改委 for the label
        浦东新区:区发改委, a name no other jurisdiction defines as it is."""
        label = self.department
        return None if label is None else shown(self.library, label)

    @property
    def hits(self) -> int:
        return sum(len(p.hits) for p in self.parts)


def shown(library: Library, label: str) -> str:
    """A body's label across plans in a document's words: its name, led by its
    jurisdiction where another jurisdiction defines the same name."""
    home, name = library.body_of(label)
    return name if label == name else f"{home}{name}"


Exporter = Callable[[Bundle], bytes]


def duty_file(department: str, fmt: ExportFormat) -> str:
    """The file name of a body's 责任清单: 市教委责任清单.xlsx, whatever the name holds."""
    return file_name(department, EXTENSIONS[fmt], tail="责任清单")


def default_file(bundle: Bundle | Plans, fmt: ExportFormat) -> str:
    """The name an export gets without -o: the body's 责任清单 or the 分工表."""
    name = bundle.shown if isinstance(bundle, Plans) else bundle.department
    if name is not None and fmt in DUTY_FORMATS:
        return duty_file(name, fmt)
    return f"分工表.{EXTENSIONS[fmt]}"


# Each format's module is imported when that format is asked for: a CSV export need not
# load openpyxl.
EXPORTERS: dict[ExportFormat, str] = {
    ExportFormat.XLSX: "fenggong.exporting.workbook",
    ExportFormat.CSV: "fenggong.exporting.tabular:export_csv",
    ExportFormat.MARKDOWN: "fenggong.exporting.tabular:export_markdown",
    ExportFormat.HTML: "fenggong.exporting.webpage",
    ExportFormat.SQLITE: "fenggong.exporting.database",
    ExportFormat.DOCX: "fenggong.exporting.wordfile",
    ExportFormat.ICS: "fenggong.exporting.calendar",
}


# Several plans: the same modules' functions of a library, each a file of every plan.
PLAN_EXPORTERS: dict[ExportFormat, str] = {
    ExportFormat.XLSX: "fenggong.exporting.planbook:export_plans",
    ExportFormat.CSV: "fenggong.exporting.tabular:plans_csv",
    ExportFormat.MARKDOWN: "fenggong.exporting.tabular:plans_markdown",
    ExportFormat.HTML: "fenggong.exporting.planpage:export_plans",
    ExportFormat.SQLITE: "fenggong.exporting.database:export_plans",
    ExportFormat.DOCX: "fenggong.exporting.wordfile:export_plans",
    ExportFormat.ICS: "fenggong.exporting.calendar:export_plans",
}


def exporter(fmt: ExportFormat) -> Exporter:
    module, _, function = EXPORTERS[fmt].partition(":")
    found: Exporter = getattr(importlib.import_module(module), function or "export")
    return found


def plans_exporter(fmt: ExportFormat) -> Callable[[Plans], bytes]:
    module, _, function = PLAN_EXPORTERS[fmt].partition(":")
    found: Callable[[Plans], bytes] = getattr(importlib.import_module(module), function)
    return found


def export(bundle: Bundle | Plans, fmt: ExportFormat) -> bytes:
    """The file's bytes, in Chinese whatever the reader's language: an exported 分工表 is
    the official document people forward, and its captions are part of it. Plans of a
    library give a file of them all; a library of one plan, that plan's own file."""
    with speaking(CHINESE):
        if isinstance(bundle, Bundle):
            return exporter(fmt)(bundle)
        if len(bundle.parts) == 1:
            return exporter(fmt)(bundle.parts[0])
        return plans_exporter(fmt)(bundle)
