"""The 台账 on disk: a ``progress/`` folder beside a plan file or inside a library folder.

It holds one file per reporting period, named after it (2026-Q1.yaml); each is checked
through the one pipeline as a ledger kind (checks.ledger) against the plans it reports on.
Which names are period files, and what the others are (FG041), store.ledgernames says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from fenggong.errors import DataError
from fenggong.model import Dataset, Entry, Ledger, Shelf
from fenggong.periods import ReportingPeriod, parse_period

# Named here too (store.ledgerwrite and the commands read them from this module).
from fenggong.store.ledgernames import FOLDER as FOLDER
from fenggong.store.ledgernames import SUFFIX as SUFFIX
from fenggong.store.ledgernames import YAML_NAMES, nature, period_named, stray
from fenggong.store.ledgernames import files as files

if TYPE_CHECKING:
    from fenggong.checks.report import Checked, Report
    from fenggong.checks.scope import Scope
    from fenggong.store.ledgercache import Read
    from fenggong.store.ledgerpack import Packed, TaskRows

Latest = tuple[ReportingPeriod, Entry]


def folder_of(path: Path) -> Path:
    """Where the ledger of a plan file or a library folder is: data/progress/ for
    data/tasks.yaml, DIR/progress/ for a library DIR."""
    return path / FOLDER if path.is_dir() else path.parent / FOLDER


def scope_of(checked: Dataset | Shelf) -> Scope:
    from fenggong.checks.scope import Scope

    if isinstance(checked, Shelf):
        return Scope.of_shelf(checked)
    return Scope.of_dataset(checked)


def check(folder: Path, scope: Scope, *, trust: bool = True) -> list[Report[Ledger]]:
    """Every file of the ledger folder checked, in period order, strays last: a period
    file that checked clean against these plans before comes from the cache
    (store.ledgercache), with the warnings it had; ``trust=False`` checks each in full."""
    from fenggong.checks.report import Report

    reports: list[Report[Ledger]] = []
    for read in _read(folder, scope, trust):
        if read.report is not None:
            reports.append(read.report)
        else:
            assert read.packed is not None
            packed = read.packed
            reports.append(Report(read.path, packed.ledger(), packed.warnings, read.kind))
    return reports


def _read(folder: Path, scope: Scope, trust: bool = True) -> list[Read]:
    from fenggong.checks.ledger import ledger_kind
    from fenggong.store import ledgercache

    periods, strays = files(folder)
    found = ledgercache.read(folder, periods, scope, trust=trust)
    for path in strays:
        kind = ledger_kind(scope)
        found.append(ledgercache.Read(path, kind, stray(path, kind, nature(path)), None))
    return found


def beside(path: Path, checked: Checked) -> list[Report[Any]]:
    """The lights file and the ledger of a checked plan file or library folder, the
    ledger checked against it: no ledger report when it has no ledger folder, or when it
    is itself invalid (a ledger cannot be checked against plans that did not load)."""
    from fenggong.checks.lights import LIGHTS
    from fenggong.checks.report import Report
    from fenggong.store import loader
    from fenggong.store.lights import lights_file

    folder = folder_of(path)
    # Every query reads the lights file: one that would stop them fails validate too.
    tuning = lights_file(folder.parent)
    found: list[Report[Any]] = [] if tuning is None else [loader.check(tuning, kind=LIGHTS)]
    plans = checked.dataset if isinstance(checked, Report) else checked.shelf
    if not folder.is_dir() or not isinstance(plans, Dataset | Shelf):
        return found
    # validate believes no cache entry, as it believes none of the plans'.
    return found + check(folder, scope_of(plans), trust=False)


class Ledgers:
    """A loaded ledger: its periods in order, and every report by (task, body).

    Held as each period's columns (store.ledgerpack): a period's index of reports is made
    when a query first asks it, and a report becomes an ``Entry`` when it is asked for.
    """

    def __init__(
        self,
        scope: Scope,
        ledgers: Iterable[tuple[ReportingPeriod, Packed | Callable[[], Packed]]],
        reporters: dict[str, list[str]] | None = None,
    ) -> None:
        self.scope = scope
        ordered = sorted(ledgers, key=lambda item: item[0].key)
        self.periods = tuple(period for period, _packed in ordered)
        # A period is its columns, or (store.ledgerwhole) how to read them when reached.
        self._packs: list[Packed | Callable[[], Packed]] = [packed for _p, packed in ordered]
        self._rows: list[dict[tuple[str, str], int] | None] = [None] * len(ordered)
        self._by_task: list[TaskRows | None] = [None] * len(ordered)
        # Who reported on each task, when the whole ledger's entry said so: no period is
        # read to answer it.
        self._reporters = reporters
        # A task is written the same way in thousands of reports: each spelling is looked
        # up in the plans once, when the file is checked, and a canonical reference is
        # its own.
        self._refs: dict[int | str, str] = {}
        if reporters is not None:
            self._refs.update(zip(reporters, reporters, strict=True))
        for packed in self._packs:
            if not callable(packed):
                self._refs.update(zip(packed.tasks, packed.refs, strict=True))
                self._refs.update(zip(packed.refs, packed.refs, strict=True))

    def _pack(self, at: int) -> Packed:
        """Period ``at``'s columns, read now if they were not yet."""
        packed = self._packs[at]
        if callable(packed):
            packed = self._packs[at] = packed()
            self._refs.update(zip(packed.tasks, packed.refs, strict=True))
        return packed

    def ref(self, task: int | str) -> str:
        """The canonical reference of a task as written (47, "hrss-2022-256:047")."""
        known = self._refs.get(task)
        if known is None:
            from fenggong.store.ledgercache import reference

            known = self._refs[task] = reference(self.scope, task)
        return known

    def _row(self, at: int, ref: str, body: str) -> int | None:
        """The row of the body's report on the task in period ``at``, if it has one."""
        rows = self._rows[at]
        if rows is None:
            keys = self._pack(at).keys()
            rows = self._rows[at] = dict(zip(keys, range(len(keys)), strict=True))
        return rows.get((ref, body))

    def _index(self, at: int) -> TaskRows:
        rows = self._by_task[at]
        if rows is None:
            from fenggong.store.ledgerpack import TaskRows

            rows = self._by_task[at] = TaskRows(self._pack(at))
        return rows

    def reporters(self, task: int | str) -> list[str]:
        """The bodies that reported on the task, in the order first met (period by period,
        row by row)."""
        ref = self.ref(task)
        if self._reporters is not None:
            return list(self._reporters.get(ref, ()))
        found: dict[str, None] = {}
        for at in range(len(self.periods)):
            packed = self._pack(at)
            bodies, column = packed.bodies, packed.body
            found.update(dict.fromkeys(bodies[column[row]] for row in self._index(at).rows(ref)))
        return list(found)

    def history(self, task: int | str, body: str) -> tuple[Latest, ...]:
        """The body's reports on the task, oldest period first."""
        ref = self.ref(task)
        found = []
        for at, period in enumerate(self.periods):
            row = self._row(at, ref, body)
            if row is not None:
                found.append((period, self._pack(at).entry(row)))
        return tuple(found)

    def newest(self, task: int | str, body: str) -> Iterator[Latest]:
        """The body's reports on the task, latest period first, each made when reached."""
        ref = self.ref(task)
        for at in range(len(self.periods) - 1, -1, -1):
            row = self._row(at, ref, body)
            if row is not None:
                yield self.periods[at], self._pack(at).entry(row)

    def first(
        self, task: int | str, body: str, accept: Callable[[ReportingPeriod, Entry], bool]
    ) -> Latest | None:
        """The body's latest report on the task that ``accept`` takes, latest period first
        (``newest`` without a generator: status asks this of every lead of every task)."""
        key = (self.ref(task), body)
        rows, periods = self._rows, self.periods
        for at in range(len(periods) - 1, -1, -1):
            index = rows[at]
            if index is None:
                keys = self._pack(at).keys()
                index = rows[at] = dict(zip(keys, range(len(keys)), strict=True))
            row = index.get(key)
            if row is not None:
                period, entry = periods[at], self._pack(at).entry(row)
                if accept(period, entry):
                    return period, entry
        return None

    def latest(self, task: int | str, body: str) -> Latest | None:
        """The body's report on the task in the latest period that has one."""
        return next(self.newest(task, body), None)

    def entries(self, period: str) -> tuple[Entry, ...]:
        for at, known in enumerate(self.periods):
            if known.name == period:
                return self._pack(at).ledger().entries
        return ()

    @property
    def ledgers(self) -> dict[str, Ledger]:
        """Each period's ledger, by its name."""
        return {p.name: self._pack(at).ledger() for at, p in enumerate(self.periods)}

    @property
    def keys(self) -> tuple[tuple[str, str], ...]:
        """Every (task reference, body) that has a report, in the order first met."""
        packs = map(self._pack, range(len(self.periods)))
        return tuple(dict.fromkeys(chain.from_iterable(p.keys() for p in packs)))


def load(folder: Path, scope: Scope) -> Ledgers:
    """The ledger in ``folder``; DataError with every problem when any file has an error.

    A ledger read before, unchanged, comes from its whole entry (store.ledgerwhole): each
    period is read when a query reaches it. Otherwise every file is read (from its entry,
    or checked), and the whole entry is written for the next run."""
    from fenggong.store import ledgercache, ledgerwhole

    periods, strays = files(folder)
    if not strays:
        lazy = ledgerwhole.load(folder, periods, scope)
        if lazy is not None:
            return Ledgers(scope, lazy[0], reporters=lazy[1])
    found = _read(folder, scope)
    loaded = _loaded(found, scope)
    contents = [read.content for read in found]
    if periods and not strays and all(contents):
        names = [period.name for period, _path in periods]
        packs = [read.packed for read in found]
        plans = ledgercache.scope_digest(scope)
        ledgerwhole.remember(names, cast(list[str], contents), plans, cast(list["Packed"], packs))
    return loaded


def load_git(revision: str, folder: Path, scope: Scope) -> Ledgers | None:
    """The ledger in ``folder`` as committed in ``revision``, checked as the folder is; None
    when that revision has no such folder."""
    from contextlib import closing

    from fenggong.checks.ledger import ledger_kind
    from fenggong.store import source as sources
    from fenggong.store.ledgercache import Read
    from fenggong.store.pipeline import run

    if not sources.is_folder_at(revision, folder):
        return None
    reports: list[Read] = []
    strays: list[tuple[Path, str | None]] = []  # and what each is, if no file
    with closing(sources.git_folder(revision, folder)) as entries:
        for entry in entries:
            if not entry.name.lower().endswith(YAML_NAMES):
                continue
            shown = Path(f"{revision}:{folder / entry.name}")
            period = period_named(entry.name)
            if entry.source is None:
                # A folder, a link or a submodule is no period's file at a revision either.
                strays.append((shown, "folder" if entry.folder else "link"))
            elif period is None:
                strays.append((shown, None))
            else:
                kind = ledger_kind(scope, period.name)
                reports.append(_packed(shown, kind, run(entry.source, None, kind), scope))
    for path, kind_of in strays:
        kind = ledger_kind(scope)
        reports.append(Read(path, kind, stray(path, kind, kind_of), None))
    return _loaded(reports, scope)


def _packed(path: Path, kind: Any, report: Report[Ledger], scope: Scope) -> Read:
    from fenggong.store.ledgercache import Read, reference
    from fenggong.store.ledgerpack import pack

    ledger = report.dataset
    clean = ledger is not None and not report.errors
    packed = pack(ledger, lambda task: reference(scope, task)) if clean and ledger else None
    return Read(path, kind, report, packed)


def _loaded(found: list[Read], scope: Scope) -> Ledgers:
    problems = [
        p
        for r in found
        for p in (r.report.problems if r.report else r.packed.warnings)  # type: ignore[union-attr]
    ]
    if any(r.packed is None for r in found):
        raise DataError(problems)
    loaded = []
    for read in found:
        assert read.packed is not None
        period = parse_period(read.packed.period)
        assert period is not None  # the check refused any other
        loaded.append((period, read.packed))
    return Ledgers(scope, loaded)
