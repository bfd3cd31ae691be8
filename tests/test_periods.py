"""Reporting periods of the 台账: strict names, spans, order, neighbours, loose spellings."""

from __future__ import annotations

import datetime

import pytest

from fenggong.periods import PeriodKind, containing, is_valid, parse_period, suggest

D = datetime.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "previous"),
    [
        ("2026-03", PeriodKind.MONTH, D(2026, 3, 1), D(2026, 3, 31), "2026-02"),
        ("2026-01", PeriodKind.MONTH, D(2026, 1, 1), D(2026, 1, 31), "2025-12"),
        ("2024-02", PeriodKind.MONTH, D(2024, 2, 1), D(2024, 2, 29), "2024-01"),
        ("2026-Q1", PeriodKind.QUARTER, D(2026, 1, 1), D(2026, 3, 31), "2025-Q4"),
        ("2026-Q4", PeriodKind.QUARTER, D(2026, 10, 1), D(2026, 12, 31), "2026-Q3"),
        ("2026-H1", PeriodKind.HALF, D(2026, 1, 1), D(2026, 6, 30), "2025-H2"),
        ("2026-H2", PeriodKind.HALF, D(2026, 7, 1), D(2026, 12, 31), "2026-H1"),
        ("2026", PeriodKind.YEAR, D(2026, 1, 1), D(2026, 12, 31), "2025"),
    ],
)
def test_a_period_parses_to_its_span(
    text: str, kind: PeriodKind, start: D, end: D, previous: str
) -> None:
    period = parse_period(text)
    assert period is not None
    assert (period.name, period.kind, period.start, period.end) == (text, kind, start, end)
    before = period.previous()
    assert before is not None and before.name == previous
    assert before.next() == period
    assert is_valid(text)
    assert start in period and end in period and end + datetime.timedelta(days=1) not in period


@pytest.mark.parametrize(
    ("text", "suggested"),
    [
        ("2026-13", None),
        ("2026-00", None),
        ("2026-Q5", None),
        ("2026-Q0", None),
        ("2026-H3", None),
        ("26-Q1", None),
        ("0999", None),
        ("２０２６-Q1", "2026-Q1"),
        ("2026-q1", "2026-Q1"),
        ("2026Q1", "2026-Q1"),
        ("2026-3", "2026-03"),
        ("2026/03", "2026-03"),
        ("2026年3月", "2026-03"),
        ("2026年第一季度", "2026-Q1"),
        ("2026年第2季度", "2026-Q2"),
        ("2026年上半年", "2026-H1"),
        ("2026年下半年", "2026-H2"),
        ("2026年", "2026"),
        (" 2026-Q1", "2026-Q1"),
        ("2026-Q1 ", "2026-Q1"),
        ("", None),
        ("Q1", None),
    ],
)
def test_anything_else_is_refused_and_a_loose_spelling_suggested(
    text: str, suggested: str | None
) -> None:
    assert parse_period(text) is None
    assert not is_valid(text)
    assert suggest(text) == suggested


def test_periods_order_by_their_close_then_their_opening() -> None:
    names = ["2026", "2026-H1", "2026-03", "2026-Q1", "2026-01", "2025-Q4", "2026-02"]
    periods = [parse_period(n) for n in names]
    assert all(p is not None for p in periods)
    ordered = sorted(p for p in periods if p is not None)
    assert [p.name for p in ordered] == [
        "2025-Q4", "2026-01", "2026-02", "2026-Q1", "2026-03", "2026-H1", "2026",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("day", "kind", "name"),
    [
        (D(2026, 8, 9), PeriodKind.MONTH, "2026-08"),
        (D(2026, 8, 9), PeriodKind.QUARTER, "2026-Q3"),
        (D(2026, 8, 9), PeriodKind.HALF, "2026-H2"),
        (D(2026, 8, 9), PeriodKind.YEAR, "2026"),
        (D(2026, 3, 31), PeriodKind.QUARTER, "2026-Q1"),
        (D(2026, 4, 1), PeriodKind.QUARTER, "2026-Q2"),
        (D(2026, 6, 30), PeriodKind.HALF, "2026-H1"),
    ],
)
def test_the_period_containing_a_day(day: D, kind: PeriodKind, name: str) -> None:
    period = containing(day, kind)
    assert period.name == name and day in period
    assert parse_period(name) == period


def test_the_edges_of_the_calendar() -> None:
    first = parse_period("1000-01")
    last = parse_period("9999-Q4")
    assert first is not None and first.previous() is None
    assert last is not None and last.next() is None
    with pytest.raises(ValueError, match="before the year 1000"):
        containing(D(999, 1, 1), PeriodKind.YEAR)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("2026-03", "2026年3月"),
        ("2026-Q1", "2026年第一季度"),
        ("2026-Q4", "2026年第四季度"),
        ("2026-H1", "2026年上半年"),
        ("2026-H2", "2026年下半年"),
        ("2026", "2026年"),
    ],
)
def test_a_period_as_a_document_titles_it(name: str, said: str) -> None:
    found = parse_period(name)
    assert found is not None and found.chinese == said
