"""One classification of how a body takes part in a task, and every consumer agrees on it."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from pathlib import Path

import msgspec
import pytest

from fenggong.exporting import Bundle, ExportFormat, export
from fenggong.matching import Bucket, How, Matcher
from fenggong.query.counts import matrix, workload
from fenggong.query.select import Filters, select
from fenggong.views.departments import dept_sheet
from tests.helpers import CATALOG

MATCHER = Matcher(CATALOG.departments)


def _buckets(key: str) -> Counter[Bucket]:
    return Counter(i.bucket for i in MATCHER.involvements(CATALOG.dataset.tasks, key))


def test_the_buckets_of_known_bodies() -> None:
    assert _buckets("市教委") == {Bucket.LEAD: 11, Bucket.SUPPORT: 14, Bucket.POSSIBLE: 4}
    # A district takes 各区's role: it leads 97, 106 and 111 through 各区.
    assert _buckets("浦东新区") == {Bucket.LEAD: 3, Bucket.SUPPORT: 32, Bucket.POSSIBLE: 2}
    assert _buckets("各区") == {Bucket.LEAD: 3, Bucket.SUPPORT: 32}
    # 黄浦区 is named once as a lead (task 102) besides what 各区 gives it.
    assert _buckets("黄浦区") == {Bucket.LEAD: 4, Bucket.SUPPORT: 31, Bucket.POSSIBLE: 2}


def test_a_district_leads_what_its_group_leads() -> None:
    leads = [
        i.task.id
        for i in MATCHER.involvements(CATALOG.dataset.tasks, "浦东新区")
        if i.bucket is Bucket.LEAD
    ]
    assert leads == [97, 106, 111]
    involvement = MATCHER.involvement(CATALOG.tasks[97], "浦东新区")
    assert involvement is not None
    assert (involvement.how.label, involvement.deciding.via) == ("group", "各区")


def test_a_lead_through_a_group_outranks_a_support_named_in_the_cell() -> None:
    task = msgspec.structs.replace(CATALOG.tasks[97], support=("浦东新区",))
    involvement = MATCHER.involvement(task, "浦东新区")
    assert involvement is not None
    assert (involvement.bucket, involvement.how.label) == (Bucket.LEAD, "group")


def test_a_possible_match_decides_only_when_nothing_firmer_reaches() -> None:
    task = msgspec.structs.replace(CATALOG.tasks[66], lead=("相关区",), support=("徐汇区",))
    involvement = MATCHER.involvement(task, "徐汇区")
    assert involvement is not None
    assert (involvement.bucket, involvement.how.label) == (Bucket.SUPPORT, "direct")
    alone = MATCHER.involvement(CATALOG.tasks[66], "徐汇区")
    assert alone is not None
    assert (alone.bucket, alone.how.label, alone.deciding.via) == (
        Bucket.POSSIBLE,
        "possible",
        "相关区",
    )


def test_a_task_that_names_a_body_twice_over_files_it_once() -> None:
    task = CATALOG.tasks[1]  # lead 市人力资源社会保障局, support 各区
    involvement = MATCHER.involvement(task, "浦东新区")
    assert involvement is not None
    assert (involvement.bucket, involvement.how.label) == (Bucket.SUPPORT, "group")
    assert MATCHER.involvement(task, "市教委") is None


@pytest.mark.slow  # every body's workload, once per body: a second in all
@pytest.mark.parametrize("key", list(CATALOG.departments))
def test_counts_and_the_responsibility_list_agree(key: str) -> None:
    load = next(x for x in workload(CATALOG) if x.department == key)
    buckets = _buckets(key)
    involvements = MATCHER.involvements(CATALOG.dataset.tasks, key)
    assert (load.lead, load.support, load.via_group, load.possible) == (
        buckets[Bucket.LEAD],
        buckets[Bucket.SUPPORT],
        sum(i.how is How.GROUP for i in involvements),
        buckets[Bucket.POSSIBLE],
    )
    sheet = dept_sheet(CATALOG, key).payload
    assert [len(sheet.lead), len(sheet.support), len(sheet.possible)] == [
        load.lead,
        load.support,
        load.possible,
    ]
    row = matrix(CATALOG).get(key, {})
    assert sum(cell[0] for cell in row.values()) == load.lead
    assert sum(cell[1] for cell in row.values()) == load.support


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
