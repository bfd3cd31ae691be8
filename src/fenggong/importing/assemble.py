"""An outline made into a plan: roles by the lead rule, names against a registry, a review.

The assembler is where every uncertain call is made, so it is where each is written
down: a lead inferred by the plan's lead rule names the rule; a body added by
以下均需X落实 names the clause; a new body names its closest known ones; an item with no
responsible body is left out and listed. Text is stored as the document writes it.
"""

from __future__ import annotations

import datetime
import re

import msgspec

from fenggong.errors import SourceError
from fenggong.importing import dues
from fenggong.importing.bodies import Registry, draft_registry, etc
from fenggong.importing.clauses import joined, read_clauses
from fenggong.importing.document import Where
from fenggong.importing.duties import Duty, DutyBody, names, parse_duty
from fenggong.importing.header import header_notes, read_header, stem
from fenggong.importing.leadrule import LeadRules
from fenggong.importing.outline import Item, Outline
from fenggong.importing.review import Call, Note, Review, ordered
from fenggong.importing.structure import number_anew
from fenggong.messages import _, ngettext
from fenggong.model import (
    Dataset,
    Department,
    LeadRule,
    Plan,
    Role,
    RoleKind,
    Section,
    Task,
    Topic,
)
from fenggong.names import fold
from fenggong.quantities import propose_targets
from fenggong.resolve import simplified

# The verb a column's header stands for, and the roles of their own.
_VERB_OF_COLUMN = {"lead": "牵头", "support": "配合", "responsible": "负责"}
_VERB_OF_COLUMN |= {"guide": "指导", "implement": "负责落实", "summarize": "汇总"}
_OTHER_ROLES = {kind.value: kind for kind in RoleKind}
_STANDALONE = re.compile("以下[^。；;（(]{0,60}?不再(?:另行)?列出")
_JOINED = re.compile("^市.+[和与及]市|[^市省区县]{2,}[和与及].{2,}(?:局|委|部|办)$")
_INHERITED = 50  # bodies that 以下均需…落实 adds to every later item, at most
_LONGEST = 64  # characters: 新疆维吾尔自治区人民政府办公厅 has 15; a longer "name" is a misread
_BOUND = 10**15  # a target's figures, as the model bounds them
_PERIOD = re.compile("十[一二三四五六七八九]五")
_LEADER_SPLIT = re.compile("[、，,；;\\s]+")


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """What the maintainer said on the command line, and the registry the names meet.

    ``shared`` is true when ``known`` is a library's registry: its bodies are not copied
    into the plan file, which names them as the library does.
    """

    today: datetime.date
    key: str | None = None
    jurisdiction: str | None = None
    lead_rule: LeadRule | None = None
    known: dict[str, Department] = {}
    shared: bool = False


class Imported(msgspec.Struct, frozen=True):
    """The plan read from a document, and the review of the calls made reading it."""

    dataset: Dataset
    review: Review


class _Assembler:
    def __init__(self, outline: Outline, settings: Settings) -> None:
        self.outline = outline
        self.settings = settings
        self.notes: list[Note] = [Note(Call.SOURCE, note, outline.file) for note in outline.notes]
        self.registry = Registry(settings.known)
        self.rule = LeadRules(outline, settings.lead_rule, self.notes)
        self.inherited: list[tuple[DutyBody, Where]] = []
        self.numbered = 0  # tasks that keep their source number
        # 以下均需X落实 in a paragraph of its own: it holds from the next item on.
        self.pending = [
            (clause.where, duty)
            for clause in outline.statements
            if (duty := parse_duty(clause.raw)) is not None and duty.inherit is not None
        ]
        self.named: dict[str, str] = {}  # folded → the spelling stored, first seen
        self.new: dict[str, Where] = {}  # bodies no registry knows, where first named
        self.left_out = 0

    def note(
        self, call: Call, message: str, where: Where | str, task: int | None = None, **kw: object
    ) -> None:
        self.notes.append(Note(call, message, str(where), task, **kw))  # type: ignore[arg-type]

    def body(self, name: str, where: Where) -> str:
        """The stored spelling of a name: simplified, and the first spelling of its body."""
        simple = simplified(name)
        if simple != name:
            self.note(
                Call.TRADITIONAL,
                _("{name} folded to {simple}").format(name=name, simple=simple),
                where,
            )
        key = fold(simple)
        known = self.registry.find(simple)
        if known is not None:
            # A plan file names a body by its registered name: an alias is written so.
            if fold(known) != key:
                self.note(
                    Call.NEW_BODY,
                    _("{name} is written as its registered name {known}").format(
                        name=simple, known=known
                    ),
                    where,
                )
            key = fold(known)
            simple = known
        if key not in self.named:
            self.named[key] = simple
            if known is None:
                self.new.setdefault(simple, where)
        return self.named[key]

    def expand(self, body: DutyBody, where: Where) -> list[DutyBody]:
        """A list item with 等 as the bodies it names: A等有关部门 is A and the group."""
        parts, message = etc(body, self.registry)
        if message is not None:
            self.note(Call.SPLIT, message, where)
        return parts

    def duties(self, item: Item) -> tuple[list[tuple[DutyBody, Where]], list[Duty]]:
        """The bodies an item names with where each is named, and its clauses read."""
        read = read_clauses(item, self.notes)
        found: list[tuple[DutyBody, Where]] = []
        for where, duty in read:
            for body in duty.bodies:
                found += [(b, where) for b in self.expand(body, where)]
            if duty.inherit is not None:
                self.inherit(duty, where)
        for sentence in _STANDALONE.findall(item.text):
            stated = parse_duty(sentence)
            if stated is not None and stated.inherit is not None:
                self.inherit(stated, item.where)
        for column in item.columns:
            for body in names(column.raw, _VERB_OF_COLUMN[column.role], column.role):
                found += [(b, column.where) for b in self.expand(body, column.where)]
        return found, [duty for _where, duty in read]

    def inherit(self, duty: Duty, where: Where) -> None:
        """以下均需X落实: X is added to every later item, to the end of the document (the
        review lists each)."""
        assert duty.inherit is not None
        held = {(b.name, b.role) for b, _where in self.inherited}
        self.inherited += [(b, where) for b in duty.inherit.bodies if (b.name, b.role) not in held]
        if len(self.inherited) > _INHERITED:
            # Each is added to every later item: thousands would multiply the plan.
            raise SourceError(
                self.outline.file,
                None,
                _("以下均需…落实 adds more than {limit} bodies to every later item").format(
                    limit=_INHERITED
                ),
                _("import the part of the document that holds the 分工"),
            )

    def task(self, item: Item, task_id: int) -> Task | None:
        for where, duty in [p for p in self.pending if p[0].order < item.where.order]:
            self.inherit(duty, where)
            self.pending.remove((where, duty))
        inherited_before = list(self.inherited)
        found, read = self.duties(item)
        for body, origin in inherited_before:
            found.append((body, origin))
        if inherited_before:
            body, origin = inherited_before[0]
            self.note(
                Call.INHERITED,
                _("{name} added as {role} ({verb}) by 以下均需…落实 at {origin}").format(
                    name="、".join(b.name for b, _where in inherited_before),
                    role=body.role,
                    verb=body.verb,
                    origin=origin,
                ),
                item.where,
                task_id,
                quote=item.text,
            )
        by_role: dict[str, dict[str, None]] = {}  # insertion-ordered sets
        verbs: dict[str, str] = {}
        for body, where in found:
            if len(body.name) > _LONGEST:
                message = _("not read as a body: {count} characters is no name")
                self.note(Call.UNREAD, message.format(count=len(body.name)), where, task_id)
                continue
            stored = self.body(body.name, where)
            if _JOINED.search(stored) and self.registry.find(stored) is None:
                message = _("{name} may be two bodies joined by 和, 与 or 及: split it if so")
                self.note(Call.UNREAD, message.format(name=stored), where, task_id)
            if body.group and stored in self.new:
                pass
            by_role.setdefault(body.role, {})[stored] = None
            verbs.setdefault(body.role, body.verb)
        lead = list(by_role.get("lead", ()))
        support = list(by_role.get("support", ()))
        responsible = list(by_role.get("responsible", ()))
        at = str(item.where)
        if responsible and lead:
            support += responsible
            self.note(
                Call.LEAD_INFERRED,
                _("{names} ({verb}) read as support beside the lead named").format(
                    names="、".join(responsible), verb=verbs["responsible"]
                ),
                at,
                task_id,
            )
        elif responsible:
            lead = self.rule.resolve(responsible, self.notes, at, task_id)
            leading = set(lead)
            support = [n for n in responsible if n not in leading] + support
        if not lead and by_role.get("implement"):
            lead = list(by_role["implement"])
            message = (
                _("no body leads: {names}, who 负责落实, taken as lead")
                if item.clauses or item.columns
                else _(
                    "no duty clause of its own: {names} leads only by 以下均需…落实; "
                    "delete the task if the document did not mean it"
                )
            )
            self.note(
                Call.LEAD_INFERRED,
                message.format(names="、".join(lead)),
                at,
                task_id,
                quote=joined(item) or item.text,
            )
        if not lead:
            self.left_out += 1
            reason = _("no lead body named") if found else _("no responsible body named")
            self.note(Call.LEFT_OUT, reason, at, quote=item.text)
            return None
        leading = set(lead)
        support = [n for n in dict.fromkeys(support) if n not in leading]
        roles = tuple(
            Role(role=kind, departments=tuple(by_role[name]), verb=verbs[name])
            for name, kind in _OTHER_ROLES.items()
            if by_role.get(name)
        )
        return Task(
            id=task_id,
            topic=1,  # numbered anew with its topic
            text=item.text,
            lead=tuple(lead),
            support=tuple(support),
            targets=self.targets(item, task_id),
            number=self.number(item, task_id),
            due=dues.due_of(item, read, self.issued, self.notes, task_id),
            leaders=self.leaders(item),
            roles=roles,
            clause=joined(item),
        )

    def number(self, item: Item, task_id: int) -> str | None:
        written = item.number.strip()
        if not written or written.rstrip(".、．") == str(task_id):
            return None
        self.numbered += 1
        return written

    def leaders(self, item: Item) -> tuple[str, ...]:
        people = [p for raw in item.leaders for p in _LEADER_SPLIT.split(raw) if p]
        return tuple(dict.fromkeys(people))

    def targets(self, item: Item, task_id: int) -> tuple:  # type: ignore[type-arg]
        # A goal belongs to a plan period (十四五): a figure in a plan without one is a
        # rate, a sum or a date, not a goal to record.
        period = self._header.period
        if period is None and not _PERIOD.search(item.text):
            return ()
        proposed = tuple(
            target
            for target in propose_targets(item.text, period=period.name if period else None)
            if all(abs(n or 0) <= _BOUND for n in (target.value, target.quantity))
        )
        for target in proposed:
            self.note(
                Call.TARGET,
                _("proposed target {value}{unit} ({metric}): confirm or delete").format(
                    value=target.value, unit=target.unit or "", metric=target.metric
                ),
                item.where,
                task_id,
            )
        return proposed

    def structure(self) -> tuple[list[Section], list[Topic], list[Task]]:
        """Sections, topics and tasks, numbered anew; a heading left without tasks dropped."""
        return number_anew(self.outline, self.task, self.notes)

    def departments(self) -> dict[str, Department]:
        """The plan's own registry: every body it names (only the new ones in a library)."""
        entries, notes = draft_registry(
            bool(self.settings.known),
            list(self.named.values()),
            self.new,
            self.registry,
            self.settings.jurisdiction,
            self.settings.shared,
            self.outline.file,
        )
        self.notes += notes
        return entries

    @property
    def issued(self) -> datetime.date | None:
        header = self._header
        if header.date is None and header.year is not None:
            return datetime.date(header.year, 1, 1)  # 年内 and 年底前 fall in that year
        return header.date

    def run(self) -> Imported:
        outline = self.outline
        self._header = read_header(outline.title, outline.preamble, outline.closing)
        header = self._header
        if outline.truncated is not None:
            self.note(
                Call.TRUNCATED,
                _("截断: the input ends inside an item or a parenthesis"),
                outline.truncated,
            )
        for skipped in outline.skipped:
            self.left_out += skipped.left_out
            call = Call.LEFT_OUT if skipped.left_out else Call.HEADING
            self.note(call, skipped.reason, skipped.where, quote=skipped.text)
        sections, topics, tasks = self.structure()
        if outline.closing:
            message = _(
                "the lines after the last item are read as its signature, not as items: {lines}"
            )
            self.note(Call.HEADING, message.format(lines=" / ".join(outline.closing)), outline.file)
        issuers = tuple(self.body(name, Where(outline.file)) for name in header.issuers)
        plan = Plan(
            title=header.title or stem(outline.file),
            document_number=header.document_number or "（未注明）",
            date=header.date or self.settings.today,
            issuers=issuers,
            period=header.period,
            key=self.settings.key,
            jurisdiction=self.settings.jurisdiction,
            lead_rule=self.rule.rule,
        )
        self.notes += header_notes(header, outline.file)
        summary = self.rule.summary()
        if summary is not None:
            self.notes.append(summary)
        if self.numbered:
            self.note(
                Call.NUMBER,
                ngettext(
                    "{count} task keeps the source's own item number, as number",
                    "{count} tasks keep the source's own item number, as number",
                    self.numbered,
                ).format(count=self.numbered),
                outline.file,
            )
        dataset = Dataset(
            plan=plan,
            sections=tuple(sections),
            topics=tuple(topics),
            departments=self.departments(),
            tasks=tuple(tasks),
        )
        review = Review(
            source=outline.file,
            reader=outline.reader,
            layout=outline.layout,
            tasks=len(tasks),
            left_out=self.left_out,
            truncated=str(outline.truncated) if outline.truncated else None,
            notes=ordered(self.notes),
        )
        return Imported(dataset, review)


def assemble(outline: Outline, settings: Settings) -> Imported:
    """The plan an outline describes, and the review of every call made reading it."""
    return _Assembler(outline, settings).run()
