"""What an imported plan records on a task (number, due, leaders, other roles, clause) and
on its plan (lead rule): model, checks, cache, show, depts NAME and diff."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.errors import DataError
from fenggong.matching import How, Matcher, Part
from fenggong.model import Due, DueKind, LeadRule, Role, RoleKind, Task
from fenggong.store import library as shelves
from fenggong.store import loader, pipeline
from tests.helpers import FIXTURES

IMPORTED = FIXTURES / "valid" / "imported.yaml"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"


def _no_parsing(*_: object) -> None:
    raise AssertionError("a cache hit must not parse")


def test_the_fields_load_as_records() -> None:
    dataset = loader.load(IMPORTED)
    assert dataset.plan.lead_rule is LeadRule.FIRST_LISTED
    first, second, third = dataset.tasks
    assert first.number == "（一）"
    assert first.due == Due("2022年10月底前", DueKind.BY, datetime.date(2022, 10, 31))
    assert first.leaders == ("金力",)
    assert first.roles == (
        Role(RoleKind.GUIDE, ("市教委",), "指导"),
        Role(RoleKind.IMPLEMENT, ("各区",), "负责落实"),
    )
    assert first.clause == "市人力资源社会保障局负责，市教委、各区配合，市教委指导，各区负责落实"
    assert first.others == ("市教委", "各区")
    assert second.due == Due("长期坚持", DueKind.ONGOING)
    assert third.number == "3"
    assert third.due == Due("“十四五”时期", DueKind.PERIOD, datetime.date(2025, 12, 31))


def test_a_table_without_them_reads_as_before() -> None:
    dataset = loader.load(MINIMAL)
    assert dataset.plan.lead_rule is None
    assert all(
        (t.number, t.due, t.leaders, t.roles, t.clause) == (None, None, (), (), None)
        for t in dataset.tasks
    )


def test_the_cache_round_trips_them(monkeypatch: pytest.MonkeyPatch) -> None:
    cold = loader.load(IMPORTED)
    monkeypatch.setattr(pipeline, "run", _no_parsing)
    warm = loader.load(IMPORTED)
    assert warm == cold
    assert warm.tasks[0].due == cold.tasks[0].due
    assert warm.plan.lead_rule is LeadRule.FIRST_LISTED


def test_a_library_entry_round_trips_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copy(IMPORTED, tmp_path / "imported.yaml")
    cold = shelves.load(tmp_path)
    roles = loader.load(IMPORTED).tasks[0].roles
    monkeypatch.setattr(pipeline, "run", _no_parsing)
    warm = shelves.load(tmp_path)
    assert warm == cold
    assert warm.plans[0].dataset.tasks[0].roles == roles


def test_a_role_written_as_a_width_variant_reads_as_the_registered_body(tmp_path: Path) -> None:
    text = IMPORTED.read_text(encoding="utf-8").replace(
        "departments: [市教委], verb: 指导", "departments: [市 教委], verb: 指导"
    )
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    assert loader.load(path).tasks[0].roles[0].departments == ("市教委",)


@pytest.mark.parametrize(
    ("due", "code"),
    [
        ("{raw: 长期坚持, kind: ongoing, date: 2025-12-31}", "FG024"),
        ("{raw: 年内, kind: within}", "FG024"),
        ("{raw: 年内, kind: soon, date: 2022-12-31}", "FG002"),
        ("{raw: 年内, kind: by, date: 20221231}", "FG002"),
        ("{kind: by, date: 2022-12-31}", "FG002"),
    ],
)
def test_a_bad_due_is_refused(tmp_path: Path, due: str, code: str) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "    lead: [市教委]\n", f"    lead: [市教委]\n    due: {due}\n"
    )
    path = tmp_path / "due.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        loader.load(path)
    assert [p.code for p in raised.value.problems] == [code]
    assert raised.value.problems[0].path.startswith("tasks[1].due")


def test_a_body_may_lead_and_take_another_part(tmp_path: Path) -> None:
    text = IMPORTED.read_text(encoding="utf-8").replace(
        "departments: [市教委], verb: 指导", "departments: [市人力资源社会保障局], verb: 指导"
    )
    path = tmp_path / "both.yaml"
    path.write_text(text, encoding="utf-8")
    assert loader.load(path).tasks[0].roles[0].departments == ("市人力资源社会保障局",)


def test_the_matcher_finds_other_parts_directly_and_through_groups() -> None:
    dataset = loader.load(IMPORTED)
    matcher = Matcher(dataset.departments)
    first, second, _third = dataset.tasks
    assert matcher.parts(first, "市教委") == (Part("指导", How.DIRECT),)
    assert matcher.parts(first, "浦东新区") == (Part("负责落实", How.GROUP, "各区"),)
    assert matcher.parts(second, "浦东新区")[0].describe() == "汇总·经由各区"
    assert matcher.parts(second, "市教委") == ()


def test_the_json_schema_describes_them(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    task = schema["$defs"]["Task"]["properties"]
    assert {"number", "due", "leaders", "roles", "clause"} <= set(task)
    assert "完成时限" in task["due"]["description"]
    assert schema["$defs"]["DueKind"]["enum"] == ["by", "within", "period", "ongoing"]
    assert schema["$defs"]["RoleKind"]["enum"] == ["guide", "implement", "summarize"]
    assert schema["$defs"]["LeadRule"]["enum"] == ["explicit", "first-listed", "all-lead"]


# The command line, on the fixture that records every field.


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["--data", str(IMPORTED), *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def test_show_prints_what_the_task_records(runner: CliRunner) -> None:
    out = _run(runner, "show", "1")
    lines = [line.strip("│ ").rstrip() for line in out.splitlines()]
    assert "Source number  （一）" in lines
    assert "Other roles    指导: 市教委（上海市教育委员会）" in lines
    assert "负责落实: 各区" in lines
    assert "Due            2022年10月底前 (by 2022-10-31)" in lines
    assert "Leaders        金力" in lines
    assert (
        "Clause         市人力资源社会保障局负责，市教委、各区配合，市教委指导，各区负责落实"
        in lines
    )
    labels = [line.split("  ")[0] for line in lines if line and "  " in line]
    assert labels[:7] == [
        "Section",
        "Topic",
        "Source number",
        "Task",
        "Lead",
        "Support",
        "Other roles",
    ]


def test_show_says_each_kind_of_due(runner: CliRunner) -> None:
    out = _run(runner, "show", "2,3")
    assert "Due            长期坚持 (ongoing)" in out
    assert "Due            “十四五”时期 (until 2025-12-31)" in out
    assert "Leaders        张三、李四" in out


def test_show_of_a_table_without_them_prints_none_of_them(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(MINIMAL), "show", "1"])
    for label in ("Source number", "Other roles", "Due", "Leaders", "Clause"):
        assert label not in result.stdout


def test_show_json_carries_them(runner: CliRunner) -> None:
    (task,) = json.loads(_run(runner, "show", "1", "-f", "json"))
    assert task["number"] == "（一）"
    assert task["due"] == {"raw": "2022年10月底前", "kind": "by", "date": "2022-10-31"}
    assert task["leaders"] == ["金力"]
    assert task["roles"] == [
        {"role": "guide", "departments": ["市教委"], "verb": "指导"},
        {"role": "implement", "departments": ["各区"], "verb": "负责落实"},
    ]
    assert task["clause"].startswith("市人力资源社会保障局负责")
    assert list(task)[-5:] == ["number", "due", "leaders", "roles", "clause"]
    (ongoing,) = json.loads(_run(runner, "show", "2", "-f", "json"))
    assert ongoing["due"] == {"raw": "长期坚持", "kind": "ongoing", "date": None}


def test_json_omits_what_a_task_does_not_record(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(MINIMAL), "show", "1", "-f", "json"])
    (task,) = json.loads(result.stdout)
    assert not {"number", "due", "leaders", "roles", "clause"} & set(task)
    (task3,) = json.loads(_run(runner, "show", "3", "-f", "json"))
    assert "leaders" not in task3 and "clause" not in task3


def test_list_gains_no_column(runner: CliRunner) -> None:
    assert _run(runner, "list", "-f", "csv").splitlines()[0] == "id,section,topic,text,lead,support"


def test_depts_name_lists_a_task_it_only_implements(runner: CliRunner) -> None:
    out = _run(runner, "depts", "市教委")
    assert "Other roles only (1)" in out
    assert "负责落实·直接" in out
    assert "lead tasks 1, support tasks 1, possibly concerned 0, other roles only 1" in out
    sheet = json.loads(_run(runner, "depts", "市教委", "-f", "json"))
    assert [t["id"] for t in sheet["other"]] == [3]
    assert sheet["other"][0]["match"] == []
    assert [t["id"] for t in sheet["lead"]] == [2]
    csv = _run(runner, "depts", "浦东新区", "-f", "csv").splitlines()
    assert csv[-1] == "2,覆盖率达80%,市教委,,汇总·经由各区"


def test_depts_counts_only_lead_and_support(runner: CliRunner) -> None:
    loads = {d["department"]: d for d in json.loads(_run(runner, "depts", "-f", "json"))}
    assert (loads["市教委"]["lead"], loads["市教委"]["support"]) == (1, 1)


def test_depts_of_a_table_without_roles_writes_no_other(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(MINIMAL), "depts", "市教委", "-f", "json"])
    assert "other" not in json.loads(result.stdout)


def test_diff_reports_a_change_of_the_recorded_fields(runner: CliRunner, tmp_path: Path) -> None:
    text = IMPORTED.read_text(encoding="utf-8")
    for old, new in (
        ("kind: by, date: 2022-10-31", "kind: by, date: 2022-12-31"),
        ("leaders: [张三, 李四]", "leaders: [张三]"),
        ('number: "3"', 'number: "(3)"'),
        ("departments: [市教委], verb: 负责落实", "departments: [市教委, 黄浦区], verb: 负责落实"),
        ("lead_rule: first-listed", "lead_rule: all-lead"),
        ("clause: 市人力资源社会保障局负责，", "clause: 市人力资源社会保障局牵头，"),
    ):
        assert old in text
        text = text.replace(old, new)
    edited = tmp_path / "edited.yaml"
    edited.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(IMPORTED), str(edited)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:6] == [
        "plan lead rule: first-listed → all-lead",
        "task 1 due: 2022年10月底前 (by 2022-10-31) → 2022年10月底前 (by 2022-12-31)",
        "task 1 clause: 市人力资源社会保障局负责，市教委、各区配合，市教委指导，各区负责落实"
        " → 市人力资源社会保障局牵头，市教委、各区配合，市教委指导，各区负责落实",
        "task 2 leaders −李四",
        "task 3 number: 3 → (3)",
        "task 3 other roles: 负责落实: 市教委 → 负责落实: 市教委、黄浦区",
    ]
    report = json.loads(
        runner.invoke(app, ["diff", str(IMPORTED), str(edited), "-f", "json"]).stdout
    )
    assert [f["field"] for f in report["tasks"][0]["fields"]] == ["due", "clause"]
    assert report["tasks"][0]["fields"][0]["new"]["date"] == "2022-12-31"


def test_diff_of_an_unchanged_imported_plan_is_empty(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", str(IMPORTED), str(IMPORTED)])
    assert result.exit_code == 0


def test_a_task_record_defaults_the_new_fields() -> None:
    task = Task(id=1, topic=1, text="x", lead=("市教委",))
    assert (task.number, task.due, task.leaders, task.roles, task.clause) == (
        None,
        None,
        (),
        (),
        None,
    )
    assert task.others == ()
