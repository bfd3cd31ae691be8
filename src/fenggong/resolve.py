"""Resolve what a person types to a registry name: aliases, width, 上海市 prefix, pinyin."""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import cached_property

import msgspec

from fenggong.errors import LookupFailedError
from fenggong.messages import _, either
from fenggong.model import Department
from fenggong.names import did_you_mean, fold

_PREFIXES = ("中共上海市", "共青团上海市", "上海市", "上海")
_MAX_READINGS = 64  # heteronym combinations per name; more is noise, not recall
# What separates the names of a cell copied from a table: 、，,;； and spaces.
_SEPARATORS = re.compile(r"[、，,;；\s]+")
# Place names pypinyin reads character by character, and wrongly: 长宁 is Chángníng (not
# Zhǎngníng), 闵行 Mǐnháng (not Mǐnxíng). Their right reading is the usual one.
_PHRASES = {"长宁": ("chang", "ning"), "闵行": ("min", "hang")}


class Via(StrEnum):
    """How a typed name found its body: by a spelling the registry has, or by a guess."""

    NAME = "name"
    FULL_NAME = "full name"
    ALIAS = "alias"
    PINYIN = "pinyin"
    TRADITIONAL = "traditional script"

    @property
    def guessed(self) -> bool:
        """Whether the body was found by reading the input, not by a spelling the registry has."""
        return self in {Via.PINYIN, Via.TRADITIONAL}


class Resolution(msgspec.Struct, frozen=True):
    """One name as typed, the registry name it stands for, and how it was found."""

    typed: str
    name: str
    via: Via


class Reading(msgspec.Struct, frozen=True):
    """One value as typed: a name, or a list pasted from a table cell (市教委、市财政局)."""

    typed: str
    names: tuple[Resolution, ...]

    @property
    def is_list(self) -> bool:
        return len(self.names) > 1


def variants(text: str) -> list[str]:
    """Folded forms of a typed name: as is, without a leading 上海市, and with 市 restored."""
    key = fold(text)
    out = [key]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            rest = key[len(prefix) :]
            out += [rest, "市" + rest]
    return list(dict.fromkeys(out))


MAX_LISTED = 100  # names in one pasted list
_SHOWN = 60  # characters of a typed text quoted back in a message


def shortened(text: str) -> str:
    """What was typed, as a message quotes it: cut when long, saying so."""
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def parts(text: str) -> list[str]:
    """The names of a pasted list: ``市教委、市财政局`` → ``["市教委", "市财政局"]``."""
    return [p for p in _SEPARATORS.split(text) if p]


class Resolver:
    """Finds the registry entry a name, full name, alias or pinyin abbreviation stands for."""

    def __init__(self, departments: dict[str, Department]) -> None:
        self.departments = departments
        index: dict[str, dict[str, Via]] = defaultdict(dict)
        for key, dept in departments.items():
            spellings = [(key, Via.NAME), (dept.full_name, Via.FULL_NAME)]
            spellings += [(alias, Via.ALIAS) for alias in dept.aliases]
            for spelling, via in spellings:
                for form in variants(spelling):
                    index[form].setdefault(key, via)
        self._index = dict(index)

    def resolve(self, text: str) -> str:
        """The registry name ``text`` stands for; LookupFailedError if none or several."""
        return self.find(text).name

    def find(self, text: str) -> Resolution:
        """The registry name ``text`` stands for, and how it was found.

        Its names and spellings first; pinyin in its usual reading; traditional script.
        A rare reading, an ambiguity or a near miss is an error listing the candidates.
        """
        found = self._spelled(text)
        if found is not None:
            return self._one(text, found)
        letters = fold(text).replace("'", "")  # jing'an, as pinyin marks a syllable
        if letters.isascii() and letters.isalpha():
            return self._by_pinyin(text, letters)
        simplified_text = simplified(text)
        if simplified_text != text:
            found = self._spelled(simplified_text)
            if found is not None:
                return msgspec.structs.replace(self._one(text, found), via=Via.TRADITIONAL)
        raise LookupFailedError(
            _("unknown department {name}").format(name=shortened(text)),
            hint=self._suggest(simplified_text),
        )

    def read(self, text: str) -> Reading:
        """``text`` as one name, or, when it is none, as a list pasted from a table cell.

        A list is taken for one when some of its parts are names: then a part that is
        none is the error, named in its list; otherwise the error is the whole's.
        """
        try:
            return Reading(text, (self.find(text),))
        except LookupFailedError as err:
            names = parts(text)
            if names == [text] or not names or self.candidates(text):
                raise
            if len(names) > MAX_LISTED:
                # A table cell names a handful; thousands are no list a person pasted, and
                # each unknown one would be looked up and suggested for.
                raise LookupFailedError(
                    _("{text} is a list of {count} names; a list may have {limit} at most").format(
                        text=shortened(text), count=len(names), limit=MAX_LISTED
                    ),
                    hint=_("repeat the option for each name, or give fewer"),
                ) from None
            whole = err
        resolved: list[Resolution] = []
        failed: list[LookupFailedError] = []
        for name in names:
            try:
                resolved.append(self.find(name))
            except LookupFailedError as err:
                failed.append(err)
        if not resolved:
            raise whole
        if failed:
            message = _("{problem}, in the list {text}").format(
                problem=failed[0].message, text=text
            )
            raise LookupFailedError(message, hint=failed[0].hint)
        return Reading(text, tuple(resolved))

    def candidates(self, text: str) -> list[str]:
        """The registry names ``text`` may stand for by its spellings or usual pinyin."""
        found = self._spelled(text)
        if found is not None:
            return self._ordered(found)
        letters = fold(text).replace("'", "")  # jing'an, as pinyin marks a syllable
        if letters.isascii() and letters.isalpha():
            return self._ordered(self._pinyin.get(letters, {}))
        return []

    def completions(self, typed: str) -> list[str]:
        """The registry names with a spelling, or usual pinyin, that begins with ``typed``."""
        prefix = fold(typed)
        forms: Iterable[tuple[str, dict[str, Via]]] = self._index.items()
        if prefix.isascii() and prefix.isalpha():
            forms = itertools.chain(forms, self._pinyin.items())
        found = {key for form, keys in forms if form.startswith(prefix) for key in keys}
        return self._ordered(found)

    def _spelled(self, text: str) -> dict[str, Via] | None:
        exact = self._index.get(fold(text))
        if exact:
            return exact
        for form in variants(text):
            if form in self._index:
                return self._index[form]
        return None

    def _one(self, text: str, found: dict[str, Via]) -> Resolution:
        if len(found) > 1:
            raise LookupFailedError(
                _("{text} is ambiguous: it may mean {names}").format(
                    text=text, names=either(self._ordered(found))
                ),
                hint=_("type more of the name"),
            )
        ((key, via),) = found.items()
        return Resolution(text, key, via)

    def _by_pinyin(self, text: str, letters: str) -> Resolution:
        common = self._pinyin.get(letters)
        if common:
            return msgspec.structs.replace(self._one(text, common), via=Via.PINYIN)
        rare = self._ordered(self._rare.get(letters, ()))
        if rare:
            usual = "; ".join(f"{key} {self._initials(key)}" for key in rare)
            raise LookupFailedError(
                _("{text} is no department's usual pinyin; in a rare reading it may mean {names}")
                .format(text=text, names=either(rare)),
                hint=_("type the name, or its usual pinyin initials: {usual}").format(usual=usual),
            )  # fmt: skip
        raise LookupFailedError(
            _("unknown department {name}").format(name=shortened(text)), hint=self._suggest(text)
        )

    def _ordered(self, keys: Iterable[str]) -> list[str]:
        wanted = set(keys)
        return [k for k in self.departments if k in wanted]

    @cached_property
    def _pinyin(self) -> dict[str, dict[str, Via]]:
        """Initials and full pinyin of every name and alias in their usual reading."""
        # pypinyin loads a large dictionary: only when someone types Latin letters.
        index: dict[str, dict[str, Via]] = defaultdict(dict)
        for key, dept in self.departments.items():
            for spelling in (key, *dept.aliases):
                for reading in _readings(spelling)[0]:
                    index[reading][key] = Via.PINYIN
        return dict(index)

    @cached_property
    def _rare(self) -> dict[str, set[str]]:
        """Readings that take a rare reading of some character (长宁 as chang zhu): cz."""
        index: dict[str, set[str]] = defaultdict(set)
        for key, dept in self.departments.items():
            for spelling in (key, *dept.aliases):
                usual, every = _readings(spelling)
                for reading in every - usual:
                    index[reading].add(key)
        return dict(index)

    def _initials(self, key: str) -> str:
        return min(_readings(key)[0], key=len)

    def _suggest(self, text: str) -> str:
        spellings = {
            s: key for key, d in self.departments.items() for s in (key, d.full_name, *d.aliases)
        }
        # No name is longer than a sentence: a long text is no slip of one.
        guess = (
            did_you_mean(text, spellings, spellings.__getitem__) if len(text) <= _SHOWN else None
        )
        every = _("fenggong depts lists every body")
        return _("{guess} ({every})").format(guess=guess, every=every) if guess else every


@functools.cache
def _t2s() -> Callable[[str], str]:
    """OpenCC's traditional-to-simplified conversion, with its phrases (乾隆 stays 乾隆)."""
    # OpenCC loads its dictionaries (tens of milliseconds): only when a plain lookup fails.
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s.json").convert
    return convert


def simplified(text: str) -> str:
    """``text`` in simplified characters (浦東新區 → 浦东新区); Latin text as it is, and so
    is text that is no Unicode (bytes of another encoding, which the shell passes on as
    lone surrogates): OpenCC cannot read it, and no name is spelled so."""
    if text.isascii() or _undecodable(text):
        return text
    return _t2s()(text)


def _undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _readings(name: str) -> tuple[set[str], set[str]]:
    """Initials and full pinyin of ``name``: in its usual reading (each character's first
    in pypinyin, 长宁 and 闵行 as they are said), and in every reading of its heteronyms."""
    from pypinyin import Style, pinyin

    # Character by character: pypinyin would run Latin letters together into one item.
    every = [list(dict.fromkeys(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])) for ch in name]
    usual = [choice[:1] for choice in every]
    for phrase, said in _PHRASES.items():
        for start in (m.start() for m in re.finditer(phrase, name)):
            for offset, syllable in enumerate(said):
                usual[start + offset] = [syllable]
                if syllable not in every[start + offset]:
                    every[start + offset].append(syllable)
    if math.prod(len(c) for c in every) > _MAX_READINGS:
        every = usual
    return _spelt(usual), _spelt(every) | _spelt(usual)


def _spelt(choices: list[list[str]]) -> set[str]:
    """Full pinyin and initials of every combination of ``choices``."""
    out: set[str] = set()
    for combo in itertools.product(*choices):
        out.add("".join(combo).lower())
        out.add("".join(s[:1] for s in combo).lower())
    return out


def readings(name: str) -> frozenset[str]:
    """The pinyin a person may type for ``name`` (initials and full, in its usual
    reading), as the resolver accepts it without asking: for pages that resolve names
    without pypinyin. A rare reading (长 as zhǎng in 长宁) is not among them."""
    return frozenset(_readings(name)[0])
