"""Reading a 分工方案 from the document it was issued in, into a draft plan.

Each importer reads one kind of document; the registry picks one for a file. This package
imports only the domain core (errors, model, names) and msgspec.
"""

from __future__ import annotations

from fenggong.errors import SourceError
from fenggong.importing.draft import Draft, DraftSection, DraftTask, DraftTopic, TaskLines
from fenggong.importing.importer import Importer
from fenggong.importing.registry import IMPORTERS, importer_for, named, read, register

__all__ = [
    "IMPORTERS",
    "Draft",
    "DraftSection",
    "DraftTask",
    "DraftTopic",
    "Importer",
    "SourceError",
    "TaskLines",
    "importer_for",
    "named",
    "read",
    "register",
]
