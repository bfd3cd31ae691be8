"""One paragraph of numbered prose read: its numbering, its duty clauses, its label.

A paragraph of a 分工方案 written as prose may open with a numbering (一、 （一） 1. （1）
①), carry duty clauses — a parenthetical after a sentence (（X牵头，Y配合）) or trailing
label sentences (责任单位：X。) — or be a labelled line of its own (牵头单位：X, 牵头负责领导：
金力, 完成时限：…). Everything here reads one paragraph; ``prose`` puts them together.
"""

from __future__ import annotations

import re

import msgspec

from fenggong.importing.duties import parse_duty, split_top

_SPACE = " \u3000\xa0\t"
_DIGIT = "0-9０-９"
_HAN = "一二三四五六七八九十百零〇两"
# The numberings of GB/T 9704 in their order of depth: 一、 （一） 1. （1） ①. A digit
# after 1. makes a number (1.5万, 3.5%), and 2022年 has no separator: neither is numbering.
NUMBERINGS: tuple[re.Pattern[str], ...] = (
    re.compile(f"[{_SPACE}]*([{_HAN}]+[、．.])"),
    re.compile(f"[{_SPACE}]*([（(][{_HAN}]+[）)])"),
    re.compile(f"[{_SPACE}]*([{_DIGIT}]{{1,3}}[.．、](?![{_DIGIT}]))"),
    re.compile(f"[{_SPACE}]*([（(][{_DIGIT}]{{1,3}}[）)])"),
    re.compile(f"[{_SPACE}]*([\u2460-\u2473\u3251-\u325f])"),
)

_ROLE = "(?:协同责任|牵头|配合|协同|协作|协助|参与|指导|落实|汇总|责任|负责|主责|承办)(?:单位|部门)"
_DUE = "(?:完成时限|完成时间|时间节点|时限要求|完成期限)"
_LEADER = "(?:牵头)?(?:负责|责任|分管|联系)?领导"
_LINE = re.compile(f"[{_SPACE}]*({_ROLE}|{_DUE}|{_LEADER})[{_SPACE}]*[：:]")
_ROLE_LINE = re.compile(_ROLE)
_DUE_LINE = re.compile(_DUE)
_TAIL = re.compile(f"(?:{_ROLE}|{_DUE})[{_SPACE}]*[：:]")
_OPEN, _CLOSE = "（(", "）)"
_SENTENCE_END = "。；;！？!?"
_METADATA = re.compile(r"SOURCE:.*\|\s*TITLE:\s*(?P<title>.+?)\s*$")
_DATE = re.compile(f"[{_DIGIT}{_HAN}]{{4}}年[{_DIGIT}{_HAN}]{{1,2}}月[{_DIGIT}{_HAN}]{{1,3}}日")


class Numbered(msgspec.Struct, frozen=True):
    """A paragraph's numbering: its depth among ``NUMBERINGS``, as written, and the rest."""

    rank: int
    numeral: str
    rest: str


class Read(msgspec.Struct, frozen=True):
    """A paragraph read: its text with the duty clauses cut out, and those clauses.

    ``label`` is set for a labelled line of its own — ``role`` (a clause), ``leader`` or
    ``due`` — whose value is ``value``; ``text`` is then empty.
    """

    text: str
    clauses: tuple[str, ...] = ()
    label: str | None = None
    value: str = ""


def numbering(text: str) -> Numbered | None:
    """The numbering a paragraph opens with, or None (2022年…, 1.5万…, （此件公开发布）)."""
    for rank, pattern in enumerate(NUMBERINGS):
        match = pattern.match(text)
        if match:
            return Numbered(rank, match[1], text[match.end() :].lstrip(_SPACE))
    return None


def metadata_title(text: str) -> str | None:
    """The title a crawl's first line names (SOURCE: … | TITLE: …), or None if not one."""
    match = _METADATA.match(text.strip())
    return match["title"] if match else None


def read(text: str) -> Read:
    """A paragraph's text with its duty clauses cut out, or the labelled line it is."""
    line = _LINE.match(text)
    if line:
        value = text[line.end() :].strip(_SPACE)
        if _ROLE_LINE.fullmatch(line[1]) or _DUE_LINE.fullmatch(line[1]):
            if _DUE_LINE.fullmatch(line[1]) and not _ROLE_LINE.search(text):
                return Read("", label="due", value=value.rstrip("。；;"))
            if parse_duty(text.strip(_SPACE)) is not None:
                return Read("", (text.strip(_SPACE),), label="role", value=value)
        else:
            return Read("", label="leader", value=value.rstrip("。；;"))
    rest, clauses = _cut_parentheticals(text)
    rest, tail = _cut_tail(rest)
    if tail:
        clauses.append(tail)
    return Read(rest, tuple(clauses))


def _groups(text: str) -> list[tuple[int, int]]:
    """The spans of the outermost bracket pairs （…） and (…) in ``text``."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPEN:
            if depth == 0:
                start = index
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


def _cut_parentheticals(text: str) -> tuple[str, list[str]]:
    """Cut each parenthetical that closes a sentence (or the text) and reads as a duty.

    A parenthetical inside a sentence (（以下简称自贸试验区）, 《办法（试行）》) stays. When
    the clause stood between two full stops (…体系。（X负责）。) the second one goes too,
    so the text is left as it would read without the clause.
    """
    clauses: list[str] = []
    kept: list[str] = []
    at = 0
    for start, end in _groups(text):
        before = text[:start].rstrip(_SPACE)
        after = text[end:].lstrip(_SPACE)
        closes = not after or after[0] in _SENTENCE_END or before.endswith(tuple(_SENTENCE_END))
        raw = text[start:end]
        if not closes or parse_duty(raw) is None:
            continue
        clauses.append(raw)
        kept.append(text[at:start].rstrip(_SPACE))
        at = end
        if before.endswith("。") and after.startswith("。"):
            at = text.index("。", end) + 1
    kept.append(text[at:])
    return "".join(kept).strip(_SPACE), clauses


def _cut_tail(text: str) -> tuple[str, str | None]:
    """Cut trailing label sentences (…。责任单位：市委组织部、市科技局。) naming a role."""
    for match in _TAIL.finditer(text):
        start = match.start()
        if start == 0 or text[:start].rstrip(_SPACE)[-1:] not in _SENTENCE_END:
            continue
        tail = text[start:].strip(_SPACE)
        sentences = [s.strip(_SPACE) for s in split_top(tail, "。") if s.strip(_SPACE)]
        if not all(_TAIL.match(s) for s in sentences) or not _ROLE_LINE.search(tail):
            continue
        if parse_duty(tail) is not None:
            return text[:start].rstrip(_SPACE), tail
    return text, None


def statements(text: str) -> list[str]:
    """The sentences of a paragraph outside any item that state a lead rule or an
    inheritance (列第一位者为牵头单位; 以下均需X落实，不再列出), as written."""
    found: list[str] = []
    for sentence in split_top(text, "。"):
        sentence = sentence.strip(_SPACE)
        duty = parse_duty(sentence) if sentence else None
        if duty is not None and (duty.lead_rule is not None or duty.inherit is not None):
            found.append(sentence)
    return found


def unbalanced(text: str) -> bool:
    """Whether ``text`` ends with a bracket still open: a document cut off inside it."""
    depth = 0
    for char in text:
        if char in "（(〔【［[":
            depth += 1
        elif char in "）)〕】］]":
            depth = max(depth - 1, 0)
    return depth > 0


def end_matter(text: str) -> bool:
    """Whether a closing paragraph is the document's signature, not content: a date
    (2018年11月7日), a bracketed note (（此件公开发布）), or a short unpunctuated line
    (国务院, 国务院办公厅)."""
    text = text.strip(_SPACE)
    if _DATE.fullmatch(text):
        return True
    if text[:1] in _OPEN and text[-1:] in _CLOSE:
        return parse_duty(text) is None
    return (
        len(text) <= 20 and not any(mark in text for mark in "。，,；;：:") and not numbering(text)
    )


def title_of(text: str) -> tuple[str, bool]:
    """A heading's title (its text up to the first 。) and whether text goes on after it."""
    head, stop, after = text.partition("。")
    if stop and after.strip(_SPACE):
        return head.strip(_SPACE), True
    return text.strip(_SPACE).rstrip("。：:；; \u3000"), False
