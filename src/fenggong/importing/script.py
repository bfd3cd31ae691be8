"""Traditional script folded to simplified, for reading a document (OpenCC, phrase-aware).

A document in traditional script says 牽頭 and 人力資源社會保障部; the importer reads it
in simplified and stores its names so, and the review says where it did.
"""

from __future__ import annotations

import functools
from collections.abc import Callable


@functools.cache
def _t2s() -> Callable[[str], str]:
    # OpenCC loads its dictionaries in tens of milliseconds: only for an import.
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s.json").convert
    return convert


def simplified(text: str) -> str:
    """``text`` in simplified script; the same string when it is already."""
    if text.isascii():
        return text
    try:
        return _t2s()(text)
    except (UnicodeError, RuntimeError):  # lone surrogates: no document is written so
        return text
