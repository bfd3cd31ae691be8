"""The core's judgement of single cells of a returned form: a 完成值, a 填报日期."""

from __future__ import annotations

import datetime

import pytest

from fenggong.errors import Problem
from fenggong.forms import Percent, Returned
from fenggong.query.cells import date_problem, figure_value

AT = "f.xlsx!进展填报!K7"
ALONE = "write the number alone, in {unit} (the unit is in column L)"
BOUND = "write a number of at most 1,000,000,000,000,000, in 所"


@pytest.mark.parametrize(
    ("raw", "unit", "value"),
    [(8, "所", 8), (12.5, "万人次", 12.5), ("1,200", "人", 1200), ("85%", "%", 85),
     (Percent(0.85), "%", 85), ("１２", "所", 12), (".5", "万人次", 0.5), ("+7", "所", 7),
     ("1e3", "人", 1000), ("0.000", "%", 0), ("1,234,567.5", "人", 1234567.5),
     ("１，２００", "人", 1200)],
)  # fmt: skip
def test_a_number_is_its_value(raw: object, unit: str, value: float) -> None:
    assert figure_value(raw, unit, AT) == value


@pytest.mark.parametrize(
    ("raw", "unit", "message", "hint"),
    [
        (Percent(0.85), "万人次", "完成值 85% is a percentage, but the target counts 万人次",
         ALONE.format(unit="万人次")),
        ("2e15", "%", "完成值 '2e15' is out of range",
         "write a number of at most 1,000,000,000,000,000, in %"),
        ("约8所", "所", "完成值 '约8所' is not a number", ALONE.format(unit="所")),
        # What Python's float() reads and no one writes as a number.
        *[(text, "所", f"完成值 {text!r} is not a number", ALONE.format(unit="所"))
          for text in ("1_000", "٥", "inf", "nan", "0x10", "12,5", "1,2,3", "1,20", ",500")],
        # Beyond a float, above or below: never stored as inf, nor as 0.
        *[(text, "所", f"完成值 {text!r} is out of range", BOUND) for text in ("1e400", "1e-400")],
    ],
)  # fmt: skip
def test_a_value_that_is_no_figure_is_one_problem_at_its_cell(
    raw: object, unit: str, message: str, hint: str
) -> None:
    assert figure_value(raw, unit, AT) == Problem(
        "form", "form-number", message, file=AT, hint=hint
    )


def _returned(period: str, reported: datetime.date | None) -> Returned:
    return Returned("f.xlsx", "市教委", period, {}, (), {}, reported=reported)


TODAY = datetime.date(2026, 5, 20)
D2 = "f.xlsx!进展填报!D2"


@pytest.mark.parametrize(
    ("period", "day"),
    [("2026-Q1", datetime.date(2026, 1, 1)), ("2026-Q1", TODAY), ("2026-Q2", TODAY),
     ("2026-H1", TODAY), ("2026", TODAY), ("2026-03", datetime.date(2026, 4, 30)),
     ("2026-Q1", None)],
)  # fmt: skip
def test_a_date_within_the_period_and_the_next_and_not_past_today_is_taken(
    period: str, day: datetime.date | None
) -> None:
    assert date_problem(_returned(period, day), TODAY) is None


def test_a_date_later_than_today_is_refused_at_its_cell() -> None:
    found = date_problem(_returned("2026-Q1", datetime.date(2026, 5, 21)), TODAY)
    assert found == Problem(
        "form",
        "form-date",
        "填报日期 2026-05-21 is later than today, 2026-05-20",
        file=D2,
        hint="a form is not filled in on a day to come: write the day it was filled in",
    )


def test_a_date_before_the_period_began_is_refused_at_its_cell() -> None:
    found = date_problem(_returned("2026-Q1", datetime.date(2025, 12, 31)), TODAY)
    assert found == Problem(
        "form",
        "form-date",
        "填报日期 2025-12-31 is before 2026-Q1 began, on 2026-01-01",
        file=D2,
        hint="a form filled in on 2025-12-31 reports on 2025-Q4: send 市教委 the form of "
        "2025-Q4 (fenggong report sheet --period 2025-Q4 --dept 市教委); if 2025-12-31 is a "
        "slip, write the day the form was filled in",
    )


def test_a_date_after_the_next_period_ended_is_refused_at_its_cell() -> None:
    # A Q1 report may be dated until Q2 ends: 1 July is too late, as validate's FG108 says.
    found = date_problem(_returned("2026-Q1", datetime.date(2026, 7, 1)), datetime.date(2027, 1, 1))
    assert found == Problem(
        "form",
        "form-date",
        "填报日期 2026-07-01 is after 2026-Q2 ended, on 2026-06-30: "
        "too late for a report on 2026-Q1",
        file=D2,
        hint="a form filled in on 2026-07-01 reports on 2026-Q2: send 市教委 the form of "
        "2026-Q2 (fenggong report sheet --period 2026-Q2 --dept 市教委); if 2026-07-01 is a "
        "slip, write the day the form was filled in",
    )


@pytest.mark.parametrize(
    ("period", "day", "reports_on"),
    [("2026-03", datetime.date(2026, 2, 27), "2026-02"), ("2026-03", datetime.date(2026, 5, 2),
     "2026-04"), ("2026-H2", datetime.date(2026, 6, 30), "2026-H1"),
     ("2025", datetime.date(2027, 1, 5), "2026"), ("2026-Q1", datetime.date(2025, 9, 30), None),
     ("2026-Q1", datetime.date(2026, 10, 1), None)],
)  # fmt: skip
def test_a_date_just_outside_names_the_period_it_reports_on(
    period: str, day: datetime.date, reports_on: str | None
) -> None:
    """The period just before, or the one the window closes with when filled in the one
    after it; a day farther off is likely a slip, and no period is named."""
    found = date_problem(_returned(period, day), datetime.date(2030, 1, 1))
    assert found is not None and found.hint is not None
    if reports_on is None:
        assert "--period PERIOD" in found.hint
    else:
        assert f"reports on {reports_on}: " in found.hint


def test_a_form_for_a_period_not_begun_can_bear_no_date_yet() -> None:
    found = date_problem(_returned("2027-Q1", datetime.date(2027, 1, 5)), TODAY)
    assert found is not None
    assert found.message == "填报日期 2027-01-05 is later than today, 2026-05-20"
    assert found.hint == "collect forms for 2027-Q1 from 2027-01-01, when it begins"
