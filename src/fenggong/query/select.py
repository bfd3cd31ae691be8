"""Selecting tasks: filters by department, section, topic, text and target; ids and ranges."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

import msgspec

from fenggong.catalog import Catalog
from fenggong.errors import LookupFailedError
from fenggong.matching import How, Match, Matcher, Role
from fenggong.messages import N_, _, either
from fenggong.model import Section, Task, Topic
from fenggong.names import fold, parse_numeral
from fenggong.resolve import Reading, Resolver


class Filters(msgspec.Struct, frozen=True):
    """Repeated values of one filter are OR; different filters are AND."""

    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    dept: tuple[str, ...] = ()
    sections: tuple[int, ...] = ()
    topics: tuple[int, ...] = ()
    grep: tuple[str, ...] = ()
    has_target: bool = False
    # How a department filter may reach a body: direct, through a group, possibly. Empty
    # is every way; a task counts when the body's strongest match in a role is one of them.
    how: tuple[How, ...] = ()

    @property
    def by_department(self) -> bool:
        return bool(self.lead or self.support or self.dept)


class Hit(msgspec.Struct, frozen=True):
    task: Task
    matches: tuple[Match, ...] = ()


def matcher_of(catalog: Catalog) -> Matcher:
    """The plan's Matcher, built once for every plan of a library with its table of bodies."""
    found = catalog.shared.get("matcher")
    if not isinstance(found, Matcher):
        found = catalog.shared["matcher"] = Matcher(catalog.departments)
    return found


def select(catalog: Catalog, filters: Filters, matcher: Matcher | None = None) -> list[Hit]:
    matcher = matcher or matcher_of(catalog)
    sections = set(filters.sections)
    topics = set(filters.topics)
    terms = [fold(t) for t in filters.grep]
    department_filters = [
        (wanted, roles, frozenset().union(*(matcher.reaching(d) for d in wanted)))
        for wanted, roles in (
            (filters.lead, (Role.LEAD,)),
            (filters.support, (Role.SUPPORT,)),
            (filters.dept, (Role.LEAD, Role.SUPPORT)),
        )
        if wanted
    ]
    tasks: Sequence[Task] = catalog.dataset.tasks
    if department_filters:
        # The first department filter passes over most tasks: decided in one comprehension
        # before the loop below asks each task everything (it asks this again).
        _wanted, roles, reaching = department_filters[0]
        both = Role.SUPPORT in roles
        tasks = [
            t
            for t in tasks
            if not reaching.isdisjoint(t.lead) or (both and not reaching.isdisjoint(t.support))
        ]
    hits = []
    for task in tasks:
        if topics and task.topic not in topics:
            continue
        if sections and catalog.topics[task.topic].section not in sections:
            continue
        if filters.has_target and not any(not g.qualitative for g in task.targets):
            continue
        if terms:
            text = fold(task.text)
            if not all(term in text for term in terms):
                continue
        found: list[Match] = []
        for wanted, roles, reaching in department_filters:
            # The common case, a cell naming no body that could reach the ones wanted, is
            # decided without a match; names are registry names once loaded (FG103).
            if reaching.isdisjoint(task.lead) and (
                Role.SUPPORT not in roles or reaching.isdisjoint(task.support)
            ):
                break
            got = [
                m
                for dept in wanted
                for role in roles
                if (m := matcher.match(task, dept, role)) is not None
                and (not filters.how or m.how in filters.how)
            ]
            if not got:
                break
            found += [m for m in got if m not in found]
        else:
            hits.append(Hit(task, tuple(found)))
    return hits


def resolve_section(catalog: Catalog, text: str) -> int:
    return _resolve(
        text,
        N_("section"),
        list(catalog.sections.values()),
        lambda s: f"{s.number} ({s.label})",
    )


def resolve_topic(catalog: Catalog, text: str) -> int:
    return _resolve(
        text,
        N_("topic"),
        list(catalog.topics.values()),
        lambda t: f"{t.number} ({t.label})",
    )


# A heading as the tool prints it, folded (（ is ( after NFKC): 九、保障措施, （十九）…, 9.…
_LABEL = re.compile(r"^(?:\(([^)]+)\)|([^、.]+)[、.])(.*)$")


def _resolve(
    text: str, what: str, records: Sequence[Section | Topic], show: Callable[[Section | Topic], str]
) -> int:
    """A number, a numeral (二, （二）), a heading (二、…, （二）…) or a unique title fragment."""
    what = _(what)  # marked where it is named: section or topic, in the reader's language
    key = fold(text)
    numbers = {r.number: r for r in records}
    label = _LABEL.match(key)
    number = _number(key)
    title = numeral = ""
    if number is None and label is not None:
        numeral = label[1] or label[2]
        number = _number(numeral)
        title = label[3].removesuffix("...")  # NFKC writes … as three dots
    if number is not None:
        if number not in numbers:
            last = max(numbers, default=0)
            raise LookupFailedError(
                _("no {what} {text}").format(what=what, text=text),
                hint=_("{what}s are numbered 1–{last}").format(what=what, last=last),
            )
        record = numbers[number]
        if not title or title in fold(record.title):
            return number
        titled = _titled(title, records)
        shown = _("{numeral} is {what} {record}").format(
            numeral=numeral, what=what, record=show(record)
        )
        message = (
            _("{text} names two {what}s: {shown}, but {title} is {named}").format(
                text=text, what=what, shown=shown, title=title,
                named=either([f"{what} {show(r)}" for r in titled[:3]]),
            )
            if titled
            else _("{text}: {shown}, but no {what} is titled {title}").format(
                text=text, shown=shown, what=what, title=title
            )
        )  # fmt: skip
        raise LookupFailedError(message, hint=_("type the number or the title alone"))
    found = _titled(key, records)
    if len(found) == 1:
        return found[0].number
    if found:
        raise LookupFailedError(
            _("{what} {text} is ambiguous: {candidates}").format(
                what=what, text=text, candidates="; ".join(show(r) for r in found[:5])
            ),
            hint=_("type a number or more of the title"),
        )
    raise LookupFailedError(
        _("no {what} matches {text}").format(what=what, text=text),
        hint=_("fenggong outline lists the {what}s").format(what=what),
    )


def _number(key: str) -> int | None:
    """The number of 9, 九, （九） or 九、, or None."""
    key = key.rstrip("、.")
    return int(key) if key.isdigit() and len(key) <= 9 else parse_numeral(key)


def _titled(key: str, records: Sequence[Section | Topic]) -> list[Section | Topic]:
    """The records titled ``key``, else those whose title contains it."""
    exact = [r for r in records if fold(r.title) == key]
    return exact or [r for r in records if key and key in fold(r.title)]


# A task id has at most 9 digits: longer digit runs are refused before int() reads them
# (Python refuses more than 4,300 digits with a ValueError).
_RANGE = r"^(\d{1,9})(?:[-–~](\d{1,9}))?$"


def parse_ids(specs: Sequence[str], catalog: Catalog) -> list[int]:
    """``["47"]``, ``["1,4-10"]`` → task ids in the order given, each once."""
    ids: list[int] = []
    seen: set[int] = set()
    span = _("tasks are numbered {first}–{last}").format(
        first=min(catalog.tasks), last=max(catalog.tasks)
    )
    for spec in specs:
        parts = fold(spec).replace("，", ",").split(",")
        if not any(parts):
            raise LookupFailedError(
                _("no task id in {spec}").format(spec=repr(spec)),
                hint=_("give one: {span}").format(span=span),
            )
        for part in parts:
            if not part:
                raise LookupFailedError(
                    _("{spec} has an empty item").format(spec=spec),
                    hint=_("separate ids with one comma: 1,4-10"),
                )
            match = re.match(_RANGE, part)
            if not match:
                shown = part if len(part) <= 20 else part[:20] + "…"
                raise LookupFailedError(
                    _("{text} is not a task id or range").format(text=shown), hint=span
                )
            first = int(match[1])
            last = int(match[2] or first)
            if last < first:
                raise LookupFailedError(
                    _("range {range} runs backwards").format(range=part),
                    hint=_("write {first}-{last}").format(first=last, last=first),
                )
            # The ends first: a range past the last task is refused before it is walked.
            # Lazily: `*range(…)` would build the whole range first (1-100000000: 4 GB).
            for number in itertools.chain((first, last), range(first + 1, last)):
                if number not in catalog.tasks:
                    raise LookupFailedError(_("no task {id}").format(id=number), hint=span)
            for number in range(first, last + 1):
                if number not in seen:
                    seen.add(number)
                    ids.append(number)
    return ids


def describe(filters: Filters, catalog: Catalog) -> str:
    """The active filter in words, for a caption: 牵头部门 市教委 · 板块 二 (led by 市教委 ·
    section 二 in English)."""
    parts = []
    for label, names in (
        (N_("led by {names}"), filters.lead),
        (N_("supported by {names}"), filters.support),
        (N_("department {names}"), filters.dept),
    ):
        if names:
            parts.append(_(label).format(names=_either(names)))
    if filters.sections:
        labels = [catalog.sections[n].label for n in filters.sections]
        parts.append(_("section {sections}").format(sections=_either(labels)))
    if filters.topics:
        labels = [catalog.topics[n].label for n in filters.topics]
        parts.append(_("topic {topics}").format(topics=_either(labels)))
    if filters.grep:
        quoted = [_("“{text}”").format(text=t) for t in filters.grep]
        parts.append(
            _("containing {words}").format(words=_joined(N_("{left} and {right}"), quoted))
        )
    if filters.has_target:
        parts.append(_("with a quantified target"))
    if filters.how:
        ways = [_(_HOW_WORDS[h]) for h in sorted(filters.how, reverse=True)]
        parts.append(_("only {ways}").format(ways=_either(ways)))
    said = " · ".join(parts) if parts else _("all tasks")
    # A caption begins with it: a capital in English (Led by …), nothing in Chinese.
    return said[:1].upper() + said[1:]


_HOW_WORDS = {
    How.DIRECT: N_("direct"),
    How.GROUP: N_("via groups"),
    How.POSSIBLE: N_("possibly concerned"),
}


def _either(items: Sequence[str]) -> str:
    # TRANSLATORS: joins the values of one filter in a caption, with no spaces in Chinese.
    return _joined(N_("{left} or {right}"), items)


def _joined(template: str, items: Sequence[str]) -> str:
    """``a or b or c``: one template for each join, so a language joins without spaces."""
    joined = items[0]
    for item in items[1:]:
        joined = _(template).format(left=joined, right=item)
    return joined


def read_departments(resolver: Resolver, typed: Sequence[str]) -> list[Reading]:
    """Each value as typed, with the names it was read as and how each was found."""
    return [resolver.read(text) for text in typed]


def names_read(readings: Sequence[Reading]) -> tuple[str, ...]:
    """The registry names read, each once: a pasted list is OR, as a repeated option."""
    return tuple(dict.fromkeys(r.name for reading in readings for r in reading.names))


def resolve_departments(resolver: Resolver, typed: Sequence[str]) -> tuple[str, ...]:
    """The registry names of the values typed, each once: a pasted list gives several."""
    return names_read(read_departments(resolver, typed))
