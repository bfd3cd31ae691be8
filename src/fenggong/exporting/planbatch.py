"""A 责任清单 for every body of several plans in one run, each across the plans that may
name it, and the 目录 that lists them with their counts in all of them."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from fenggong.exporting import Bundle, ExportFormat, Plans, duty_file
from fenggong.exporting.batch import INDEX_FILES, Entry, _unique, duty_bytes, index_file
from fenggong.exporting.duties import duties
from fenggong.exporting.planduties import Across, across, across_document
from fenggong.exporting.plans import bodies, numbers, scope
from fenggong.matching import Matcher
from fenggong.model import KIND_LABELS
from fenggong.names import fold
from fenggong.query.select import select


def each_across(plans: Plans, fmt: ExportFormat) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of every body's 责任清单 over the tasks the plans' filters choose,
    in the order the plans define the bodies, then of the 目录. A body only one plan may
    name gets that plan's own 责任清单; a name two jurisdictions define gets a file each,
    named with its jurisdiction (浦东新区区发改委责任清单.xlsx)."""
    matchers = {p.catalog.key: Matcher(p.catalog.departments) for p in plans.parts}
    taken = {fold(INDEX_FILES[fmt])}
    entries = []
    for named in bodies(plans).values():
        parts = []
        for part, name in named:
            own = msgspec.structs.replace(part.filters, dept=(name,))
            hits = tuple(select(part.catalog, own, matchers[part.catalog.key]))
            parts.append(Bundle(part.catalog, hits, own))
        found = across(Plans(tuple(parts), plans.library), matchers)
        file = _unique(duty_file(found.shown, fmt), taken)
        if len(parts) == 1:
            (part,) = parts
            assert part.department is not None
            matcher = matchers[part.catalog.key]
            own_duties = duties(part.catalog, part.department, [h.task for h in part.hits], matcher)
            data = duty_bytes(part.catalog, own_duties, part.filters, fmt)
        else:
            data = across_bytes(Plans(tuple(parts), plans.library), found, fmt)
        yield file, data
        total = msgspec.structs.replace(found.total, department=found.shown)
        kind = named[0][0].catalog.departments[named[0][1]].kind
        entries.append(Entry(total, KIND_LABELS[kind], file))
    said = scope(plans)
    subtitle = numbers(plans) + (f"　{said}" if said else "")
    yield INDEX_FILES[fmt], index_file("责任清单目录", subtitle, entries, fmt)


def across_bytes(plans: Plans, found: Across, fmt: ExportFormat) -> bytes:
    """One body's 责任清单 across plans in a document format."""
    if fmt is ExportFormat.XLSX:
        from fenggong.exporting.planbook import duty_book

        return duty_book(plans, found)
    if fmt is ExportFormat.HTML:
        from fenggong.exporting.planpage import duty_page

        return duty_page(plans, found).encode("utf-8")
    document = across_document(plans, found)
    if fmt is ExportFormat.DOCX:
        from fenggong.exporting.wordfile import document_bytes

        return document_bytes(document)
    from fenggong.exporting.tabular import document_markdown

    return document_markdown(document).encode("utf-8")
