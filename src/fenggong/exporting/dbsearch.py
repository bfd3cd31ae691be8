"""What the SQLite export's full-text index holds for a task: every piece of its words, so
that a search box finds a Chinese word of any length inside a run of text."""

from __future__ import annotations

import unicodedata

from fenggong.names import fold

# The longest piece of a run of Chinese indexed as a word: a run is cut at punctuation and
# spaces (the bundled plan's longest is 43 characters), and its pieces grow with the square
# of its length.
SEARCHABLE = 48


def terms(text: str) -> str:
    """Every piece, up to SEARCHABLE characters, of each run of word characters (letters
    and digits, as unicode61 takes them) of the folded text, space-separated: what the
    index holds for a task, so that any word inside a run is a token of its own."""
    pieces: list[str] = []
    run: list[str] = []
    for ch in [*fold(text), " "]:
        if unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Co":
            run.append(ch)
            continue
        word = "".join(run)
        run.clear()
        pieces += (
            word[i:j]
            for i in range(len(word))
            for j in range(i + 1, min(len(word), i + SEARCHABLE) + 1)
        )
    return " ".join(dict.fromkeys(pieces))
