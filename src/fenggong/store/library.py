"""A library of plans: a folder of plan files and its registry.yaml, checked and loaded whole.

Each file goes through the one pipeline (store.pipeline) as its kind; the rules across
files (checks.library) come after; a valid library is shelved (every plan's names read in
its jurisdiction) and cached as one entry, keyed by the bytes of all its files.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from fenggong.errors import DataError, FileAccessError, Problem, Severity
from fenggong.messages import _
from fenggong.model import Dataset, Department, Registry, Shelf, Shelved
from fenggong.store import source as sources

if TYPE_CHECKING:
    from fenggong.checks.report import Report
    from fenggong.store.loader import Progress

# checks.library's, written again: importing the checks would slow every warm start (a
# test ties the two).
REGISTRY_FILE = "registry.yaml"
# Names a library keeps beside its plans: the registry, and the ledger's settings.
RESERVED = frozenset({REGISTRY_FILE, "lights.yaml", "lights.yml"})
SUFFIXES = (".yaml", ".yml")
# Far beyond any body's plans; a folder of more is not a library, and would be read whole.
MAX_PLANS = 2000


class LibraryReport(msgspec.Struct, frozen=True):
    """What checking a library found: each file's report, the problems between files, and
    the shelf when nothing is in error."""

    folder: Path
    registry: Report[Registry] | None
    plans: tuple[Report[Dataset], ...]
    problems: tuple[Problem, ...]
    shelf: Shelf | None

    @property
    def reports(self) -> tuple[Report[Any], ...]:
        return (*((self.registry,) if self.registry else ()), *self.plans)

    @property
    def all_problems(self) -> tuple[Problem, ...]:
        return (*(p for r in self.reports for p in r.problems), *self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.all_problems if p.severity is Severity.ERROR)


def is_library(path: Path) -> bool:
    return path.is_dir()


def is_plan(name: str) -> bool:
    """Whether a name at a library's top level is a plan file's: YAML, but not reserved."""
    return name.lower().endswith(SUFFIXES) and name not in RESERVED and not name.startswith(".")


def plan_files(folder: Path) -> list[Path]:
    """The plan files of a library, by name: its top level's YAML files but the reserved."""
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if is_plan(entry.name) and not _folder(entry)  # a subfolder is never read
        )
    except OSError as err:
        raise FileAccessError(
            _("{path}: {reason}").format(path=folder, reason=err.strerror or err)
        ) from None
    for name in names:
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            # Bytes the file system holds but no text does: the name is the plan's key,
            # written in references, reports and the cache.
            raise FileAccessError(
                _("{path}: a file name is not UTF-8 text: {name}").format(
                    path=folder, name=ascii(name)
                ),
                hint=_("rename the file: its name is the plan's key"),
            ) from None
    if len(names) > MAX_PLANS:
        raise FileAccessError(
            _("{path} holds {count} YAML files; a library may hold {limit} plans").format(
                path=folder, count=len(names), limit=MAX_PLANS
            ),
            hint=_("name a folder of plan files, or one plan file"),
        )
    return [folder / name for name in names]


def _folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def registry_file(folder: Path) -> Path | None:
    path = folder / REGISTRY_FILE
    return path if os.path.lexists(path) else None


def load(folder: Path, progress: Progress | None = None) -> Shelf:
    """The valid library in ``folder``, from the cache when all its bytes were seen."""
    return load_keyed(folder, progress)[0]


def load_keyed(folder: Path, progress: Progress | None = None) -> tuple[Shelf, str | None]:
    """The valid library in ``folder``, and the digest of its files (its cache entry's
    key; None when a file is too large to be hashed): what is derived from the plans
    alone may be cached under it, without encoding and hashing 100 plans again."""
    from fenggong.store import shelfcache

    files = plan_files(folder)
    registry = registry_file(folder)
    paths = [*files, *([registry] if registry else [])]
    known = shelfcache.known(folder, paths)
    cached = shelfcache.read(known) if known else None
    if cached is not None:
        return cached, known
    stamp = time.time_ns()
    before = shelfcache.stat(paths)
    found = [sources.from_path(f) for f in files]
    every = [*found, *([sources.from_path(registry)] if registry else [])]
    # (Files found by their stat data passed this check with the sizes they still have.)
    too_large = _too_large(folder, every)
    if too_large is not None:
        raise DataError([too_large])
    key = None if any(sources.size_problem(s) for s in every) else shelfcache.key(every)
    shelf = shelfcache.read(key) if key else None
    if shelf is None:
        report = _check(folder, found, every[-1] if registry else None, progress)
        if report.shelf is None:
            raise DataError(list(report.all_problems))
        shelf = shelfcache.write(key, report.shelf) if key else report.shelf
    if key:
        shelfcache.remember(folder, before, paths, stamp, key)
    return shelf, key


def check(folder: Path, progress: Progress | None = None) -> LibraryReport:
    """Read and check every file of the library in full."""
    files = plan_files(folder)
    registry = registry_file(folder)
    return _check(
        folder,
        [sources.from_path(f) for f in files],
        sources.from_path(registry) if registry else None,
        progress,
    )


def _too_large(folder: Path, every: list[sources.Source]) -> Problem | None:
    """The whole library is held to one file's size limit: each plan stays in memory
    with every other, so 2,000 files each under the limit would exhaust it."""
    total = sum(s.size for s in every)
    if total <= sources.MAX_BYTES:
        return None
    from fenggong.checks.rulebook import RULES

    rule = RULES["FG022"]
    return Problem(
        rule.code,
        rule.name,
        _("the library's files are {size} MiB in all; a library may be {limit} MiB at most").format(
            size=f"{total / 2**20:.0f}", limit=sources.MAX_BYTES >> 20
        ),
        hint=_("split it into libraries of fewer plans"),
        file=str(folder),
    )


def check_sources(
    folder: Path, plans: list[sources.Source], registry: sources.Source | None
) -> LibraryReport:
    """Check a library whose files come from elsewhere (a git revision)."""
    return _check(folder, plans, registry, None)


def check_git(revision: str, folder: Path) -> LibraryReport:
    """The library in ``folder`` as committed in ``revision``, checked as the folder is.

    Its names are listed by git and its files read from the commit; a folder of more plan
    files than a library may hold is refused before any is read.
    """
    shown = Path(f"{revision}:{folder}")
    # Closed when left early: the listing's git process ends with it.
    with closing(sources.git_folder(revision, folder)) as entries:
        plans, registry = _committed(revision, folder, entries)
    plans.sort(key=lambda s: s.name.name)
    return check_sources(shown, plans, registry)


def _committed(
    revision: str, folder: Path, entries: Iterator[sources.Entry]
) -> tuple[list[sources.Source], sources.Source | None]:
    """The plan files and the registry among a folder's entries at a revision."""
    shown = Path(f"{revision}:{folder}")
    plans: list[sources.Source] = []
    registry: sources.Source | None = None
    for entry in entries:
        if entry.folder or (entry.name != REGISTRY_FILE and not is_plan(entry.name)):
            continue  # a subfolder is never read, whatever its name
        if entry.source is None:
            raise FileAccessError(
                _("{path} is not a regular file at {revision}").format(
                    path=folder / entry.name, revision=revision
                ),
                hint=_("a library's plans and registry.yaml are files"),
            )
        if entry.name == REGISTRY_FILE:
            registry = entry.source
            continue
        plans.append(entry.source)
        if len(plans) > MAX_PLANS:
            raise FileAccessError(
                _(
                    "{path} holds more than {limit} YAML files; a library may hold {limit} plans"
                ).format(path=shown, limit=MAX_PLANS),
                hint=_("name a folder of plan files, or one plan file"),
            )
    return plans, registry


def _check(
    folder: Path,
    plans: list[sources.Source],
    registry_source: sources.Source | None,
    progress: Progress | None,
) -> LibraryReport:
    from fenggong.checks import library
    from fenggong.checks.locate import Locator
    from fenggong.checks.registry import REGISTRY, in_library
    from fenggong.store.pipeline import run

    if not plans:
        issue = Problem(
            "FG033",
            "no-plan",
            _("{folder} holds no plan file").format(folder=folder),
            hint=_("a library is a folder of plan files (*.yaml), with an optional registry.yaml"),
            file=str(folder),
        )
        return LibraryReport(folder, None, (), (issue,), None)
    too_large = _too_large(folder, [*plans, *((registry_source,) if registry_source else ())])
    if too_large is not None:
        return LibraryReport(folder, None, (), (too_large,), None)
    registry_report = run(registry_source, progress, REGISTRY) if registry_source else None
    if registry_report is not None and (registry_report.dataset is None or registry_report.errors):
        # Every plan reads its names through the registry: checked against a broken one,
        # each would fail for the registry's fault, hundreds of lines hiding the one cause.
        return LibraryReport(folder, registry_report, (), (), None)
    registry = registry_report.dataset if registry_report else None
    kind = in_library(registry)
    reports = tuple(run(source, progress, kind) for source in plans)
    members = [
        library.Member(r.path.name, r.dataset, r.dataset.plan.key is not None)
        for r in reports
        if r.dataset is not None
    ]
    texts = {s.name.name: s for s in (*plans, *((registry_source,) if registry_source else ()))}
    locators: dict[str, Locator] = {}

    def place(issue: Problem, file: str, path: Any) -> Problem:
        if file not in locators:
            locators[file] = Locator(texts[file].read().decode("utf-8-sig"))
        return locators[file].place(issue, path, str(texts[file].name))

    between = tuple(library.check(members, registry, place))
    report = LibraryReport(folder, registry_report, reports, between, None)
    if (
        report.errors
        or (registry_report and registry_report.dataset is None)
        or any(r.dataset is None for r in reports)
    ):
        return report
    shelf = Shelf(tuple(shelve(m.file, m.dataset, registry) for m in members))
    return msgspec.structs.replace(report, shelf=shelf)


def shelve(file: str, dataset: Dataset, registry: Registry | None) -> Shelved:
    """A checked plan with its names read in its jurisdiction: every body it may name in
    its registry, each name a task writes as the registry keys it (an alias of a shared
    entry is that entry: renaming an entry in registry.yaml renames it in every plan)."""
    from fenggong.checks.library import plan_key
    from fenggong.checks.registry import jurisdiction_of, visible
    from fenggong.names import fold

    where = jurisdiction_of(dataset)
    own = dataset.departments
    seen = visible(registry, where)
    departments: dict[str, Department] = dict(own)
    homes = dict.fromkeys(own, where)
    spelled: dict[str, str] = {}
    for name, (home, dept) in seen.items():
        if name in own:
            continue
        departments[name] = dept
        homes[name] = home
        for spelling in (name, *dept.aliases):
            spelled.setdefault(fold(spelling), name)

    def read(written: tuple[str, ...]) -> tuple[str, ...]:
        if all(n in departments for n in written):
            return written
        return tuple(
            dict.fromkeys(n if n in departments else spelled.get(fold(n), n) for n in written)
        )

    replace = msgspec.structs.replace
    if any(n not in departments for n in _names(dataset)):
        dataset = replace(
            dataset,
            plan=replace(dataset.plan, issuers=read(dataset.plan.issuers)),
            tasks=tuple(
                replace(
                    t,
                    lead=read(t.lead),
                    support=read(t.support),
                    roles=tuple(replace(r, departments=read(r.departments)) for r in t.roles),
                )
                for t in dataset.tasks
            ),
        )
    dataset = replace(dataset, departments=departments)
    return Shelved(plan_key(file, dataset), file, where, dataset, homes)


def _names(dataset: Dataset) -> list[str]:
    names = list(dataset.plan.issuers)
    for task in dataset.tasks:
        names += task.lead
        names += task.support
        names += task.others
    return names
