"""Returned forms' reports folded into a period's entries: the same said twice is one, two
different answers for one task and body are a conflict, never a silent choice."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import msgspec

from fenggong.errors import Problem
from fenggong.messages import _
from fenggong.model import Entry


def _conflict(message: str, at: str, hint: str) -> Problem:
    return Problem("form", "form-conflict", message, file=at, hint=hint)


def _same(one: Entry, other: Entry) -> bool:
    """Whether two reports say the same; when and by whom they were made aside."""
    keep = ("status", "progress", "problems", "next", "figures")
    return all(getattr(one, name) == getattr(other, name) for name in keep)


def merge(
    existing: Sequence[Entry],
    keys: Sequence[tuple[str, str]],
    incoming: Sequence[tuple[Entry, str]],
    ref: Callable[[int | str], str],
    replace: bool = False,
    period: str = "",
) -> tuple[dict[int, Entry], tuple[Entry, ...], list[Problem]]:
    """The reports of ``existing`` the forms replace (by index), the new ones after them,
    and the conflicts; ``keys`` are the existing reports' (canonical task reference,
    body), so that only the reports a form answers for are read.

    A report saying what the ledger already says is left as it is (collecting a form
    twice changes nothing). Two forms saying different things of one task and body are a
    conflict; so is a form differing from a report already in the ledger, unless
    ``replace`` (a corrected form from the same body), which replaces it in place,
    keeping its evidence.
    """
    at = {key: index for index, key in enumerate(keys)}
    came: dict[tuple[str, str], tuple[Entry, str]] = {}
    replaced: dict[int, Entry] = {}
    added: list[Entry] = []
    conflicts: list[Problem] = []
    for entry, place in incoming:
        key = (ref(entry.task), entry.body)
        if key in came:
            if not _same(came[key][0], entry):
                conflicts.append(
                    _conflict(
                        _(
                            "a second form answers for task {task} · {body}, differently, "
                            "at {other}"
                        ).format(task=key[0], body=key[1], other=came[key][1]),
                        place,
                        _("collect one of the two forms"),
                    )
                )
            continue
        came[key] = (entry, place)
        if key not in at:
            added.append(entry)
            continue
        old = existing[at[key]]
        if _same(old, entry):
            continue
        if not replace:
            conflicts.append(
                _conflict(
                    _(
                        "the ledger of {period} already has a different report by {body} on "
                        "task {task}"
                    ).format(period=period, body=key[1], task=key[0]),
                    place,
                    _("collect with --replace if this form corrects it, or correct the form"),
                )
            )
            continue
        replaced[at[key]] = msgspec.structs.replace(entry, evidence=old.evidence)
    return replaced, tuple(added), conflicts
