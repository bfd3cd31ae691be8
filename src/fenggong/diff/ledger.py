"""What an edit changes in the 台账: reports added, removed, their status or content changed,
per reporting body; written for a terminal, a pull request summary and tools.

A report is one body's entry on one task in one period, keyed by the period, the task's
canonical reference (47, hrss-2022-256:47, however the file writes it) and the body. A
report added to a period is said with the status the body last reported on the task
before it (done, was in progress in 2025-Q4): in a pull request that adds a quarter's
file, that is the change a reviewer looks for. A status is said as `status` says it: its
English word, or its Chinese label (已完成); JSON keeps its code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import msgspec

from fenggong.forms import FIELD_HEADS, STATUS_WORDS
from fenggong.messages import CHINESE, _, language, listed
from fenggong.model import Entry, Status
from fenggong.periods import parse_period

if TYPE_CHECKING:
    from fenggong.store.ledger import Ledgers

Key = tuple[str, str, str]  # (period, task reference, body)


class ReportChange(msgspec.Struct, frozen=True):
    kind: str  # added | removed | status | edited
    period: str
    task: str
    body: str
    old: Entry | None = None
    new: Entry | None = None
    # An added report: the body's latest report on the task in an earlier period.
    previous: tuple[str, Status] | None = None
    fields: tuple[str, ...] = ()  # what else changed in a report kept: progress, figures…


def compare_ledgers(old: Ledgers | None, new: Ledgers | None) -> tuple[ReportChange, ...]:
    """The reports changed between two ledgers, grouped by body (in the order each body
    first appears, the new side first). A side without a ledger is an empty one: the commit
    that creates the 台账 adds every report in it, which a reviewer must see."""
    before = _reports(old) if old is not None else {}
    after = _reports(new) if new is not None else {}
    changes: list[ReportChange] = []
    for key, entry in after.items():
        was = before.get(key)
        if was is None:
            assert new is not None  # a report is only ever added to a ledger
            changes.append(ReportChange("added", *key, new=entry, previous=_previous(new, key)))
            continue
        # The task as written is left out: hrss-2022-256:047 is hrss-2022-256:47.
        fields = tuple(
            f
            for f in Entry.__struct_fields__
            if f not in ("task", "status") and getattr(was, f) != getattr(entry, f)
        )
        if was.status != entry.status or fields:
            kind = "status" if was.status != entry.status else "edited"
            changes.append(ReportChange(kind, *key, old=was, new=entry, fields=fields))
    changes += [ReportChange("removed", *k, old=e) for k, e in before.items() if k not in after]
    bodies = {body: i for i, body in enumerate(dict.fromkeys(c.body for c in changes))}
    return tuple(sorted(changes, key=lambda c: (bodies[c.body], *_place(c))))


def _place(change: ReportChange) -> tuple[Any, ...]:
    """Where a change sorts within its body's: by period, then by plan and task number."""
    period = parse_period(change.period)
    key, _colon, number = change.task.rpartition(":")
    return (period.key if period else (), key, int(number) if number.isdigit() else 0)


def _reports(ledgers: Ledgers) -> dict[Key, Entry]:
    return {
        (period.name, ledgers.ref(entry.task), entry.body): entry
        for period in ledgers.periods
        for entry in ledgers.entries(period.name)
    }


def _previous(ledgers: Ledgers, key: Key) -> tuple[str, Status] | None:
    period, task, body = key
    this = next(p for p in ledgers.periods if p.name == period)
    earlier = [(p.name, e.status) for p, e in ledgers.history(task, body) if p < this]
    return earlier[-1] if earlier else None


def _status(status: Status) -> str:
    return _(STATUS_WORDS[status])


def _fields(names: tuple[str, ...]) -> str:
    """The fields a report changed, named for the reader: in Chinese as the 台账 heads
    them (进展情况, 完成值), else by their names in the file (progress, figures)."""
    chinese = language() == CHINESE
    return listed([FIELD_HEADS.get(n, n) if chinese else n for n in names])


def change_text(change: ReportChange, esc: Callable[[str], str]) -> str:
    """One report's change, on a line, its data escaped by ``esc``."""
    where = _("{period} task {task}").format(period=change.period, task=esc(change.task))
    if change.kind == "added":
        assert change.new is not None
        if change.previous is not None and change.previous[1] != change.new.status:
            return _("{where}: new report, {status} (was {old} in {period})").format(
                where=where,
                status=_status(change.new.status),
                old=_status(change.previous[1]),
                period=change.previous[0],
            )
        return _("{where}: new report, {status}").format(
            where=where, status=_status(change.new.status)
        )
    if change.kind == "removed":
        assert change.old is not None
        return _("{where}: report removed ({status})").format(
            where=where, status=_status(change.old.status)
        )
    assert change.old is not None and change.new is not None
    edited = _fields(change.fields)
    if change.kind == "status":
        line = _("{where}: status {old} → {new}").format(
            where=where, old=_status(change.old.status), new=_status(change.new.status)
        )
        return line + (_(" (also {fields})").format(fields=edited) if edited else "")
    return _("{where}: report edited ({fields})").format(where=where, fields=edited)


def by_body(changes: tuple[ReportChange, ...]) -> dict[str, list[ReportChange]]:
    grouped: dict[str, list[ReportChange]] = {}
    for change in changes:
        grouped.setdefault(change.body, []).append(change)
    return grouped


def ledger_text(changes: tuple[ReportChange, ...], esc: Callable[[str], str]) -> list[str]:
    """The 台账's changes under each body, for a terminal (nothing when there are none)."""
    if not changes:
        return []
    lines = ["", _("Ledger by department:")]
    for body, said in by_body(changes).items():
        lines.append("  " + _("{name}:").format(name=esc(body)))
        lines += ["    " + change_text(c, esc) for c in said]
    return lines


def ledger_markdown(changes: tuple[ReportChange, ...], esc: Callable[[str], str]) -> list[str]:
    if not changes:
        return []
    out = ["### " + _("Ledger by department"), ""]
    out += ["| " + _("department") + " | " + _("change") + " |", "|---|---|"]
    out += [f"| {esc(c.body)} | {change_text(c, esc)} |" for c in changes]
    return [*out, ""]


def ledger_json(changes: tuple[ReportChange, ...]) -> list[dict[str, Any]]:
    return [
        {
            "body": c.body,
            "period": c.period,
            "task": c.task,
            "kind": c.kind,
            "old": msgspec.to_builtins(c.old),
            "new": msgspec.to_builtins(c.new),
            "previous": {"period": c.previous[0], "status": str(c.previous[1])}
            if c.previous
            else None,
            "fields": list(c.fields),
        }
        for c in changes
    ]
