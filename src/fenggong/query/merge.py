"""Returned forms' reports folded into a period's entries: the same said twice is one, two
different answers for one task and body are a conflict, never a silent choice."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import msgspec

from fenggong.errors import Problem
from fenggong.messages import _, listed
from fenggong.model import Entry
from fenggong.query.cells import form_problem

# What a report says; when and by whom it was made aside.
SAID = ("status", "progress", "problems", "next", "figures")


def _differ(one: Entry, other: Entry) -> list[str]:
    """The fields two reports say differently, in the form's order."""
    return [name for name in SAID if getattr(one, name) != getattr(other, name)]


def _fields(names: list[str]) -> str:
    """The fields as the form heads them (进展情况、完成值): the form's words in every language."""
    from fenggong.forms import FIELD_HEADS

    return listed([FIELD_HEADS[name] for name in names])


def merge(
    existing: Sequence[Entry],
    at: Mapping[tuple[str, str], int],
    incoming: Sequence[tuple[Entry, Callable[[str], str]]],
    ref: Callable[[int | str], str],
    replace: bool = False,
    period: str = "",
) -> tuple[dict[int, Entry], tuple[Entry, ...], list[Problem]]:
    """The reports of ``existing`` the forms replace (by index), the new ones after them,
    and the conflicts; ``at`` finds an existing report by its (canonical task reference,
    body), so that only the reports a form answers for are read; each incoming report
    comes with where its form holds a field (a cell), where a conflict points.

    A report saying what the ledger already says is left as it is (collecting a form
    twice changes nothing). Two forms saying different things of one task and body are a
    conflict; so is a form differing from a report already in the ledger, unless
    ``replace`` (a corrected form from the same body), which replaces it in place,
    keeping its evidence.
    """
    came: dict[tuple[str, str], tuple[Entry, Callable[[str], str]]] = {}
    replaced: dict[int, Entry] = {}
    added: list[Entry] = []
    conflicts: list[Problem] = []
    for entry, place in incoming:
        key = (ref(entry.task), entry.body)
        if key in came:
            other, there = came[key]
            differ = _differ(other, entry)
            if differ:
                conflicts.append(
                    form_problem(
                        "form-conflict",
                        _(
                            "a second form answers for task {task} · {body} differently "
                            "({fields}), at {other}"
                        ).format(
                            task=key[0], body=key[1], fields=_fields(differ), other=there(differ[0])
                        ),
                        place(differ[0]),
                        _("collect one of the two forms"),
                    )
                )
            continue
        came[key] = (entry, place)
        if key not in at:
            added.append(entry)
            continue
        old = existing[at[key]]
        differ = _differ(old, entry)
        if not differ:
            continue
        if not replace:
            conflicts.append(
                form_problem(
                    "form-conflict",
                    _(
                        "the ledger of {period} already has a different report by {body} on "
                        "task {task}, differing in {fields}"
                    ).format(period=period, body=key[1], task=key[0], fields=_fields(differ)),
                    place(differ[0]),
                    _("collect with --replace if this form corrects it, or correct the form"),
                )
            )
            continue
        replaced[at[key]] = msgspec.structs.replace(entry, evidence=old.evidence)
    return replaced, tuple(added), conflicts
