"""Figures a task states (500万人次, 20所, 80%) and the targets they propose.

A figure is a number with one of the model's units (``model.UNITS``); what surrounds it
says how it is meant: 力争 (and 争取) rule every figure after them in their sentence
(力争A500万人次，B200万人次: both), 累计 every figure after it in its clause, and a word
right before or after the figure (达到, 不少于, 以上 …) that figure alone. A figure inside
"在…的基础上" is what the task builds on (basis), never a goal.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from decimal import Decimal

import msgspec

from fenggong.model import UNITS, Target

# The units are the model's, longest first so that 万人次 wins over 万人; a full-width ％
# is %.
_WRITTEN_UNITS = sorted({*UNITS, "％"}, key=len, reverse=True)
# A match starts only where a number starts, and possessive quantifiers never give back:
# a run of 100,000 digits is scanned once, not once per starting digit.
PATTERN = re.compile(
    # A figure has at most 15 digits (a model Amount's bound): a longer run of digits is
    # no figure, and int() of thousands of them is refused.
    r"(?<![\d.])(?P<value>\d{1,15}+(?:\.\d{1,15}+)?)(?![\d.])\s*+(?P<unit>"
    + "|".join(map(re.escape, _WRITTEN_UNITS))
    # 6个月, 3个工作日: a length of time, not a count of things.
    + ")(?!月|工作日|小时|季度|星期|周)"
)
_SENTENCE_WORDS = ("力争", "争取")
_CLAUSE_WORDS = ("累计",)
_BEFORE_WORDS = ("不少于", "不低于", "不超过", "超过", "达到", "至少", "突破", "达", "约", "近")
_AFTER_WORDS = ("及以上", "以上", "左右", "以内", "以下")
_SENTENCE_ENDS = "。；;！!？?\n"
_CLAUSE_ENDS = _SENTENCE_ENDS + "，,"
# 力争使X达80%: the metric is X.
_LEADING = re.compile("^[使让把将]")
_TRAILING = re.compile("[为是达到的]$")
_PERIOD = re.compile("十[一二三四五六七八九]五")
_PERIOD_PHRASE = re.compile(r"^[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间|末)?")
_DEFAULT_PERIOD = next(f.default for f in msgspec.structs.fields(Target) if f.name == "period")


class Quantity(msgspec.Struct, frozen=True):
    """A figure as written (``text[start:end]``: 500万人次), its number and model unit."""

    raw: str
    value: str  # the number as written: 500, 1.5, ５００
    number: int | float
    unit: str  # the model's unit (％ is %)
    qualifier: tuple[str, ...] = ()
    basis: bool = False
    start: int = 0
    end: int = 0

    @property
    def quantity(self) -> int | float:
        """In the unit's base: 500万人次 is 5,000,000, 80% is 0.8."""
        return _whole(Decimal(_ascii(self.value)) * Decimal(str(UNITS[self.unit])))


def first(text: str) -> Quantity | None:
    """The first figure of a text, or None (what FG104 quotes)."""
    found = PATTERN.search(text)
    return None if found is None else _Reader(text).quantity(found)


def quantities(text: str) -> list[Quantity]:
    """Every figure of a text, in order, with the words that qualify it."""
    reader = _Reader(text)
    return [reader.quantity(found) for found in PATTERN.finditer(text)]


def propose_targets(text: str, *, period: str | None = None) -> tuple[Target, ...]:
    """The quantified targets a task's text states, as the dataset records them.

    One target per figure that is no basis: its metric the figure's clause without the
    figure, its qualifiers and the plan period it opens with; its period ``period``, else
    the 十X五 the text names, else the model's default.
    """
    named = _PERIOD.search(text)
    chosen = period or (named.group() if named else _DEFAULT_PERIOD)
    reader = _Reader(text)
    targets: list[Target] = []
    for found in map(reader.quantity, PATTERN.finditer(text)):
        if found.basis:
            continue
        targets.append(
            Target(
                metric=reader.metric(found),
                value=found.number,
                unit=found.unit,
                quantity=found.quantity,
                qualifier=found.qualifier,
                period=chosen,
            )
        )
    return tuple(targets)


class _Reader:
    """One text's sentences, clauses and qualifying words, found once for all its figures."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentence_ends = [i for i, ch in enumerate(text) if ch in _SENTENCE_ENDS]
        self.clause_ends = [i for i, ch in enumerate(text) if ch in _CLAUSE_ENDS]
        self.sentence_words = _positions(text, _SENTENCE_WORDS)
        self.clause_words = _positions(text, _CLAUSE_WORDS)
        self.bases: dict[int, bool] = {}  # by where a clause begins: each read once

    def quantity(self, found: re.Match[str]) -> Quantity:
        start, end = found.span()
        value, unit = found.group("value"), found.group("unit")
        words = [
            *self._words_since(self.sentence_words, self.sentence_ends, start),
            *self._words_since(self.clause_words, self.clause_ends, start),
        ]
        words += [w for w in _BEFORE_WORDS if self.text.endswith(w, 0, start)][:1]
        words += [w for w in _AFTER_WORDS if self.text.startswith(w, end)][:1]
        return Quantity(
            raw=found.group(),
            value=value,
            number=_whole(Decimal(_ascii(value))),
            unit="%" if unit == "％" else unit,
            qualifier=tuple(dict.fromkeys(words)),
            basis=self._in_basis(start),
            start=start,
            end=end,
        )

    def _in_basis(self, start: int) -> bool:
        begin = _bound(self.clause_ends, start)
        if begin not in self.bases:
            stop = _next(self.clause_ends, start, len(self.text))
            # 在 … 基础上, found from each end: no backtracking over a long clause.
            opens = self.text.find("在", begin, stop)
            self.bases[begin] = -1 < opens < self.text.rfind("基础上", begin, stop)
        return self.bases[begin]

    def metric(self, found: Quantity) -> str:
        """The figure's clause without the figure, its qualifiers and an opening period."""
        begin = _bound(self.clause_ends, found.start)
        stop = _next(self.clause_ends, found.end, len(self.text))
        before = _PERIOD_PHRASE.sub("", self.text[begin : found.start])
        after = self.text[found.end : stop]
        for word in found.qualifier:
            if after.startswith(word):
                after = after[len(word) :]
            # A word right before the figure goes from there; 力争 from wherever it stands.
            cut = before.endswith(word)
            before = before[: -len(word)] if cut else before.replace(word, "", 1)
        before = _TRAILING.sub("", _LEADING.sub("", before.strip()))
        return (before + after).strip() or found.raw

    @staticmethod
    def _words_since(words: dict[str, list[int]], ends: list[int], start: int) -> list[str]:
        """The words that stand between the sentence's (or clause's) start and ``start``,
        each once, in the order they first do."""
        begin = _bound(ends, start)
        firsts = []
        for word, places in words.items():
            index = bisect_left(places, begin)
            if index < len(places) and places[index] < start:
                firsts.append((places[index], word))
        return [word for _pos, word in sorted(firsts)]


def _positions(text: str, words: tuple[str, ...]) -> dict[str, list[int]]:
    """Where each word stands in the text."""
    places: dict[str, list[int]] = {word: [] for word in words}
    for found in re.finditer("|".join(map(re.escape, words)), text):
        places[found.group()].append(found.start())
    return places


def _bound(ends: list[int], start: int) -> int:
    """Where the sentence or clause holding ``start`` begins."""
    index = bisect_right(ends, start - 1)
    return ends[index - 1] + 1 if index else 0


def _next(ends: list[int], end: int, length: int) -> int:
    """Where the sentence or clause holding ``end`` stops."""
    index = bisect_left(ends, end)
    return ends[index] if index < len(ends) else length


def _ascii(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def _whole(number: Decimal) -> int | float:
    return int(number) if number == number.to_integral_value() else float(number)
