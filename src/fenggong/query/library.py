"""The plans a command answers over: one plan, or a library narrowed by plan, issuer, year.

A body's identity across plans is (the jurisdiction defining it, its registry name): 市教委
in two Shanghai plans is one body, 区发改委 in a 浦东新区 and a 闵行区 plan two. A name typed
is read once over the bodies of every plan, then each plan is asked with its own names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import msgspec

from fenggong.catalog import Catalog
from fenggong.errors import LookupFailedError
from fenggong.messages import _, either, listed
from fenggong.model import Department, Shelf, Task
from fenggong.names import did_you_mean, fold
from fenggong.resolve import Reading, Resolver, shortened

Body = tuple[str, str]  # (jurisdiction, registry name)

# A task reference: KEY:ID (hrss-2022-256:47), KEY:1-5, or a bare id, range or list.
_REFERENCE = re.compile(r"^(.*?)[:：]([0-9０-９,，\-–]+)$")


class Library:
    """Plans with their indexes, and the one reading of names and ids across them."""

    def __init__(
        self,
        catalogs: Sequence[Catalog],
        folder: str | None = None,
        files: dict[str, str] | None = None,
        digest: str | None = None,
    ) -> None:
        self.catalogs = tuple(catalogs)
        # The digest of the library's files, when all its plans were read from them.
        self.digest = digest
        self.folder = folder  # the library's folder; None for a plan file read alone
        self.files = files or {}  # each plan's file, by key
        self.by_key = {c.key: c for c in self.catalogs}
        self._resolver: Resolver | None = None
        self._labels: dict[str, Body] = {}

    @classmethod
    def shelved(cls, shelf: Shelf, folder: str, digest: str | None = None) -> Library:
        # Plans with one table of bodies (one object, as store.shelfcache gives it) share
        # what is built from it.
        shared: dict[int, dict[str, Any]] = {}
        return cls(
            [
                Catalog(
                    p.dataset,
                    p.key,
                    p.jurisdiction,
                    p.homes,
                    shared.setdefault(id(p.dataset.departments), {}),
                )
                for p in shelf.plans
            ],
            folder,
            {p.key: p.file for p in shelf.plans},
            digest,
        )

    @property
    def single(self) -> bool:
        return len(self.catalogs) == 1

    @property
    def first(self) -> Catalog:
        return self.catalogs[0]

    def narrowed(
        self, plans: Sequence[str] = (), issuers: Sequence[str] = (), years: Sequence[int] = ()
    ) -> Library:
        """The plans chosen: by key (repeatable, OR), issuer (OR) and year (OR); the kinds
        of choice together (AND). An unknown key or issuer, or a choice no plan meets, is
        a usage error."""
        chosen = list(self.catalogs)
        if plans:
            keys = [self._key(k) for k in plans]
            chosen = [c for c in chosen if c.key in keys]
        if issuers:
            wanted = {self._issuer(name) for name in issuers}
            chosen = [c for c in chosen if any(c.body(n) in wanted for n in c.dataset.plan.issuers)]
        if years:
            chosen = [c for c in chosen if c.dataset.plan.date.year in years]
        if not chosen:
            raise LookupFailedError(
                _("no plan of the library is chosen by --plan, --issuer and --year together"),
                hint=_("fenggong plans lists the plans with their keys, issuers and dates"),
            )
        if len(chosen) == len(self.catalogs):
            return self
        return Library(chosen, self.folder, self.files)

    def _key(self, typed: str) -> str:
        if typed in self.by_key:
            return typed
        folded = {fold(k): k for k in self.by_key}
        found = folded.get(fold(typed))
        if found is not None:
            return found
        raise LookupFailedError(
            _("no plan {key} in the library").format(key=typed),
            hint=did_you_mean(typed, list(self.by_key))
            or _("its plans are {keys}").format(keys=listed(list(self.by_key))),
        )

    def _issuer(self, typed: str) -> Body:
        issuers = {c.body(n) for c in self.catalogs for n in c.dataset.plan.issuers}
        bodies = self.bodies(typed)
        found = [b for b in bodies if b in issuers]
        if not found:
            raise LookupFailedError(
                _("{name} issued no plan of the library").format(name=typed),
                hint=_("the issuers are {names}").format(
                    names=listed(list(dict.fromkeys(n for _h, n in sorted(issuers))))
                ),
            )
        return found[0]

    # Names ----------------------------------------------------------------------------

    def resolver(self) -> Resolver:
        """The resolver over every body of the plans (see ``_union``): for completion."""
        return self._union()

    def _union(self) -> Resolver:
        """A resolver over every body of the plans, each under one label: its name, or
        JURISDICTION:NAME where two jurisdictions define the name (then the bare name is
        an alias of both, and typing it is ambiguous, with both listed)."""
        if self._resolver is not None:
            return self._resolver
        defined: dict[str, dict[str, Department]] = {}
        seen: set[tuple[int, int]] = set()
        for catalog in self.catalogs:
            tables = (id(catalog.departments), id(catalog.homes))
            if tables in seen:
                continue  # a table of bodies many plans share is read once
            seen.add(tables)
            for name, dept in catalog.departments.items():
                home, _name = catalog.body(name)
                defined.setdefault(name, {}).setdefault(home, dept)
        registry: dict[str, Department] = {}
        # Across jurisdictions every body may be named JURISDICTION:NAME (全国:国资委),
        # the way out of a name or alias that two of them share.
        several = len({home for homes in defined.values() for home in homes}) > 1
        for name, homes in defined.items():
            for home, dept in homes.items():
                label = name if len(homes) == 1 else f"{home}:{name}"
                qualified = (f"{home}:{name}",) if several and home and label == name else ()
                extra = (name,) if label != name else ()
                if extra or qualified:
                    dept = msgspec.structs.replace(
                        dept, aliases=(*extra, *qualified, *dept.aliases)
                    )
                registry[label] = dept
                self._labels[label] = (home, name)
        self._resolver = Resolver(registry)
        return self._resolver

    def _qualified(self, label: str) -> str:
        home, name = self._labels[label]
        return f"{home}:{name}" if home else name

    def read(self, typed: Sequence[str]) -> list[Reading]:
        """Each value as typed, read over every body of the plans (see ``Resolver.read``)."""
        resolver = self._union()
        readings = []
        for text in typed:
            try:
                readings.append(resolver.read(text))
            except LookupFailedError as err:
                # Bodies of two jurisdictions answer to the name: each is listed as
                # JURISDICTION:NAME, which names it alone.
                found = resolver.candidates(text)
                if len({self._labels[c][0] for c in found}) > 1:
                    raise LookupFailedError(
                        _("{text} is ambiguous: it may mean {names}").format(
                            text=shortened(text),
                            names=_few([self._qualified(c) for c in found], either),
                        ),
                        hint=_(
                            "write JURISDICTION:NAME as listed, or the full name, or choose "
                            "plans with --plan KEY"
                        ),
                    ) from err
                raise
        return readings

    def bodies(self, typed: str) -> list[Body]:
        return [self._labels[r.name] for r in self.read([typed])[0].names]

    def body_of(self, label: str) -> Body:
        """The body a label that ``read`` gave stands for."""
        self._union()
        return self._labels[label]

    def names_in(self, catalog: Catalog, bodies: Iterable[Body]) -> tuple[str, ...]:
        """The registry names the plan gives the bodies, in their order; those it does not
        know are left out."""
        return tuple(name for home, name in bodies if catalog.body(name) == (home, name))

    def label(self, catalog: Catalog, name: str) -> str:
        """How a body of the plan is named across the library: its name, or JURISDICTION:NAME
        when another jurisdiction of the plans defines the same name."""
        self._union()
        body = catalog.body(name)
        return name if self._labels.get(name) == body else f"{body[0]}:{name}"

    # Tasks ----------------------------------------------------------------------------

    def tasks(self, specs: Sequence[str]) -> list[tuple[Catalog, Task]]:
        """``47``, ``1,4-10``, ``KEY:47``, ``KEY:1-5`` → the tasks, in the order given, each
        once. A bare id in a library of several plans must be in one plan only."""

        found: list[tuple[Catalog, Task]] = []
        seen: set[tuple[str, int]] = set()
        for spec in specs:
            for catalog, ids in self._spec(spec.strip()):
                for number in ids:
                    if (catalog.key, number) not in seen:
                        seen.add((catalog.key, number))
                        found.append((catalog, catalog.tasks[number]))
        return found

    def _spec(self, spec: str) -> list[tuple[Catalog, list[int]]]:
        """One argument: ids of the one plan, or references; in ``a:1,4-5,b:2`` each
        key holds until the next."""
        from fenggong.query.select import parse_ids

        if ":" not in spec and "：" not in spec:
            return self._unkeyed(spec)
        chosen: list[tuple[Catalog, list[int]]] = []
        key: str | None = None
        for part in re.split(r"[,，]", spec):
            match = _REFERENCE.match(part)
            if match and match[1]:
                key, part = match[1], match[2]
            if key is None:
                chosen += self._unkeyed(part)  # an id before any key, or no reference
                continue
            catalog = self.by_key.get(key) or self.by_key[self._key(key)]
            try:
                chosen.append((catalog, parse_ids([part], catalog)))
            except LookupFailedError as err:
                raise LookupFailedError(f"{catalog.key}: {err.message}", hint=err.hint) from None
        return chosen

    def _unkeyed(self, spec: str) -> list[tuple[Catalog, list[int]]]:
        from fenggong.query.select import parse_ids

        if self.single:
            return [(self.first, parse_ids([spec], self.first))]
        return self._bare(spec)

    def _bare(self, spec: str) -> list[tuple[Catalog, list[int]]]:
        from fenggong.query.select import parse_ids

        having: list[tuple[Catalog, list[int]]] = []
        first_error: LookupFailedError | None = None
        for catalog in self.catalogs:
            try:
                having.append((catalog, parse_ids([spec], catalog)))
            except LookupFailedError as err:
                first_error = first_error or err
        if len(having) == 1:
            return having
        if not having:
            assert first_error is not None
            raise LookupFailedError(
                _("no plan of the library has task {spec}").format(spec=spec),
                hint=_("write KEY:ID, with a key of fenggong plans"),
            ) from first_error
        candidates = _few([f"{c.key}:{spec}" for c, _ids in having])
        raise LookupFailedError(
            _("task {spec} is in {count} plans: {candidates}").format(
                spec=spec, count=len(having), candidates=candidates
            ),
            hint=_("write KEY:ID, or narrow the library with --plan KEY"),
        )


def _few(items: list[str], join: Callable[[Sequence[str]], str] = listed) -> str:
    """At most ten of the items, then how many more: a library of 2,000 plans would
    otherwise list 2,000 references in one message."""
    if len(items) <= 10:
        return join(items)
    return join([*items[:10], _("{count} more").format(count=len(items) - 10)])
