"""Forgiving comparison keys for names, and Chinese numerals (一 … 九十九)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable

from fenggong.messages import _, either

_DIGITS = "一二三四五六七八九"


@functools.cache
def _wide() -> re.Pattern[str]:
    return re.compile("[\uff01-\uff5e]")  # compiled when first needed, not at every start


def fold(text: str) -> str:
    """NFKC, no whitespace or invisible format characters, case-folded: the matching form."""
    # Asking is far faster than normalizing a text that is normalized already; Chinese text
    # is not only for its full-width punctuation (，；：), whose NFKC is ASCII: put first,
    # the text often is (a search across 100 plans folds a million characters).
    if not unicodedata.is_normalized("NFKC", text):
        for wide in set(_wide().findall(text)):
            text = text.replace(wide, chr(ord(wide) - 0xFEE0))
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    # A printable text has no format character (Cf) and no whitespace but the ASCII space:
    # without one, every character is kept (decided in C, not character by character).
    if text.isprintable() and " " not in text:
        return text.casefold()
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

    ``canonical`` maps a matched spelling (an alias, say) to the name to suggest. Besides
    difflib's close matches, a name with one character replaced by a homophone is close:
    the slip of a pinyin input method (黄埔 for 黄浦), which in a two-character name
    difflib rates 0.5, below any useful cutoff.
    """
    same, close = _near(word, tuple(dict.fromkeys(choices)))
    if same is not None:
        return _("did you mean {name}? (same name, written differently)").format(
            name=canonical(same)
        )
    names = list(dict.fromkeys(canonical(c) for c in close))
    if not names:
        return None
    return _("did you mean {names}?").format(names=either(names[:3]))


@functools.lru_cache(maxsize=256)
def _near(word: str, options: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """The option that is ``word`` written differently; else the close ones, homophone
    slips first, then difflib's best first. Remembered: a file that misspells one name
    100,000 times asks 100,000 times, and each answer costs a comparison with every option."""
    import difflib

    folded = {fold(c): c for c in options}
    key = fold(word)
    if key in folded:
        return folded[key], ()
    slips = [c for f, c in folded.items() if _homophone_slip(key, f)]
    close = difflib.get_close_matches(key, list(folded), n=5, cutoff=0.6)
    return None, (*slips, *(folded[f] for f in close))


def _homophone_slip(typed: str, name: str) -> bool:
    """Whether ``name`` is ``typed`` with one Chinese character replaced by a homophone."""
    if len(typed) != len(name) or len(typed) < 2:
        return False
    differ = [(a, b) for a, b in zip(typed, name, strict=True) if a != b]
    if len(differ) != 1 or not all(_is_han(c) for c in differ[0]):
        return False
    return bool(_sounds(differ[0][0]) & _sounds(differ[0][1]))


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _sounds(char: str) -> set[str]:
    """Every toneless reading of a character (长: chang, zhang)."""
    # pypinyin loads a large dictionary: only for a name that was not found.
    from pypinyin import Style, pinyin

    return set(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


# What ``visible`` escapes: every C0 control but tab and line feed (so CR, BEL, ESC), DEL,
# every C1 control (U+0080–U+009F: U+009B alone is a CSI to many terminals), and the bidi
# embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Those last drive no
# terminal, but they reorder what it shows: an RLO makes the rest of a line read backwards,
# so a name or a path can look like another ("Trojan Source", CVE-2021-42574).
# And lone surrogates (U+D800–U+DFFF): a command-line argument or a file name that is not
# UTF-8 arrives with its bytes as surrogates (0x9b as U+DC9B), and stdout would write the
# raw byte back, a one-byte CSI again.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text: str) -> str:
    """Controls and bidi overrides shown as escapes (``\\x1b``, ``\\x9b``, ``\\u202e``), so
    data never drives a terminal nor reorders what it shows.

    Line breaks and tabs stay: they are layout, not commands.
    """
    if UNSAFE.search(text) is None:
        return text
    return UNSAFE.sub(_escaped, text)


def one_line(text: str) -> str:
    """A file name, a message or a datum on its one line: a line break in it is shown
    (``\\n``), not obeyed, so that it cannot forge a line of a report (a folder named
    "x\\n::stop-commands::…" in GitHub's log, a change in a diff)."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape", "backslashreplace").decode("ascii")


# What a file name may not hold on any system an office uses (Windows is the strictest:
# <>:"/\|?* and controls), nor the bidi marks that would make it read as another name.
_NOT_IN_FILES = re.compile('[\x00-\x1f\x7f-\x9f<>:"/\\\\|?*\u2028\u2029\u202a-\u202e\u2066-\u2069]')
# Windows' device names, a file's name before its first dot, in any case: NUL.xlsx is
# the null device there, and an export to it would vanish.
_DEVICES = re.compile("(?i)(?:CON|PRN|AUX|NUL|CONIN\\$|CONOUT\\$|COM[0-9¹²³]|LPT[0-9¹²³])")
_LONGEST_STEM = 80  # characters: well under the 255 bytes a name may take in UTF-8


def file_name(stem: str, extension: str, tail: str = "") -> str:
    """The one maker of file names from data: ``stem`` (a body's name), then ``tail``
    (``责任清单``, ``-2026-Q1``), then ``.extension``, valid on Windows, macOS and Linux.

    A character no file name may hold becomes ``_``; the stem is cut to 80 characters;
    a dot or space ending the name, which Windows drops, is dropped; a device name
    (``CON``, ``nul``, ``COM1``, with an extension too) gets a ``_`` (``CON_.xlsx``).
    """
    name = (_NOT_IN_FILES.sub("_", stem)[:_LONGEST_STEM].strip(" .") or "_") + tail
    name = name.rstrip(" .")
    first = name.split(".")[0].rstrip(" ")
    if _DEVICES.fullmatch(first):
        name = first + "_" + name[len(first) :]
    return f"{name}.{extension}"
