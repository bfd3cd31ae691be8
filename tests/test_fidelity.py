"""The dataset against the official table it was transcribed from, task by task.

The table is read by ``fenggong import``'s own pipeline: what the importer makes of the
source is what the dataset records (the compound cell 团市委等相关委办局 of task 81 as
团市委 plus the group 相关委办局).
"""

from __future__ import annotations

import datetime

import pytest

from fenggong.catalog import Catalog
from fenggong.importing import import_plan
from fenggong.importing.assemble import Settings
from fenggong.model import Task
from fenggong.store import loader
from tests.helpers import ROOT

SOURCE = ROOT / "data" / "source" / "000_fa1586bf4b2f0390.txt"
IMPORTED = import_plan(SOURCE, Settings(today=datetime.date(2026, 1, 1)))
READ = Catalog(IMPORTED.dataset)
DATASET = loader.load(ROOT / "data" / "tasks.yaml")
CATALOG = Catalog(DATASET)


def test_the_source_has_111_tasks_read_whole() -> None:
    assert [t.id for t in READ.dataset.tasks] == list(range(1, 112))
    assert len(DATASET.tasks) == 111
    assert IMPORTED.review.complete


@pytest.mark.parametrize("source", READ.dataset.tasks, ids=lambda t: f"task{t.id}")
def test_task_matches_the_source(source: Task) -> None:
    task = CATALOG.tasks[source.id]
    assert CATALOG.section_of(task).title == READ.section_of(source).title
    assert CATALOG.topic_of(task).title == READ.topic_of(source).title
    assert task.topic == source.topic
    assert task.text == source.text
    assert task.lead == source.lead
    assert task.support == source.support


def test_sections_and_topics_are_those_of_the_table() -> None:
    assert [s.title for s in DATASET.sections] == [s.title for s in READ.dataset.sections]
    assert [t.title for t in DATASET.topics] == [t.title for t in READ.dataset.topics]


def test_quirks_are_kept_verbatim() -> None:
    assert "制度改革,简化" in CATALOG.tasks[29].text  # the ASCII comma of the source
    assert CATALOG.tasks[33].text.endswith("退出机制。")
    assert "能工巧匠、等高技能人才" in CATALOG.tasks[59].text


def test_the_compound_cell_of_task_81() -> None:
    assert CATALOG.tasks[81].support[-3:] == ("团市委", "相关委办局", "各区")
    assert READ.tasks[81].support[-3:] == ("团市委", "相关委办局", "各区")


def test_plan_metadata() -> None:
    plan = DATASET.plan
    assert plan.document_number == "沪人社职〔2022〕256号"
    assert plan.date.isoformat() == "2022-09-16"
    assert plan.issuers == ("市人力资源社会保障局", "市教委", "市发展改革委", "市财政局")
    assert plan.period is not None
    assert (plan.period.start, plan.period.end) == (2021, 2025)
    assert READ.dataset.plan.period == plan.period
