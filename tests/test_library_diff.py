"""``fenggong diff`` of library folders: plans added, removed and changed, registry.yaml, the
digest across plans; a library of one plan diffed as its file; ``--git`` on a folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import library, source
from tests.helpers import FIXTURES, ROOT

CASES = sorted(p for p in (FIXTURES / "libraries" / "diff").iterdir() if p.is_dir())
FILE_CASES = sorted(p for p in (FIXTURES / "diff").iterdir() if p.is_dir())
EXPECTED = {"text": "expected.txt", "markdown": "expected.md", "json": "expected.json"}
UPDATE = os.environ.get("FENGGONG_UPDATE_GOLDEN") == "1"  # rewrite, then review the diff
git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_the_cases_are_listed() -> None:
    assert [p.name for p in CASES] == [
        "group-member",
        "key-renamed",
        "plans",
        "registry-rename",
        "same-name",
        "unchanged",
    ]
    for case in CASES:
        assert library.check(case / "old").shelf is not None
        assert library.check(case / "new").shelf is not None


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_library_pair(runner: CliRunner, case: Path, fmt: str) -> None:
    result = runner.invoke(app, ["diff", "-f", fmt, str(case / "old"), str(case / "new")])
    assert result.stderr == ""
    if UPDATE:
        (case / EXPECTED[fmt]).write_text(result.stdout, encoding="utf-8")
    assert result.stdout == (case / EXPECTED[fmt]).read_text(encoding="utf-8")
    assert result.exit_code == (0 if case.name == "unchanged" else 1)


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
@pytest.mark.parametrize("case", FILE_CASES, ids=lambda p: p.name)
def test_a_library_of_one_plan_diffs_as_its_file(
    runner: CliRunner, tmp_path: Path, case: Path, fmt: str
) -> None:
    for side in ("old", "new"):
        (tmp_path / side).mkdir()
        shutil.copy(case / f"{side}.yaml", tmp_path / side / "tasks.yaml")
    folders = runner.invoke(app, ["diff", "-f", fmt, str(tmp_path / "old"), str(tmp_path / "new")])
    assert folders.stdout == (case / EXPECTED[fmt]).read_text(encoding="utf-8")
    files = runner.invoke(app, ["diff", "-f", fmt, str(case / "old.yaml"), str(case / "new.yaml")])
    assert (folders.exit_code, folders.stderr) == (files.exit_code, "")


def test_the_bundled_plan_against_a_library_of_it(runner: CliRunner, tmp_path: Path) -> None:
    bundled = ROOT / "data" / "tasks.yaml"
    shutil.copy(bundled, tmp_path / "hrss.yaml")
    same = runner.invoke(app, ["diff", str(bundled), str(tmp_path)])
    assert (same.exit_code, same.stdout) == (0, "no change in meaning\n")
    # With a second plan beside it, the library's report: one plan added, nothing else.
    # Its 市人力资源社会保障局, defined as the bundled plan defines it, is the same body.
    jobs = (CASES[2] / "new" / "jobs.yaml").read_text(encoding="utf-8")
    jobs = jobs.replace("    support: [市发展改革委, 各区]\n", "")
    own = (
        "departments:\n"
        "  市人力资源社会保障局: {full_name: 上海市人力资源和社会保障局, kind: municipal}\n"
    )
    (tmp_path / "jobs.yaml").write_text(jobs.replace("tasks:\n", own + "tasks:\n"), "utf-8")
    grown = runner.invoke(app, ["diff", "-f", "json", str(bundled), str(tmp_path)])
    assert grown.exit_code == 1
    report = json.loads(grown.stdout)
    assert [(p["key"], p["kind"], p["diff"]) for p in report["plans"]] == [("jobs", "added", None)]
    assert report["impact"]["市人力资源社会保障局"] == {
        "jurisdiction": "上海市",
        "name": "市人力资源社会保障局",
        "lead": 1,
        "lead_lost": 0,
        "support": 0,
        "support_lost": 0,
        "possible": 0,
        "possible_lost": 0,
    }


def test_an_invalid_side_is_located_and_an_input_error(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURES / "libraries" / "invalid" / "duplicate-plan", broken)
    result = runner.invoke(app, ["diff", str(CASES[0] / "old"), str(broken)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"{broken}/b.yaml:3:3: error FG030 duplicate-plan at plan.key")
    empty = tmp_path / "empty"
    empty.mkdir()
    none = runner.invoke(app, ["diff", str(empty), str(CASES[0] / "new")])
    assert none.exit_code == 2
    assert none.stderr.startswith(f"{empty}: error FG033 no-plan: {empty} holds no plan file\n")


@pytest.mark.usefixtures("chinese")
def test_the_report_in_chinese(runner: CliRunner) -> None:
    case = FIXTURES / "libraries" / "diff" / "plans"
    result = runner.invoke(app, ["diff", str(case / "old"), str(case / "new")])
    assert result.stdout.splitlines()[:3] == [
        "新增 方案 jobs：《就业示例方案》分工表（沪示〔2023〕4号），1 项任务",
        "删除 方案 minhang：《闵行示例方案》分工表（闵示〔2023〕2号），1 项任务",
        "方案 pudong（浦示〔2023〕1号）：",
    ]


# --git on a folder ------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def _put(folder: Path, source: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the plans case's old library in lib/; topic: its new one."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _put(repo / "lib", CASES[2] / "old")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "old")
    _git(repo, "checkout", "-qb", "topic")
    _put(repo / "lib", CASES[2] / "new")
    _git(repo, "add", "-A", ".")
    _git(repo, "commit", "-qm", "new")
    _git(repo, "checkout", "-q", "main")
    return repo


@git
@pytest.mark.parametrize(
    "args",
    [
        ["--git", "main..topic", "LIB"],
        ["--git", "main...topic", "LIB"],
        ["--git", "main", "LIB", "(topic checked out)"],
        ["--data", "LIB", "diff", "--git", "main", "(topic checked out)"],
    ],
    ids=["two-dots", "three-dots", "working-copy", "data"],
)
def test_git_on_a_library_folder(runner: CliRunner, repo: Path, args: list[str]) -> None:
    if args[-1] == "(topic checked out)":
        _git(repo, "checkout", "-q", "topic")
        args = args[:-1]
    lib = str(repo / "lib")
    command = [lib if a == "LIB" else a for a in args]
    command = command if command[0] == "--data" else ["diff", *command]
    result = runner.invoke(app, command)
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (CASES[2] / "expected.txt").read_text(encoding="utf-8")


@git
def test_a_revision_without_the_folder(runner: CliRunner, repo: Path) -> None:
    shutil.copytree(CASES[2] / "old", repo / "other")  # a library, not committed
    result = runner.invoke(app, ["diff", "--git", "main", str(repo / "other")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: there is no {repo / 'other'} at main\n"
        "  hint: name a commit, branch or tag that has the library folder\n"
    )


@git
def test_a_revision_where_the_folder_is_a_file(runner: CliRunner, repo: Path) -> None:
    shutil.rmtree(repo / "lib")
    shutil.copy(CASES[2] / "old" / "city.yaml", repo / "lib")
    _git(repo, "add", "-A", ".")
    _git(repo, "commit", "-qm", "a file")
    (repo / "lib").unlink()
    _put(repo / "lib", CASES[2] / "old")
    result = runner.invoke(app, ["diff", "--git", "HEAD", str(repo / "lib")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"error: {repo / 'lib'} is a file at HEAD, not a library folder\n"
    )


@git
def test_a_link_among_the_plans_at_a_revision(runner: CliRunner, repo: Path) -> None:
    # A subfolder is never read, whatever its name, at a revision as in the working copy.
    (repo / "lib" / "sub.yaml").mkdir()
    shutil.copy(repo / "lib" / "city.yaml", repo / "lib" / "sub.yaml" / "city.yaml")
    _git(repo, "add", "-A", ".")
    _git(repo, "commit", "-qm", "a subfolder")
    unchanged = runner.invoke(app, ["diff", "--git", "main", str(repo / "lib")])
    assert (unchanged.exit_code, unchanged.stdout) == (0, "no change in meaning\n")
    (repo / "lib" / "linked.yaml").symlink_to("city.yaml")
    _git(repo, "add", "-A", ".")
    _git(repo, "commit", "-qm", "a link")
    result = runner.invoke(app, ["diff", "--git", "HEAD", str(repo / "lib")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"error: {repo / 'lib' / 'linked.yaml'} is not a regular file at HEAD\n"
    )


@git
def test_a_problem_at_a_revision_is_located_there(runner: CliRunner, repo: Path) -> None:
    text = (repo / "lib" / "city.yaml").read_text(encoding="utf-8")
    (repo / "lib" / "city.yaml").write_text(text.replace("key: city", "key: pudong"), "utf-8")
    _git(repo, "commit", "-qam", "a key twice")
    result = runner.invoke(app, ["diff", "--git", "HEAD~1..HEAD", str(repo / "lib")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"HEAD:{repo / 'lib' / 'pudong.yaml'}:3:3: error FG030 duplicate-plan at plan.key: "
        "plan key pudong is also the key of city.yaml\n"
    )


@git
def test_too_many_plan_files_are_refused_before_any_is_read(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    real = source._git

    def counting(folder: Path, *args: str, what: str | None = None) -> bytes:
        reads.append(" ".join(args[:2]))
        return real(folder, *args, what=what)

    monkeypatch.setattr(source, "_git", counting)
    monkeypatch.setattr(library, "MAX_PLANS", 2)
    result = runner.invoke(app, ["diff", "--git", "main", str(repo / "lib")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"error: main:{repo / 'lib'} holds more than 2 YAML files; a library may hold 2 plans\n"
    )
    assert "cat-file blob" not in reads


@git
@pytest.mark.slow
def test_a_tree_of_a_hundred_thousand_files(runner: CliRunner, repo: Path) -> None:
    """A commit whose folder lists 100,000 YAML files: refused once the limit is passed,
    without holding the listing or reading a file."""
    blob = _git(repo, "rev-parse", "HEAD:lib/city.yaml")
    lines = "".join(f"100644 {blob}\thuge/p{n:06}.yaml\n" for n in range(100_000))
    subprocess.run(
        ["git", "update-index", "--index-info"], cwd=repo, input=lines.encode(), check=True
    )
    _git(repo, "commit", "-qm", "huge")
    (repo / "huge").mkdir()
    result = runner.invoke(app, ["diff", "--git", "HEAD", str(repo / "huge")])
    assert (result.exit_code, result.stdout) == (2, "")
    assert "holds more than 2000 YAML files" in result.stderr
