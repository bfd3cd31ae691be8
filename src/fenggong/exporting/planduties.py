"""One body's 责任清单 across plans: its tasks under a heading per plan (the plan's title and
文号, its counts there), its counts in all of them under the title."""

from __future__ import annotations

import msgspec

from fenggong.catalog import Catalog
from fenggong.exporting import Plans, shown
from fenggong.exporting.duties import (
    POSSIBLE_NOTE,
    Duties,
    counts_words,
    duties,
    duty_document,
    title,
)
from fenggong.exporting.layout import Document, filter_words
from fenggong.exporting.plans import heading, numbers
from fenggong.matching import Matcher
from fenggong.render.text import join
from fenggong.views.departments import HEADINGS


class Across(msgspec.Struct, frozen=True):
    """A body's 责任清单 across plans: its label, how a document names it, and its duties
    in each plan that gives it a task or possibly concerns it, in the library's order."""

    label: str
    shown: str
    full_name: str
    filed: tuple[tuple[Catalog, Duties], ...]

    @property
    def total(self) -> Duties:
        """The duties of every plan as one, for the counts in all of them."""
        merged = {
            key: tuple(i for _c, d in self.filed for h, found in d.filed if h == key for i in found)
            for key in HEADINGS
        }
        return Duties(self.label, self.full_name, tuple(merged.items()))


def across(plans: Plans, matchers: dict[str, Matcher] | None = None) -> Across:
    """The 责任清单 of the one body the filters name, asked of each plan in its own names."""
    label = plans.department
    assert label is not None
    filed = []
    for part in plans.parts:
        assert part.department is not None
        matcher = (matchers or {}).get(part.catalog.key)
        found = duties(part.catalog, part.department, [h.task for h in part.hits], matcher)
        if found.tasks:
            filed.append((part.catalog, found))
    first = plans.parts[0]
    assert first.department is not None
    full_name = first.catalog.departments[first.department].full_name
    return Across(label, shown(plans.library, label), full_name, tuple(filed))


def across_document(plans: Plans, found: Across) -> Document:
    """The 责任清单 as one printed table: under the title the body's counts in all the
    plans, then each plan, opening with its heading and its counts there."""
    sections = []
    for catalog, duty in found.filed:
        filters = next(p.filters for p in plans.parts if p.catalog is catalog)
        own = duty_document(catalog, duty, filters).sections
        opens = (heading(catalog), f"{counts_words(duty)}。")
        sections += [msgspec.structs.replace(own[0], opens=opens), *own[1:]]
    total = found.total
    count = len(found.filed)
    lines = [f"{found.full_name}在 {count} 个分工方案中合计{counts_words(total)}。"]
    first = plans.parts[0]
    said = filter_words(first.catalog, first.filters, dept=False)
    if said:
        lines.append(f"{said}。")
    if total.possible:
        lines.append(POSSIBLE_NOTE)
    assert first.department is not None
    members = first.catalog.departments[first.department].members
    if members:
        lines.append(f"“{found.shown}”指：{join(members)}。")
    return Document(
        title(found.shown), numbers(plans), tuple(sections), tuple(lines), name="责任清单"
    )
