"""The deadline grammar: each phrase a plan writes, its kind and date; what is no deadline."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pytest

from fenggong.deadlines import DueParse, classify, find_dues, parse_due

D = datetime.date
ISSUED = D(2022, 7, 12)
PERIOD = (2021, 2025)
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "import-samples"

# phrase → (kind, date when the plan was issued on ISSUED, date when its issue is unknown)
PHRASES: list[tuple[str, str | None, D | None, D | None]] = [
    ("2022年10月底前", "by", D(2022, 10, 31), D(2022, 10, 31)),
    ("2022年10月底", "by", D(2022, 10, 31), D(2022, 10, 31)),
    ("2022年10月末", "by", D(2022, 10, 31), D(2022, 10, 31)),
    ("2022年10月", "by", D(2022, 10, 31), D(2022, 10, 31)),
    ("2022年10月份", "by", D(2022, 10, 31), D(2022, 10, 31)),
    ("2023年6月", "by", D(2023, 6, 30), D(2023, 6, 30)),
    ("2024年2月底前", "by", D(2024, 2, 29), D(2024, 2, 29)),
    ("2022年10月上旬", "by", D(2022, 10, 10), D(2022, 10, 10)),
    ("2022年10月中旬", "by", D(2022, 10, 20), D(2022, 10, 20)),
    ("2022年10月下旬", "by", D(2022, 10, 31), D(2022, 10, 31)),
    ("2022年10月15日前", "by", D(2022, 10, 15), D(2022, 10, 15)),
    ("2022年10月15日", "by", D(2022, 10, 15), D(2022, 10, 15)),
    ("2022年10月15号之前", "by", D(2022, 10, 15), D(2022, 10, 15)),
    ("2022年底前", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("2022年年底前", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("2022年年底", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("2022年末", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("2022年内", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("2022年度", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("2022年", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("2025年前", "by", D(2025, 12, 31), D(2025, 12, 31)),
    ("2022年上半年", "by", D(2022, 6, 30), D(2022, 6, 30)),
    ("2022年下半年", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("2022年第一季度", "by", D(2022, 3, 31), D(2022, 3, 31)),
    ("2022年第三季度", "by", D(2022, 9, 30), D(2022, 9, 30)),
    ("2022年三季度末", "by", D(2022, 9, 30), D(2022, 9, 30)),
    ("2022年第4季度", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("年内", "by", D(2022, 12, 31), None),
    ("今年内", "by", D(2022, 12, 31), None),
    ("年底前", "by", D(2022, 12, 31), None),
    ("年底", "by", D(2022, 12, 31), None),
    ("年度内", "by", D(2022, 12, 31), None),
    ("今年底前", "by", D(2022, 12, 31), None),
    ("明年", "by", D(2023, 12, 31), None),
    ("明年底前", "by", D(2023, 12, 31), None),
    ("明年6月底前", "by", D(2023, 6, 30), None),
    ("次年上半年", "by", D(2023, 6, 30), None),
    ("10月底前", "by", D(2022, 10, 31), None),
    ("上半年", "by", D(2022, 6, 30), None),
    ("5年内", "within", D(2027, 7, 12), None),
    ("三年内", "within", D(2025, 7, 12), None),
    ("两年内", "within", D(2024, 7, 12), None),
    ("两年之内", "within", D(2024, 7, 12), None),
    ("十年内", "within", D(2032, 7, 12), None),
    ("用3年时间", None, None, None),  # 用 is no part of the grammar: classify frames it
    ("3年时间", "within", D(2025, 7, 12), None),
    ("半年内", "within", D(2023, 1, 12), None),
    ("6个月内", "within", D(2023, 1, 12), None),
    ("“十四五”时期", "period", D(2025, 12, 31), D(2025, 12, 31)),
    ("十四五期间", "period", D(2025, 12, 31), D(2025, 12, 31)),
    ("“十四五”末", "period", D(2025, 12, 31), D(2025, 12, 31)),
    ("“十四五”期末", "period", D(2025, 12, 31), D(2025, 12, 31)),
    ('"十四五"时期内', "period", D(2025, 12, 31), D(2025, 12, 31)),
    ("十四五", "period", D(2025, 12, 31), D(2025, 12, 31)),
    ("“十三五”时期", "period", D(2020, 12, 31), D(2020, 12, 31)),
    ("“十五五”时期", "period", D(2030, 12, 31), D(2030, 12, 31)),
    ("十一五期间", "period", D(2010, 12, 31), D(2010, 12, 31)),
    ("2019—2021年", "period", D(2021, 12, 31), D(2021, 12, 31)),
    ("2019-2021年", "period", D(2021, 12, 31), D(2021, 12, 31)),
    ("2019年至2021年", "period", D(2021, 12, 31), D(2021, 12, 31)),
    ("规划期内", "period", D(2025, 12, 31), None),
    ("本规划期末", "period", D(2025, 12, 31), None),
    ("长期坚持", "ongoing", None, None),
    ("持续推进", "ongoing", None, None),
    ("持续开展", "ongoing", None, None),
    ("持续实施", "ongoing", None, None),
    ("长期", "ongoing", None, None),
    ("常态化", "ongoing", None, None),
    ("常态化推进", "ongoing", None, None),
    # Chinese numerals and full-width digits
    ("二〇二二年十月底前", "by", D(2022, 10, 31), D(2022, 10, 31)),
    ("二零二三年六月", "by", D(2023, 6, 30), D(2023, 6, 30)),
    ("二〇二二年十二月三十一日", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("２０２２年１０月底前", "by", D(2022, 10, 31), D(2022, 10, 31)),
    ("２０２２年", "by", D(2022, 12, 31), D(2022, 12, 31)),
    ("５年内", "within", D(2027, 7, 12), None),
    # No phrase of the grammar
    ("2022年2月30日", None, None, None),
    ("2022年13月", None, None, None),
    ("2022年10月初", None, None, None),
    ("半个月内", None, None, None),
    ("按计划推进", None, None, None),
    ("尽快", None, None, None),
    ("每年", None, None, None),
    ("22年", None, None, None),
    ("", None, None, None),
]


@pytest.mark.parametrize(("phrase", "kind", "issued_date", "bare_date"), PHRASES)
def test_a_phrase_reads_as_its_kind_and_date(
    phrase: str, kind: str | None, issued_date: D | None, bare_date: D | None
) -> None:
    found = parse_due(phrase, issued=ISSUED, period=PERIOD)
    if kind is None:
        assert found is None
        assert parse_due(phrase) is None
        return
    assert found == DueParse(phrase, kind, issued_date, 0, len(phrase))  # type: ignore[arg-type]
    assert parse_due(phrase) == DueParse(phrase, kind, bare_date, 0, len(phrase))  # type: ignore[arg-type]


def test_within_keeps_the_day_of_issue_or_the_last_of_a_shorter_month() -> None:
    found = parse_due("1年内", issued=D(2024, 2, 29))
    assert found is not None and found.date == D(2025, 2, 28)
    found = parse_due("1个月内", issued=D(2022, 1, 31))
    assert found is not None and found.date == D(2022, 2, 28)


def test_parse_due_wants_the_whole_text_to_be_one_phrase() -> None:
    assert parse_due("  年内 ") == DueParse("年内", "by", None, 2, 4)
    assert parse_due("2022年底前完成") is None
    assert parse_due("年内，长期坚持") is None


# A text → the deadlines in it, as (raw, kind, date) with ISSUED.
TEXTS: list[tuple[str, list[tuple[str, str, D | None]]]] = [
    # A year alone: only with 到/至/于 before or 完成/实现/达到/建成/基本/全面 after.
    ("2022年培训500万人次", []),
    ("全市2022年培训500万人次", []),
    ("到2025年，全市培训500万人次", [("2025年", "by", D(2025, 12, 31))]),
    ("截至2022年，累计培训", [("2022年", "by", D(2022, 12, 31))]),
    ("力争于2023年建成", [("2023年", "by", D(2023, 12, 31))]),
    ("2022年完成改革", [("2022年", "by", D(2022, 12, 31))]),
    ("2022年基本实现全覆盖", [("2022年", "by", D(2022, 12, 31))]),
    ("2022年底前完成", [("2022年底前", "by", D(2022, 12, 31))]),
    ("在2022年开展", []),
    ("2012年内容", []),
    # A month alone, a plan period alone: never.
    ("每年6月发布", []),
    ("6月底前报送", [("6月底前", "by", D(2022, 6, 30))]),
    ("2019年上半年，试点城市政府印发实施方案", [("2019年上半年", "by", D(2019, 6, 30))]),
    ("“十四五”规划提出", []),
    ("编制十四五规划", []),
    (
        "“十四五”时期，力争全市补贴性职业技能培训500万人次",
        [("“十四五”时期", "period", D(2025, 12, 31))],
    ),
    # 长期, 持续推进: a clause of their own, never a task's verb.
    ("持续推进职业技能提升行动", []),
    ("建立长期机制", []),
    ("常态化开展监督检查", []),
    ("（国务院各部门分别负责，持续推进）", [("持续推进", "ongoing", None)]),
    (
        "（国务院各部门分别负责，年内持续推进）",
        [("年内", "by", D(2022, 12, 31)), ("持续推进", "ongoing", None)],
    ),
    ("此项工作长期坚持。", []),
    ("此项工作，长期坚持。", [("长期坚持", "ongoing", None)]),
    # Recurring, or a number of years that is no span: none.
    ("每年年底前报送", []),
    ("10年以上工作经验", []),
    ("近5年来", []),
    ("三年内完成", [("三年内", "within", D(2025, 7, 12))]),
    # When something begins is no deadline; a span from … to … is one period.
    ("从2019年1月1日起，实施三年百万青年见习计划", []),
    ("2019年1月1日至12月31日，对面临", [("2019年1月1日至12月31日", "period", D(2019, 12, 31))]),
    (
        "2019年1月1日至2020年12月31日，将",
        [("2019年1月1日至2020年12月31日", "period", D(2020, 12, 31))],
    ),
    ("明确规划期内城市基础设施保障能力需求", [("规划期内", "period", D(2025, 12, 31))]),
    (
        "2022年6月底前启动，2023年底前完成",
        [("2022年6月底前", "by", D(2022, 6, 30)), ("2023年底前", "by", D(2023, 12, 31))],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS)
def test_deadlines_found_in_a_longer_text(
    text: str, expected: list[tuple[str, str, D | None]]
) -> None:
    found = find_dues(text, issued=ISSUED, period=PERIOD)
    assert [(d.raw, d.kind, d.date) for d in found] == expected
    assert all(text[d.start : d.end] == d.raw for d in found)


# A 完成时限 cell → (raw, kind, date), or None for a person to read.
CELLS: list[tuple[str, tuple[str, str, D | None] | None]] = [
    ("2022年底前", ("2022年底前", "by", D(2022, 12, 31))),
    ("2022年底前完成", ("2022年底前", "by", D(2022, 12, 31))),
    ("到2025年", ("2025年", "by", D(2025, 12, 31))),
    ("截至2025年底", ("2025年底", "by", D(2025, 12, 31))),
    ("2022年", ("2022年", "by", D(2022, 12, 31))),
    ("6月", ("6月", "by", D(2022, 6, 30))),
    ("十四五", ("十四五", "period", D(2025, 12, 31))),
    (" 年内 ", ("年内", "by", D(2022, 12, 31))),
    ("长期坚持。", ("长期坚持", "ongoing", None)),
    ("持续推进", ("持续推进", "ongoing", None)),
    ("用3年时间", ("3年时间", "within", D(2025, 7, 12))),
    ("2022年启动，2023年底前完成", None),
    ("按计划推进", None),
    ("根据工作需要", None),
    ("", None),
]


@pytest.mark.parametrize(("cell", "expected"), CELLS)
def test_a_whole_cell_is_one_phrase_or_none(
    cell: str, expected: tuple[str, str, D | None] | None
) -> None:
    found = classify(cell, issued=ISSUED, period=PERIOD)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.raw, found.kind, found.date) == expected
    assert cell[found.start : found.end] == found.raw


def _sample_text(name: str) -> str:
    paths = sorted(SAMPLES.glob(f"{name}-*.txt"))
    if not paths:
        pytest.skip("../shared/import-samples is absent")
    return html.unescape(re.sub(r"<[^>]+>", "", paths[0].read_text(encoding="utf-8")))


def test_the_two_dated_deadlines_of_guobanfa_2018_128() -> None:
    found = [d.raw for d in find_dues(_sample_text("10"))]
    assert "2019年6月底前" in found
    assert "2021年3月底前" in found
    assert all("底前" not in raw for raw in found if raw not in ("2019年6月底前", "2021年3月底前"))


def test_long_texts_are_read_in_linear_time() -> None:
    # No timing asserted: a quadratic regression would take minutes, not a fraction of a second.
    assert classify("x" + " " * 50_000 + "x") is None
    assert classify(" " * 50_000 + "到2022年" + "，" * 50_000) is not None
    assert len(find_dues("2022年1月1日至" * 20_000)) == 10_000
    assert find_dues("1" * 100_000 + "年内") == []
