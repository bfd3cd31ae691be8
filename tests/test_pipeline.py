"""A second kind of file, defined here, goes through the one pipeline the plan goes through.

A toy ledger: a title and entries, each with a name and a percentage. Its rule across
records (no two entries share a name) and its lint (no name with stray spaces) use the one
rulebook. It gets located problems, reports, a cache entry of its own and a JSON Schema,
from the code that serves the plan, with nothing of the plan in the way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import jsonschema
import msgspec
import pytest
import yaml

from fenggong.checks.kind import Kind
from fenggong.checks.plan import PLAN
from fenggong.checks.report import REPORTERS, ReportFormat
from fenggong.checks.rulebook import problem
from fenggong.checks.schema import json_schema
from fenggong.checks.shape import records
from fenggong.errors import DataError, Problem
from fenggong.model import Record, Text
from fenggong.store import cache, loader
from tests.helpers import FIXTURES, cache_folder

Percent = Annotated[int, msgspec.Meta(ge=0, le=100)]


class Entry(Record, frozen=True):
    """One line of the ledger."""

    name: Text
    percent: Percent


class Ledger(Record, frozen=True):
    """A toy progress ledger."""

    title: Text
    entries: tuple[Entry, ...]


class Sheet(msgspec.Struct):
    """The entries the rules look at, each with its index in the file."""

    entries: list[tuple[int, Entry]]


CALLS: list[str] = []  # which of the kind's functions ran: a cache hit runs none


def _rules(sheet: Sheet) -> list[tuple[Problem, tuple[str | int, ...]]]:
    CALLS.append("rules")
    found = []
    first: dict[str, int] = {}
    for index, entry in sheet.entries:
        if entry.name in first:
            message = f"entry {entry.name} is used twice (first at entries[{first[entry.name]}])"
            found.append(problem("FG006", message, ("entries", index, "name"), "rename one"))
        first.setdefault(entry.name, index)
    return found


def _lints(sheet: Sheet) -> list[tuple[Problem, tuple[str | int, ...]]]:
    return [
        problem("FG101", f"{e.name!r} has stray spaces", ("entries", i, "name"), "trim it")
        for i, e in sheet.entries
        if e.name != e.name.strip()
    ]


LEDGER: Kind[Ledger, Sheet] = Kind(
    name="ledger",
    noun="a ledger",
    example="ledger.yaml",
    root=Ledger,
    parts=lambda ledger: Sheet(list(enumerate(ledger.entries))),
    salvage=lambda data: Sheet(records(Entry, data.get("entries"))),
    rules=_rules,
    lints=_lints,
    describe=lambda ledger: f"{len(ledger.entries)} entries",
    consistent=lambda ledger: len({e.name for e in ledger.entries}) == len(ledger.entries),
    namespace="ledger",
    format=1,
    title="Progress ledger",
)

VALID = """\
title: 台账
entries:
  - {name: 培训, percent: 0}
  - {name: 督导, percent: 100}
"""


@pytest.fixture(autouse=True)
def _calls() -> None:
    CALLS.clear()


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "ledger.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_ledger_loads_as_its_records(tmp_path: Path) -> None:
    ledger = loader.load(_file(tmp_path, VALID), kind=LEDGER)
    assert ledger == Ledger("台账", (Entry("培训", 0), Entry("督导", 100)))


def test_a_constraint_in_the_annotation_is_a_located_problem(tmp_path: Path) -> None:
    path = _file(tmp_path, VALID.replace("percent: 100", "percent: 101"))
    report = loader.check(path, kind=LEDGER)
    assert report.dataset is None
    message = "percent must be at most 100, got 101"
    assert [(p.where, p.code, p.path, p.message) for p in report.problems] == [
        (f"{path}:4:16", "FG002", "entries[1].percent", message),
    ]
    with pytest.raises(DataError):
        loader.load(path, kind=LEDGER)


def test_the_rule_still_sees_the_sound_entries_of_a_misshapen_file(tmp_path: Path) -> None:
    text = VALID + "  - {name: 培训, percent: 5}\n  - {name: 督导, percent: -1}\n"
    report = loader.check(_file(tmp_path, text), kind=LEDGER)
    assert [(p.line, p.code, p.path) for p in report.problems] == [
        (5, "FG006", "entries[2].name"),
        (6, "FG002", "entries[3].percent"),
    ]


def test_a_lint_warns_without_failing_and_every_report_format_shows_it(tmp_path: Path) -> None:
    path = _file(tmp_path, VALID.replace("name: 督导", "name: ' 督导'"))
    report = loader.check(path, kind=LEDGER)
    assert report.dataset is not None
    text = REPORTERS[ReportFormat.TEXT]([report], False)
    assert text.out == f"{path}: valid — 2 entries, 1 warning\n"
    assert text.err == (
        f"{path}:4:6: warning FG101 whitespace at entries[1].name: ' 督导' has stray spaces\n"
        "  hint: trim it\n"
    )
    github = REPORTERS[ReportFormat.GITHUB]([report], True).out.splitlines()
    assert github[0] == (
        f"::error file={path},line=4,col=6,title=FG101 whitespace::"
        "entries[1].name: ' 督导' has stray spaces (trim it)"
    )
    (found,) = json.loads(REPORTERS[ReportFormat.JSON]([report], False).out)
    assert (found["line"], found["column"], found["severity"]) == (4, 6, "warning")


def test_the_top_level_must_be_a_mapping_of_the_kinds_fields(tmp_path: Path) -> None:
    (found,) = loader.check(_file(tmp_path, "- 培训\n"), kind=LEDGER).problems
    assert (found.code, found.message, found.hint) == (
        "FG002",
        "the top level is list; a ledger is a mapping",
        "start from ledger.yaml: title, entries",
    )


def test_an_unknown_field_is_matched_against_the_kinds_records(tmp_path: Path) -> None:
    path = _file(tmp_path, VALID.replace("percent: 0", "percnt: 0"))
    messages = [(p.message, p.hint) for p in loader.check(path, kind=LEDGER).problems]
    assert messages == [
        ("missing field percent", "add `percent:` to this record, with its value"),
        ("unknown field percnt", "did you mean percent?"),
    ]


def test_the_second_load_is_a_cache_hit_in_the_kinds_own_entry(tmp_path: Path) -> None:
    path = _file(tmp_path, VALID)
    first = loader.load(path, kind=LEDGER)
    assert CALLS == ["rules"]
    (entry,) = cache_folder().glob("*.json")
    assert entry.name.startswith("ledger.1-")
    assert json.loads(entry.read_bytes())["data"]["entries"][1] == {"name": "督导", "percent": 100}
    assert loader.load(path, kind=LEDGER) == first
    assert CALLS == ["rules"]


def test_a_cached_entry_breaking_the_kinds_constraint_is_rebuilt(tmp_path: Path) -> None:
    path = _file(tmp_path, VALID)
    loader.load(path, kind=LEDGER)
    (entry,) = cache_folder().glob("*.json")
    entry.write_bytes(entry.read_bytes().replace(b'"percent":100', b'"percent":101'))
    assert loader.load(path, kind=LEDGER).entries[1].percent == 100
    assert CALLS == ["rules", "rules"]


def test_each_kind_keeps_its_own_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "KEEP", 1)
    loader.load(_file(tmp_path, VALID), kind=LEDGER)
    loader.load(FIXTURES / "valid" / "minimal.yaml")
    loader.load(FIXTURES / "valid" / "crlf.yaml")
    names = sorted(p.name.split("-")[0] for p in cache_folder().glob("*.json"))
    assert names == ["ledger.1", f"plan.{PLAN.format}"]


def test_the_kind_has_a_json_schema_that_accepts_its_files() -> None:
    schema = json_schema(LEDGER)
    assert schema["title"] == "Progress ledger"
    assert schema["$defs"]["Entry"]["properties"]["percent"] == {
        "maximum": 100,
        "minimum": 0,
        "title": "Percent",
        "type": "integer",
    }
    data: Any = yaml.safe_load(VALID)
    jsonschema.validate(data, schema)
    data["entries"][0]["percent"] = 101
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_progress_is_reported_for_any_kind(tmp_path: Path) -> None:
    path = _file(tmp_path, VALID)
    steps: list[tuple[str, int, int]] = []
    loader.check(path, lambda *step: steps.append(step), kind=LEDGER)
    size = path.stat().st_size
    assert steps[-2:] == [("parse", size, size), ("check", 0, 1)]
