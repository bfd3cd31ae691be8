"""The dataset against the official table it was transcribed from, task by task."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest

from fenggong.catalog import Catalog
from fenggong.importing import DraftTask
from fenggong.importing.text_dump import TextDump
from fenggong.model import Dataset
from fenggong.store import loader
from tests.helpers import ROOT

SOURCE = ROOT / "data" / "source" / "000_fa1586bf4b2f0390.txt"
SOURCE_TASKS = TextDump().read(SOURCE).tasks
DATASET = loader.load(ROOT / "data" / "tasks.yaml")
CATALOG = Catalog(DATASET)


def expand(names: Iterable[str]) -> list[str]:
    """A compound cell item such as 团市委等相关委办局 is stored as 团市委 plus the group."""
    out: list[str] = []
    for name in names:
        match = re.fullmatch(r"(.+?)等(相关委办局)", name)
        out.extend([match[1], match[2]] if match else [name])
    return out


def test_the_source_has_111_tasks() -> None:
    assert [t.number for t in SOURCE_TASKS] == list(range(1, 112))
    assert len(DATASET.tasks) == 111


@pytest.mark.parametrize("source", SOURCE_TASKS, ids=lambda t: f"task{t.number}")
def test_task_matches_the_source(source: DraftTask) -> None:
    task = CATALOG.tasks[source.number]
    assert CATALOG.section_of(task).title == source.section.title
    assert CATALOG.topic_of(task).title == source.topic.title
    assert task.text == source.text
    assert list(task.lead) == expand(source.lead)
    assert list(task.support) == expand(source.support)


def test_sections_and_topics_are_those_of_the_table() -> None:
    assert [s.title for s in DATASET.sections] == list(
        dict.fromkeys(t.section.title for t in SOURCE_TASKS)
    )
    assert [t.title for t in DATASET.topics] == list(
        dict.fromkeys(t.topic.title for t in SOURCE_TASKS)
    )


def test_quirks_are_kept_verbatim() -> None:
    assert "制度改革,简化" in CATALOG.tasks[29].text  # the ASCII comma of the source
    assert CATALOG.tasks[33].text.endswith("退出机制。")
    assert "能工巧匠、等高技能人才" in CATALOG.tasks[59].text


def test_the_compound_cell_of_task_81() -> None:
    assert CATALOG.tasks[81].support[-3:] == ("团市委", "相关委办局", "各区")


def test_plan_metadata() -> None:
    plan: Dataset = DATASET
    assert plan.plan.document_number == "沪人社职〔2022〕256号"
    assert plan.plan.date.isoformat() == "2022-09-16"
    assert plan.plan.issuers == ("市人力资源社会保障局", "市教委", "市发展改革委", "市财政局")
    assert plan.plan.period is not None
    assert (plan.plan.period.start, plan.plan.period.end) == (2021, 2025)
