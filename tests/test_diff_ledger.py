"""`diff` of two sides with a 台账 (a side without one an empty one): each body's reports
added, removed, changed.

The sides are the ledger fixture plan (tests/fixtures/ledger/plan.yaml) with the valid
ledger's periods: the old side has 2025-Q4 alone; the new side adds 2026-Q1 and edits
2025-Q4 (a status changed, a report removed).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.checks.scope import Scope
from fenggong.cli import app
from fenggong.diff.ledger import compare_ledgers
from fenggong.forms import ANSWER_FIELDS, ANSWER_HEADERS, FIELD_HEADS
from fenggong.model import Entry
from fenggong.store import ledger, loader
from tests.helpers import FIXTURES

LEDGER = FIXTURES / "ledger"
PLAN = LEDGER / "plan.yaml"
VALID = LEDGER / "valid"

EXPECTED = """\
no change in meaning of the plan

Ledger by department:
  市人力资源社会保障局:
    2025-Q4 task 1: status not started → in progress
    2026-Q1 task 1: new report, in progress
    2026-Q1 task 4: new report, done
  浦东新区:
    2026-Q1 task 1: new report, ongoing
    2026-Q1 task 3: new report, not started
  黄浦区:
    2026-Q1 task 3: new report, delayed
  市教委:
    2025-Q4 task 2: report removed (cancelled)
    2026-Q1 task 4: new report, done
"""

Q4_EDITED = """\
period: 2025-Q4
entries:
  - {task: 1, body: 市人力资源社会保障局, status: in_progress, reported: 2026-01-10}
"""


def _side(folder: Path, *periods: str, q4: str | None = None) -> Path:
    folder.mkdir()
    shutil.copy(PLAN, folder / "tasks.yaml")
    if periods:
        (folder / "progress").mkdir()
    for period in periods:
        shutil.copy(VALID / f"{period}.yaml", folder / "progress" / f"{period}.yaml")
    if q4 is not None:
        (folder / "progress" / "2025-Q4.yaml").write_text(q4, encoding="utf-8")
    return folder / "tasks.yaml"


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path]:
    old = _side(tmp_path / "old", "2025-Q4")
    new = _side(tmp_path / "new", "2025-Q4", "2026-Q1", q4=Q4_EDITED)
    return old, new


def test_each_body_s_reports_added_removed_and_changed(
    runner: CliRunner, sides: tuple[Path, Path]
) -> None:
    old, new = sides
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert (result.exit_code, result.stdout, result.stderr) == (1, EXPECTED, "")
    # The folder of each plan, no library, is the plan: its 台账 names tasks by bare id.
    folders = runner.invoke(app, ["diff", str(old.parent), str(new.parent)])
    assert (folders.exit_code, folders.stdout, folders.stderr) == (1, EXPECTED, "")


def test_a_new_report_says_the_status_it_moves_on_from(runner: CliRunner, tmp_path: Path) -> None:
    old = _side(tmp_path / "old", "2025-Q4")
    new = _side(tmp_path / "new", "2025-Q4", "2026-Q1")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert "    2026-Q1 task 1: new report, in progress (was not started in 2025-Q4)\n" in (
        result.stdout
    )


@pytest.mark.usefixtures("chinese")
def test_in_chinese_a_status_is_its_label(runner: CliRunner, tmp_path: Path) -> None:
    old = _side(tmp_path / "old", "2025-Q4")
    new = _side(tmp_path / "new", "2025-Q4", "2026-Q1", q4=Q4_EDITED)
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.stdout.splitlines()[3:6] == [
        "  市人力资源社会保障局：",
        "    2025-Q4 任务1：进展状态 未启动 → 推进中",
        "    2026-Q1 任务1：新报送，推进中",
    ]
    assert "    2025-Q4 任务2：报送已删除（已终止）" in result.stdout.splitlines()
    again = _side(tmp_path / "again", "2025-Q4", "2026-Q1")
    result = runner.invoke(app, ["diff", str(old), str(again)])
    assert "    2026-Q1 任务1：新报送，推进中（2025-Q4 为 未启动）\n" in result.stdout


def test_markdown_and_json(runner: CliRunner, sides: tuple[Path, Path]) -> None:
    old, new = sides
    markdown = runner.invoke(app, ["diff", "-f", "markdown", str(old), str(new)]).stdout
    assert markdown.startswith(
        "## Changes to the division of work\n\nNo change in meaning of the plan.\n\n"
        "### Ledger by department\n\n| department | change |\n|---|---|\n"
        "| 市人力资源社会保障局 | 2025-Q4 task 1: status not started → in progress |\n"
    )
    document = json.loads(runner.invoke(app, ["diff", "-f", "json", str(old), str(new)]).stdout)
    assert document["changed"] is True
    assert document["tasks"] == []
    changes = document["ledger"]
    assert [(c["body"], c["period"], c["task"], c["kind"]) for c in changes][:3] == [
        ("市人力资源社会保障局", "2025-Q4", "1", "status"),
        ("市人力资源社会保障局", "2026-Q1", "1", "added"),
        ("市人力资源社会保障局", "2026-Q1", "4", "added"),
    ]
    first = changes[0]
    assert (first["old"]["status"], first["new"]["status"]) == ("not_started", "in_progress")
    assert first["previous"] is None and first["fields"] == []
    removed = next(c for c in changes if c["kind"] == "removed")
    assert (removed["body"], removed["new"], removed["old"]["status"]) == (
        "市教委",
        None,
        "cancelled",
    )


def test_a_report_edited_says_which_fields(runner: CliRunner, tmp_path: Path) -> None:
    old = _side(tmp_path / "old", "2026-Q1")
    new = _side(tmp_path / "new", "2026-Q1")
    path = new.parent / "progress" / "2026-Q1.yaml"
    edited = path.read_text(encoding="utf-8").replace("已培训320万人次", "已培训330万人次")
    path.write_text(edited.replace("status: delayed, problems", "status: done, problems"))
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.stdout.splitlines()[3:] == [
        "  市人力资源社会保障局:",
        "    2026-Q1 task 1: report edited (progress)",
        "  黄浦区:",
        "    2026-Q1 task 3: status delayed → done",
    ]


def _every_field_edited(tmp_path: Path) -> tuple[Path, Path]:
    """Task 1 of 市人力资源社会保障局 edited in every field but its status, and 黄浦区's
    status and 存在问题 on task 3."""
    old = _side(tmp_path / "old", "2026-Q1")
    new = _side(tmp_path / "new", "2026-Q1")
    path = new.parent / "progress" / "2026-Q1.yaml"
    text = path.read_text(encoding="utf-8")
    for before, after in (
        ("已培训320万人次", "已培训330万人次"),
        ("部分区进度偏慢", "个别区进度偏慢"),
        ("下季度开展督导", "下季度开展专项督导"),
        ("{value: 320, unit: 万人次}", "{value: 330, unit: 万人次}"),
        ("report/1]", "report/2]"),
        ("reported: 2026-04-15", "reported: 2026-04-16"),
        ("reporter: 职业能力建设处", "reporter: 职业能力建设处 张三"),
        ("status: delayed, problems: 经费未到位", "status: done, problems: 经费已到位"),
    ):
        assert before in text, before
        text = text.replace(before, after)
    path.write_text(text, encoding="utf-8")
    return old, new


FIELD_CODES = ["progress", "problems", "next", "figures", "evidence", "reported", "reporter"]


def test_the_fields_a_report_changed_are_named_as_the_file_names_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    old, new = _every_field_edited(tmp_path)
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.stdout.splitlines()[3:] == [
        "  市人力资源社会保障局:",
        "    2026-Q1 task 1: report edited (progress, problems, next, figures, evidence, "
        "reported, reporter)",
        "  黄浦区:",
        "    2026-Q1 task 3: status delayed → done (also problems)",
    ]


@pytest.mark.usefixtures("chinese")
def test_in_chinese_the_fields_are_the_ledger_s_column_names(
    runner: CliRunner, tmp_path: Path
) -> None:
    old, new = _every_field_edited(tmp_path)
    edited = "进展情况、存在问题、下一步计划、完成值、佐证材料、填报日期、填报人"
    text = runner.invoke(app, ["diff", str(old), str(new)]).stdout
    assert text.splitlines()[3:] == [
        "  市人力资源社会保障局：",
        f"    2026-Q1 任务1：报送已修改（{edited}）",
        "  黄浦区：",
        "    2026-Q1 任务3：进展状态 滞后 → 已完成（存在问题亦有修改）",
    ]
    markdown = runner.invoke(app, ["diff", "-f", "markdown", str(old), str(new)]).stdout
    assert f"| 市人力资源社会保障局 | 2026-Q1 任务1：报送已修改（{edited}） |\n" in markdown
    # Tools read the codes, in every language.
    document = json.loads(runner.invoke(app, ["diff", "-f", "json", str(old), str(new)]).stdout)
    assert [c["fields"] for c in document["ledger"]] == [FIELD_CODES, ["problems"]]


def test_every_field_of_a_report_has_its_chinese_head() -> None:
    # The task and the body key a report: a change of either is another report.
    assert set(FIELD_HEADS) == set(Entry.__struct_fields__) - {"task", "body"}
    assert [FIELD_HEADS[f] for f in ANSWER_FIELDS] == list(ANSWER_HEADERS)


CREATED = """\
no change in meaning of the plan

Ledger by department:
  市人力资源社会保障局:
    2025-Q4 task 1: new report, not started
    2026-Q1 task 1: new report, in progress (was not started in 2025-Q4)
    2026-Q1 task 4: new report, done
  市教委:
    2025-Q4 task 2: new report, cancelled
    2026-Q1 task 4: new report, done
  浦东新区:
    2026-Q1 task 1: new report, ongoing
    2026-Q1 task 3: new report, not started
  黄浦区:
    2026-Q1 task 3: new report, delayed
"""


def test_a_side_without_a_ledger_is_an_empty_ledger(runner: CliRunner, tmp_path: Path) -> None:
    # The commit that creates the 台账 adds every report: a reviewer or CI must see them.
    bare = _side(tmp_path / "bare")
    full = _side(tmp_path / "full", "2025-Q4", "2026-Q1")
    created = runner.invoke(app, ["diff", str(bare), str(full)])
    assert (created.exit_code, created.stdout, created.stderr) == (1, CREATED, "")
    document = json.loads(runner.invoke(app, ["diff", "-f", "json", str(bare), str(full)]).stdout)
    assert document["changed"] is True
    assert [(c["body"], c["period"], c["task"], c["kind"]) for c in document["ledger"]][:2] == [
        ("市人力资源社会保障局", "2025-Q4", "1", "added"),
        ("市人力资源社会保障局", "2026-Q1", "1", "added"),
    ]
    dropped = runner.invoke(app, ["diff", str(full), str(bare)])
    assert dropped.exit_code == 1
    assert dropped.stdout.splitlines()[4:7] == [
        "    2025-Q4 task 1: report removed (not started)",
        "    2026-Q1 task 1: report removed (in progress)",
        "    2026-Q1 task 4: report removed (done)",
    ]
    assert dropped.stdout.count("report removed") == 8
    markdown = runner.invoke(app, ["diff", "-f", "markdown", str(bare), str(full)]).stdout
    assert "| 黄浦区 | 2026-Q1 task 3: new report, delayed |\n" in markdown
    # A folder of each plan is compared as its file is.
    folders = runner.invoke(app, ["diff", str(bare.parent), str(full.parent)])
    assert (folders.exit_code, folders.stdout) == (1, CREATED)


def test_no_ledger_on_either_side_is_no_change(runner: CliRunner, tmp_path: Path) -> None:
    bare, other = _side(tmp_path / "bare"), _side(tmp_path / "other")
    result = runner.invoke(app, ["diff", str(bare), str(other)])
    assert (result.exit_code, result.stdout) == (0, "no change in meaning\n")
    document = json.loads(runner.invoke(app, ["diff", "-f", "json", str(bare), str(other)]).stdout)
    assert document["changed"] is False and "ledger" not in document
    # An empty progress/ folder is a ledger with no report: nothing is added either.
    (tmp_path / "other" / "progress").mkdir()
    empty = runner.invoke(app, ["diff", str(bare), str(other)])
    assert (empty.exit_code, empty.stdout) == (0, "no change in meaning\n")
    assert compare_ledgers(None, None) == ()


def test_the_same_ledger_on_both_sides_is_no_change(
    runner: CliRunner, sides: tuple[Path, Path]
) -> None:
    _old, new = sides
    same = runner.invoke(app, ["diff", str(new), str(new)])
    assert (same.exit_code, same.stdout) == (0, "no change in meaning\n")


def test_a_library_s_first_ledger_adds_every_report(runner: CliRunner, tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(LEDGER / "library", old)
    shutil.copytree(LEDGER / "library", new)
    shutil.rmtree(old / "progress")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert (result.exit_code, result.stdout) == (
        1,
        "no change in meaning of the plan\n\nLedger by department:\n"
        "  区人社局:\n    2026-03 task pudong:1: new report, in progress\n"
        "  市发展改革委:\n    2026-03 task pudong:2: new report, ongoing\n"
        "  区发改委:\n    2026-03 task minhang:1: new report, done\n",
    )
    document = json.loads(runner.invoke(app, ["diff", "-f", "json", str(new), str(old)]).stdout)
    assert document["changed"] is True
    assert [c["kind"] for c in document["ledger"]] == ["removed"] * 3


def test_a_plan_change_and_a_ledger_change_are_both_said(
    runner: CliRunner, sides: tuple[Path, Path]
) -> None:
    old, new = sides
    new.write_text(new.read_text(encoding="utf-8").replace("text: 加强监督", "text: 加强督查"))
    lines = runner.invoke(app, ["diff", str(old), str(new)]).stdout.splitlines()
    assert lines[0] == "task 3 text: 加强[-监-]督{+查+}"
    assert lines[1:4] == ["", "No department gains or loses a task.", ""]
    assert lines[4] == "Ledger by department:"


def test_an_invalid_ledger_is_an_invalid_side(runner: CliRunner, tmp_path: Path) -> None:
    old = _side(tmp_path / "old", "2025-Q4")
    new = _side(tmp_path / "new", "2025-Q4", q4=Q4_EDITED.replace("in_progress", "finished"))
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 2
    assert "2025-Q4.yaml" in result.stderr and "finished" in result.stderr
    assert "Traceback" not in result.output


def test_a_library_s_ledger_names_tasks_key_id(runner: CliRunner, tmp_path: Path) -> None:
    library = LEDGER / "library"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(library, old)
    shutil.copytree(library, new)
    path = new / "progress" / "2026-03.yaml"
    # The same task written another way is the same report.
    text = path.read_text(encoding="utf-8").replace('"pudong:1"', '"pudong:001"')
    path.write_text(text.replace("status: ongoing", "status: done"), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert (result.exit_code, result.stdout) == (
        1,
        "no change in meaning of the plan\n\nLedger by department:\n"
        "  市发展改革委:\n    2026-03 task pudong:2: status ongoing → done\n",
    )


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_git_reads_the_ledger_as_committed(runner: CliRunner, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    dataset = repo / "data" / "tasks.yaml"
    shutil.copy(PLAN, dataset)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "plan")  # the plan, no ledger
    _git(repo, "commit", "-q", "--allow-empty", "-m", "nothing")
    (repo / "data" / "progress").mkdir()
    shutil.copy(VALID / "2025-Q4.yaml", repo / "data" / "progress")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "2025-Q4")
    shutil.copy(VALID / "2026-Q1.yaml", repo / "data" / "progress")
    (repo / "data" / "progress" / "2025-Q4.yaml").write_text(Q4_EDITED, encoding="utf-8")

    working = runner.invoke(app, ["diff", "--git", "HEAD", str(dataset)])
    assert (working.exit_code, working.stdout) == (1, EXPECTED)
    # The commit that creates the ledger adds its reports: the side before has none.
    created = runner.invoke(app, ["diff", "--git", "HEAD~1..HEAD", str(dataset)])
    assert (created.exit_code, created.stdout) == (
        1,
        "no change in meaning of the plan\n\nLedger by department:\n"
        "  市人力资源社会保障局:\n    2025-Q4 task 1: new report, not started\n"
        "  市教委:\n    2025-Q4 task 2: new report, cancelled\n",
    )
    plan = runner.invoke(app, ["diff", "--git", "HEAD~2..HEAD~1", str(dataset)])
    assert (plan.exit_code, plan.stdout) == (0, "no change in meaning\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "2026-Q1")
    between = runner.invoke(app, ["diff", "--git", "HEAD~1..HEAD", str(dataset)])
    assert (between.exit_code, between.stdout) == (1, EXPECTED)


def test_the_ledger_loads_from_a_revision_as_from_the_folder(tmp_path: Path) -> None:
    scope = Scope.of_dataset(loader.load(PLAN))
    assert ledger.load_git("HEAD", tmp_path / "nowhere" / "progress", scope) is None
