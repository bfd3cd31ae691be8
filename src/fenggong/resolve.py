"""Resolve what a person types to a registry name: aliases, width, 上海市 prefix, pinyin."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property

from fenggong.errors import LookupFailedError
from fenggong.model import Department
from fenggong.names import did_you_mean, fold

_PREFIXES = ("中共上海市", "共青团上海市", "上海市", "上海")
_MAX_READINGS = 64  # heteronym combinations per name; more is noise, not recall


def variants(text: str) -> list[str]:
    """Folded forms of a typed name: as is, without a leading 上海市, and with 市 restored."""
    key = fold(text)
    out = [key]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            rest = key[len(prefix) :]
            out += [rest, "市" + rest]
    return list(dict.fromkeys(out))


class Resolver:
    """Finds the registry entry a name, full name, alias or pinyin abbreviation stands for."""

    def __init__(self, departments: dict[str, Department]) -> None:
        self.departments = departments
        index: dict[str, set[str]] = defaultdict(set)
        for key, dept in departments.items():
            for spelling in (key, dept.full_name, *dept.aliases):
                for form in variants(spelling):
                    index[form].add(key)
        self._index = dict(index)

    def resolve(self, text: str) -> str:
        found = self.candidates(text)
        if len(found) == 1:
            return found[0]
        if found:
            raise LookupFailedError(
                f"{text} is ambiguous: it may mean {' or '.join(found)}",
                hint="type more of the name",
            )
        raise LookupFailedError(f"unknown department {text}", hint=self._suggest(text))

    def candidates(self, text: str) -> list[str]:
        """The registry names ``text`` may stand for, in registry order."""
        exact = self._index.get(fold(text))
        if exact:
            return self._ordered(exact)
        for form in variants(text):
            if form in self._index:
                return self._ordered(self._index[form])
        letters = fold(text)
        if letters.isascii() and letters.isalpha():
            return self._ordered(self._pinyin.get(letters, set()))
        return []

    def _ordered(self, keys: Iterable[str]) -> list[str]:
        wanted = set(keys)
        return [k for k in self.departments if k in wanted]

    @cached_property
    def _pinyin(self) -> dict[str, set[str]]:
        # pypinyin loads a large dictionary: only when someone types Latin letters.
        index: dict[str, set[str]] = defaultdict(set)
        for key, dept in self.departments.items():
            for spelling in (key, *dept.aliases):
                for reading in _readings(spelling):
                    index[reading].add(key)
        return dict(index)

    def _suggest(self, text: str) -> str:
        spellings = {
            s: key for key, d in self.departments.items() for s in (key, d.full_name, *d.aliases)
        }
        guess = did_you_mean(text, spellings, spellings.__getitem__)
        return (
            f"{guess} (fenggong depts lists every body)"
            if guess
            else "fenggong depts lists every body"
        )


def _readings(name: str) -> set[str]:
    """Initials and full pinyin of ``name``, with every reading of heteronyms (长 cháng/zhǎng)."""
    from pypinyin import Style, pinyin

    out: set[str] = set()
    for style in (Style.FIRST_LETTER, Style.NORMAL):
        choices = [list(dict.fromkeys(p)) for p in pinyin(name, style=style, heteronym=True)]
        if math.prod(len(c) for c in choices) > _MAX_READINGS:
            choices = [c[:1] for c in choices]
        out.update("".join(combo).lower() for combo in itertools.product(*choices))
    return out


def readings(name: str) -> frozenset[str]:
    """The pinyin a person may type for ``name`` (initials and full, every heteronym
    reading), as the resolver reads it: for pages that resolve names without pypinyin."""
    return frozenset(_readings(name))
