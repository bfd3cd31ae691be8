"""The diff report in one language: every sentence it writes is a catalogue key.

The zh_CN catalogue gives a wholly Chinese report, in the report's Chinese wording of
before (任务47 重点任务：…): the fixtures' expected.zh.txt hold it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fenggong.diff import report
from fenggong.diff.compare import Changes, compare
from fenggong.store import loader
from tests.helpers import FIXTURES
from tests.test_messages import SOURCE
from tests.test_messages import ZH as CATALOGUE

CASES = sorted(p for p in (FIXTURES / "diff").iterdir() if p.is_dir())


def _changes(case: Path) -> Changes:
    return compare(loader.load(case / "old.yaml"), loader.load(case / "new.yaml"))


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_the_chinese_catalogue_gives_a_chinese_report(case: Path) -> None:
    changes = _changes(case)
    text = report.as_text(changes)
    assert text == (case / "expected.zh.txt").read_text(encoding="utf-8")
    markdown = re.sub("</?(del|ins)>", "", report.as_markdown(changes))
    for written in (text, markdown):
        assert re.search("[A-Za-z]", written) is None, written


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_the_english_report_is_english(case: Path) -> None:
    """The fixtures' data is Chinese, so no Chinese sentence of the report's own remains:
    every line with words of the report's begins with an English word."""
    for line in report.as_text(_changes(case)).splitlines():
        assert line == "" or re.match(r"\s*[A-Za-z]|\s*\S+: [+−]", line), line


def test_every_sentence_of_the_report_is_translated_without_latin_letters() -> None:
    """The catalogue, not this test, holds the translations: each of the report's keys has
    one, and it writes no English word of its own."""
    keys = [m for m in SOURCE if m.id and any("diff/" in path for path, _line in m.locations)]
    assert len(keys) > 40
    for key in keys:
        entry = CATALOGUE.get(key.id)
        assert entry is not None and entry.string, f"untranslated: {key.id!r}"
        assert re.search("[A-Za-z]", re.sub(r"{\w+}", "", str(entry.string))) is None, entry.string
