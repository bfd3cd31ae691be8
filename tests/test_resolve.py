"""Department resolution: names, full names, aliases, width, prefixes and pinyin."""

from __future__ import annotations

import pytest

from fenggong.errors import LookupFailedError
from fenggong.resolve import Resolver
from tests.helpers import CATALOG

RESOLVER = Resolver(CATALOG.departments)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("市教委", "市教委"),
        ("上海市教育委员会", "市教委"),
        ("教委", "市教委"),
        ("上海市教委", "市教委"),
        (" 市　教委 ", "市教委"),  # full-width space and padding
        ("ＳＪＷ", "市教委"),  # full-width Latin letters
        ("sjw", "市教委"),
        ("shijiaowei", "市教委"),
        ("rsj", "市人力资源社会保障局"),  # via its alias 人社局
        ("市人社局", "市人力资源社会保障局"),
        ("上海市人力资源和社会保障局", "市人力资源社会保障局"),
        ("市发改委", "市发展改革委"),
        ("共青团上海市委员会", "团市委"),
        ("中共上海市委组织部", "市委组织部"),
        ("浦东", "浦东新区"),
        ("上海市浦东新区", "浦东新区"),
        ("cnq", "长宁区"),  # 长 read cháng, not zhǎng
        ("mhq", "闵行区"),  # 行 read háng
        ("各区", "各区"),
    ],
)
def test_resolves(typed: str, name: str) -> None:
    assert RESOLVER.resolve(typed) == name


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(LookupFailedError) as caught:
        RESOLVER.resolve("市教育委")
    assert caught.value.message == "unknown department 市教育委"
    assert caught.value.hint == "did you mean 市教委? (fenggong depts lists every body)"
    assert caught.value.exit_code == 2


def test_unknown_letters() -> None:
    with pytest.raises(LookupFailedError) as caught:
        RESOLVER.resolve("xyzzy")
    assert caught.value.hint == "fenggong depts lists every body"


def test_candidates_of_an_abbreviation() -> None:
    assert RESOLVER.candidates("sj") == ["松江区"]  # via its alias 松江
    assert RESOLVER.candidates("jsq") == ["金山区"]


def test_ambiguity_is_an_error_that_lists_the_candidates() -> None:
    from fenggong.model import Department, DeptKind

    registry = {
        "市教委": Department(full_name="上海市教育委员会", kind=DeptKind.MUNICIPAL),
        "市交委": Department(full_name="上海市交通委员会", kind=DeptKind.MUNICIPAL),
    }
    with pytest.raises(LookupFailedError) as caught:
        Resolver(registry).resolve("sjw")
    assert caught.value.message == "sjw is ambiguous: it may mean 市教委 or 市交委"
