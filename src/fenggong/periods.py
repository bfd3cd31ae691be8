"""Reporting periods of the 台账: a month (2026-03), quarter (2026-Q1), half (2026-H1), year.

A period's name is also its ledger file's name (progress/2026-Q1.yaml), so it is read
strictly: four ASCII digits of a year, a two-digit month, Q1–Q4, H1–H2, nothing else.
``suggest`` reads what people write instead (2026q1, 2026年第一季度, ２０２６-０３) and
says how to write it; it never stands in for the strict reading.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from enum import StrEnum

import msgspec


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


# How many months each kind spans.
_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}

# [0-9], not \d: \d takes full-width and other scripts' digits too.
_STRICT = re.compile(r"([1-9][0-9]{3})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?")


class ReportingPeriod(msgspec.Struct, frozen=True):
    """A named span of days, first and last day included.

    Ordered by when it closes, then by when it opens: 2026-01 < 2026-Q1 < 2026-03 <
    2026-H1 < 2026. Of two periods closing on one day, the shorter, the more recent news,
    comes last: the order in which a report is the latest.
    """

    name: str
    kind: PeriodKind
    start: datetime.date
    end: datetime.date

    @property
    def key(self) -> tuple[datetime.date, datetime.date]:
        return (self.end, self.start)

    @property
    def chinese(self) -> str:
        """The period as a document titles it: 2026年3月, 2026年第一季度, 2026年上半年, 2026年."""
        year = f"{self.start.year}年"
        if self.kind is PeriodKind.MONTH:
            return f"{year}{self.start.month}月"
        if self.kind is PeriodKind.QUARTER:
            return f"{year}第{'一二三四'[(self.start.month - 1) // 3]}季度"
        if self.kind is PeriodKind.HALF:
            return f"{year}{'上' if self.start.month == 1 else '下'}半年"
        return year

    def __lt__(self, other: ReportingPeriod) -> bool:
        return self.key < other.key

    def __le__(self, other: ReportingPeriod) -> bool:
        return self.key <= other.key

    def __gt__(self, other: ReportingPeriod) -> bool:
        return self.key > other.key

    def __ge__(self, other: ReportingPeriod) -> bool:
        return self.key >= other.key

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    def previous(self) -> ReportingPeriod | None:
        """The period of the same kind just before (2026-Q1 → 2025-Q4); None before 1000."""
        day = self.start - datetime.timedelta(days=1)
        return containing(day, self.kind) if day.year >= 1000 else None

    def next(self) -> ReportingPeriod | None:
        """The period of the same kind just after (2026-Q4 → 2027-Q1); None after 9999."""
        if self.end.year == 9999 and self.end.month == 12 and self.end.day == 31:
            return None
        return containing(self.end + datetime.timedelta(days=1), self.kind)


def report_window(period: ReportingPeriod) -> tuple[datetime.date, datetime.date, ReportingPeriod]:
    """The days a report on ``period`` may be dated: from its first day to the last of the
    next period of its kind (a Q1 report by 30 June), and that next period (``period``
    itself when none follows). A report dated outside is likely filed in the wrong period."""
    following = period.next() or period
    return period.start, following.end, following


def parse_period(text: str) -> ReportingPeriod | None:
    """The period a name stands for, or None unless it is written exactly so."""
    found = _STRICT.fullmatch(text)
    if found is None:
        return None
    year, month, quarter, half = found.groups()
    if month:
        return _span(int(year), int(month), PeriodKind.MONTH)
    if quarter:
        return _span(int(year), 3 * int(quarter) - 2, PeriodKind.QUARTER)
    if half:
        return _span(int(year), 6 * int(half) - 5, PeriodKind.HALF)
    return _span(int(year), 1, PeriodKind.YEAR)


def is_valid(text: str) -> bool:
    return parse_period(text) is not None


def containing(day: datetime.date, kind: PeriodKind) -> ReportingPeriod:
    """The period of the kind that the day falls in; ValueError before the year 1000."""
    if day.year < 1000:
        raise ValueError(f"no reporting period before the year 1000: {day}")
    span = _MONTHS[kind]
    first = (day.month - 1) // span * span + 1
    return _span(day.year, first, kind)


def name_of(year: int, first_month: int, kind: PeriodKind) -> str:
    """The name of the period of the kind opening with the month: 2026, 4, quarter → 2026-Q2."""
    if kind is PeriodKind.MONTH:
        return f"{year}-{first_month:02d}"
    if kind is PeriodKind.QUARTER:
        return f"{year}-Q{(first_month + 2) // 3}"
    if kind is PeriodKind.HALF:
        return f"{year}-H{(first_month + 5) // 6}"
    return str(year)


def _span(year: int, first_month: int, kind: PeriodKind) -> ReportingPeriod:
    last_month = first_month + _MONTHS[kind] - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return ReportingPeriod(
        name_of(year, first_month, kind),
        kind,
        datetime.date(year, first_month, 1),
        datetime.date(year, last_month, last_day),
    )


# What people write for a period, read after NFKC and upper-casing, spaces removed.
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 1, "下": 2}
_LOOSE = (
    (re.compile(r"([0-9]{4})[-/.]?Q([1-4])"), PeriodKind.QUARTER),
    (re.compile(r"([0-9]{4})[-/.]?H([12])"), PeriodKind.HALF),
    (re.compile(r"([0-9]{4})[-/.年]([0-9]{1,2})月?"), PeriodKind.MONTH),
    (re.compile(r"([0-9]{4})年?第?([1-4一二三四])季度?"), PeriodKind.QUARTER),
    (re.compile(r"([0-9]{4})年?([上下])半年"), PeriodKind.HALF),
    (re.compile(r"([0-9]{4})年?(?:度|全年)?"), PeriodKind.YEAR),
)


def suggest(text: str) -> str | None:
    """The strict name of what ``text`` loosely writes (2026q1 → 2026-Q1), or None."""
    loose = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    for pattern, kind in _LOOSE:
        found = pattern.fullmatch(loose)
        if found is None:
            continue
        year = int(found.group(1))
        if year < 1000:
            return None
        if kind is PeriodKind.YEAR:
            return str(year)
        part = found.group(2)
        number = _NUMERALS[part] if part in _NUMERALS else int(part)
        if kind is PeriodKind.MONTH and not 1 <= number <= 12:
            return None
        first = {PeriodKind.MONTH: number, PeriodKind.QUARTER: 3 * number - 2}.get(
            kind, 6 * number - 5
        )
        return name_of(year, first, kind)
    return None
