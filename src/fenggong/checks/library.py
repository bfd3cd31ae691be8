"""The rules across the files of a library: plan keys, one body per name and jurisdiction."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from fenggong.checks.kind import Kind
from fenggong.checks.locate import Path
from fenggong.checks.registry import UNNAMED, jurisdiction_of, visible
from fenggong.checks.rulebook import problem
from fenggong.errors import Problem
from fenggong.messages import N_, _
from fenggong.model import Dataset, Department, Registry, Shelf
from fenggong.render.text import plans_and_tasks

if TYPE_CHECKING:
    from fenggong.checks.kind import Found

REGISTRY_FILE = "registry.yaml"


class Member(NamedTuple):
    """A plan file of the library as checked on its own."""

    file: str  # its name in the folder
    dataset: Dataset
    explicit_key: bool  # whether plan.key is written, or the key is the file's stem


# What plan.key may be (model.PlanKey), for a key a file name gives.
_KEY = re.compile(r"[^\s:：/\\]*[^\s:：/\\0-9][^\s:：/\\]*")
_KEY_LENGTH = 64  # model.PlanKey's max_length

# Places a path in a file: (file, path) → a located problem.
Place = Callable[[Problem, str, Path], Problem]


def plan_key(file: str, dataset: Dataset) -> str:
    """A plan's key: as written, else its file name's stem."""
    if dataset.plan.key:
        return dataset.plan.key
    stem, _dot, _ext = file.rpartition(".")
    return stem or file


def check(members: Sequence[Member], registry: Registry | None, place: Place) -> list[Problem]:
    """Every problem between the files: duplicate keys, a body defined two ways, a
    jurisdiction the registry does not know."""
    found: list[Problem] = []
    first_key: dict[str, str] = {}
    for member in members:
        key = plan_key(member.file, member.dataset)
        if not member.explicit_key and (len(key) > _KEY_LENGTH or not _KEY.fullmatch(key)):
            issue, path = problem(
                "FG034",
                _("the file name gives the plan the key {key}, which KEY:ID cannot carry").format(
                    key=repr(key)
                ),
                ("plan",),
                hint=_("rename the file, or give the plan a key: under plan: (key: …)"),
            )
            found.append(place(issue, member.file, path))
        other = first_key.setdefault(key, member.file)
        if other != member.file:
            issue, path = problem(
                "FG030",
                _("plan key {key} is also the key of {other}").format(key=key, other=other),
                ("plan", "key") if member.explicit_key else (),
                hint=_("give one of them another key under plan: (key: …)"),
            )
            found.append(place(issue, member.file, path))
    found += _bodies(members, registry, place)
    found += _shadows(members, registry, place)
    return found


def _shadows(members: Sequence[Member], registry: Registry | None, place: Place) -> list[Problem]:
    """An entry that hides one of the same name in a government it lies within: 市教委
    defined for 浦东新区 is another body than 上海市's, and 市教委 becomes ambiguous."""
    if registry is None:
        return []
    found: list[Problem] = []
    places: list[tuple[str, str, dict[str, Department], tuple[str | int, ...]]] = [
        (REGISTRY_FILE, where, dict(entries.departments), ("jurisdictions", where, "departments"))
        for where, entries in registry.jurisdictions.items()
    ]
    places += [
        (m.file, jurisdiction_of(m.dataset), dict(m.dataset.departments), ("departments",))
        for m in members
    ]
    for file, where, own, prefix in places:
        for name, (home, _dept) in visible(registry, where).items():
            if home == where or name not in own:
                continue
            at = place(
                Problem("", "", ""), REGISTRY_FILE, ("jurisdictions", home, "departments", name)
            )
            issue, path = problem(
                "FG107",
                _("{name} of {jurisdiction} hides {name} of {home} ({place})").format(
                    name=name, jurisdiction=where, home=home, place=at.where
                ),
                (*prefix, name),
                hint=_(
                    "they are two bodies, and across plans {name} alone may name either: "
                    "remove this entry to mean {home}'s, or give it a name of its own"
                ).format(name=name, home=home),
            )
            found.append(place(issue, file, path))
    return found


class _Definition(NamedTuple):
    file: str
    path: Path
    dept: Department


def _signature(dept: Department) -> tuple[object, ...]:
    # Aliases and descriptions may differ between copies; what the body is may not.
    return (dept.full_name, dept.kind, dept.members, dept.scope)


def _bodies(members: Sequence[Member], registry: Registry | None, place: Place) -> list[Problem]:
    definitions: dict[tuple[str, str], list[_Definition]] = {}
    if registry is not None:
        for where, entries in registry.jurisdictions.items():
            for name, dept in entries.departments.items():
                path: Path = ("jurisdictions", where, "departments", name)
                definitions.setdefault((where, name), []).append(
                    _Definition(REGISTRY_FILE, path, dept)
                )
    for member in members:
        where = jurisdiction_of(member.dataset)
        for name, dept in member.dataset.departments.items():
            definitions.setdefault((where, name), []).append(
                _Definition(member.file, ("departments", name), dept)
            )
    found: list[Problem] = []
    for (where, name), defined in definitions.items():
        first = defined[0]
        for other in defined[1:]:
            if _signature(other.dept) == _signature(first.dept):
                continue
            at = place(Problem("", "", ""), first.file, first.path).where
            issue, path = problem(
                "FG031",
                _("{name} of {jurisdiction} is {this} here but {that} in {place}").format(
                    name=name,
                    jurisdiction=where or _("the unnamed jurisdiction"),
                    this=_describe(other.dept, first.dept),
                    that=_describe(first.dept, other.dept),
                    place=at,
                ),
                other.path,
                hint=_(
                    "one name in one jurisdiction is one body: make the entries agree, "
                    "or give the plan its own jurisdiction"
                ),
            )
            found.append(place(issue, other.file, path))
    return found


def _describe(dept: Department, other: Department) -> str:
    """What sets ``dept`` apart from ``other``: its full name, kind, members or scope."""
    if dept.full_name != other.full_name:
        return dept.full_name
    if dept.kind != other.kind:
        return _("of kind {kind}").format(kind=dept.kind)
    if dept.members != other.members:
        return _("a group of {members}").format(members="、".join(dept.members or ()) or "—")
    return _("a group of scope {scope}").format(scope="、".join(dept.scope or ()) or "—")


def _describe_shelf(shelf: Shelf) -> str:
    return plans_and_tasks(len(shelf.plans), sum(len(p.dataset.tasks) for p in shelf.plans))


def _consistent(shelf: Shelf) -> bool:
    from fenggong.checks.plan import PLAN

    keys = [p.key for p in shelf.plans]
    return len(set(keys)) == len(keys) and all(PLAN.consistent(p.dataset) for p in shelf.plans)


def _whole(shelf: Shelf) -> Shelf:
    return shelf


def _none(shelf: Shelf) -> list[Found]:
    return []  # a library's rules run across its files (check above), not over one record


# A library is no single file: the pipeline reads its files one by one, each as its kind,
# and check() runs the rules between them. As a kind it names the cache's entries of a
# whole shelf, and says when one read back hangs together.
LIBRARY: Kind[Shelf, Shelf] = Kind(
    name="library",
    noun=N_("a library"),
    example="examples/library",
    root=Shelf,
    parts=_whole,
    salvage=lambda data: Shelf(()),
    rules=_none,
    lints=_none,
    describe=_describe_shelf,
    consistent=_consistent,
    namespace="library",
    format=2,
    title="Library",
)


__all__ = ["LIBRARY", "REGISTRY_FILE", "UNNAMED", "Member", "check", "plan_key"]
