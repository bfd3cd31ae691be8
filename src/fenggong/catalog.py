"""Look-ups over a valid dataset: a task by id, its topic and section, a topic's tasks."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

from fenggong.model import Dataset, Department, Section, Task, Topic


class Catalog:
    """A dataset with its indexes, built once."""

    def __init__(
        self,
        dataset: Dataset,
        key: str | None = None,
        jurisdiction: str = "",
        homes: dict[str, str] | None = None,
        shared: dict[str, Any] | None = None,
    ) -> None:
        self.dataset = dataset
        # Its key in a library (the file's stem for a plan read alone), the jurisdiction
        # its names are read in, and where each body it may name is defined: a body's
        # identity across plans is (its home, its name).
        self.key = dataset.plan.key or key or "tasks"
        self.jurisdiction = jurisdiction or dataset.plan.jurisdiction or ""
        self.homes = (
            homes if homes is not None else dict.fromkeys(dataset.departments, self.jurisdiction)
        )
        # What is built from its table of bodies alone (a Matcher), kept for every plan of
        # a library that has the same table: 100 plans of one jurisdiction build it once.
        self.shared: dict[str, Any] = {} if shared is None else shared
        self.topics: dict[int, Topic] = {t.number: t for t in dataset.topics}
        self.sections: dict[int, Section] = {s.number: s for s in dataset.sections}

    # The indexes over tasks are built when first asked for: a query across a library of
    # 100 plans reads most plans' tasks in order and looks none up by id.
    @functools.cached_property
    def tasks(self) -> dict[int, Task]:
        return {t.id: t for t in self.dataset.tasks}

    @functools.cached_property
    def by_topic(self) -> dict[int, list[Task]]:
        found: dict[int, list[Task]] = defaultdict(list)
        for task in self.dataset.tasks:
            found[task.topic].append(task)
        return dict(found)

    @property
    def departments(self) -> dict[str, Department]:
        return self.dataset.departments

    def body(self, name: str) -> tuple[str, str]:
        """A registry name's body across plans: (the jurisdiction defining it, its name)."""
        return self.homes.get(name, self.jurisdiction), name

    def topic_of(self, task: Task) -> Topic:
        return self.topics[task.topic]

    def section_of(self, task: Task) -> Section:
        return self.sections[self.topics[task.topic].section]

    def summary(self) -> dict[str, int]:
        targets = [g for t in self.dataset.tasks for g in t.targets]
        return {
            "tasks": len(self.dataset.tasks),
            "sections": len(self.dataset.sections),
            "topics": len(self.dataset.topics),
            "departments": len(self.dataset.departments),
            "targets": len(targets),
            "quantified": sum(not g.qualitative for g in targets),
        }
