"""How a body takes part in a task: directly, through a group (各区), or possibly (相关区)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum, StrEnum

import msgspec

from fenggong.model import Department, DeptKind, Task
from fenggong.names import fold


class Role(StrEnum):
    LEAD = "lead"
    SUPPORT = "support"


ROLE_LABELS = {Role.LEAD: "牵头", Role.SUPPORT: "配合"}


class How(IntEnum):
    """Strength of a match; a higher value is a stronger claim."""

    POSSIBLE = 1  # a group without members whose scope covers the body (相关区)
    GROUP = 2  # a group that has the body among its members (各区)
    DIRECT = 3  # named in the cell

    @property
    def label(self) -> str:
        return self.name.lower()


class Bucket(StrEnum):
    """Where a body's 责任清单 files a task, one answer per task.

    A body reached through a group that names it among its members (各区 → 浦东新区) takes
    the group's role: it leads what 各区 leads. Only a group that names no members
    (相关区) leaves a body "possibly concerned", a bucket of its own.
    """

    LEAD = "lead"  # leads it: named as a lead, or through a group that leads it
    SUPPORT = "support"  # supports it (and does not lead it)
    POSSIBLE = "possible"  # only through a group without named members (相关区)


class Match(msgspec.Struct, frozen=True):
    department: str
    role: Role
    how: How
    via: str | None = None

    @property
    def bucket(self) -> Bucket:
        """Where the task is filed when this match decides it."""
        if self.how is How.POSSIBLE:
            return Bucket.POSSIBLE
        return Bucket.LEAD if self.role is Role.LEAD else Bucket.SUPPORT

    def describe(self) -> str:
        """In words, as a result column shows it: 牵头 · 经由各区."""
        role = ROLE_LABELS[self.role]
        if self.how is How.DIRECT:
            return f"{role}·直接"
        if self.how is How.GROUP:
            return f"{role}·经由{self.via}"
        return f"{role}·可能({self.via})"

    def as_dict(self) -> dict[str, str | None]:
        return {
            "department": self.department,
            "role": str(self.role),
            "how": self.how.label,
            "via": self.via,
        }


class Part(msgspec.Struct, frozen=True):
    """A part in a task besides lead and support (指导, 负责落实, 汇总) reaching a body.

    Not counted with lead and support: a 责任清单 lists such a task apart, so that a body
    that only guides or carries out a task is never told it has nothing to do there.
    """

    verb: str  # as the source writes it
    how: How
    via: str | None = None

    def describe(self) -> str:
        """In words, as a result column shows it: 指导·直接, 负责落实·经由各区."""
        if self.how is How.DIRECT:
            return f"{self.verb}·直接"
        if self.how is How.GROUP:
            return f"{self.verb}·经由{self.via}"
        return f"{self.verb}·可能({self.via})"


class Involvement(msgspec.Struct, frozen=True):
    """The one classification of how a body takes part in a task, used by every count,
    责任清单, export and the diff digest: its matches, and the bucket they put it in."""

    task: Task
    matches: tuple[Match, ...]  # the strongest match in each role, lead first

    @property
    def deciding(self) -> Match:
        """The match that files the task: the strongest lead, else the strongest support.

        A lead through 各区 outranks a support named in the cell, as the group's role is
        the body's; a "possible" match decides only when nothing firmer reaches the body.
        """
        firm = [m for m in self.matches if m.how >= How.GROUP]
        return max(firm or self.matches, key=lambda m: (m.role is Role.LEAD, m.how))

    @property
    def how(self) -> How:
        """How the deciding match reaches the body: direct, through a group, or possibly."""
        return self.deciding.how

    @property
    def bucket(self) -> Bucket:
        return self.deciding.bucket


class Matcher:
    """Answers whether, and how, a registry body takes part in a task in a role."""

    def __init__(self, departments: dict[str, Department]) -> None:
        self.departments = departments
        self._canonical: dict[str, str] | None = None  # folded names, made when first asked
        self._spelling: dict[str, str] = {}
        # Per body, the written names seen so far that do not reach it.
        self._clear: dict[str, set[str]] = {}
        # For each body, the groups that reach it and how strongly: worked out for a body
        # when first asked (a collect asks for one body of each of 100 plans' registries).
        self._reach: dict[str, dict[str, How]] = {}
        self._groups = [(k, d) for k, d in departments.items() if d.kind is DeptKind.GROUP]
        self._involved: dict[tuple[int, str], tuple[Task, Involvement | None]] = {}

    def _reaching(self, department: str) -> dict[str, How]:
        reach = self._reach.get(department)
        if reach is not None:
            return reach
        reach = {department: How.DIRECT}
        body = self.departments.get(department)
        if body is not None and body.kind is not DeptKind.GROUP:
            for group, dept in self._groups:
                if dept.members is not None and department in dept.members:
                    reach[group] = How.GROUP
                elif dept.members is None and body.kind in (dept.scope or ()):
                    reach[group] = How.POSSIBLE
        if body is not None:  # a name of no body is not kept: any text may be asked
            self._reach[department] = reach
        return reach

    def match(self, task: Task, department: str, role: Role) -> Match | None:
        """The body's strongest match in the role, or None."""
        names = task.lead if role is Role.LEAD else task.support
        clear = self._clear.setdefault(department, set())
        if clear.issuperset(names):
            return None  # every name here is known not to reach the body: the common case
        reach = self._reaching(department)
        best: Match | None = None
        for written in names:
            name = written if written in reach else self._registered(written)
            how = reach.get(name)
            if how is None:
                clear.add(written)
                continue
            if best is None or how > best.how:
                best = Match(department, role, how, None if how is How.DIRECT else name)
        return best

    def parts(self, task: Task, department: str) -> tuple[Part, ...]:
        """The body's strongest match in each of the task's other roles, in their order."""
        reach = self._reaching(department)
        found = []
        for role in task.roles:
            best: Part | None = None
            for written in role.departments:
                name = written if written in reach else self._registered(written)
                how = reach.get(name)
                if how is not None and (best is None or how > best.how):
                    best = Part(role.verb, how, None if how is How.DIRECT else name)
            if best is not None:
                found.append(best)
        return tuple(found)

    def reaching(self, department: str) -> frozenset[str]:
        """The registry names whose presence in a cell can reach the body (itself and its
        groups): a cell naming none of them cannot match, whatever the role."""
        return frozenset(self._reaching(department))

    def _registered(self, written: str) -> str:
        """The registry name a written name means: a width or space variant (FG103, a
        warning) still means the registered body. Remembered: a table repeats its names."""
        found = self._spelling.get(written)
        if found is None:
            if self._canonical is None:
                self._canonical = {fold(key): key for key in self.departments}
            found = self._spelling[written] = self._canonical.get(fold(written), written)
        return found

    def matches(self, task: Task, department: str) -> list[Match]:
        """The body's strongest match in each role of the task."""
        found = (self.match(task, department, role) for role in Role)
        return [m for m in found if m is not None]

    def involvement(self, task: Task, department: str) -> Involvement | None:
        """How the body takes part in the task, or None when it does not. Remembered: a
        collect asks for each task of a form when it judges the form and again when it
        checks the file it writes (a bounded memory: a page of every body's tasks asks
        a million questions once each)."""
        key = (id(task), department)
        known = self._involved.get(key)
        if known is not None and known[0] is task:  # the task itself, not one since freed
            return known[1]
        matches = self.matches(task, department)
        found = Involvement(task, tuple(matches)) if matches else None
        if len(self._involved) < 20_000:
            self._involved[key] = (task, found)
        return found

    def involvements(self, tasks: Iterable[Task], department: str) -> list[Involvement]:
        """The body's involvement in each task that concerns it, in the order given."""
        found = (self.involvement(task, department) for task in tasks)
        return [i for i in found if i is not None]

    def concerning(self, tasks: Sequence[Task]) -> dict[str, list[int]]:
        """For each registry body, the positions of the tasks whose lead or support cells
        name it or a group reaching it, in order: the only tasks where ``involvement`` can
        find it, met in one pass over the tasks rather than one per body."""
        reached: dict[str, list[str]] = {}  # a name in a cell → the bodies it may reach
        for body in self.departments:
            reach = self._reaching(body)
            for name in reach:
                reached.setdefault(name, []).append(body)
        found: dict[str, list[int]] = {body: [] for body in self.departments}
        for position, task in enumerate(tasks):
            bodies: set[str] = set()
            for written in {*task.lead, *task.support}:
                bodies.update(reached.get(written, ()))
                bodies.update(reached.get(self._registered(written), ()))
            for body in bodies:
                found[body].append(position)
        return found
