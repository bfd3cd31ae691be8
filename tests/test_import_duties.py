"""The duty clause parser: every form of issue 16 §1 c–e, and the national samples' counts."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from fenggong.importing.duties import Duty, DutyBody, names, parse_duty, split_top

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "import-samples"

# clause → {role: names} in the clause's order, and the raw verb of each role.
CLAUSES: list[tuple[str, dict[str, tuple[str, ...]], dict[str, str]]] = [
    (
        "（牵头单位：市人社局；配合单位：市财政局）",
        {"lead": ("市人社局",), "support": ("市财政局",)},
        {"lead": "牵头单位", "support": "配合单位"},
    ),
    (
        "（牵头单位：市人社局，配合单位：市财政局、市教委，各区、县级市）",
        {"lead": ("市人社局",), "support": ("市财政局", "市教委", "各区", "县级市")},
        {"lead": "牵头单位", "support": "配合单位"},
    ),
    (
        "（市人社局牵头，市财政局配合）",
        {"lead": ("市人社局",), "support": ("市财政局",)},
        {"lead": "牵头", "support": "配合"},
    ),
    (
        "（生态环境部牵头，国家发展改革委、国家统计局参与）",
        {"lead": ("生态环境部",), "support": ("国家发展改革委", "国家统计局")},
        {"lead": "牵头", "support": "参与"},
    ),
    (
        "（财政部、工业和信息化部负责）",
        {"responsible": ("财政部", "工业和信息化部")},
        {"responsible": "负责"},
    ),
    (
        "（市发展改革委牵头，各有关部门按职责分工负责）",
        {"lead": ("市发展改革委",), "responsible": ("各有关部门",)},
        {"lead": "牵头", "responsible": "按职责分工负责"},
    ),
    (
        "（负责部门：人力资源社会保障部、住房城乡建设部；适用范围：所有自贸试验区）",
        {"responsible": ("人力资源社会保障部", "住房城乡建设部")},
        {"responsible": "负责部门"},
    ),
    (
        "（国务院各部门分别负责，年内持续推进）",
        {"responsible": ("国务院各部门",)},
        {"responsible": "分别负责"},
    ),
    (
        "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）",
        {"guide": ("生态环境部",), "implement": ("试点城市政府",)},
        {"guide": "指导", "implement": "负责落实"},
    ),
    (
        "责任单位：市委组织部、市科技局。",
        {"responsible": ("市委组织部", "市科技局")},
        {"responsible": "责任单位"},
    ),
    (
        "（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）",
        {"responsible": ("人力资源社会保障部", "财政部")},
        {"responsible": "负责"},
    ),
    (
        "（人力资源社会保障部、科技部，各省级人民政府按职责分工负责）",
        {"responsible": ("人力资源社会保障部", "科技部", "各省级人民政府")},
        {"responsible": "按职责分工负责"},
    ),
    (
        "（人力资源社会保障部等有关部门和单位负责）",
        {"responsible": ("人力资源社会保障部",)},
        {"responsible": "负责"},
    ),
    (
        "（商务部指导，供销合作总社参与）",
        {"guide": ("商务部",), "support": ("供销合作总社",)},
        {"guide": "指导", "support": "参与"},
    ),
    (
        "（市统计局汇总，各区负责落实）",
        {"summarize": ("市统计局",), "implement": ("各区",)},
        {"summarize": "汇总", "implement": "负责落实"},
    ),
    (
        "（牵头单位：市交通委（市道运局）、各县(市、区)人民政府）",
        {"lead": ("市交通委（市道运局）", "各县(市、区)人民政府")},
        {"lead": "牵头单位"},
    ),
    (
        "(牵头单位:市人社局;配合单位:市财政局)",
        {"lead": ("市人社局",), "support": ("市财政局",)},
        {"lead": "牵头单位", "support": "配合单位"},
    ),
]


@pytest.mark.parametrize(("clause", "roles", "verbs"), CLAUSES, ids=[c[0] for c in CLAUSES])
def test_bodies_roles_and_verbs(
    clause: str, roles: dict[str, tuple[str, ...]], verbs: dict[str, str]
) -> None:
    duty = parse_duty(clause)
    assert duty is not None
    assert duty.raw == clause
    found = {body.role for body in duty.bodies}
    assert found == set(roles)
    for role, listed in roles.items():
        assert duty.named(role) == listed  # type: ignore[arg-type]
        assert {b.verb for b in duty.bodies if b.role == role} == {verbs[role]}
    assert duty.unread == ()


@pytest.mark.parametrize(
    ("clause", "scope", "deadline"),
    [
        (
            "（负责部门：人力资源社会保障部；适用范围：所有自贸试验区，以下除标注外均为所有自贸试验区）",
            "所有自贸试验区，以下除标注外均为所有自贸试验区",
            None,
        ),
        ("（负责部门：海关总署，适用范围：福建自贸试验区）", "福建自贸试验区", None),
        ("（国务院各部门分别负责，年内持续推进）", None, "年内持续推进"),
        ("（牵头单位：市人社局；完成时限：2022年10月底前）", None, "2022年10月底前"),
        ("（市人社局牵头，2023年6月底前完成）", None, "2023年6月底前完成"),
        ("（市人社局牵头，市财政局配合）", None, None),
    ],
)
def test_scope_and_deadline(clause: str, scope: str | None, deadline: str | None) -> None:
    duty = parse_duty(clause)
    assert duty is not None
    assert (duty.scope, duty.deadline) == (scope, deadline)


def test_first_listed_lead_rule() -> None:
    duty = parse_duty("（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）")
    assert duty is not None and duty.lead_rule is not None
    assert (duty.lead_rule.rule, duty.lead_rule.raw) == (
        "first-listed",
        "列第一位者为牵头单位，下同",
    )


@pytest.mark.parametrize(
    ("clause", "rule", "raw", "bodies"),
    [
        (
            "（无牵头单位的，责任单位即为牵头单位）",
            "all-lead",
            "无牵头单位的，责任单位即为牵头单位",
            (),
        ),
        (
            "（市人社局、市财政局负责。无牵头单位的，责任单位即为牵头单位，下同）",
            "all-lead",
            "无牵头单位的，责任单位即为牵头单位，下同",
            ("市人社局", "市财政局"),
        ),
        (
            "（教育部、财政部负责，列第一位的为牵头单位）",
            "first-listed",
            "列第一位的为牵头单位",
            ("教育部", "财政部"),
        ),
    ],
)
def test_lead_rule_statements(clause: str, rule: str, raw: str, bodies: tuple[str, ...]) -> None:
    duty = parse_duty(clause)
    assert duty is not None and duty.lead_rule is not None
    assert (duty.lead_rule.rule, duty.lead_rule.raw) == (rule, raw)
    assert tuple(body.name for body in duty.bodies) == bodies
    assert duty.unread == ()


def test_two_parentheticals_are_not_unwrapped_as_one() -> None:
    duty = parse_duty("（市人社局牵头）（市财政局配合）")
    assert duty is not None
    assert (duty.bodies, duty.unread) == ((), ("（市人社局牵头）（市财政局配合）",))


def test_inheritance() -> None:
    duty = parse_duty(
        "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）"
    )
    assert duty is not None and duty.inherit is not None
    assert duty.inherit.raw == "以下均需试点城市政府落实，不再列出"
    assert duty.inherit.bodies == (DutyBody("试点城市政府", "试点城市政府", "落实", "implement"),)


def test_trailing_etc_kept_raw() -> None:
    duty = parse_duty("（财政部、人力资源社会保障部、民政部等有关部门和单位按职责分工负责）")
    assert duty is not None
    assert duty.bodies[-1] == DutyBody(
        "民政部", "民政部等有关部门和单位", "按职责分工负责", "responsible", False, "有关部门和单位"
    )
    assert names("人民银行等", "负责部门", "responsible")[0].others == ""


def test_deng_inside_a_name_is_not_etc() -> None:
    (body,) = names("市属高等学校", "配合", "support")
    assert (body.name, body.others) == ("市属高等学校", None)


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("各区", True),
        ("各有关部门", True),
        ("国务院各部门", True),
        ("各省级人民政府", True),
        ("相关区", True),
        ("市人社局", False),
        ("试点城市政府", False),
    ],
)
def test_groups(name: str, group: bool) -> None:
    assert names(name, "配合", "support")[0].group is group


@pytest.mark.parametrize(
    "clause", ["（一）", "（PPP）", "（此件公开发布）", "（含中央在沪单位）", ""]
)
def test_not_a_duty(clause: str) -> None:
    assert parse_duty(clause) is None


def test_unread_pieces_are_kept() -> None:
    duty = parse_duty("（市人社局牵头，另行通知）")
    assert duty is not None
    assert duty.named("lead") == ("市人社局",)
    assert duty.unread == ("另行通知",)


def test_split_top_keeps_brackets_whole() -> None:
    assert split_top("各县(市、区)人民政府、市交通委（市道运局、市路政局）", "、") == [
        "各县(市、区)人民政府",
        "市交通委（市道运局、市路政局）",
    ]


# One level of brackets inside a parenthetical: （牵头单位：市交通委（市道运局））.
_PARENTHETICAL = re.compile("（[^（）]*(?:（[^（）]*）[^（）]*)*）")


def _sample_duties(prefix: str) -> list[Duty]:
    """The duty parentheticals of a national sample, its HTML stripped; skip if absent."""
    files = sorted(SAMPLES.glob(f"{prefix}-*.txt"))
    if not files:
        pytest.skip(f"no sample {prefix} in {SAMPLES}")
    body = files[0].read_text(encoding="utf-8").split("\n", 1)[1]
    text = html.unescape(re.sub("<[^>]+>", "", body)).replace('\\"', '"')
    duties = [parse_duty(clause) for clause in _PARENTHETICAL.findall(text)]
    return [duty for duty in duties if duty is not None]


def test_sample_08_fuze_bumen_with_scope() -> None:
    duties = _sample_duties("08")
    assert len(duties) == 53
    assert sum(duty.scope is not None for duty in duties) == 15
    assert {(b.verb, b.role) for d in duties for b in d.bodies} == {("负责部门", "responsible")}
    assert all(duty.unread == () and duty.bodies for duty in duties)
    assert duties[0].scope is not None and duties[0].scope.startswith("所有自贸试验区，以下")


def test_sample_09_first_listed_rule_stated_once() -> None:
    duties = _sample_duties("09")
    assert len(duties) == 15
    assert [duty.lead_rule is not None for duty in duties] == [True] + [False] * 14
    first = duties[0]
    assert first.lead_rule is not None and first.lead_rule.rule == "first-listed"
    assert first.named("responsible") == ("人力资源社会保障部", "财政部")
    assert duties[3].named("responsible")[-1] == "各省级人民政府"
    assert all(duty.unread == () for duty in duties)


def test_sample_10_verbs_and_inheritance() -> None:
    duties = _sample_duties("10")
    assert len(duties) == 37
    assert {b.verb for d in duties for b in d.bodies} == {
        "牵头",
        "参与",
        "指导",
        "负责",
        "负责落实",
    }
    inherited = [duty.inherit for duty in duties if duty.inherit is not None]
    assert [tuple(b.name for b in i.bodies) for i in inherited] == [("试点城市政府",)]
    assert all(duty.unread == () for duty in duties)
