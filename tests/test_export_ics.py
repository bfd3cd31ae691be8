"""``fenggong export ics``: the plan's deadlines as a calendar, read back with icalendar."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES, ROOT

IMPORTED = FIXTURES / "valid" / "imported.yaml"
LIBRARY = ROOT / "examples" / "library"
# The bundled plan's tasks that state a deadline (“十四五”时期, 2025-12-31).
DUE = [1, 2, 3, 4, 5, 6, 27, 47, 73, 78]


def ics(runner: CliRunner, *args: str) -> bytes:
    result = runner.invoke(app, ["export", "ics", "-o", "-", *args])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout_bytes


def events(raw: bytes) -> list[dict[str, Any]]:
    calendar = Calendar.from_ical(raw)
    return [
        {
            "uid": str(e["uid"]),
            "summary": str(e["summary"]),
            "description": str(e["description"]),
            "start": e.decoded("dtstart"),
            "end": e.decoded("dtend"),
            "stamp": e.decoded("dtstamp"),
            "categories": [str(c) for c in e.decoded("categories")],
        }
        for e in calendar.walk("VEVENT")
    ]


def test_each_dated_task_is_an_all_day_event(runner: CliRunner) -> None:
    found = events(ics(runner))
    assert [e["uid"] for e in found] == [f"hrss-2022-256-{i}@fenggong.invalid" for i in DUE]
    first = found[0]
    assert first["summary"] == "任务1 “十四五”时期，力争全市补贴性职业技能培训500万人次，农民…"
    assert (first["start"], first["end"]) == (
        datetime.date(2025, 12, 31),
        datetime.date(2026, 1, 1),
    )
    assert first["stamp"] == datetime.datetime(2022, 9, 16, tzinfo=datetime.UTC)
    assert first["categories"] == ["市人力资源社会保障局"]
    assert first["description"] == (
        "“十四五”时期，力争全市补贴性职业技能培训500万人次，农民工职业技能培训200万人次\n"
        "牵头部门：市人力资源社会保障局\n"
        "配合部门：各区\n"
        "完成时限：“十四五”时期（2025-12-31）\n"
        "一、目标任务 （一）普惠多元的终身职业技能培训政策制度更加完善\n"
        "《落实国家“十四五”职业技能培训规划的实施方案》分工表（沪人社职〔2022〕256号）"
    )
    # A short text is whole; two leads are two categories.
    assert found[1]["summary"] == "任务2 “十四五”时期，建设20所新型技师学院"
    assert all(e["start"] == datetime.date(2025, 12, 31) for e in found)


def test_the_calendar_is_reproducible_and_standard(runner: CliRunner) -> None:
    raw = ics(runner)
    assert raw == ics(runner)  # the same plan, the same bytes: no clock, no release
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//fenggong//")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)  # every line ends in CRLF
    assert max(len(line) for line in lines) <= 75  # folded, as RFC 5545 asks
    assert raw.count(b"BEGIN:VEVENT") == len(DUE)
    assert "X-WR-CALNAME:《落实国家".encode() in raw


def test_ongoing_and_undated_tasks_are_left_out(runner: CliRunner) -> None:
    found = events(ics(runner, "--data", str(IMPORTED)))
    # Task 2 is 长期坚持 (ongoing): no day to mark.
    assert [(e["uid"], e["start"]) for e in found] == [
        ("imported-1@fenggong.invalid", datetime.date(2022, 10, 31)),
        ("imported-3@fenggong.invalid", datetime.date(2025, 12, 31)),
    ]
    assert "完成时限：2022年10月底前（2022-10-31）" in str(found[0]["description"])
    assert found[0]["categories"] == ["市人力资源社会保障局"]


def test_text_that_icalendar_must_escape_comes_back_whole(
    runner: CliRunner, tmp_path: Path
) -> None:
    text = "一,二;三\\四：" + "很长的任务文本" * 20
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        IMPORTED.read_text(encoding="utf-8").replace("力争培训500万人次", text), encoding="utf-8"
    )
    (first, _second) = events(ics(runner, "--data", str(plan)))
    assert str(first["description"]).startswith(text + "\n")
    assert first["summary"] == "任务1 " + text[:30] + "…"


def test_the_filters_of_export_apply(runner: CliRunner, tmp_path: Path) -> None:
    # 市教委 supports 2 and 73, leads 3, and is possibly concerned in 6 (各相关委办局).
    found = events(ics(runner, "--dept", "市教委"))
    assert [e["uid"] for e in found] == [
        f"hrss-2022-256-{i}@fenggong.invalid" for i in (2, 3, 6, 73)
    ]
    path = tmp_path / "教委.ics"
    result = runner.invoke(app, ["export", "ics", "--lead", "市教委", "-o", str(path)])
    assert result.exit_code == 0
    assert result.stderr == (f"wrote {path} (1 deadline of 13 tasks; the others have no date)\n")
    assert [e["uid"] for e in events(path.read_bytes())] == ["hrss-2022-256-3@fenggong.invalid"]


def test_the_default_name_is_the_table_s(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "ics", "--dept", "市教委"])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["分工表.ics"]


def test_a_library_is_one_calendar_of_its_plans(runner: CliRunner) -> None:
    found = events(ics(runner, "--data", str(LIBRARY)))
    assert [e["summary"].split()[1] for e in found][:2] == ["hrss-2022-256:1", "hrss-2022-256:2"]
    assert all(str(e["summary"]).startswith("任务 ") for e in found)
    # One plan of the library is that plan's own calendar.
    one = ics(runner, "--data", str(LIBRARY), "--plan", "hrss-2022-256")
    assert events(one)[0]["summary"] == events(ics(runner))[0]["summary"]
