"""What ``fenggong validate`` tells a maintainer: every problem in one run, in their terms.

The edits are the ones maintainers make to the bundled dataset: a name mistyped while a
lone name stands where a list belongs, two names typed into one item, a task's topic
changed without moving its entry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.checks import order
from fenggong.checks.explain import flow_list, split_names
from fenggong.checks.report import SHOWN
from fenggong.checks.shape import record
from fenggong.cli import app
from fenggong.model import Task
from tests.helpers import ROOT

BASE = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
TASK_3 = (
    "    lead: [市教委]\n    support: [市发展改革委]\n    targets:\n      - {metric: 推动开放实训"
)
TASK_47 = "  - id: 47\n    topic: 20\n"


def _edit(tmp_path: Path, old: str, new: str) -> Path:
    assert BASE.count(old) == 1
    path = tmp_path / "tasks.yaml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    return path


def test_a_schema_problem_hides_no_rule_problem_of_the_same_task(
    runner: CliRunner, tmp_path: Path
) -> None:
    new = TASK_3.replace("[市教委]", "[市教育委]").replace("[市发展改革委]", "市发展改革委")
    path = _edit(tmp_path, TASK_3, new)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.replace(str(path), "FILE") == (
        "FILE:224:12: error FG003 unknown-department at task 3 (tasks[2]).lead[0]: "
        "unknown department 市教育委\n"
        "  hint: did you mean 市教委?\n"
        "FILE:225:5: error FG002 schema at task 3 (tasks[2]).support: "
        "support must be a list: write `[市发展改革委]`\n"
        "  hint: a list is written in brackets with names separated by `,`, or one `- name` "
        "per line\n"
        "FILE: invalid, 2 errors\n"
    )
    problems = json.loads(runner.invoke(app, ["validate", "-f", "json", str(path)]).stdout)
    assert [(p["path"], p["subject"]) for p in problems] == [
        ("tasks[2].lead[0]", "task 3"),
        ("tasks[2].support", "task 3"),
    ]


@pytest.fixture
def two_problems(tmp_path: Path) -> Path:
    new = TASK_3.replace("[市教委]", "[市教委，市财政局]").replace("[市发展改革委]", "市发展改革委")
    return _edit(tmp_path, TASK_3, new)


def test_two_names_in_one_item_and_a_lone_name_for_a_list_in_one_run(
    runner: CliRunner, two_problems: Path
) -> None:
    result = runner.invoke(app, ["validate", str(two_problems)])
    assert result.exit_code == 1
    assert result.stderr.replace(str(two_problems), "FILE") == (
        "FILE:224:12: error FG023 joined-names at task 3 (tasks[2]).lead[0]: "
        "市教委，市财政局 is 2 names in one item\n"
        "  hint: separate names with `,` or one per line: [市教委, 市财政局]\n"
        "FILE:225:5: error FG002 schema at task 3 (tasks[2]).support: "
        "support must be a list: write `[市发展改革委]`\n"
        "  hint: a list is written in brackets with names separated by `,`, or one `- name` "
        "per line\n"
        "FILE: invalid, 2 errors\n"
    )


def test_json_keeps_the_data_path_and_names_the_task(runner: CliRunner, two_problems: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", str(two_problems)])
    problems = json.loads(result.stdout)
    assert [(p["line"], p["column"], p["path"], p["subject"], p["code"]) for p in problems] == [
        (224, 12, "tasks[2].lead[0]", "task 3", "FG023"),
        (225, 5, "tasks[2].support", "task 3", "FG002"),
    ]
    assert problems[1]["message"] == "support must be a list: write `[市发展改革委]`"


def test_github_annotations_name_the_task(runner: CliRunner, two_problems: Path) -> None:
    result = runner.invoke(app, ["validate", "--format", "github", str(two_problems)])
    assert result.stdout.splitlines()[0] == (
        f"::error file={two_problems},line=224,col=12,title=FG023 joined-names::"
        "task 3 (tasks[2]).lead[0]: 市教委，市财政局 is 2 names in one item "
        "(separate names with `,` or one per line: [市教委, 市财政局])"
    )


def test_a_missing_lead_hides_neither_the_support_nor_says_it_twice(
    runner: CliRunner, tmp_path: Path
) -> None:
    new = TASK_3.replace("    lead: [市教委]\n", "").replace(
        "[市发展改革委]", "[市发展改革委、市教委]"
    )
    path = _edit(tmp_path, TASK_3, new)
    result = runner.invoke(app, ["validate", str(path)])
    # The schema problem stands for FG010's "no lead department" on the same field.
    assert result.stderr.replace(str(path), "FILE") == (
        "FILE:221:5: error FG002 schema at task 3 (tasks[2]).lead: missing field lead\n"
        "  hint: add `lead:` to this record, with its value\n"
        "FILE:224:15: error FG023 joined-names at task 3 (tasks[2]).support[0]: "
        "市发展改革委、市教委 is 2 names in one item\n"
        "  hint: separate names with `,` or one per line: [市发展改革委, 市教委]\n"
        "FILE: invalid, 2 errors\n"
    )


def test_a_task_moved_to_a_later_topic_is_reported_on_that_task(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _edit(tmp_path, TASK_47, TASK_47.replace("20", "21"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.replace(str(path), "FILE") == (
        "FILE:462:5: error FG020 out-of-order at task 47 (tasks[46]).topic: "
        "task 47 is in topic 21, but task 48 after it is in topic 20\n"
        "  hint: a topic's tasks stand together, in the order of the topics: to move task 47 "
        "to topic 21, move its whole entry after task 52 and renumber the ids to run 1, 2, 3 …; "
        "if it belongs where it is, write topic: 20, as task 48 has\n"
        "FILE: invalid, 1 error\n"
    )


def test_a_topic_emptied_by_moving_its_tasks_is_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    old = TASK_47 + BASE.split(TASK_47)[1].split("  - id: 49\n")[0] + "  - id: 49\n"
    path = _edit(tmp_path, old, old.replace("topic: 20", "topic: 19"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.stderr.replace(str(path), "FILE") == (
        "FILE:46:5: warning FG105 no-task at topic 20 (topics[19]): topic 20 has no task\n"
        "  hint: give it its tasks (topic: 20), or remove it and renumber the topics after it\n"
    )
    assert runner.invoke(app, ["validate", "--strict", str(path)]).exit_code == 1


@pytest.mark.parametrize(
    ("groups", "stray", "other"),
    [
        # Task 2 jumped ahead to topic 2; topic 2 has task 4 elsewhere.
        ([1, 2, 1, 2], 1, 2),
        # Task 4 fell back to topic 1; blaming task 3 would leave topic 2 empty.
        ([1, 1, 2, 1, 3], 3, 2),
        # The last entry fell back: only its removal mends the order.
        ([1, 2, 3, 1], 3, 2),
        # The first entry jumped ahead: only its removal mends the order.
        ([3, 1, 2, 2], 0, 1),
    ],
)
def test_the_break_is_blamed_on_the_entry_that_strayed(
    groups: list[int], stray: int, other: int
) -> None:
    items = [order.Placed(i, i + 1, g) for i, g in enumerate(groups)]
    k = next(k for k in range(1, len(items)) if items[k].group < items[k - 1].group)
    assert order._stray(items, k)[:2] == (items[stray], items[other])


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("市教委，市财政局", ["市教委", "市财政局"]),
        ("市教委、市财政局、各区", ["市教委", "市财政局", "各区"]),
        ("市教委; 市财政局", ["市教委", "市财政局"]),
        ("市教委；市财政局", ["市教委", "市财政局"]),
        ("市教委 市财政局", ["市教委", "市财政局"]),
        ("市教委\u3000市财政局", ["市教委", "市财政局"]),
        ("市教委", ["市教委"]),
        ("", []),
    ],
)
def test_split_names(written: str, names: list[str]) -> None:
    assert split_names(written) == names
    assert flow_list(names) == "[" + ", ".join(names) + "]"


def test_a_task_is_salvaged_field_by_field() -> None:
    item = {"id": 3, "topic": 2, "text": "x", "lead": "市教委，市财政局", "suport": ["a"]}
    assert record(Task, item) == Task(3, 2, "x", ("市教委", "市财政局"))
    # A bad optional field is left out; a bad required one leaves no record.
    assert record(Task, {**item, "lead": ["a"], "targets": [{"metric": 5}]}) == Task(
        3, 2, "x", ("a",)
    )
    assert record(Task, {**item, "topic": "二"}) is None
    # A list of names that cannot be read, or is missing, is checked as empty.
    assert record(Task, {**item, "lead": [1]}) == Task(3, 2, "x", ())
    assert record(Task, {k: v for k, v in item.items() if k != "lead"}) == Task(3, 2, "x", ())
    assert record(Task, ["not", "a", "mapping"]) is None


def test_a_section_whose_topics_are_all_empty_is_reported_with_them() -> None:
    from fenggong.checks import lints
    from fenggong.checks.rules import Parts
    from fenggong.model import Section, Topic

    parts = Parts(
        sections=[(0, Section(1, "一", "a")), (1, Section(2, "二", "b"))],
        topics=[(0, Topic(1, "一", 1, "x")), (1, Topic(2, "二", 2, "y"))],
        tasks=[(0, Task(1, 1, "t", ("市教委",)))],
        departments={},
    )
    found = [(p.code, p.path, p.message, p.hint) for p, _ in lints.check(parts)]
    assert [f for f in found if f[0] == "FG105"] == [
        ("FG105", "sections[1]", "section 2 has no task", "its topics (2) have no task either"),
        (
            "FG105",
            "topics[1]",
            "topic 2 has no task",
            "give it its tasks (topic: 2), or remove it and renumber the topics after it",
        ),
    ]
    # A task naming a topic that does not exist may be the one that belongs there.
    parts.tasks.append((1, Task(2, 9, "t", ("市教委",))))
    assert not [p for p, _ in lints.check(parts) if p.code == "FG105"]


def test_text_shows_a_few_problems_of_a_rule_and_counts_the_rest(
    runner: CliRunner, tmp_path: Path
) -> None:
    """One mistake made in every task (a body renamed) is told by a few lines and a
    count, not 111; JSON and GitHub's annotations still list every one."""
    path = tmp_path / "tasks.yaml"
    path.write_text(BASE.replace("\n    lead: [", "\n    lead: [市人社厅, "), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.replace(str(path), "FILE").splitlines()
    shown = [line for line in lines if " error FG003 " in line]
    assert len(shown) == SHOWN == 10
    assert shown[0].endswith("at task 1 (tasks[0]).lead[0]: unknown department 市人社厅")
    assert lines[-2:] == [
        "FILE: 101 more FG003 unknown-department not shown (--format json lists every problem)",
        "FILE: invalid, 111 errors",
    ]
    problems = json.loads(runner.invoke(app, ["validate", "-f", "json", str(path)]).stdout)
    assert len(problems) == 111
    annotations = runner.invoke(app, ["validate", "-f", "github", str(path)]).stdout
    assert annotations.count("::error ") == 111


def test_a_rule_with_as_many_problems_as_are_shown_is_not_counted(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "tasks.yaml"
    text = BASE.replace("\n    lead: [", "\n    lead: [市人社厅, ", SHOWN)
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.stderr.count(" FG003 ") == SHOWN
    assert "not shown" not in result.stderr
