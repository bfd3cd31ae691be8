"""What the SQLite export's full-text index holds for a task: every piece of its words, so
that a search box finds a Chinese word of any length inside a run of text."""

from __future__ import annotations

import contextlib
import sqlite3
import unicodedata
from collections.abc import Iterator
from itertools import accumulate, chain

from fenggong.names import fold

# The longest piece of a run of Chinese indexed as a word: a run is cut at punctuation and
# spaces (the bundled plan's longest is 43 characters), and its pieces grow with the square
# of its length.
SEARCHABLE = 48


class _Words(dict[int, int]):
    """For str.translate: a character of a word (a letter or digit, as unicode61 takes it)
    kept, any other one a space; each character's category asked once, then remembered."""

    def __missing__(self, code: int) -> int:
        category = unicodedata.category(chr(code))
        kept = category[0] in "LN" or category == "Co"
        value = self[code] = code if kept else 0x20
        return value


_WORDS = _Words()


def terms(text: str) -> str:
    """Every piece, up to SEARCHABLE characters, of each run of word characters (letters
    and digits, as unicode61 takes them) of the folded text, space-separated, each once in
    the order first met: what the index holds for a task, so that any word inside a run is
    a token of its own."""
    runs = fold(text).translate(_WORDS).split()
    # A piece starting at i, longest last, is a prefix of the run's tail from i: the
    # prefixes are made in C (accumulate), not by a slice each in Python, as 100,000 tasks
    # have some 50 million pieces.
    tails = [accumulate(run[i : i + SEARCHABLE]) for run in runs for i in range(len(run))]
    return " ".join(dict.fromkeys(chain.from_iterable(tails)))


# The terms FTS5 gathers in memory before it writes them out. Its default, a megabyte,
# writes 100,000 tasks' 50 million terms out in hundreds of pieces and merges them again
# and again: two to three times the work of building the index itself.
_PENDING = 64 << 20


@contextlib.contextmanager
def buffered(db: sqlite3.Connection) -> Iterator[None]:
    """Index the tasks within the block with FTS5 gathering more in memory; the file made
    keeps no trace of it. An SQLite without the setting builds the same index, slower."""
    try:
        db.execute("INSERT INTO tasks_fts(tasks_fts, rank) VALUES ('hashsize', ?)", (_PENDING,))
    except sqlite3.OperationalError:
        yield
        return
    yield
    db.commit()  # what is gathered is written out now, before the setting goes
    db.execute("DELETE FROM tasks_fts_config WHERE k = 'hashsize'")
