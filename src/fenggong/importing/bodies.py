"""The bodies an import names: read against a registry, new ones given a guessed entry.

Names are matched forgivingly (width, spaces, case, traditional script) and stored as the
document writes them, traditional script folded to simplified (the review says so). A
name no registry knows gets a draft entry: a kind guessed from its shape, and the closest
known names as suggestions, for the maintainer to confirm or correct.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

import msgspec

from fenggong.importing.document import Where
from fenggong.importing.duties import DutyBody
from fenggong.importing.review import Call, Note
from fenggong.messages import _, listed, ngettext
from fenggong.model import KIND_LABELS, Department, DeptKind
from fenggong.names import fold

_GROUP = re.compile(
    "^(?:各|有关|相关|其他|其它|所有)|(?:等|各)(?:有关|相关)?(?:部门|单位)|(?:有关|相关)(?:部门|单位)"
)
# Endings that say what a body is, longest first within each kind.
_GENERIC = {"部门", "单位", "机构", "方面", "地区", "部门和单位"}
_PARTY = re.compile(
    "^(?:中共|中央(?:组织|宣传|统战|政法|网信|编办|外办|财经)|.{0,4}委(?:组织|宣传|统战|政法|网信|编|外事|财经)|.*党委|.*纪委)"
)
_MASS = re.compile("(?:总工会|工会|团.{0,2}委|共青团|妇联|科协|残联|侨联|文联|红十字会|工商联)$")
_GOVERNMENT = re.compile("(?:人民政府|政府)$")
_DISTRICT = re.compile("^.{1,6}(?:区|县|县级市)$")
_NATIONAL = re.compile(
    "(?:部|总局|总署|银保监会|证监会|委员会|国资委|发展改革委|卫生健康委|民委|署|局|办|院|行)$"
)


def is_group(name: str) -> bool:
    """Whether a name stands for several bodies (各区, 有关部门, 各省级人民政府)."""
    return bool(_GROUP.search(name))


def guess_kind(name: str, national: bool) -> DeptKind:
    """The kind a body's name suggests; ``national`` for a plan of the State Council."""
    if is_group(name):
        return DeptKind.GROUP
    if _GOVERNMENT.search(name):
        return DeptKind.GOVERNMENT
    if _MASS.search(name):
        return DeptKind.MASS
    if _PARTY.search(name):
        return DeptKind.PARTY
    if national:
        return DeptKind.NATIONAL if _NATIONAL.search(name) else DeptKind.OTHER
    if _DISTRICT.match(name) and not name.startswith("市"):
        return DeptKind.DISTRICT
    if name.startswith("市"):
        return DeptKind.MUNICIPAL
    return DeptKind.OTHER


def group_scope(name: str, kinds: set[DeptKind]) -> tuple[DeptKind, ...]:
    """What a new group may stand for: governments, districts, or the kinds the plan names."""
    if "政府" in name:
        return (DeptKind.GOVERNMENT,)
    if re.search("区|县", name) and "部门" not in name and "单位" not in name:
        return (DeptKind.DISTRICT,)
    named = sorted(kinds - {DeptKind.GROUP}, key=list(DeptKind).index)
    return tuple(named) or (DeptKind.OTHER,)


class Registry:
    """The bodies an import may name already: names and aliases, folded, to their entry."""

    def __init__(self, known: Mapping[str, Department]) -> None:
        self.known = dict(known)
        self._by_key: dict[str, str] = {}
        for name, dept in known.items():
            for spelling in (name, *dept.aliases):
                self._by_key.setdefault(fold(spelling), name)
        self._choices = list(self._by_key)

    def find(self, name: str) -> str | None:
        """The registry name ``name`` matches (itself, an alias, any width), or None."""
        return self._by_key.get(fold(name))

    def closest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        """Known names that look like ``name``, for a "did you mean" in the review."""
        close = difflib.get_close_matches(fold(name), self._choices, n=limit * 2, cutoff=0.6)
        return tuple(dict.fromkeys(self._by_key[key] for key in close))[:limit]


def draft_registry(
    given: bool,
    named: list[str],
    new: dict[str, Where],
    registry: Registry,
    jurisdiction: str | None,
    shared: bool,
    file: str,
) -> tuple[dict[str, Department], list[Note]]:
    """The entries of a plan's own registry for the bodies it names, and a note for each
    new one (one for them all when no registry was ``given``: every body is new then); a
    library's bodies (``shared``) are left to the library's registry."""
    local = [n for n in named if registry.find(n) is None]
    ministries = sum(n.endswith("部") and not n.startswith(("市", "区", "县", "省")) for n in local)
    municipal = sum(n.startswith("市") for n in local)
    national = jurisdiction in {"全国", "国家", "中央"} or ministries > municipal
    kinds = {guess_kind(name, national) for name in local}
    kinds |= {dept.kind for dept in registry.known.values()}
    out: dict[str, Department] = {}
    notes: list[Note] = []
    for name in named:
        known = registry.find(name)
        if known is not None:
            if not shared:
                out[known] = registry.known[known]
            continue
        kind = guess_kind(name, national)
        scope = group_scope(name, kinds) if kind is DeptKind.GROUP else None
        out[name] = Department(full_name=name, kind=kind, scope=scope)
        if not given:
            continue
        notes.append(
            Note(
                Call.GROUP if kind is DeptKind.GROUP else Call.NEW_BODY,
                _("{name}: not in the registry; added as {kind} ({label})").format(
                    name=name, kind=kind, label=KIND_LABELS[kind]
                ),
                str(new.get(name, file)),
                suggestions=registry.closest(name),
            )
        )
    if not given and local:
        counts: dict[DeptKind, int] = {}
        for name in local:
            kind = out[name].kind
            counts[kind] = counts.get(kind, 0) + 1
        notes.append(
            Note(
                Call.NEW_BODY,
                ngettext(
                    "no registry was given: {count} body added with its kind guessed from "
                    "its name ({kinds}); give --registry or --data to read it against "
                    "known bodies",
                    "no registry was given: {count} bodies added with kinds guessed from "
                    "their names ({kinds}); give --registry or --data to read them against "
                    "known bodies",
                    len(local),
                ).format(
                    count=len(local),
                    kinds=listed(
                        [f"{kind} ({KIND_LABELS[kind]}) {n}" for kind, n in counts.items()]
                    ),
                ),
                file,
            )
        )
    # A group copied from the registry brings its members: a plan file defines them too.
    for dept in list(out.values()):
        for member in dept.members or ():
            if member not in out and member in registry.known:
                out[member] = registry.known[member]
    return out, notes


def etc(body: DutyBody, registry: Registry) -> tuple[list[DutyBody], str | None]:
    """A list item with 等 as the bodies it names (A等有关部门 is A and the group), and
    what the review says of it."""
    name, others = body.name, body.others
    if others is None and "等" in name[1:-1]:
        head, _sep, tail = name.rpartition("等")
        if is_group(tail) or registry.find(tail):
            name, others = head, tail
    if others is None:
        return [body], None
    if others in _GENERIC:  # 人民银行等部门: the others are 有关部门, unnamed
        others = "有关" + others
    parts = [msgspec.structs.replace(body, name=name, others=None)]
    if not others:
        message = _("{raw}: the bodies 等 stands for are not named; only {name} is recorded")
        return parts, message.format(raw=body.raw, name=name)
    parts.append(msgspec.structs.replace(body, name=others, group=True, others=None))
    message = _("{raw} read as {name} and the group {group}")
    return parts, message.format(raw=body.raw, name=name, group=others)
