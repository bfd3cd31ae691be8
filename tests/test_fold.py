"""fold's fast paths give what NFKC, dropping whitespace and format characters, and
case-folding give, character by character."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from fenggong.names import fold


def _reference(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    kept = (ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")
    return "".join(kept).casefold()


def test_every_code_point_folds_as_the_reference() -> None:
    # Runs of consecutive code points: each character, and each beside its neighbours
    # (a letter and the combining marks after it compose).
    for start in range(0, sys.maxunicode + 1, 512):
        run = "".join(
            chr(c)
            for c in range(start, min(start + 512, sys.maxunicode + 1))
            if not 0xD800 <= c <= 0xDFFF
        )
        assert fold(run) == _reference(run), hex(start)


@pytest.mark.parametrize(
    "text",
    [
        "推进职业教育，加强技能培训；完善（政策）",
        "Ａ\u0301ＢＣ，ｄ",  # full-width letters, one with a combining accent
        "市教委\u200b",  # a zero-width space: a format character
        "市 教\u3000委",  # spaces, the ideographic one too
        "ﬁ①㈱\u2028",  # compatibility forms, a line separator
        "ＳＪＷ",
        "",
    ],
)
def test_texts_fold_as_the_reference(text: str) -> None:
    assert fold(text) == _reference(text)
