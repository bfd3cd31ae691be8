"""Lights (亮灯): a task's colour computed from its deadline and its latest report, never typed.

``judge(standing, settings)`` is a pure function from what is known of one task (or of
one body's part in it) on a day, ``as_of``, to a ``Light`` and the sentence saying why.
Three presets, chosen in ``lights.yaml`` (``Settings``), which offices use:

``default`` (the issue's rule set), the first that applies wins:

1. ``cancelled`` → none: a terminated task is not judged (shown grey, counted apart).
2. ``done`` → green, whatever the dates: a task done late is still done.
3. red: past its due date and not done (due yesterday or earlier: due today is not late);
   or its latest status is ``delayed``, whether or not it is due yet.
4. yellow: due today or within ``yellow_within_days`` (default 30; due in exactly that
   many days is yellow, one more is not); or no report answers the last period that has
   ended (a report answering that period or a later one, or one made on or after the
   period's first day, counts — so a report on its last day does), once
   ``report_grace_days`` (default 0) have passed after its end.
5. green: reported, on track (not_started, in_progress or ongoing) and not stale.
6. none: never reported and nothing yet overdue or near (nothing to judge against), and
   always when a task has neither a dated deadline nor any report.

A deadline without a date (``ongoing``: 长期坚持, or 年内 of a plan with no date) is no
deadline: such a task is judged by its reports alone. Red outranks yellow outranks green.
A standing with no report is lit by its dates as any other (past due is red), and its
reason says that nothing was reported (``not reported; past due 2025-12-31 by 3 days``)
rather than that the work is not done, which no one has said: the 通报 counts it as not
reported (``query.summary``).

``schedule`` (序时进度): where the task's span (``start``: the plan's date or the first
period's start → its due date) and a completion share are known (a reported share, else
a figure over its target), the expected share is the elapsed part of the span, and the
gap in percentage points (expected − reported) decides: ≤ ``bands.green`` (default 0)
green, ≤ ``bands.yellow`` (default 10) yellow, beyond red. Past due, ``delayed`` and a
stale report still count as in the default preset; without a span or a share, the task
is lit as the default preset lights it. Where the gap is known, "due soon" is not
counted (the gap measures the approach of the date).

``supervision`` (督办单): blue = assigned and in hand (reported on track, or newly assigned
and not yet near its date), yellow = warning (预警: due within ``yellow_within_days``, or
no report for the last period), red = overdue (超期) or ``delayed``, green = done (办结),
none = cancelled, or no deadline and no report.

Statuses are the ledger's codes as strings (``STATUSES``). When ``model.Status`` (a
StrEnum of the same values) lands, its members can be passed as they are — a StrEnum
member is its string — and ``Standing.status`` typed ``model.Status | None``.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Annotated

import msgspec

from fenggong.messages import _, ngettext
from fenggong.model import Due, Record

STATUSES = ("not_started", "in_progress", "ongoing", "done", "delayed", "cancelled")
ON_TRACK = frozenset({"not_started", "in_progress", "ongoing"})


class Light(StrEnum):
    """A task's colour; ``none`` when nothing calls for one (grey on a terminal)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    BLUE = "blue"  # the 督办单 preset's "in hand"
    NONE = "none"


# Which light wins when several rules apply: red over yellow over green (and blue).
RANK = {Light.NONE: 0, Light.GREEN: 1, Light.BLUE: 1, Light.YELLOW: 2, Light.RED: 3}


class Preset(StrEnum):
    DEFAULT = "default"
    SCHEDULE = "schedule"  # 序时进度
    SUPERVISION = "supervision"  # 督办单


Days = Annotated[int, msgspec.Meta(ge=0, le=3660)]  # up to ten years
Points = Annotated[int, msgspec.Meta(ge=0, le=100)]  # percentage points


class Bands(Record, frozen=True, kw_only=True):
    """The schedule preset's gap bands, in percentage points behind the expected share."""

    green: Points = 0
    yellow: Points = 10


class Settings(Record, frozen=True, kw_only=True):
    """What lights.yaml holds: the preset and its tunables (unset: the preset's default)."""

    preset: Preset = Preset.DEFAULT
    yellow_within_days: Days | None = None
    report_grace_days: Days | None = None
    bands: Bands | None = None

    @property
    def within(self) -> int:
        return 30 if self.yellow_within_days is None else self.yellow_within_days

    @property
    def grace(self) -> int:
        return 0 if self.report_grace_days is None else self.report_grace_days

    @property
    def gaps(self) -> Bands:
        return Bands() if self.bands is None else self.bands


# The tunables each preset reads: setting another is refused (FG051), since it would
# change nothing while seeming to.
TUNABLES: dict[Preset, frozenset[str]] = {
    Preset.DEFAULT: frozenset({"yellow_within_days", "report_grace_days"}),
    Preset.SCHEDULE: frozenset({"yellow_within_days", "report_grace_days", "bands"}),
    Preset.SUPERVISION: frozenset({"yellow_within_days", "report_grace_days"}),
}


class Span(msgspec.Struct, frozen=True):
    """A reporting period, both ends included: 2026-Q1 is 2026-01-01 … 2026-03-31."""

    start: datetime.date
    end: datetime.date


class Standing(msgspec.Struct, frozen=True, kw_only=True):
    """What is known of one task (or one body's part in it) on the day ``as_of``.

    ``status``, ``reported`` and ``answered`` are of the latest report made by ``as_of``
    (None: none yet; a later one is the caller's to leave out, so that a past day replays);
    ``last_period`` is the last reporting period ended before ``as_of`` (None: none has);
    ``closed``: its reports are all in whatever the day (a 通报 of that period, taken on
    its last day), so a report missing for it counts without waiting out the grace days;
    ``begun``: another body leading the task has reported on it, so this one's silence is
    a missing report, judged as such, not a task no one has begun to report on.
    For the schedule preset: ``start`` (the plan's date, or the first period's start),
    and ``share`` (0–1) or ``figure`` against ``target`` (the same unit).
    """

    as_of: datetime.date
    due: Due | None = None
    status: str | None = None
    reported: datetime.date | None = None
    answered: Span | None = None
    last_period: Span | None = None
    closed: bool = False
    begun: bool = False
    start: datetime.date | None = None
    share: float | None = None
    figure: float | None = None
    target: float | None = None

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}: one of {', '.join(STATUSES)}")


class Verdict(msgspec.Struct, frozen=True):
    """A light and the sentence saying why: "past due 2025-12-31 by 12 days and not done"."""

    light: Light
    reason: str


def judge(standing: Standing, settings: Settings | None = None) -> Verdict:
    """The light of ``standing`` under ``settings`` (the default preset when None)."""
    settings = settings or Settings()
    final = _final(standing)
    if final is not None:
        return final
    gap = _schedule(standing, settings.gaps) if settings.preset is Preset.SCHEDULE else []
    # Where the gap is known it measures the approach of the date: "due soon" adds nothing.
    # Its reason comes first: it says more than "on track" when both are green.
    found = gap + _signals(standing, settings, near=not gap)
    if settings.preset is Preset.SUPERVISION:
        found = [Verdict(Light.BLUE, v.reason) if v.light is Light.GREEN else v for v in found]
        if standing.status is None and due_date(standing.due) is not None:
            found.append(Verdict(Light.BLUE, _not_reported(standing)))
    if not found:
        # A report always lights (done, on track, stale or delayed): this is none yet.
        return Verdict(Light.NONE, _not_reported(standing))
    # The strongest light wins; its first reason, in the order the rules are listed.
    top = max(RANK[v.light] for v in found)
    return next(v for v in found if RANK[v.light] == top)


def due_date(due: Due | None) -> datetime.date | None:
    """The date a deadline comes to; None for none, or one that names no date."""
    return due.date if due is not None else None


def expected_share(standing: Standing) -> float | None:
    """The share of the work 序时进度 expects by ``as_of`` (0–1), or None without a span."""
    end = due_date(standing.due)
    if standing.start is None or end is None or end <= standing.start:
        return None
    elapsed = (standing.as_of - standing.start).days
    return min(max(elapsed / (end - standing.start).days, 0.0), 1.0)


def reported_share(standing: Standing) -> float | None:
    """The share of the work reported done (0–1 and over), or None when not reported."""
    if standing.share is not None:
        return standing.share
    if standing.figure is not None and standing.target:
        return standing.figure / standing.target
    return None


def _final(standing: Standing) -> Verdict | None:
    if standing.status == "cancelled":
        return Verdict(Light.NONE, _("cancelled: not judged"))
    if standing.status == "done":
        if standing.reported is None:
            return Verdict(Light.GREEN, _("done"))
        return Verdict(
            Light.GREEN, _("done (reported {date})").format(date=standing.reported.isoformat())
        )
    if standing.status is None and due_date(standing.due) is None and not standing.begun:
        return Verdict(Light.NONE, _("no report yet and no deadline"))
    return None


def _signals(standing: Standing, settings: Settings, *, near: bool = True) -> list[Verdict]:
    """Every rule of the default preset that applies, in the order they are listed."""
    found: list[Verdict] = []
    date = due_date(standing.due)
    left = None if date is None else (date - standing.as_of).days
    # Without a report, "not done" is not known: what is known is that none came.
    silent = standing.status is None
    if date is not None and left is not None and left < 0:
        if silent:
            message = _("not reported; past due {date} by {days}")
        else:
            message = _("past due {date} by {days} and not done")
        found.append(Verdict(Light.RED, message.format(date=date, days=_days(-left))))
    if standing.status == "delayed":
        found.append(Verdict(Light.RED, _("reported delayed")))
    if near and left == 0:
        if silent:
            message = _("not reported yet; due today ({date})")
        else:
            message = _("due today ({date}) and not done")
        found.append(Verdict(Light.YELLOW, message.format(date=date)))
    elif near and date is not None and left is not None and 0 < left <= settings.within:
        if silent:
            message = _("not reported yet; due {date} in {days}")
        else:
            message = _("due {date} in {days} and not done")
        found.append(Verdict(Light.YELLOW, message.format(date=date, days=_days(left))))
    stale = _stale(standing, settings.grace)
    if stale is not None:
        found.append(Verdict(Light.YELLOW, stale))
    if standing.status in ON_TRACK and stale is None:
        found.append(Verdict(Light.GREEN, _on_track(standing.reported, standing.status)))
    return found


def _on_track(reported: datetime.date | None, status: str | None) -> str:
    # The status is not said: every view shows it beside the reason, in the reader's words.
    # A task not started is not "on track", which reads as work under way: it is in time.
    if status == "not_started":
        if reported is None:
            return _("not started, and not late")
        return _("not started, and not late (reported {date})").format(date=reported)
    if reported is None:
        return _("on track")
    return _("on track as reported {date}").format(date=reported)


def _stale(standing: Standing, grace: int) -> str | None:
    """Why the latest report does not answer the last period that has ended, or None."""
    period = standing.last_period
    if period is None:
        return None
    if not standing.closed and (standing.as_of - period.end).days <= grace:
        return None
    if standing.answered is not None and standing.answered.end >= period.end:
        return None
    if standing.answered is None and standing.reported and standing.reported >= period.start:
        return None
    return _("no report for the period {start} to {end}").format(start=period.start, end=period.end)


def _schedule(standing: Standing, bands: Bands) -> list[Verdict]:
    expected = expected_share(standing)
    reported = reported_share(standing)
    if expected is None or reported is None:
        return []
    return [gap_verdict(expected, reported, bands)]


def gap_verdict(expected: float, reported: float, bands: Bands) -> Verdict:
    """序时进度's light of a share reported (0–1 and over) against the share expected by
    now: ``bands`` points behind or less is green, then yellow, then red."""
    gap = round((expected - reported) * 100, 1)
    said = {
        "share": _percent(reported),
        "expected": _percent(expected),
        "gap": f"{abs(gap):g}",
    }
    if gap <= bands.green:
        message = _("{share} done, {expected} expected by now")
        return Verdict(Light.GREEN, message.format(**said))
    light = Light.YELLOW if gap <= bands.yellow else Light.RED
    # English says 1 point but 0.5 and 1.5 points: a fraction is plural.
    message = ngettext(
        "{share} done, {expected} expected by now: {gap} point behind",
        "{share} done, {expected} expected by now: {gap} points behind",
        1 if abs(gap) == 1 else 2,
    )
    return Verdict(light, message.format(**said))


def _not_reported(standing: Standing) -> str:
    date = due_date(standing.due)
    if date is None:
        return _("no report yet and no deadline")
    left = (date - standing.as_of).days
    return _("not reported yet; due {date} in {days}").format(date=date, days=_days(left))


def _days(count: int) -> str:
    return ngettext("{count} day", "{count} days", count).format(count=count)


def _percent(share: float) -> str:
    return f"{round(share * 100, 1):g}%"
