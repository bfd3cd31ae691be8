"""Lights (亮灯): every rule of each preset at its boundaries, and lights.yaml as a checked file.

The tables fix ``as_of``; the default preset's on 2026-04-10, with 2026-Q1 the last period
ended and the latest report answering it unless a row says otherwise.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import msgspec
import pytest

from fenggong.checks.lights import LIGHTS
from fenggong.checks.report import REPORTERS, ReportFormat
from fenggong.checks.schema import json_schema
from fenggong.errors import DataError
from fenggong.lights import (
    Bands,
    Light,
    Preset,
    Settings,
    Span,
    Standing,
    Verdict,
    expected_share,
    judge,
    reported_share,
)
from fenggong.model import Due, DueKind
from fenggong.store import lights as stored
from fenggong.store import loader
from tests.helpers import FIXTURES, ROOT

D = datetime.date
AS_OF = D(2026, 4, 10)
Q4 = Span(D(2025, 10, 1), D(2025, 12, 31))
Q1 = Span(D(2026, 1, 1), D(2026, 3, 31))
REPORTED = D(2026, 3, 25)

LIGHTS_FIXTURES = FIXTURES / "lights"
VALID = sorted((LIGHTS_FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((LIGHTS_FIXTURES / "invalid").glob("*.yaml"))


def by(date: datetime.date) -> Due:
    return Due(raw=f"{date:%Y年%m月%d日}前", kind=DueKind.BY, date=date)


ONGOING = Due(raw="长期坚持", kind=DueKind.ONGOING)


def standing(**given: Any) -> Standing:
    """A task on AS_OF that reported in_progress on REPORTED, answering Q1, the last period."""
    fields: dict[str, Any] = {
        "as_of": AS_OF,
        "status": "in_progress",
        "reported": REPORTED,
        "answered": Q1,
        "last_period": Q1,
    }
    return Standing(**(fields | given))


ON_TRACK = "on track as reported 2026-03-25"
STALE = "no report for the period 2026-01-01 to 2026-03-31"
NEVER = {"status": None, "reported": None, "answered": None}

DEFAULT: list[tuple[str, dict[str, Any], Settings, Light, str]] = [
    ("due-today", {"due": by(AS_OF)}, Settings(), Light.YELLOW,
     "due today (2026-04-10) and not done"),
    ("due-in-n-days", {"due": by(D(2026, 5, 10))}, Settings(), Light.YELLOW,
     "due 2026-05-10 in 30 days and not done"),
    ("due-in-n-plus-1-days", {"due": by(D(2026, 5, 11))}, Settings(), Light.GREEN, ON_TRACK),
    ("due-tomorrow", {"due": by(D(2026, 4, 11))}, Settings(), Light.YELLOW,
     "due 2026-04-11 in 1 day and not done"),
    ("past-due-by-1-day", {"due": by(D(2026, 4, 9))}, Settings(), Light.RED,
     "past due 2026-04-09 by 1 day and not done"),
    ("past-due-by-12-days", {"due": by(D(2026, 3, 29))}, Settings(), Light.RED,
     "past due 2026-03-29 by 12 days and not done"),
    ("past-due-ongoing-status", {"due": by(D(2025, 12, 31)), "status": "ongoing"}, Settings(),
     Light.RED, "past due 2025-12-31 by 100 days and not done"),
    ("done-after-due", {"due": by(D(2025, 12, 31)), "status": "done"}, Settings(), Light.GREEN,
     "done (reported 2026-03-25)"),
    ("done-no-date", {"due": by(D(2025, 12, 31)), "status": "done", "reported": None},
     Settings(), Light.GREEN, "done"),
    ("done-stale", {"status": "done", "answered": Q4, "reported": D(2025, 11, 2)}, Settings(),
     Light.GREEN, "done (reported 2025-11-02)"),
    ("delayed-not-due", {"due": by(D(2026, 12, 31)), "status": "delayed"}, Settings(),
     Light.RED, "reported delayed"),
    ("delayed-and-past-due", {"due": by(D(2026, 1, 1)), "status": "delayed"}, Settings(),
     Light.RED, "past due 2026-01-01 by 99 days and not done"),
    ("no-report-last-period", {"due": by(D(2026, 12, 31)), "answered": Q4,
     "reported": D(2025, 12, 20)}, Settings(), Light.YELLOW, STALE),
    ("answered-a-later-period", {"due": by(D(2026, 12, 31)),
     "answered": Span(D(2026, 4, 1), D(2026, 4, 30))}, Settings(), Light.GREEN, ON_TRACK),
    ("reported-last-day-of-period", {"due": by(D(2026, 12, 31)), "answered": None,
     "reported": D(2026, 3, 31)}, Settings(), Light.GREEN,
     "on track as reported 2026-03-31"),
    ("reported-first-day-of-period", {"due": by(D(2026, 12, 31)), "answered": None,
     "reported": D(2026, 1, 1)}, Settings(), Light.GREEN,
     "on track as reported 2026-01-01"),
    ("reported-day-before-period", {"due": by(D(2026, 12, 31)), "answered": None,
     "reported": D(2025, 12, 31)}, Settings(), Light.YELLOW, STALE),
    ("grace-covers-the-report", {"due": by(D(2026, 12, 31)), "answered": Q4},
     Settings(report_grace_days=10), Light.GREEN, ON_TRACK),
    ("grace-just-over", {"due": by(D(2026, 12, 31)), "answered": Q4},
     Settings(report_grace_days=9), Light.YELLOW, STALE),
    ("no-period-ended-yet", {"due": by(D(2026, 12, 31)), "answered": None,
     "last_period": None}, Settings(), Light.GREEN, ON_TRACK),
    ("near-and-stale", {"due": by(D(2026, 4, 20)), "answered": Q4}, Settings(), Light.YELLOW,
     "due 2026-04-20 in 10 days and not done"),
    ("past-due-and-stale", {"due": by(D(2026, 4, 1)), "answered": Q4}, Settings(), Light.RED,
     "past due 2026-04-01 by 9 days and not done"),
    ("cancelled", {"due": by(D(2025, 12, 31)), "status": "cancelled"}, Settings(), Light.NONE,
     "cancelled: not judged"),
    ("no-due-no-report", NEVER, Settings(), Light.NONE, "no report yet and no deadline"),
    ("no-due-reported", {}, Settings(), Light.GREEN, ON_TRACK),
    ("no-due-stale", {"answered": Q4}, Settings(), Light.YELLOW, STALE),
    ("ongoing-no-date-reported", {"due": ONGOING}, Settings(), Light.GREEN, ON_TRACK),
    ("ongoing-no-date-no-report", {"due": ONGOING, **NEVER}, Settings(), Light.NONE,
     "no report yet and no deadline"),
    ("never-reported-period-ended", {"due": by(D(2026, 12, 31)), **NEVER}, Settings(),
     Light.YELLOW, STALE),
    ("never-reported-nothing-due", {"due": by(D(2026, 12, 31)), **NEVER, "last_period": None},
     Settings(), Light.NONE, "not reported yet; due 2026-12-31 in 265 days"),
    ("never-reported-due-soon", {"due": by(D(2026, 4, 30)), **NEVER, "last_period": None},
     Settings(), Light.YELLOW, "not reported yet; due 2026-04-30 in 20 days"),
    # Lit by its date, as any task; its reason says none came, not that it is not done.
    ("never-reported-past-due", {"due": by(D(2026, 4, 9)), **NEVER}, Settings(), Light.RED,
     "not reported; past due 2026-04-09 by 1 day"),
    ("never-reported-due-today", {"due": by(AS_OF), **NEVER, "last_period": None},
     Settings(), Light.YELLOW, "not reported yet; due today (2026-04-10)"),
    ("not-started-on-track", {"due": by(D(2026, 12, 31)), "status": "not_started"},
     Settings(), Light.GREEN, "not started, and not late (reported 2026-03-25)"),
    ("within-0-tomorrow", {"due": by(D(2026, 4, 11))}, Settings(yellow_within_days=0),
     Light.GREEN, ON_TRACK),
    ("within-0-today", {"due": by(AS_OF)}, Settings(yellow_within_days=0), Light.YELLOW,
     "due today (2026-04-10) and not done"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "settings", "light", "reason"),
    [case[1:] for case in DEFAULT],
    ids=[case[0] for case in DEFAULT],
)
def test_the_default_preset(
    given: dict[str, Any], settings: Settings, light: Light, reason: str
) -> None:
    assert judge(standing(**given), settings) == Verdict(light, reason)


def test_no_settings_is_the_default_preset() -> None:
    assert judge(standing(due=by(AS_OF))) == judge(standing(due=by(AS_OF)), Settings())


# A 100-day span, 2026-01-01 → 2026-04-11: on 2026-02-20, 50 % is expected.
START = D(2026, 1, 1)
SPAN_END = by(D(2026, 4, 11))
SCHEDULE = Settings(preset=Preset.SCHEDULE)


def scheduled(**given: Any) -> Standing:
    fields: dict[str, Any] = {
        "as_of": D(2026, 2, 20),
        "due": SPAN_END,
        "start": START,
        "last_period": None,
        "answered": None,
        "reported": D(2026, 2, 15),
    }
    return standing(**(fields | given))


SCHEDULED: list[tuple[str, dict[str, Any], Settings, Light, str]] = [
    ("on-schedule", {"share": 0.5}, SCHEDULE, Light.GREEN, "50% done, 50% expected by now"),
    ("ahead", {"share": 0.8}, SCHEDULE, Light.GREEN, "80% done, 50% expected by now"),
    ("over-target", {"share": 1.2}, SCHEDULE, Light.GREEN, "120% done, 50% expected by now"),
    ("behind-5", {"share": 0.45}, SCHEDULE, Light.YELLOW,
     "45% done, 50% expected by now: 5 points behind"),
    ("behind-10-yellow-edge", {"share": 0.4}, SCHEDULE, Light.YELLOW,
     "40% done, 50% expected by now: 10 points behind"),
    ("behind-11-red", {"share": 0.39}, SCHEDULE, Light.RED,
     "39% done, 50% expected by now: 11 points behind"),
    ("figure-over-target", {"figure": 300, "target": 500}, SCHEDULE, Light.GREEN,
     "60% done, 50% expected by now"),
    ("share-before-figure", {"share": 0.1, "figure": 500, "target": 500}, SCHEDULE, Light.RED,
     "10% done, 50% expected by now: 40 points behind"),
    ("tuned-green-band", {"share": 0.46}, Settings(preset=Preset.SCHEDULE,
     bands=Bands(green=5, yellow=20)), Light.GREEN, "46% done, 50% expected by now"),
    ("tuned-yellow-band", {"share": 0.3}, Settings(preset=Preset.SCHEDULE,
     bands=Bands(green=5, yellow=20)), Light.YELLOW,
     "30% done, 50% expected by now: 20 points behind"),
    ("near-due-but-on-schedule", {"as_of": D(2026, 4, 1), "share": 0.9}, SCHEDULE,
     Light.GREEN, "90% done, 90% expected by now"),
    ("due-today-on-schedule", {"as_of": D(2026, 4, 11), "share": 1.0}, SCHEDULE, Light.GREEN,
     "100% done, 100% expected by now"),
    ("past-due", {"as_of": D(2026, 4, 12), "share": 0.99}, SCHEDULE, Light.RED,
     "past due 2026-04-11 by 1 day and not done"),
    ("delayed-on-schedule", {"share": 0.5, "status": "delayed"}, SCHEDULE, Light.RED,
     "reported delayed"),
    ("stale-on-schedule", {"share": 0.5, "last_period": Span(D(2026, 1, 1), D(2026, 1, 31)),
     "reported": D(2025, 12, 30)}, SCHEDULE, Light.YELLOW,
     "no report for the period 2026-01-01 to 2026-01-31"),
    ("done-behind", {"share": 0.1, "status": "done"}, SCHEDULE, Light.GREEN,
     "done (reported 2026-02-15)"),
    ("no-share-falls-back", {}, SCHEDULE, Light.GREEN,
     "on track as reported 2026-02-15"),
    ("no-share-near-falls-back", {"as_of": D(2026, 4, 1)}, SCHEDULE, Light.YELLOW,
     "due 2026-04-11 in 10 days and not done"),
    ("no-start-falls-back", {"start": None, "share": 0.1}, SCHEDULE, Light.GREEN,
     "on track as reported 2026-02-15"),
    ("no-date-falls-back", {"due": ONGOING, "share": 0.1}, SCHEDULE, Light.GREEN,
     "on track as reported 2026-02-15"),
    ("cancelled", {"share": 0.1, "status": "cancelled"}, SCHEDULE, Light.NONE,
     "cancelled: not judged"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "settings", "light", "reason"),
    [case[1:] for case in SCHEDULED],
    ids=[case[0] for case in SCHEDULED],
)
def test_the_schedule_preset(
    given: dict[str, Any], settings: Settings, light: Light, reason: str
) -> None:
    assert judge(scheduled(**given), settings) == Verdict(light, reason)


SUPERVISION = Settings(preset=Preset.SUPERVISION)
SUPERVISED: list[tuple[str, dict[str, Any], Settings, Light, str]] = [
    ("newly-assigned", {"due": by(D(2026, 12, 31)), **NEVER, "last_period": None}, SUPERVISION,
     Light.BLUE, "not reported yet; due 2026-12-31 in 265 days"),
    ("in-hand", {"due": by(D(2026, 12, 31))}, SUPERVISION, Light.BLUE, ON_TRACK),
    ("in-hand-no-date", {}, SUPERVISION, Light.BLUE, ON_TRACK),
    ("due-in-n-plus-1-days", {"due": by(D(2026, 5, 11))}, SUPERVISION, Light.BLUE, ON_TRACK),
    ("warning-due-in-n-days", {"due": by(D(2026, 5, 10))}, SUPERVISION, Light.YELLOW,
     "due 2026-05-10 in 30 days and not done"),
    ("warning-tuned", {"due": by(D(2026, 5, 10))},
     Settings(preset=Preset.SUPERVISION, yellow_within_days=15), Light.BLUE, ON_TRACK),
    ("warning-due-today", {"due": by(AS_OF)}, SUPERVISION, Light.YELLOW,
     "due today (2026-04-10) and not done"),
    ("warning-no-report", {"due": by(D(2026, 12, 31)), "answered": Q4}, SUPERVISION,
     Light.YELLOW, STALE),
    ("overdue", {"due": by(D(2026, 4, 9))}, SUPERVISION, Light.RED,
     "past due 2026-04-09 by 1 day and not done"),
    ("delayed", {"due": by(D(2026, 12, 31)), "status": "delayed"}, SUPERVISION, Light.RED,
     "reported delayed"),
    ("done", {"due": by(D(2026, 4, 9)), "status": "done"}, SUPERVISION, Light.GREEN,
     "done (reported 2026-03-25)"),
    ("cancelled", {"due": by(D(2026, 4, 9)), "status": "cancelled"}, SUPERVISION, Light.NONE,
     "cancelled: not judged"),
    ("no-due-no-report", NEVER, SUPERVISION, Light.NONE, "no report yet and no deadline"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "settings", "light", "reason"),
    [case[1:] for case in SUPERVISED],
    ids=[case[0] for case in SUPERVISED],
)
def test_the_supervision_preset(
    given: dict[str, Any], settings: Settings, light: Light, reason: str
) -> None:
    assert judge(standing(**given), settings) == Verdict(light, reason)


def test_the_expected_share_runs_from_start_to_due_and_stays_within_0_and_1() -> None:
    assert [
        expected_share(scheduled(as_of=day))
        for day in (D(2025, 12, 1), START, D(2026, 2, 20), D(2026, 4, 11), D(2026, 9, 1))
    ] == [0.0, 0.0, 0.5, 1.0, 1.0]
    assert expected_share(scheduled(start=D(2026, 4, 11))) is None  # an empty span
    assert expected_share(scheduled(due=None)) is None


def test_the_reported_share_is_the_share_else_the_figure_over_its_target() -> None:
    assert reported_share(scheduled(share=0.25, figure=1, target=2)) == 0.25
    assert reported_share(scheduled(figure=1, target=4)) == 0.25
    assert reported_share(scheduled(figure=1, target=0)) is None
    assert reported_share(scheduled()) is None


def test_an_unknown_status_is_refused_when_decoded() -> None:
    with pytest.raises(msgspec.ValidationError, match="unknown status 'finished'"):
        msgspec.convert({"as_of": "2026-04-10", "status": "finished"}, Standing)


def test_a_status_enum_of_the_same_values_is_taken_as_its_string() -> None:
    class Status(StrEnum):  # as model.Status will be
        DONE = "done"
        DELAYED = "delayed"

    assert judge(standing(status=Status.DONE)).light is Light.GREEN
    assert judge(standing(status=Status.DELAYED)).reason == "reported delayed"


# lights.yaml: the fixtures, each invalid one with the report it must get.


def _report(path: Path) -> str:
    output = REPORTERS[ReportFormat.TEXT]([loader.check(path, kind=LIGHTS)], False)
    return (output.out + output.err).replace(str(path), "FILE")


def test_the_fixture_folders_are_not_empty() -> None:
    assert (len(VALID), len(INVALID)) >= (5, 10)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_a_valid_lights_file(path: Path) -> None:
    report = loader.check(path, kind=LIGHTS)
    assert report.problems == ()
    assert isinstance(report.dataset, Settings)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_an_invalid_lights_file(path: Path) -> None:
    assert _report(path) == path.with_suffix(".expect").read_text(encoding="utf-8")
    with pytest.raises(DataError):
        loader.load(path, kind=LIGHTS)


def test_every_lights_rule_has_an_invalid_fixture() -> None:
    from fenggong.checks.rulebook import RULES

    said = "".join(p.with_suffix(".expect").read_text(encoding="utf-8") for p in INVALID)
    assert {code for code, rule in RULES.items() if rule.name.startswith("lights-")} == {
        code for code in ("FG050", "FG051") if f" {code} " in said
    }


def test_valid_files_read_as_their_settings() -> None:
    read = {p.stem: loader.load(p, kind=LIGHTS) for p in VALID}
    assert read["empty-mapping"] == Settings()
    assert read["schedule"] == Settings(preset=Preset.SCHEDULE, bands=Bands(green=5, yellow=20))
    assert read["supervision"].within == 15
    assert (read["default"].within, read["default"].grace, read["default"].gaps) == (
        30,
        0,
        Bands(green=0, yellow=10),
    )


def test_the_example_is_valid_and_the_default() -> None:
    example = loader.load(ROOT / "examples" / "lights.yaml", kind=LIGHTS)
    assert (example.preset, example.within, example.grace) == (Preset.DEFAULT, 30, 0)


def test_a_folder_without_a_lights_file_has_the_default_preset(tmp_path: Path) -> None:
    assert stored.lights_file(tmp_path) is None
    assert stored.settings(tmp_path) == Settings()


def test_a_folder_reads_lights_yaml_else_lights_yml(tmp_path: Path) -> None:
    (tmp_path / "lights.yml").write_text("preset: supervision\n", encoding="utf-8")
    assert stored.settings(tmp_path).preset is Preset.SUPERVISION
    (tmp_path / "lights.yaml").write_text("preset: schedule\n", encoding="utf-8")
    assert stored.lights_file(tmp_path) == tmp_path / "lights.yaml"
    assert stored.settings(tmp_path).preset is Preset.SCHEDULE


def test_an_invalid_lights_file_in_a_folder_raises_its_located_problems(tmp_path: Path) -> None:
    (tmp_path / "lights.yaml").write_text("preset: default\nbands: {}\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        stored.settings(tmp_path)
    (found,) = raised.value.problems
    assert (found.code, found.line, found.column) == ("FG051", 2, 1)
    assert Path(found.file).samefile(tmp_path / "lights.yaml")


def test_the_lights_schema_names_the_presets_and_bounds() -> None:
    schema = json_schema(LIGHTS)
    assert schema["title"] == "Lights"
    assert set(schema["properties"]) == {
        "preset",
        "yellow_within_days",
        "report_grace_days",
        "bands",
    }
    assert schema["additionalProperties"] is False
