"""Group semantics: 各区 reaches every district, 相关区 and 各相关委办局 possibly."""

from __future__ import annotations

import msgspec

from fenggong.matching import How, Match, Matcher, Role
from tests.helpers import CATALOG

MATCHER = Matcher(CATALOG.departments)
TASKS = CATALOG.tasks


def test_direct() -> None:
    assert MATCHER.match(TASKS[3], "市教委", Role.LEAD) == Match("市教委", Role.LEAD, How.DIRECT)


def test_a_district_is_reached_through_each_district_group() -> None:
    assert MATCHER.match(TASKS[1], "浦东新区", Role.SUPPORT) == Match(
        "浦东新区", Role.SUPPORT, How.GROUP, "各区"
    )


def test_related_districts_are_possibly_concerned() -> None:
    assert MATCHER.match(TASKS[66], "浦东新区", Role.SUPPORT) == Match(
        "浦东新区", Role.SUPPORT, How.POSSIBLE, "相关区"
    )
    assert MATCHER.match(TASKS[110], "徐汇区", Role.SUPPORT) == Match(
        "徐汇区", Role.SUPPORT, How.POSSIBLE, "有关区"
    )


def test_municipal_bodies_are_possibly_concerned_by_the_commissions_group() -> None:
    assert MATCHER.match(TASKS[96], "市教委", Role.LEAD) == Match(
        "市教委", Role.LEAD, How.POSSIBLE, "各相关委办局"
    )
    # A district is not a 委办局.
    assert MATCHER.match(TASKS[96], "浦东新区", Role.LEAD) is None


def test_the_strongest_match_wins() -> None:
    # Task 102: 黄浦区 leads by name and is also among 各区 in support.
    assert MATCHER.matches(TASKS[102], "黄浦区") == [
        Match("黄浦区", Role.LEAD, How.DIRECT),
        Match("黄浦区", Role.SUPPORT, How.GROUP, "各区"),
    ]
    # Task 81: 市总工会 is named, and 相关委办局 would only possibly reach it.
    assert MATCHER.match(TASKS[81], "市总工会", Role.SUPPORT) == Match(
        "市总工会", Role.SUPPORT, How.DIRECT
    )


def test_the_strongest_match_names_the_group() -> None:
    assert MATCHER.match(TASKS[1], "浦东新区", Role.SUPPORT) == Match(
        "浦东新区", Role.SUPPORT, How.GROUP, "各区"
    )


def test_a_group_matches_itself_only() -> None:
    assert MATCHER.match(TASKS[1], "各区", Role.SUPPORT) == Match("各区", Role.SUPPORT, How.DIRECT)
    assert MATCHER.match(TASKS[66], "各区", Role.SUPPORT) is None


def test_descriptions() -> None:
    assert Match("x", Role.LEAD, How.DIRECT).describe() == "牵头·直接"
    assert Match("x", Role.SUPPORT, How.GROUP, "各区").describe() == "配合·经由各区"
    assert Match("x", Role.LEAD, How.POSSIBLE, "相关区").describe() == "牵头·可能(相关区)"


def test_each_body_is_asked_only_about_the_tasks_that_may_concern_it() -> None:
    # A width or space variant in a cell (FG103) reaches the body it stands for.
    spaced = msgspec.structs.replace(TASKS[3], lead=tuple(f"{n}\u3000" for n in TASKS[3].lead))
    tasks = [*TASKS.values(), spaced]
    matcher = Matcher(CATALOG.departments)
    concerned = matcher.concerning(tasks)
    assert set(concerned) == set(CATALOG.departments)
    for body in CATALOG.departments:
        involved = [p for p, task in enumerate(tasks) if matcher.involvement(task, body)]
        asked = concerned[body]
        assert asked == sorted(set(asked))
        assert [p for p in asked if matcher.involvement(tasks[p], body)] == involved
    assert len(tasks) - 1 in concerned["市教委"]
