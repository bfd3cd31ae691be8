"""What the bundled dataset says beyond the table's cells: registry, groups and targets."""

from __future__ import annotations

from fenggong.model import DeptKind
from fenggong.store import loader
from tests.helpers import ROOT

DATASET = loader.load(ROOT / "data" / "tasks.yaml")
DISTRICTS = [
    "浦东新区", "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区",
    "闵行区", "宝山区", "嘉定区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区",
]  # fmt: skip


def test_every_named_body_is_registered_with_its_full_name() -> None:
    named = {n for t in DATASET.tasks for n in (*t.lead, *t.support)}
    assert named <= set(DATASET.departments)
    depts = DATASET.departments
    assert depts["市人力资源社会保障局"].full_name == "上海市人力资源和社会保障局"
    assert depts["市教委"].full_name == "上海市教育委员会"
    assert depts["团市委"].full_name == "共青团上海市委员会"
    assert "市发改委" in depts["市发展改革委"].aliases
    assert "人社局" in depts["市人力资源社会保障局"].aliases


def test_the_16_districts_and_the_groups() -> None:
    depts = DATASET.departments
    assert [k for k, d in depts.items() if d.kind is DeptKind.DISTRICT] == DISTRICTS
    assert depts["各区"].members == tuple(DISTRICTS)
    for group in ("相关区", "有关区"):
        assert depts[group].members is None
        assert depts[group].scope == (DeptKind.DISTRICT,)
    assert DeptKind.MUNICIPAL in (depts["各相关委办局"].scope or ())


def test_kinds_of_body() -> None:
    depts = DATASET.departments
    assert depts["市委组织部"].kind is DeptKind.PARTY
    assert {depts[n].kind for n in ("市总工会", "团市委", "市妇联", "市残联")} == {DeptKind.MASS}


def test_quantified_targets() -> None:
    targets = {
        (t.id, g.metric): (g.value, g.unit, g.quantity, g.qualifier)
        for t in DATASET.tasks
        for g in t.targets
        if not g.qualitative
    }
    assert targets[(1, "全市补贴性职业技能培训")] == (500, "万人次", 5_000_000, ("力争",))
    assert targets[(1, "农民工职业技能培训")] == (200, "万人次", 2_000_000, ("力争",))
    assert targets[(2, "建设新型技师学院")] == (20, "所", 20, ())
    assert targets[(4, "新增高技能人才")] == (20, "万人", 200_000, ("以上",))
    assert targets[(27, "建设示范性培养基地")] == (80, "家", 80, ())
    assert targets[(47, "开展企业新型学徒制培训")] == (6, "万人次", 60_000, ("力争",))
    metric = "职业学校毕业学年学生可参加相应职业技能等级认定的专业覆盖率"
    assert targets[(73, metric)] == (80, "%", 0.8, ("力争", "达"))
    assert len(targets) == 7


def test_qualitative_goals() -> None:
    qualitative = [t.id for t in DATASET.tasks for g in t.targets if g.qualitative]
    assert qualitative == [3, 5, 6]
