"""A period's file of the 台账 (progress/2026-Q1.yaml) as a kind, checked against its plans.

Its rules need the plans it reports on and the period its file name gives, so each file
gets its kind from ``ledger_kind``. The file stores status codes (done), never their
labels (已完成): a label is refused with the code to write, which the forms translate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from fenggong.checks.kind import Kind
from fenggong.checks.scope import Found as Reported
from fenggong.checks.scope import Scope
from fenggong.messages import N_
from fenggong.model import Entry, Ledger, Status

if TYPE_CHECKING:
    from fenggong.checks.kind import Found
    from fenggong.checks.locate import Path


class Parts(NamedTuple):
    """What the rules see of a ledger file: its period as written, its sound entries."""

    period: str | None
    entries: list[tuple[int, Entry]]


def ledger_kind(scope: Scope, name: str | None = None) -> Kind[Ledger, Parts]:
    """The kind of a ledger file named ``name`` (its stem: 2026-Q1) reporting on ``scope``."""

    def rules(parts: Parts) -> list[Found]:
        from fenggong.checks.ledger_rules import entries, period

        return [*period(parts.period, name), *entries(scope, parts.entries)]

    def lints(parts: Parts) -> list[Found]:
        from fenggong.checks.ledger_rules import dates

        return dates(parts.period, parts.entries)

    def subject(data: dict[str, Any], path: Path) -> str | None:
        return _subject(scope, data, path)

    return Kind(
        name="ledger",
        noun=N_("a ledger file"),
        example="data/progress/2026-Q1.yaml",
        root=Ledger,
        parts=lambda ledger: Parts(ledger.period, list(enumerate(ledger.entries))),
        salvage=_salvage,
        rules=rules,
        lints=lints,
        describe=_describe,
        # Never from the cache: whether a ledger is valid depends on the plans too, which
        # its bytes do not say.
        consistent=lambda ledger: False,
        namespace="ledger",
        format=1,
        title="Ledger",
        subject=subject,
        reword=_reword,
    )


def _salvage(data: dict[str, Any]) -> Parts:
    from fenggong.checks.shape import records

    period = data.get("period")
    items = data.get("entries")
    if isinstance(items, list):
        items = [_statused(item) for item in items]
    return Parts(period if isinstance(period, str) else None, records(Entry, items))


def _statused(item: Any) -> Any:
    """A report whose status is none of the codes (said as FG045), with a code in its
    place: the rules no status decides still judge it, so that a report twice (FG047) or
    an unknown task is not hidden until the status is mended."""
    if not isinstance(item, dict):
        return item
    status = item.get("status")
    if isinstance(status, str) and status in _CODES:
        return item
    return {**item, "status": Status.IN_PROGRESS.value} if "status" in item else item


_CODES = frozenset(str(status) for status in Status)


def _describe(ledger: Ledger) -> str:
    from fenggong.messages import _, ngettext

    entries = len(ledger.entries)
    bodies = len({e.body for e in ledger.entries})
    tasks = len({e.task for e in ledger.entries})
    return _("{period}: {entries} by {bodies} on {tasks}").format(
        period=ledger.period,
        entries=ngettext("{count} report", "{count} reports", entries).format(count=entries),
        bodies=ngettext("{count} body", "{count} bodies", bodies).format(count=bodies),
        tasks=ngettext("{count} task", "{count} tasks", tasks).format(count=tasks),
    )


def _subject(scope: Scope, data: dict[str, Any], path: Path) -> str | None:
    """``entries[3]`` → ``task 47 · 市教委``: the report as a maintainer knows it."""
    from fenggong.messages import _

    if len(path) < 2 or path[0] != "entries" or not isinstance(path[1], int):
        return None
    items = data.get("entries")
    index = path[1]
    item = items[index] if isinstance(items, list) and 0 <= index < len(items) else None
    if not isinstance(item, dict):
        return None
    task, body = item.get("task"), item.get("body")
    if isinstance(task, bool) or not isinstance(task, int | str):
        return None
    found = scope.find(task)
    shown = found.ref if isinstance(found, Reported) else str(task)
    if isinstance(body, str) and body:
        return _("task {task} · {body}").format(task=shown, body=body)
    return _("task {task}").format(task=shown)


def _reword(error: dict[str, Any], found: Found) -> Found:
    """An unknown status, said with the six codes and their labels."""
    path = found[1]
    if error.get("type") != "enum" or path[2:] != ("status",) or path[:1] != ("entries",):
        return found
    from fenggong.checks.ledger_rules import unknown_status

    return unknown_status(error.get("input"), path)
