"""The bodies an import names: kinds guessed, registry names found, script folded."""

from __future__ import annotations

import pytest

from fenggong.importing.bodies import Registry, group_scope, guess_kind, is_group
from fenggong.model import Department, DeptKind
from fenggong.resolve import simplified


@pytest.mark.parametrize(
    ("name", "national", "kind"),
    [
        ("人力资源社会保障部", True, DeptKind.NATIONAL),
        ("各省级人民政府", True, DeptKind.GROUP),
        ("试点城市政府", True, DeptKind.GOVERNMENT),
        ("全国总工会", True, DeptKind.MASS),
        ("中央组织部", True, DeptKind.PARTY),
        ("市教委", False, DeptKind.MUNICIPAL),
        ("市委组织部", False, DeptKind.PARTY),
        ("团市委", False, DeptKind.MASS),
        ("浦东新区", False, DeptKind.DISTRICT),
        ("各区", False, DeptKind.GROUP),
        ("有关单位", False, DeptKind.GROUP),
        ("各项目牵头单位", False, DeptKind.GROUP),
    ],
)
def test_kind_guessed_from_the_name(name: str, national: bool, kind: DeptKind) -> None:
    assert guess_kind(name, national) is kind


def test_groups_and_their_scope() -> None:
    assert is_group("各县(市、区)人民政府")
    assert not is_group("市交通委（市道运局）")
    assert group_scope("各省级人民政府", set()) == (DeptKind.GOVERNMENT,)
    assert group_scope("各区", set()) == (DeptKind.DISTRICT,)
    kinds = {DeptKind.NATIONAL, DeptKind.GROUP}
    assert group_scope("有关部门和单位", kinds) == (DeptKind.NATIONAL,)


def test_traditional_script_is_folded() -> None:
    assert simplified("人力資源社會保障部") == "人力资源社会保障部"
    assert simplified("市教委") == "市教委"


def test_registry_finds_aliases_and_width_variants() -> None:
    registry = Registry(
        {
            "市人力资源社会保障局": Department(
                full_name="上海市人力资源和社会保障局",
                kind=DeptKind.MUNICIPAL,
                aliases=("市人社局",),
            ),
            "市教委": Department(full_name="上海市教育委员会", kind=DeptKind.MUNICIPAL),
        }
    )
    assert registry.find("市人社局") == "市人力资源社会保障局"
    assert registry.find("市 教委") == "市教委"
    assert registry.find("市科委") is None
    assert registry.closest("市教育委") == ("市教委",)
