"""Look-ups over a valid dataset: a task by id, its topic and section, a topic's tasks."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from fenggong.model import Dataset, Department, Section, Task, Topic


@dataclass(frozen=True, eq=False)  # no __eq__: less code generated at each start
class Catalog:
    dataset: Dataset
    tasks: dict[int, Task] = field(init=False)
    topics: dict[int, Topic] = field(init=False)
    sections: dict[int, Section] = field(init=False)
    by_topic: dict[int, list[Task]] = field(init=False)

    def __post_init__(self) -> None:
        # Frozen for callers; filled once here.
        by_topic: dict[int, list[Task]] = defaultdict(list)
        for task in self.dataset.tasks:
            by_topic[task.topic].append(task)
        object.__setattr__(self, "tasks", {t.id: t for t in self.dataset.tasks})
        object.__setattr__(self, "topics", {t.number: t for t in self.dataset.topics})
        object.__setattr__(self, "sections", {s.number: s for s in self.dataset.sections})
        object.__setattr__(self, "by_topic", dict(by_topic))

    @property
    def departments(self) -> dict[str, Department]:
        return self.dataset.departments

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
