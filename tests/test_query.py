"""Filters and their combinations, section/topic resolution and id ranges."""

from __future__ import annotations

import pytest

from fenggong.errors import LookupFailedError
from fenggong.matching import How
from fenggong.query.select import (
    Filters,
    describe,
    parse_ids,
    resolve_section,
    resolve_topic,
    select,
)
from tests.helpers import CATALOG


def ids(filters: Filters) -> list[int]:
    return [hit.task.id for hit in select(CATALOG, filters)]


def test_no_filter_lists_everything() -> None:
    assert ids(Filters()) == list(range(1, 112))


def test_lead_includes_possible_matches_unless_direct() -> None:
    assert ids(Filters(lead=("市教委",))) == [3, 11, 22, 23, 24, 44, 48, 50, 51, 52, 58, 96, 111]
    assert ids(Filters(lead=("市教委",), how=(How.DIRECT,))) == [
        3,
        11,
        22,
        23,
        24,
        44,
        48,
        50,
        51,
        52,
        58,
    ]


def test_support() -> None:
    assert ids(Filters(support=("市财政局",), how=(How.DIRECT,))) == [
        7,
        81,
        82,
        84,
        95,
        98,
        99,
        100,
    ]


def test_repeated_values_are_or() -> None:
    assert ids(Filters(lead=("市残联", "市妇联"), how=(How.DIRECT,))) == [14, 15]
    # Without --direct, both are also possibly among 各相关委办局 (tasks 96 and 111).
    assert ids(Filters(lead=("市残联", "市妇联"))) == [14, 15, 96, 111]


def test_different_filters_are_and() -> None:
    assert ids(Filters(lead=("市人力资源社会保障局",), support=("市教委",), how=(How.DIRECT,))) == [
        2, 7, 8, 25, 28, 41, 61, 73, 81, 82, 84, 95, 110,
    ]  # fmt: skip
    assert ids(Filters(lead=("市教委",), sections=(5,))) == [48, 50, 51, 52]


def test_dept_is_either_role() -> None:
    assert ids(Filters(dept=("市委组织部",))) == [2, 6, 26, 39, 81, 90, 96, 111]
    assert ids(Filters(dept=("市委组织部",), how=(How.DIRECT,))) == [39, 90]


def test_district_through_groups() -> None:
    pudong = ids(Filters(dept=("浦东新区",)))
    assert 1 in pudong and 66 in pudong and 97 in pudong
    assert ids(Filters(dept=("浦东新区",), how=(How.DIRECT,))) == []
    assert ids(Filters(lead=("浦东新区",), how=(How.GROUP,))) == [97, 106, 111]
    assert ids(Filters(dept=("浦东新区",), how=(How.POSSIBLE,))) == [66, 110]
    assert ids(Filters(lead=("黄浦区",), how=(How.DIRECT,))) == [102]
    hits = select(CATALOG, Filters(dept=("浦东新区",), sections=(9,)))
    assert [(h.task.id, [m.describe() for m in h.matches]) for h in hits][:3] == [
        (97, ["牵头·经由各区"]),
        (101, ["配合·经由各区"]),
        (102, ["配合·经由各区"]),
    ]


def test_grep_all_terms_must_match_forgivingly() -> None:
    assert ids(Filters(grep=("数字技能",))) == [17, 45, 46]
    assert ids(Filters(grep=("数字技能", "竞赛"))) == [46]
    assert ids(Filters(grep=("互联网＋",))) == []  # NFKC: ＋ is +, but 53's text has no 互联网+
    assert ids(Filters(grep=("“制度＋科技”",))) == [104]


def test_has_target() -> None:
    assert ids(Filters(has_target=True)) == [1, 2, 4, 27, 47, 73]


@pytest.mark.parametrize(
    ("typed", "number"),
    [("3", 3), ("三", 3), ("三、", 3), ("供给能力", 3), ("保障措施", 9), ("（九）", 9)],
)
def test_resolve_section(typed: str, number: int) -> None:
    assert resolve_section(CATALOG, typed) == number


@pytest.mark.parametrize(("typed", "number"), [("19", 19), ("十九", 19), ("数字技能", 19)])
def test_resolve_topic(typed: str, number: int) -> None:
    assert resolve_topic(CATALOG, typed) == number


def test_section_errors() -> None:
    with pytest.raises(LookupFailedError, match=r"no section 10") as caught:
        resolve_section(CATALOG, "10")
    assert caught.value.hint == "sections are numbered 1–9"
    with pytest.raises(LookupFailedError, match="section 保 is ambiguous"):
        resolve_section(CATALOG, "保")
    with pytest.raises(LookupFailedError, match="no section matches 火星"):
        resolve_section(CATALOG, "火星")


def test_parse_ids() -> None:
    assert parse_ids(["47"], CATALOG) == [47]
    assert parse_ids(["1,4-6", "5", "9"], CATALOG) == [1, 4, 5, 6, 9]
    assert parse_ids(["110–111"], CATALOG) == [110, 111]


@pytest.mark.parametrize(
    ("spec", "message"),
    [("112", "no task 112"), ("0", "no task 0"), ("abc", "abc is not a task id or range"),
     ("9-3", "range 9-3 runs backwards")],
)  # fmt: skip
def test_parse_ids_errors(spec: str, message: str) -> None:
    with pytest.raises(LookupFailedError) as caught:
        parse_ids([spec], CATALOG)
    assert caught.value.message == message


@pytest.mark.usefixtures("chinese")
def test_describe() -> None:
    filters = Filters(
        lead=("市教委",), sections=(3,), grep=("实训",), has_target=True, how=(How.DIRECT,)
    )
    assert describe(filters, CATALOG) == (
        "牵头部门 市教委 · 板块 三、提升职业技能培训供给能力 · 含 “实训” · 有量化目标 · 仅直接"
    )
    assert describe(Filters(), CATALOG) == "全部任务"
    either = Filters(dept=("浦东新区",), how=(How.POSSIBLE, How.GROUP))
    assert describe(either, CATALOG) == "部门 浦东新区 · 仅经由统称或可能涉及"


def test_describe_in_english() -> None:
    filters = Filters(
        lead=("市教委", "市财政局"), sections=(3,), grep=("实训", "数字"), has_target=True
    )
    assert describe(filters, CATALOG) == (
        "Led by 市教委 or 市财政局 · section 三、提升职业技能培训供给能力 · "
        "containing “实训” and “数字” · with a quantified target"
    )
    assert describe(Filters(), CATALOG) == "All tasks"
    either = Filters(dept=("浦东新区",), how=(How.POSSIBLE, How.GROUP))
    assert (
        describe(either, CATALOG) == "Department 浦东新区 · only via groups or possibly concerned"
    )
