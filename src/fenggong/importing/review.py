"""The review of an import: every call the importer was not sure of, each with its place.

A maintainer reads it before committing the draft: on stderr, as markdown (``--review
x.md``) or as JSON (``--review x.json``, the schema ``fenggong.import-review/1``). The
codes are a stable contract; the messages are sentences in the reader's language.
"""

from __future__ import annotations

from enum import StrEnum

import msgspec

from fenggong.messages import N_, _, ngettext


class Call(StrEnum):
    """What kind of call a note is about; the order is the order of the review."""

    TRUNCATED = "truncated"  # 截断: the input ends inside an item or a parenthesis
    LEFT_OUT = "left-out"  # an item with no responsible body, or one that could not be placed
    UNREAD = "unread"  # part of a duty clause the importer could not read
    LEAD_RULE = "lead-rule"  # the plan's lead rule: stated, given, assumed, or in conflict
    LEAD_INFERRED = "lead-inferred"  # a lead made from 负责 / 责任单位 by the lead rule
    INHERITED = "inherited"  # 以下均需X落实: X added to a later item
    NEW_BODY = "new-body"  # a body no registry knew, added with a guessed kind
    GROUP = "group"  # a group (各区, 各有关单位) registered as one
    SPLIT = "split"  # A等B read as A and the group B; a bare 等 dropped
    TRADITIONAL = "traditional"  # traditional script folded to simplified
    DUE = "due"  # a deadline read (or not) from the text
    TARGET = "target"  # a quantified goal proposed for confirmation
    HEADING = "heading"  # a section or topic the document lacks, supplied
    NUMBER = "number"  # a task whose source number differs from its id
    PLAN = "plan"  # a plan field (文号, date, issuer) found, or not, in the document
    SOURCE = "source"  # what reading the file changed (encoding, conversion)


TITLES: dict[Call, str] = {
    Call.TRUNCATED: N_("Cut off (截断)"),
    Call.LEFT_OUT: N_("Left out"),
    Call.UNREAD: N_("Duty clauses to check"),
    Call.LEAD_RULE: N_("The lead rule"),
    Call.LEAD_INFERRED: N_("Leads inferred by the lead rule"),
    Call.INHERITED: N_("Bodies added by 以下均需…落实"),
    Call.NEW_BODY: N_("Bodies no registry knows"),
    Call.GROUP: N_("Groups"),
    Call.SPLIT: N_("Lists with 等"),
    Call.TRADITIONAL: N_("Traditional script"),
    Call.DUE: N_("Deadlines"),
    Call.TARGET: N_("Proposed targets: confirm or delete"),
    Call.HEADING: N_("Sections and topics"),
    Call.NUMBER: N_("Source numbers"),
    Call.PLAN: N_("The plan's header"),
    Call.SOURCE: N_("Reading the file"),
}


class Note(msgspec.Struct, frozen=True, omit_defaults=True):
    """One call: what, where in the source, which task of the draft, and what to check."""

    call: Call
    message: str
    where: str
    task: int | None = None
    quote: str | None = None
    suggestions: tuple[str, ...] = ()


class Review(msgspec.Struct, frozen=True):
    """Every note of one import, and its outcome in numbers."""

    source: str
    reader: str
    layout: str
    tasks: int
    left_out: int
    truncated: str | None
    notes: tuple[Note, ...]

    @property
    def complete(self) -> bool:
        """Whether nothing was left out and the input was whole (exit 0)."""
        return self.left_out == 0 and self.truncated is None


def ordered(notes: list[Note]) -> tuple[Note, ...]:
    """The notes in the review's order: by kind of call, then as found."""
    rank = {call: index for index, call in enumerate(Call)}
    return tuple(sorted(notes, key=lambda note: rank[note.call]))  # stable: source order kept


def _quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def summary(review: Review) -> str:
    """One sentence: how many tasks, how many left out, whether cut off, how many calls."""
    read = ngettext(
        "{count} task read from {source} ({reader}, {layout})",
        "{count} tasks read from {source} ({reader}, {layout})",
        review.tasks,
    ).format(count=review.tasks, source=review.source, reader=review.reader, layout=review.layout)
    calls = len(review.notes)
    parts = [
        read,
        ngettext("{count} call to check", "{count} calls to check", calls).format(count=calls),
    ]
    if review.left_out:
        parts.append(_("left out: {count}").format(count=review.left_out))
    if review.truncated:
        parts.append(_("截断: the input is cut off at {where}").format(where=review.truncated))
    # TRANSLATORS: between the parts of the review's summary line.
    return _("; ").join(parts)


def as_text(review: Review) -> str:
    """The review for a terminal: one line a note, ``where: message``, grouped by kind."""
    lines = [summary(review)]
    current: Call | None = None
    for note in review.notes:
        if note.call is not current:
            current = note.call
            lines.append("")
            lines.append(_("{title}:").format(title=_(TITLES[note.call])))
        lines.append(f"  {note.where}: {note.message}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    # A quote from a document is data: markdown in it is shown, not obeyed.
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in " ".join(text.split()))


def as_markdown(review: Review) -> str:
    """The review as a markdown checklist, one box a note, grouped by kind of call."""
    heading = _("Import review: {source}").format(source=_md(review.source))
    lines = [f"# {heading}", "", _md(summary(review))]
    current: Call | None = None
    for note in review.notes:
        if note.call is not current:
            current = note.call
            lines += ["", f"## {_(TITLES[note.call])}", ""]
        task = ""
        if note.task is not None:
            task = " " + _("(task {id})").format(id=note.task)
        where = note.where.replace("`", "'")
        line = f"- [ ] `{where}`{task}: {_md(note.message)}"
        if note.quote:
            line += f" — “{_md(_quote(note.quote))}”"
        if note.suggestions:
            line += " " + _md(_("did you mean {names}?").format(names="、".join(note.suggestions)))
        lines.append(line)
    return "\n".join(lines) + "\n"


def as_json(review: Review) -> bytes:
    """The review as JSON: ``{"schema": "fenggong.import-review/1", …, "notes": […]}``."""
    body = {"schema": "fenggong.import-review/1", **msgspec.to_builtins(review)}
    body["complete"] = review.complete
    return msgspec.json.format(msgspec.json.encode(body), indent=2) + b"\n"
