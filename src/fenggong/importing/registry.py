"""The one registry of importers: which reads a file, found by its content or extension."""

from __future__ import annotations

from pathlib import Path

from fenggong.errors import UsageError
from fenggong.importing.draft import Draft
from fenggong.importing.importer import Importer, read_head
from fenggong.importing.text_dump import TextDump
from fenggong.messages import _
from fenggong.names import did_you_mean

IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    """Add an importer; its name must be new (two readers of one name is a programming slip)."""
    if importer.name in IMPORTERS:
        raise ValueError(f"an importer named {importer.name} is registered already")
    IMPORTERS[importer.name] = importer
    return importer


def _known() -> str:
    return ", ".join(f"{i.name} ({' '.join(i.suffixes)})" for i in IMPORTERS.values())


def named(name: str) -> Importer:
    """The importer called ``name``; UsageError, with a suggestion, if there is none."""
    try:
        return IMPORTERS[name]
    except KeyError:
        hint = did_you_mean(name, IMPORTERS) or _("the importers are {known}").format(
            known=_known()
        )
        raise UsageError(_("no importer named {name}").format(name=name), hint) from None


def importer_for(path: Path) -> Importer:
    """The importer for a file: the first whose format its content is, else by extension.

    An extension alone is enough to pick a reader: reading then says, line by line, where
    the file departs from the format, which helps more than "unknown format".
    """
    head = read_head(path)
    for importer in IMPORTERS.values():
        if importer.claims_content(head):
            return importer
    for importer in IMPORTERS.values():
        if importer.claims_name(path):
            return importer
    raise UsageError(
        _("{path}: no importer reads this file").format(path=path),
        _("the importers are {known}").format(known=_known()),
    )


def read(path: Path, importer: str | None = None) -> Draft:
    """The draft in ``path``, read by the importer named, or by the one that recognises it."""
    chosen = named(importer) if importer else importer_for(path)
    return chosen.read(path)


register(TextDump())
