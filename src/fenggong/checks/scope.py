"""What a ledger reports on: the tasks of one plan, or of a library's plans, by reference.

A one-plan dataset names a task by its id (47); a library by ``KEY:ID``
(hrss-2022-256:47), always, so that a ledger stays valid when a plan joins the library.
A reference is canonical as text: ``"47"``, ``"hrss-2022-256:47"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from fenggong.matching import Matcher
from fenggong.messages import _, listed
from fenggong.model import Dataset, Shelf, Task
from fenggong.names import did_you_mean

# KEY:ID as a ledger writes it: the key as model.PlanKey allows, an id of ASCII digits.
_REFERENCE = re.compile(r"([^\s:：/\\]+):([0-9]+)")


class Found(NamedTuple):
    """A task a reference names, with its plan: the plan's bodies and how they take part."""

    ref: str
    task: Task
    plan: Dataset
    matcher: Matcher


class Unknown(NamedTuple):
    """A reference that names no task: what is wrong, and how to write it."""

    message: str
    hint: str | None


class Scope:
    """The tasks a ledger may report on, found by reference."""

    def __init__(
        self, plans: Sequence[tuple[str | None, Dataset]], digest: str | None = None
    ) -> None:
        # (key, plan): the key is None for a dataset read alone, whose ids are bare.
        self.library = any(key is not None for key, _plan in plans)
        # The digest of the files the plans were read from, all of them and nothing else
        # (store.library.load_keyed), if known: the plans' digest is derived from it.
        self.digest = digest
        self.plans = {key or "": plan for key, plan in plans}
        self._tasks = {key: {t.id: t for t in plan.tasks} for key, plan in self.plans.items()}
        self._matchers: dict[str, Matcher] = {}
        # A collect looks up each task of a form several times (judging its rows, keying
        # its reports, writing them): a task found is found once.
        self._found: dict[tuple[type, int | str], Found] = {}

    @classmethod
    def of_dataset(cls, dataset: Dataset) -> Scope:
        return cls([(None, dataset)])

    @classmethod
    def of_shelf(cls, shelf: Shelf) -> Scope:
        return cls([(shelved.key, shelved.dataset) for shelved in shelf.plans])

    def matcher(self, key: str) -> Matcher:
        if key not in self._matchers:
            self._matchers[key] = Matcher(self.plans[key].departments)
        return self._matchers[key]

    def ids(self, refs: set[str]) -> dict[str, set[int]]:
        """The task ids each plan's key has among canonical references (a returned form's,
        looked for among 100 plans' 11,000 tasks); a reference written otherwise names none."""
        found: dict[str, set[int]] = {}
        for ref in refs:
            key, colon, number = ref.rpartition(":") if self.library else ("", ":", ref)
            if colon and number.isascii() and number.isdigit() and str(int(number)) == number:
                found.setdefault(key, set()).add(int(number))
        return found

    def find(self, written: int | str) -> Found | Unknown:
        """The task ``written`` names, or why it names none."""
        known = self._found.get((type(written), written))
        if known is not None:
            return known
        found = self._find(written)
        if isinstance(found, Found):
            self._found[(type(written), written)] = found
        return found

    def _find(self, written: int | str) -> Found | Unknown:
        if self.library:
            return self._keyed(written)
        if isinstance(written, str):
            reference = _REFERENCE.fullmatch(written)
            bare = reference[2] if reference else written.strip()
            hint = (
                _("a dataset of one plan names a task by its id: write task: {id}").format(id=bare)
                if bare.isdigit()
                else self._range("")
            )
            return Unknown(_("task {ref} is not a task id").format(ref=repr(written)), hint)
        return self._in("", written, str(written))

    def _keyed(self, written: int | str) -> Found | Unknown:
        reference = _REFERENCE.fullmatch(written) if isinstance(written, str) else None
        if reference is None:
            bare = int(written) if isinstance(written, str) and written.isdigit() else written
            having = [f"{key}:{bare}" for key, tasks in self._tasks.items() if bare in tasks]
            hint = (
                _("write {refs}").format(refs=listed(having[:10]))
                if having
                else _("write KEY:ID, with the key of a plan of the library: {keys}").format(
                    keys=listed(list(self.plans)[:10])
                )
            )
            return Unknown(
                _("a library names a task KEY:ID, not {ref}").format(ref=repr(written)), hint
            )
        key, number = reference[1], int(reference[2])
        if key not in self.plans:
            return Unknown(
                _("the library has no plan {key}").format(key=key),
                did_you_mean(key, self.plans)
                or _("plans: {keys}").format(keys=listed(list(self.plans)[:10])),
            )
        return self._in(key, number, f"{key}:{number}")

    def _in(self, key: str, number: int, ref: str) -> Found | Unknown:
        task = self._tasks[key].get(number)
        if task is None:
            return Unknown(_("no task {ref} in the plan").format(ref=ref), self._range(key))
        return Found(ref, task, self.plans[key], self.matcher(key))

    def _range(self, key: str) -> str:
        ids = sorted(self._tasks[key])
        if not ids:
            return _("the plan has no tasks")
        runs: list[str] = []
        start = previous = ids[0]
        for number in [*ids[1:], None]:
            if number is not None and number == previous + 1:
                previous = number
                continue
            runs.append(str(start) if start == previous else f"{start}–{previous}")
            if number is not None:
                start = previous = number
        return _("the plan's task ids are {ids}").format(ids=", ".join(runs[:10]))
