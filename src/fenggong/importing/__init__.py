"""Reading a 分工方案 from the document it was issued in, into a plan and its review.

``readers`` turn a file into a located ``Document``, ``layouts`` find the plan's outline
in it, and ``assemble`` makes the plan, calling every uncertain reading out in a
``Review``. This package imports only the domain core (an import-linter contract).

The readers and layouts are imported when a document is read: ``report collect`` reads
a form through ``importing.reportform`` alone, and would otherwise import every document
reader (python-docx, openpyxl for plans, legacy Office formats) at each run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fenggong.importing.assemble import Imported, Settings
    from fenggong.importing.outline import Outline

# The plan's assembly is imported when a plan is read, not when the package is: a form
# read through importing.reportform needs none of it.
__all__ = ["import_plan", "outline_of"]


def outline_of(path: Path) -> Outline:
    """The outline of the plan in a source document; SourceError if there is none."""
    from fenggong.importing.layouts import read_outline
    from fenggong.importing.readers import read_document

    return read_outline(read_document(path))


def import_plan(path: Path, settings: Settings) -> Imported:
    """The plan in a source document, and the review of the calls made reading it."""
    from fenggong.importing.assemble import assemble

    return assemble(outline_of(path), settings)
