"""Where Chinese text may break across lines: between characters, but not before a closing
mark, after an opening one, inside a Latin word, or between a number and its unit."""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len

from fenggong.model import UNITS

# 避头: marks a line must not begin with; 避尾: marks a line must not end with.
CLOSING = "，。、；：？！）」』”’》〉】〕〗…—·%％,.;:?!)]}>"
OPENING = "（「『“‘《〈【〔〖([{<"

_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
# One unbreakable unit: a number with its magnitude and unit (200万人次, 80%, 1.5亿元),
# a Latin run, or one other character; each with any opening marks before it and closing
# marks after it.
_TOKEN = re.compile(
    rf"[{re.escape(OPENING)}]*"
    rf"(?:\d[\d.,]*(?: ?(?:[万亿千百](?:{_UNIT}|元)?|{_UNIT}|元|年|月|日|岁|名|次))"
    # A run of Latin letters, digits and ASCII signs: a word, a number, a path
    # (data/tasks.yaml), an option (--each-dept) is never broken inside.
    r"|[!-~\u00c0-\u024f]+"
    r"|\s+"
    r"|.)"
    rf"[{re.escape(CLOSING)}]*",
    re.S,
)


@lru_cache(maxsize=256)
def _pattern(whole: tuple[str, ...]) -> re.Pattern[str]:
    """The pieces, with the words of ``whole`` (department names) each one piece."""
    if not whole:
        return _TOKEN
    words = "|".join(re.escape(w) for w in sorted(set(whole), key=len, reverse=True) if w)
    return re.compile(rf"(?:{words})[{re.escape(CLOSING)}]*|{_TOKEN.pattern}", re.S)


def tokens(text: str, whole: tuple[str, ...] = ()) -> list[str]:
    """The text cut into the pieces a line may break between; each of ``whole`` (the
    names in a list of departments) stays one piece, as a name is never split."""
    return _pattern(whole).findall(text)


@lru_cache(maxsize=4096)
def narrowest(text: str) -> int:
    """The width of the widest piece: a column this wide breaks nothing but lines."""
    return max((cell_len(t) for t in tokens(text) if not t.isspace()), default=0)


def wrap(text: str, width: int, whole: tuple[str, ...] = ()) -> list[int]:
    """Offsets at which to start new lines so that each line fits ``width`` cells.

    Greedy, piece by piece; a piece wider than the whole line (a long Latin word) is cut
    by characters, as there is nothing better. Existing line breaks are kept; spaces at
    a break are left at the end of the line, where a terminal shows nothing.
    """
    width = max(1, width)
    offsets: list[int] = []
    position = 0
    used = 0
    for piece in tokens(text, whole):
        size = cell_len(piece)
        if "\n" in piece:
            position += len(piece)
            offsets.append(position)
            used = 0
            continue
        if piece.isspace():
            position += len(piece)
            used += size
            continue
        if used and used + size > width:
            offsets.append(position)
            used = 0
        if size > width:
            for char in piece:
                step = cell_len(char)
                if used and used + step > width:
                    offsets.append(position)
                    used = 0
                position += 1
                used += step
            continue
        position += len(piece)
        used += size
    return [o for o in offsets if 0 < o < len(text)]
