"""The 台账 on disk: a ``progress/`` folder beside a plan file or inside a library folder.

It holds one file per reporting period, named after it (2026-Q1.yaml); each is checked
through the one pipeline as a ledger kind (checks.ledger) against the plans it reports on.
A YAML file whose name is no period is a problem, never skipped: it would be a report
nobody reads. Other files (a README.md) and subfolders are not the ledger's.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fenggong.errors import DataError, FileAccessError, Problem
from fenggong.messages import _
from fenggong.model import Dataset, Entry, Ledger, Shelf
from fenggong.periods import ReportingPeriod, parse_period, suggest

if TYPE_CHECKING:
    from fenggong.checks.report import Checked, Report
    from fenggong.checks.scope import Scope

FOLDER = "progress"
SUFFIX = ".yaml"
_YAML = (".yaml", ".yml")

Latest = tuple[ReportingPeriod, Entry]


def folder_of(path: Path) -> Path:
    """Where the ledger of a plan file or a library folder is: data/progress/ for
    data/tasks.yaml, DIR/progress/ for a library DIR."""
    return path / FOLDER if path.is_dir() else path.parent / FOLDER


def files(folder: Path) -> tuple[list[tuple[ReportingPeriod, Path]], list[Path]]:
    """The period files of a ledger folder in period order, and its stray YAML files."""
    try:
        entries = [e for e in os.scandir(folder) if not e.name.startswith(".")]
    except FileNotFoundError:
        return [], []
    except OSError as err:
        raise FileAccessError(
            _("{path}: {reason}").format(path=folder, reason=err.strerror or err)
        ) from None
    periods: list[tuple[ReportingPeriod, Path]] = []
    strays: list[Path] = []
    for entry in sorted(entries, key=lambda e: e.name):
        if not entry.name.lower().endswith(_YAML) or _is_folder(entry):
            continue
        stem, _dot, suffix = entry.name.rpartition(".")
        period = parse_period(stem) if "." + suffix == SUFFIX else None
        if period is None:
            strays.append(folder / entry.name)
        else:
            periods.append((period, folder / entry.name))
    periods.sort(key=lambda item: item[0].key)
    return periods, strays


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def scope_of(checked: Dataset | Shelf) -> Scope:
    from fenggong.checks.scope import Scope

    if isinstance(checked, Shelf):
        return Scope.of_shelf(checked)
    return Scope.of_dataset(checked)


def check(folder: Path, scope: Scope) -> list[Report[Ledger]]:
    """Every file of the ledger folder checked, in period order, strays last: a period
    file that checked clean against these plans before comes from the cache
    (store.ledgercache), with the warnings it had."""
    from fenggong.checks.ledger import ledger_kind
    from fenggong.store import ledgercache

    periods, strays = files(folder)
    reports = ledgercache.check(folder, periods, scope)
    return reports + [_stray(path, ledger_kind(scope)) for path in strays]


def _stray(path: Path, kind: Any) -> Report[Ledger]:
    from fenggong.checks.report import Report
    from fenggong.checks.rulebook import RULES

    stem = path.name.rpartition(".")[0]
    period = parse_period(stem) or parse_period(suggest(stem) or "")
    hint = (
        _("rename it {name}").format(name=period.name + SUFFIX)
        if period
        else _("name it after its period ({example}), or move it out of {folder}").format(
            example="2026-Q1" + SUFFIX, folder=FOLDER + "/"
        )
    )
    rule = RULES["FG041"]
    issue = Problem(
        rule.code,
        rule.name,
        _("{name} in the ledger is not named after a reporting period").format(name=path.name),
        file=str(path),
        hint=hint,
    )
    return Report(path, None, (issue,), kind)


def beside(path: Path, checked: Checked) -> list[Report[Ledger]]:
    """The ledger of a checked plan file or library folder, checked against it: nothing
    when it has no ledger folder, or when it is itself invalid (a ledger cannot be
    checked against plans that did not load)."""
    folder = folder_of(path)
    if not folder.is_dir():
        return []
    from fenggong.checks.report import Report

    plans = checked.dataset if isinstance(checked, Report) else checked.shelf
    if not isinstance(plans, Dataset | Shelf):
        return []
    return check(folder, scope_of(plans))


class Ledgers:
    """A loaded ledger: its periods in order, and every report by (task, body)."""

    def __init__(self, scope: Scope, ledgers: Iterable[tuple[ReportingPeriod, Ledger]]) -> None:
        self.scope = scope
        ordered = sorted(ledgers, key=lambda item: item[0].key)
        self.periods = tuple(period for period, _ledger in ordered)
        self.ledgers = {period.name: ledger for period, ledger in ordered}
        # A task is written the same way in thousands of reports: each spelling is looked
        # up in the plans once.
        self._refs: dict[int | str, str] = {}
        index: dict[tuple[str, str], list[Latest]] = {}
        refs = self._refs
        for period, ledger in ordered:
            for entry in ledger.entries:
                task = entry.task
                ref = refs.get(task) or self.ref(task)
                index.setdefault((ref, entry.body), []).append((period, entry))
        self._index = index

    def ref(self, task: int | str) -> str:
        """The canonical reference of a task as written (47, "hrss-2022-256:047")."""
        known = self._refs.get(task)
        if known is not None:
            return known
        from fenggong.checks.scope import Found

        found = self.scope.find(task)
        ref = self._refs[task] = found.ref if isinstance(found, Found) else str(task)
        return ref

    def history(self, task: int | str, body: str) -> tuple[Latest, ...]:
        """The body's reports on the task, oldest period first."""
        return tuple(self._index.get((self.ref(task), body), ()))

    def latest(self, task: int | str, body: str) -> Latest | None:
        """The body's report on the task in the latest period that has one."""
        reports = self._index.get((self.ref(task), body))
        return reports[-1] if reports else None

    def entries(self, period: str) -> tuple[Entry, ...]:
        ledger = self.ledgers.get(period)
        return ledger.entries if ledger else ()

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        """Every (task reference, body) that has a report."""
        return tuple(self._index)


def load(folder: Path, scope: Scope) -> Ledgers:
    """The ledger in ``folder``; DataError with every problem when any file has an error."""
    return _loaded(check(folder, scope), scope)


def load_git(revision: str, folder: Path, scope: Scope) -> Ledgers | None:
    """The ledger in ``folder`` as committed in ``revision``, checked as the folder is; None
    when that revision has no such folder."""
    from contextlib import closing

    from fenggong.checks.ledger import ledger_kind
    from fenggong.store import source as sources
    from fenggong.store.pipeline import run

    if not sources.is_folder_at(revision, folder):
        return None
    reports: list[Report[Ledger]] = []
    strays: list[Path] = []
    with closing(sources.git_folder(revision, folder)) as entries:
        for entry in entries:
            if entry.folder or not entry.name.lower().endswith(_YAML):
                continue
            shown = Path(f"{revision}:{folder / entry.name}")
            stem, _dot, suffix = entry.name.rpartition(".")
            period = parse_period(stem) if "." + suffix == SUFFIX else None
            if period is None or entry.source is None:
                # A link or a submodule is no period's file at a revision either.
                strays.append(shown)
            else:
                reports.append(run(entry.source, None, ledger_kind(scope, period.name)))
    reports += [_stray(path, ledger_kind(scope)) for path in strays]
    return _loaded(reports, scope)


def _loaded(reports: list[Report[Ledger]], scope: Scope) -> Ledgers:
    problems = [p for r in reports for p in r.problems]
    if any(r.dataset is None or r.errors for r in reports):
        raise DataError(problems)
    loaded = []
    for report in reports:
        assert report.dataset is not None
        period = parse_period(report.dataset.period)
        assert period is not None  # the check refused any other
        loaded.append((period, report.dataset))
    return Ledgers(scope, loaded)
