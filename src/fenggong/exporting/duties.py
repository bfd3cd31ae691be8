"""One body's 责任清单 as a printed document: what it leads, supports, takes on through
各区, and may be concerned by, each heading with its count."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from fenggong.catalog import Catalog
from fenggong.exporting.layout import Document, Row, Section, filter_words, grouped
from fenggong.matching import ROLE_LABELS, Bucket, How, Involvement, Match, Matcher
from fenggong.model import Task
from fenggong.query.select import Filters
from fenggong.render.text import join
from fenggong.views.departments import HEADINGS, file_tasks

# A 责任清单 is written in the document's language, whatever the exporter's locale.
POSSIBLE_NOTE = (
    "可能涉及：任务由“相关区”“各相关委办局”等未列明成员的统称承担，是否涉及本单位请对照确认，"
    "不计入牵头、配合项数。"
)


class Duties(msgspec.Struct, frozen=True):
    """A body's tasks under the headings of its 责任清单, and the counts of `depts`."""

    department: str
    full_name: str
    # By heading (the bucket, and whether through a group), in the headings' order.
    filed: tuple[tuple[tuple[Bucket, bool], tuple[Involvement, ...]], ...]

    def count(self, bucket: Bucket, via_group: bool | None = None) -> int:
        return sum(
            len(found)
            for (b, through), found in self.filed
            if b is bucket and (via_group is None or through is via_group)
        )

    @property
    def lead(self) -> int:
        return self.count(Bucket.LEAD)

    @property
    def support(self) -> int:
        return self.count(Bucket.SUPPORT)

    @property
    def via_group(self) -> int:
        return self.count(Bucket.LEAD, True) + self.count(Bucket.SUPPORT, True)

    @property
    def possible(self) -> int:
        return self.count(Bucket.POSSIBLE)

    @property
    def total(self) -> int:
        return self.lead + self.support

    @property
    def tasks(self) -> int:
        return self.total + self.possible


def duties(
    catalog: Catalog, key: str, tasks: Sequence[Task], matcher: Matcher | None = None
) -> Duties:
    """The 责任清单 of body ``key`` over ``tasks``, filed as `depts NAME` files it."""
    filed = file_tasks(catalog, key, matcher, tasks)
    return Duties(
        key,
        catalog.departments[key].full_name,
        tuple((heading, tuple(found)) for heading, found in filed.items()),
    )


def counts_words(found: Duties) -> str:
    """牵头 3 项（经由统称 3 项），配合 32 项（经由统称 32 项），可能涉及 2 项."""
    parts = []
    for bucket, word in ((Bucket.LEAD, "牵头"), (Bucket.SUPPORT, "配合")):
        via = found.count(bucket, True)
        through = f"（经由统称 {via} 项）" if via else ""
        parts.append(f"{word} {found.count(bucket)} 项{through}")
    parts.append(f"可能涉及 {found.possible} 项")
    return "，".join(parts)


def note(involvement: Involvement, heading: str) -> str:
    """How the body takes part, where ``heading`` does not say it: the role and group of
    a task possibly concerning it, a group the heading does not name, or each of two
    ways it takes part (经由“各区”牵头；直接配合). Nothing when the heading says it all."""
    # A "possible" match beside a firm one says nothing: the firm one decides.
    matches = [m for m in involvement.matches if m.how >= How.GROUP] or involvement.matches
    if len(matches) == 1 and involvement.bucket is not Bucket.POSSIBLE:
        (match,) = matches
        if match.how is How.DIRECT or f"“{match.via}”" in heading:
            return ""
    return "；".join(_words(m) for m in matches)


def _words(match: Match) -> str:
    role = ROLE_LABELS[match.role]
    if match.how is How.DIRECT:
        return f"直接{role}"
    if match.how is How.GROUP:
        return f"经由“{match.via}”{role}"
    return f"可能经由“{match.via}”{role}"


def title(key: str) -> str:
    return f"{key}责任清单"


def duty_document(catalog: Catalog, found: Duties, filters: Filters) -> Document:
    """The 责任清单 as a printed table: a section per heading that has tasks, its count in
    its label, topics merged down as in the whole table; the body's counts under the title."""
    plan = catalog.dataset.plan
    sections = tuple(
        Section(
            f"{HEADINGS[heading]}（{len(tasks)}）",
            grouped(catalog, ((i.task, _row(i, HEADINGS[heading])) for i in tasks)),
        )
        for heading, tasks in found.filed
        if tasks
    )
    lines = [f"{found.full_name}：{counts_words(found)}。"]
    scope = filter_words(catalog, filters, dept=False)
    if scope:
        lines.append(f"{scope}。")
    if found.possible:
        lines.append(POSSIBLE_NOTE)
    body = catalog.departments[found.department]
    if body.members:
        lines.append(f"“{found.department}”指：{join(body.members)}。")
    return Document(
        title(found.department),
        f"{plan.title}（{plan.document_number}）",
        sections,
        tuple(lines),
        name="责任清单",
    )


def _row(involvement: Involvement, heading: str) -> Row:
    task = involvement.task
    said = note(involvement, heading)
    return Row(task.id, task.text, join(task.lead), join(task.support), said)
