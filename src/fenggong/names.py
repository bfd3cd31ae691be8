"""Forgiving comparison keys for names, and Chinese numerals (一 … 九十九)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

_DIGITS = "一二三四五六七八九"


def fold(text: str) -> str:
    """NFKC, no whitespace or invisible format characters, case-folded: the matching form."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf"
    ).casefold()


def numeral(number: int) -> str:
    """The Chinese numeral of 1 … 99 as the table writes it (十, 十一, 二十, 三十七)."""
    if not 1 <= number <= 99:
        raise ValueError(f"no numeral for {number}")
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
    return head + (_DIGITS[units - 1] if units else "")


def parse_numeral(text: str) -> int | None:
    """The number a Chinese numeral (optionally in （）) stands for, or None."""
    text = fold(text).strip("()")
    for number in range(1, 100):
        if numeral(number) == text:
            return number
    return None


def did_you_mean(
    word: str, choices: Iterable[str], canonical: Callable[[str], str] = str
) -> str | None:
    """A "did you mean" for a misspelt name, forgiving width, whitespace and case.

    ``canonical`` maps a matched spelling (an alias, say) to the name to suggest.
    """
    import difflib

    options = list(dict.fromkeys(choices))
    folded = {fold(c): c for c in options}
    if fold(word) in folded:
        return f"did you mean {canonical(folded[fold(word)])}? (same name, written differently)"
    close = difflib.get_close_matches(word, options, n=5, cutoff=0.6)
    names = list(dict.fromkeys(canonical(c) for c in close))[:3]
    if not names:
        return None
    return "did you mean " + " or ".join(names) + "?"


def visible(text: str) -> str:
    """Control characters (ESC, BEL, …) shown as escapes, so data never drives a terminal.

    Line breaks and tabs stay: they are layout, not commands.
    """
    if text.isprintable():
        return text
    return "".join(
        ch
        if ch in "\n\t" or unicodedata.category(ch) != "Cc"
        else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )
