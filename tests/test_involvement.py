"""One classification of how a body takes part in a task, and every consumer agrees on it."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from fenggong.exporting import Bundle, ExportFormat, export
from fenggong.matching import Bucket, Matcher
from fenggong.query.counts import workload
from fenggong.query.select import Filters, select
from fenggong.views.departments import dept_sheet
from tests.helpers import CATALOG

MATCHER = Matcher(CATALOG.departments)


def _buckets(key: str) -> Counter[Bucket]:
    return Counter(i.bucket for i in MATCHER.involvements(CATALOG.dataset.tasks, key))


def test_the_buckets_of_known_bodies() -> None:
    assert _buckets("市教委") == {Bucket.LEAD: 11, Bucket.SUPPORT: 14, Bucket.POSSIBLE: 4}
    assert _buckets("浦东新区") == {Bucket.GROUP: 35, Bucket.POSSIBLE: 2}
    assert _buckets("各区") == {Bucket.LEAD: 3, Bucket.SUPPORT: 32}


def test_a_task_that_names_a_body_twice_over_files_it_once() -> None:
    task = CATALOG.tasks[1]  # lead 市人力资源社会保障局, support 各区
    involvement = MATCHER.involvement(task, "浦东新区")
    assert involvement is not None
    assert (involvement.bucket, involvement.how.label) == (Bucket.GROUP, "group")
    assert MATCHER.involvement(task, "市教委") is None


@pytest.mark.slow  # every body's workload, once per body: a second in all
@pytest.mark.parametrize("key", list(CATALOG.departments))
def test_counts_and_the_responsibility_list_agree(key: str) -> None:
    load = next(x for x in workload(CATALOG) if x.department == key)
    buckets = _buckets(key)
    assert (load.lead, load.support, load.via_group, load.possible) == (
        buckets[Bucket.LEAD],
        buckets[Bucket.SUPPORT],
        buckets[Bucket.GROUP],
        buckets[Bucket.POSSIBLE],
    )
    sheet = dept_sheet(CATALOG, key).payload
    assert len(sheet.lead) == load.lead
    assert len(sheet.support) == load.support
    # The 责任清单 files what reaches a body through any group under one heading.
    assert len(sheet.via_group) == load.via_group + load.possible


def _bundle() -> Bundle:
    filters = Filters()
    return Bundle(CATALOG, tuple(select(CATALOG, filters)), filters)


def test_the_database_holds_the_same_classification(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    path.write_bytes(export(_bundle(), ExportFormat.SQLITE))
    db = sqlite3.connect(path)
    rows = db.execute("SELECT department, bucket, COUNT(*) FROM involvement GROUP BY 1, 2")
    stored = {(d, b): n for d, b, n in rows}
    expected = {
        (key, str(bucket)): n for key in CATALOG.departments for bucket, n in _buckets(key).items()
    }
    assert stored == expected
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_web_page_holds_the_same_classification() -> None:
    page = export(_bundle(), ExportFormat.HTML).decode()
    block = re.search(r'<script type="application/json" id="fg-data">(.*?)</script>', page, re.S)
    assert block is not None
    reach = json.loads(block[1])["departments"]
    for key in CATALOG.departments:
        expected = {
            str(i.task.id): i.how.label for i in MATCHER.involvements(CATALOG.dataset.tasks, key)
        }
        assert reach[key]["reach"] == expected
