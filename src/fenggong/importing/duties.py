"""The duty clause of one item — （X牵头，Y配合） and its kin — read into bodies and roles.

A 分工方案 says who does an item in a parenthetical or a trailing sentence, in many forms:
labelled (牵头单位：X；配合单位：Y), with verbs (X牵头，Y参与; X、Y负责), with a scope, a
deadline, the plan's lead rule or an "以下均需X落实" inside it. ``parse_duty`` reads one
clause; every string it returns is a slice of the clause as written, so a review can quote
it. Roles are read, not resolved: 负责 stays ``responsible`` until the plan's lead rule
(first-listed, all-lead) is applied to the whole plan.
"""

from __future__ import annotations

import re
from typing import Literal

import msgspec

from fenggong.resolve import simplified

Role = Literal["lead", "support", "guide", "implement", "summarize", "responsible"]
LeadRule = Literal["first-listed", "all-lead"]

# Longest first: a part ending in 负责落实 is implement, not responsible.
VERBS: tuple[tuple[str, Role], ...] = (
    ("按职责分工负责", "responsible"),
    ("按职责分工落实", "implement"),
    ("按职责负责", "responsible"),
    ("分工负责", "responsible"),
    ("分别负责", "responsible"),
    ("共同负责", "responsible"),
    ("负责落实", "implement"),
    ("牵头负责", "lead"),
    ("分别牵头", "lead"),
    ("共同牵头", "lead"),
    ("牵头", "lead"),
    ("配合", "support"),
    ("协同", "support"),
    ("协助", "support"),
    ("参与", "support"),
    ("指导", "guide"),
    ("汇总", "summarize"),
    ("落实", "implement"),
    ("负责", "responsible"),
)
_ROLE_OF = dict(VERBS)

# A label names a role (牵头单位：…) or a field of the clause (适用范围：…).
_LABELS: dict[str, Role | Literal["scope", "deadline"]] = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "配合单位": "support",
    "配合部门": "support",
    "协同责任单位": "support",
    "协同单位": "support",
    "协同部门": "support",
    "协助单位": "support",
    "参与单位": "support",
    "参与部门": "support",
    "指导单位": "guide",
    "指导部门": "guide",
    "落实单位": "implement",
    "汇总单位": "summarize",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "负责单位": "responsible",
    "负责部门": "responsible",
    "适用范围": "scope",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时间节点": "deadline",
}
_LABEL = re.compile("(" + "|".join(sorted(_LABELS, key=len, reverse=True)) + ")[ \u3000]*[：:]")
_OPEN, _CLOSE = "（(〔【［[", "）)〕】］]"
# A list's items are cut at these, and at line breaks and spaces: a Word cell lists one
# body a line (市人社局⏎市教委), a hand-typed one with spaces (市人社局 市教委).
_LIST_SEPARATORS = "、，,；;\n\u2028\u2029 \u3000\xa0\t"
# A role written after a body in a list (市人社局（牵头）、市教委): it is the body's role.
_MARKED = re.compile("(?P<name>.+?)[（(](?P<verb>牵头|配合|协同|参与|负责)[）)]")
_FIRST_LISTED = re.compile("列(?:第一|首)位(?:者|的)?(?:为|是)牵头(?:单位|部门)(?:[，,]\\s*下同)?")
_ALL_LEAD = re.compile(
    "(?:无|没有)牵头(?:单位|部门)的?[，,]?\\s*(?:责任|负责)(?:单位|部门)即?为牵头(?:单位|部门)"
    "(?:[，,]\\s*下同)?"
)
_INHERIT = re.compile(
    "以下(?:各项)?(?:均|都)?(?:需|须|由)?(.+?)("
    + "|".join(verb for verb, _ in VERBS)
    + ")[，,]?\\s*不再(?:另行)?列出"
)
# Whatever says when: a date, 年内, 年底前, 长期坚持, 持续推进, “十四五”时期 …
_DEADLINE = re.compile(
    "[0-9０-９]{4}年|[0-9０-９一二三四五六七八九十]+年内|年内|年底|年末|月底|月末|底前|"
    "长期坚持|持续推进|持续开展|时期|期间|前完成|之前"
)
# 等 that ends a list (人民银行等部门), not the 等 of a name (高等学校).
_ETC = re.compile(
    "(?P<name>.+?)等(?P<others>(?:有关|相关|其他)?[\u4e00-\u9fff]{0,6}?"
    "(?:部门|单位|机构|方面|地区)(?:和(?:部门|单位))?)?"
)
_MENTIONS = re.compile("|".join([*(verb for verb, _ in VERBS), *_LABELS]))
_GROUP = re.compile("^(?:各|有关|相关|其他|其它)|各.{0,8}(?:部门|单位|政府|机构)$")


class DutyBody(msgspec.Struct, frozen=True):
    """One body a clause names, with the verb or label that gives its role.

    ``raw`` is the list item as written (人民银行等部门); ``name`` drops a closing 等…,
    which ``others`` keeps (部门; empty for a bare 等, None when there is no 等).
    """

    name: str
    raw: str
    verb: str
    role: Role
    group: bool = False
    others: str | None = None


class LeadRuleStatement(msgspec.Struct, frozen=True):
    """The plan's lead rule, as a clause states it (列第一位者为牵头单位，下同)."""

    rule: LeadRule
    raw: str


class Inheritance(msgspec.Struct, frozen=True):
    """以下均需X落实，不再列出: X takes this role in every later item."""

    bodies: tuple[DutyBody, ...]
    raw: str


class Duty(msgspec.Struct, frozen=True):
    """A duty clause read: who does what, and anything else it says.

    ``unread`` holds the pieces the parser could not place, verbatim, for the review.
    """

    raw: str
    bodies: tuple[DutyBody, ...]
    scope: str | None = None
    deadline: str | None = None
    lead_rule: LeadRuleStatement | None = None
    inherit: Inheritance | None = None
    unread: tuple[str, ...] = ()

    def named(self, role: Role) -> tuple[str, ...]:
        """The names of the bodies given ``role``, in the clause's order."""
        return tuple(body.name for body in self.bodies if body.role == role)


class _Found:
    """What a clause says besides its bodies, gathered while its sentences are read."""

    def __init__(self) -> None:
        self.scope: str | None = None
        self.deadline: str | None = None
        self.unread: list[str] = []

    def when(self, text: str) -> None:
        self.deadline = text if self.deadline is None else f"{self.deadline}，{text}"


def split_top(text: str, separators: str) -> list[str]:
    """``text`` cut at each separator outside brackets: 各县(市、区)人民政府 stays whole."""
    parts: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif char in separators and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _unwrap(clause: str) -> str:
    """The clause without its enclosing bracket pair and closing full stop."""
    text = clause.strip()
    if len(text) >= 2 and text[0] in "（(" and text[-1] in "）)":
        inner = text[1:-1]
        if _balanced(inner):  # not （A）…（B）, whose ends belong to two pairs
            text = inner.strip()
    return text.rstrip("。.； ;\u3000")


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def names(text: str, verb: str, role: Role) -> tuple[DutyBody, ...]:
    """The bodies of a list such as 人力资源社会保障部、财政部等有关部门和单位."""
    bodies: list[DutyBody] = []
    for part in split_top(text, _LIST_SEPARATORS):
        raw = part.strip(" \u3000\xa0\t\n")
        if not raw:
            continue
        name, others = raw.removeprefix("由"), None  # 由市人社局牵头: 由 is no part of it
        marked = _MARKED.fullmatch(name)
        if marked:
            name = marked["name"]
            bodies.append(
                DutyBody(
                    name, raw, marked["verb"], _ROLE_OF[marked["verb"]], bool(_GROUP.search(name))
                )
            )
            continue
        etc = _ETC.fullmatch(name)
        if etc:
            name, others = etc["name"], etc["others"] or ""
        group = bool(_GROUP.search(name))
        bodies.append(DutyBody(name, raw, verb, role, group, others))
    return tuple(bodies)


def _verb_of(part: str) -> str | None:
    for verb, _role in VERBS:
        if part.endswith(verb):
            return verb
    return None


def _labelled(sentence: str, found: _Found) -> list[DutyBody]:
    """A sentence of labels (牵头单位：X；配合单位：Y、Z，各区): each label runs to the next."""
    bodies: list[DutyBody] = []
    marks = list(_LABEL.finditer(sentence))
    head = sentence[: marks[0].start()].strip(" \u3000；;，,")
    if head:
        # （市人社局牵头；完成时限：2025年底前）: a verb before the first label is read so.
        bodies.extend(_verbal(head, found))
    for mark, after in zip(marks, [*marks[1:], None], strict=True):
        end = after.start() if after else len(sentence)
        value = sentence[mark.end() : end].strip(" \u3000；;，,")
        kind = _LABELS[mark[1]]
        if kind == "scope":
            found.scope = value
        elif kind == "deadline":
            found.when(value)
        else:
            bodies.extend(names(value, mark[1], kind))
    return bodies


def _verbal(sentence: str, found: _Found) -> list[DutyBody]:
    """A sentence of verbs (X牵头，Y、Z配合): names gather until a part ends in a verb."""
    bodies: list[DutyBody] = []
    pending: list[str] = []
    for part in split_top(sentence, "，,；;"):
        part = part.strip(" \u3000")
        if not part:
            continue
        verb = _verb_of(part)
        if verb is not None and len(part) > len(verb):
            listed = "、".join([*pending, part[: -len(verb)]])
            bodies.extend(names(listed, verb, _ROLE_OF[verb]))
            pending = []
        elif _DEADLINE.search(part) and not pending:
            found.when(part)
        else:
            pending.append(part)
    if pending:
        found.unread.append("，".join(pending))
    return bodies


def parse_duty(clause: str) -> Duty | None:
    """The duty a clause states; None when it names no role ((一), (PPP), (此件公开发布)).

    The clause may keep its brackets or be a trailing sentence (责任单位：市委组织部。). A
    clause that names a role the parser cannot place is a Duty whose ``unread`` holds it:
    the review must show it, never drop it. A clause in traditional script is read in
    simplified (牽頭 is 牵头), and its names are given so.
    """
    text = _unwrap(simplified(clause))
    found = _Found()
    lead_rule: LeadRuleStatement | None = None
    inherit: Inheritance | None = None
    rules: tuple[tuple[re.Pattern[str], LeadRule], ...] = (
        (_FIRST_LISTED, "first-listed"),
        (_ALL_LEAD, "all-lead"),
    )
    for pattern, rule in rules:
        match = pattern.search(text)
        if match and lead_rule is None:
            lead_rule = LeadRuleStatement(rule, match[0])
            text = text[: match.start()] + "。" + text[match.end() :]
    match = _INHERIT.search(text)
    if match:
        inherit = Inheritance(names(match[1], match[2], _ROLE_OF[match[2]]), match[0])
        text = text[: match.start()] + "。" + text[match.end() :]
    bodies: list[DutyBody] = []
    for sentence in split_top(text, "。"):
        sentence = sentence.strip(" \u3000；;，,")
        if not sentence:
            continue
        if _LABEL.search(sentence):
            bodies.extend(_labelled(sentence, found))
        else:
            bodies.extend(_verbal(sentence, found))
    if not (bodies or lead_rule or inherit or (found.unread and _MENTIONS.search(text))):
        return None  # no role named: (一), (PPP); a clause naming one but unread is kept
    return Duty(
        raw=clause,
        bodies=tuple(bodies),
        scope=found.scope,
        deadline=found.deadline,
        lead_rule=lead_rule,
        inherit=inherit,
        unread=tuple(found.unread),
    )
