"""How much room text takes when printed: display width, wrapped lines, pages of rows.

A spreadsheet stores a row's height, and neither Excel, WPS nor LibreOffice grows a
merged cell to fit its text (nor, in some of them, a row written without a height): the
file must say how tall each row is. Widths are counted in half-width units, an East
Asian wide character taking two, which is how a CJK font draws it whatever its name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# A token is what a line cannot be broken inside: a run of Latin letters and digits, or
# one character, with the opening punctuation before it and the closing punctuation after
# it (a Chinese line never begins with ，。、 nor ends with （《“).
_OPENING = "（《「『“‘〔【([<"
_CLOSING = "，。、；：？！）》」』”’〕】…,.;:?!)]>%％"
# Runs of ideographs (each two units wide, breakable anywhere) are placed as one token,
# so that measuring costs little per character; the last ideograph before a closing mark
# is left to go with it.
_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(
    f"[{_IDEOGRAPH}]+(?=[{_IDEOGRAPH}][{re.escape(_CLOSING)}])"
    f"|[{_IDEOGRAPH}]+(?![{re.escape(_CLOSING)}])"
    f"|[{re.escape(_OPENING)}]*(?:[A-Za-z0-9._/+\\-]+|\\S)[{re.escape(_CLOSING)}]*|\\s+"
)
_RUN = re.compile(f"[{_IDEOGRAPH}]+")


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    # Ambiguous characters (“”、…) are set full width by Chinese fonts.
    return 2 if unicodedata.east_asian_width(char) in "WFA" else 1


def width(text: str) -> int:
    """Display width in half-width units: 你好 is 4, ab is 2."""
    return sum(_char_width(c) for c in text)


def lines(text: str, capacity: int) -> int:
    """How many lines ``text`` wraps to in a column ``capacity`` half-width units wide.

    Greedy, as office programs break: a token that does not fit on the line starts the
    next one; a token wider than the column is broken wherever it must.
    """
    capacity = max(capacity, 2)
    total = 0
    for paragraph in text.split("\n"):
        count, used = 1, 0
        for token in _TOKEN.findall(paragraph):
            if _RUN.fullmatch(token):
                count, used = _place_run(len(token), count, used, capacity)
                continue
            size = _token_width(token)
            if size > capacity:
                count += (used > 0) + (size - 1) // capacity
                used = size - (size - 1) // capacity * capacity
            elif used + size > capacity and not token.isspace():
                count, used = count + 1, size
            else:
                used = min(used + size, capacity)
        total += count
    return total


def _place_run(characters: int, count: int, used: int, capacity: int) -> tuple[int, int]:
    """Place a run of ideographs, two units each, after ``used`` units of line ``count``."""
    room = (capacity - used) // 2
    if characters <= room:
        return count, used + 2 * characters
    per_line = max(capacity // 2, 1)
    rest = characters - room
    full, last = divmod(rest - 1, per_line)
    return count + 1 + full, 2 * (last + 1)


@lru_cache(maxsize=65536)
def _token_width(token: str) -> int:
    # Tokens repeat (one Chinese character each, mostly): each is measured once.
    return width(token)


def pages(heights: Sequence[float], page: float, repeated: float) -> tuple[int, float]:
    """How many pages rows of ``heights`` (points) fill, each page ``page`` points tall
    and each after the first opening with the ``repeated`` header; and how full the last
    is. A row taller than a page is given one of its own."""
    count, left = 1, page
    for points in heights:
        if points > left and left < page - repeated:
            count, left = count + 1, page - repeated
        left -= points
    return count, page - left
