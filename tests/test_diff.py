"""``fenggong diff``: fixture pairs, formats, exit codes, and a real git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.diff.compare import Run, TaskChange, compare, runs, text_ops
from fenggong.diff.impact import Impact
from fenggong.diff.report import DIFF_RENDERERS, DiffFormat
from fenggong.model import DeptKind, Task
from fenggong.store import loader
from tests.helpers import FIXTURES, ROOT

CASES = sorted(p for p in (FIXTURES / "diff").iterdir() if p.is_dir())
EXPECTED = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}
UPDATE = os.environ.get("FENGGONG_UPDATE_GOLDEN") == "1"  # rewrite, then review the diff


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_fixture_pair(runner: CliRunner, case: Path, fmt: str) -> None:
    args = ["diff", "-f", fmt, str(case / "old.yaml"), str(case / "new.yaml")]
    result = runner.invoke(app, args)
    assert result.stderr == ""
    if UPDATE:
        (case / EXPECTED[fmt]).write_text(result.stdout, encoding="utf-8")
    assert result.stdout == (case / EXPECTED[fmt]).read_text(encoding="utf-8")
    unchanged = (case / "expected.txt").read_text(encoding="utf-8") == "no change in meaning\n"
    assert result.exit_code == (0 if unchanged else 1)


def test_reformatting_is_no_change() -> None:
    case = FIXTURES / "diff" / "reformat-only"
    old = (case / "old.yaml").read_text(encoding="utf-8")
    new = (case / "new.yaml").read_text(encoding="utf-8")
    assert old != new
    assert compare(loader.load(case / "old.yaml"), loader.load(case / "new.yaml")).empty


def test_every_diff_format_has_a_renderer() -> None:
    assert set(DIFF_RENDERERS) == set(DiffFormat)


def test_text_ops_are_character_level() -> None:
    assert text_ops("培训6万人次", "培训8万人次") == (
        ("equal", "培训", "培训"),
        ("replace", "6", "8"),
        ("equal", "万人次", "万人次"),
    )


def test_json_and_markdown(runner: CliRunner) -> None:
    case = FIXTURES / "diff" / "departments"
    args = ["diff", str(case / "old.yaml"), str(case / "new.yaml")]
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert data["changed"] is True
    assert data["tasks"][0]["support"] == {"added": ["黄浦区"], "removed": ["市教委"]}
    assert data["impact"]["市人力资源社会保障局"] == {
        "lead": 1,
        "lead_lost": 0,
        "support": 0,
        "support_lost": 0,
        "possible": 0,
        "possible_lost": 0,
    }
    markdown = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert "- task 1 support +黄浦区 −市教委" in markdown
    assert "| 市教委 | −1 support |" in markdown


def test_markdown_escapes_html_in_text() -> None:
    case = FIXTURES / "diff" / "departments"
    old = loader.load(case / "old.yaml")
    task = msgspec.structs.replace(old.tasks[0], text="<script>x</script>")
    new = msgspec.structs.replace(old, tasks=(task, *old.tasks[1:]))
    out = DIFF_RENDERERS[DiffFormat.MARKDOWN](compare(old, new))
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff"], "error: diff needs two files, or --git REV\n"),
        (["diff", "a.yaml"], "error: diff needs two files, or --git REV\n"),
    ],
)
def test_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)


def test_an_invalid_side_is_exit_2(runner: CliRunner) -> None:
    good = FIXTURES / "valid" / "minimal.yaml"
    bad = FIXTURES / "invalid" / "no-lead.yaml"
    result = runner.invoke(app, ["diff", str(good), str(bad)])
    assert result.exit_code == 2
    assert "FG010 no-lead" in result.stderr


@pytest.mark.parametrize(
    ("sides", "hint"),
    [
        (["HEAD~2", "HEAD"], "to compare git revisions: fenggong diff --git HEAD~2..HEAD"),
        (["main", "v1.0"], "to compare git revisions: fenggong diff --git main..v1.0"),
        (
            ["old.yaml", "new.yaml"],
            "name two dataset files or library folders: fenggong diff old.yaml new.yaml",
        ),
    ],
)
def test_a_side_that_is_no_file_says_how_to_name_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sides: list[str], hint: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["diff", *sides])
    assert result.exit_code == 2
    assert result.stderr == f"error: {sides[0]}: no such file\n  hint: {hint}\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_against_git_revisions(runner: CliRunner, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    dataset = repo / "data" / "tasks.yaml"
    case = FIXTURES / "diff" / "departments"
    _git(repo, "init", "-q")
    shutil.copy(case / "old.yaml", dataset)
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "old")
    shutil.copy(case / "new.yaml", dataset)
    expected = (case / "expected.txt").read_text(encoding="utf-8")

    working = runner.invoke(app, ["--data", str(dataset), "diff", "--git", "HEAD"])
    assert (working.exit_code, working.stdout) == (1, expected)

    _git(repo, "commit", "-qam", "new")
    between = runner.invoke(app, ["diff", "--git", "HEAD~1..HEAD", str(dataset)])
    assert (between.exit_code, between.stdout) == (1, expected)
    same = runner.invoke(app, ["diff", "--git", "HEAD", str(dataset)])
    assert (same.exit_code, same.stdout) == (0, "no change in meaning\n")

    missing = runner.invoke(app, ["diff", "--git", "nope", str(dataset)])
    assert missing.exit_code == 2
    assert missing.stderr.startswith(f"error: cannot read {dataset} at nope:")


def _bundled_edit(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> list[str]:
    """The bundled dataset and an edited copy of it, as `diff OLD NEW` arguments."""
    bundled = ROOT / "data" / "tasks.yaml"
    data = yaml.safe_load(bundled.read_text(encoding="utf-8"))
    edit(data)
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return ["diff", str(bundled), str(new)]


def _insert_after_10(data: dict[str, Any]) -> None:
    tasks = data["tasks"]
    for task in tasks[10:]:
        task["id"] += 1
    tasks.insert(10, {"id": 11, "topic": 6, "text": "新的任务", "lead": ["市教委"]})


def test_one_task_inserted_renumbers_the_rest_in_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    args = _bundled_edit(tmp_path, _insert_after_10)
    text = runner.invoke(app, args)
    assert (text.exit_code, text.stdout) == (
        1,
        "added task 11: 新的任务 (lead: 市教委; support: —)\n"
        "tasks 11–111 → 12–112\n"
        "\n"
        "Impact by department:\n"
        "  市教委: +1 lead\n",
    )
    markdown = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert "### Tasks\n\n- added task 11: 新的任务 (lead: 市教委; support: —)\n" in markdown
    assert "\n- tasks 11–111 → 12–112\n\n### Impact by department\n" in markdown
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert data["renumbered_runs"] == [{"old": [11, 111], "new": [12, 112]}]
    renumbered = [(t["old_id"], t["new_id"]) for t in data["tasks"] if t["renumbered"]]
    assert renumbered == [(n, n + 1) for n in range(11, 112)]


def _move_46(data: dict[str, Any]) -> None:
    data["tasks"][45]["topic"] = 20


def test_a_moved_task_shows_both_topics_and_its_text(runner: CliRunner, tmp_path: Path) -> None:
    args = _bundled_edit(tmp_path, _move_46)
    text = runner.invoke(app, args)
    assert (text.exit_code, text.stdout) == (
        1,
        "task 46 topic: （十九）加强数字技能培训 → （二十）全面推广学徒制培养方式 "
        "(大力推进数字技能相关职业技能等级认定，扩大数字技能职业（工种…)\n"
        "\n"
        "No department gains or loses a task.\n",
    )
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert [(t["new_id"], t["topic"]) for t in data["tasks"]] == [(46, [19, 20])]


def test_runs_are_contiguous_in_both_numberings_and_of_one_shift() -> None:
    def moved(old: int, new: int) -> TaskChange:
        task = Task(id=old, topic=1, text=f"任务{old}", lead=("市教委",))
        return TaskChange("changed", old=task, new=msgspec.structs.replace(task, id=new))

    changes = [moved(o, n) for o, n in [(2, 3), (3, 4), (4, 6), (5, 7), (9, 8), (11, 9)]]
    assert runs(changes) == (Run(2, 3, 3, 4), Run(4, 5, 6, 7), Run(9, 9, 8, 8), Run(11, 11, 9, 9))


def _pudong_leaves_the_districts(data: dict[str, Any]) -> None:
    data["departments"]["各区"]["members"].remove("浦东新区")


def test_a_group_losing_a_member_reaches_the_digest(runner: CliRunner, tmp_path: Path) -> None:
    """浦东新区 leaves 各区: it loses every task that names 各区 (3 to lead, 32 to support,
    none naming 浦东新区 itself), though no task changed."""
    args = _bundled_edit(tmp_path, _pudong_leaves_the_districts)
    text = runner.invoke(app, args)
    assert text.exit_code == 1
    lines = text.stdout.splitlines()
    assert lines[0] == "department 各区 members −浦东新区"
    assert lines[1:] == ["", "Impact by department:", "  浦东新区: −3 lead, −32 support"]
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert data["tasks"] == []
    assert data["impact"] == {
        "浦东新区": {
            "lead": 0,
            "lead_lost": 3,
            "support": 0,
            "support_lost": 32,
            "possible": 0,
            "possible_lost": 0,
        }
    }
    markdown = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    assert markdown.endswith("| 浦东新区 | −3 lead, −32 support |\n")


def test_a_body_leaving_a_groups_scope_reaches_the_digest() -> None:
    """浦东新区 made municipal: 相关区 (scope: district) no longer reaches it in task 3;
    各区 names it as a member still, so task 1 is as it was."""
    old = loader.load(FIXTURES / "diff" / "departments" / "old.yaml")
    pudong = msgspec.structs.replace(old.departments["浦东新区"], kind=DeptKind.MUNICIPAL)
    new = msgspec.structs.replace(old, departments={**old.departments, "浦东新区": pudong})
    changes = compare(old, new)
    assert changes.impact == {"浦东新区": Impact(possible_lost=1)}
    assert [(f.where, f.field) for f in changes.fields] == [("department 浦东新区", "kind")]
