"""`diff --git`: revisions are never options, three dots mean the merge base, links followed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import source
from tests.helpers import FIXTURES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
CASE = FIXTURES / "diff" / "departments"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: old; topic: new, branched from main; main then gains an unrelated commit."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    shutil.copy(CASE / "old.yaml", repo / "data" / "tasks.yaml")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "old")
    _git(repo, "checkout", "-qb", "topic")
    shutil.copy(CASE / "new.yaml", repo / "data" / "tasks.yaml")
    _git(repo, "commit", "-qam", "new")
    _git(repo, "checkout", "-q", "main")
    (repo / "README").write_text("unrelated\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "unrelated")
    return repo


@pytest.mark.parametrize(
    "revision", ["--output=/tmp/fg-git-written", "-p", "--all", "-h", "--end-of-options"]
)
def test_a_revision_is_never_an_option(
    runner: CliRunner, repo: Path, tmp_path: Path, revision: str
) -> None:
    written = tmp_path / "written"
    for spelling in (revision, revision.replace("/tmp/fg-git-written", str(written))):
        result = runner.invoke(
            app, ["diff", f"--git={spelling}", str(repo / "data" / "tasks.yaml")]
        )
        assert result.exit_code == 2
        assert result.stderr.startswith(f"error: {spelling} is not a revision")
    assert not written.exists()
    assert not Path("/tmp/fg-git-written").exists()


def test_three_dots_compare_from_where_the_branches_part(runner: CliRunner, repo: Path) -> None:
    dataset = str(repo / "data" / "tasks.yaml")
    expected = (CASE / "expected.txt").read_text(encoding="utf-8")
    three = runner.invoke(app, ["diff", "--git", "main...topic", dataset])
    assert (three.exit_code, three.stdout, three.stderr) == (1, expected, "")
    backwards = runner.invoke(app, ["diff", "--git", "topic...main", dataset])
    assert (backwards.exit_code, backwards.stdout) == (0, "no change in meaning\n")
    assert runner.invoke(app, ["diff", "--git", "main...", dataset]).exit_code == 2


def test_a_symbolic_link_reads_the_file_it_names_in_that_files_repository(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "link.yaml"
    link.symlink_to(repo / "data" / "tasks.yaml")
    result = runner.invoke(app, ["diff", "--git", "main..topic", str(link)])
    assert result.exit_code == 1
    assert result.stdout == (CASE / "expected.txt").read_text(encoding="utf-8")


def test_a_blob_over_the_limit_is_refused_before_it_is_read(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[tuple[str, ...]] = []
    real = source._git

    def counting(folder: Path, *args: str, what: str | None = None) -> bytes:
        reads.append(args[:2])
        return real(folder, *args, what=what)

    monkeypatch.setattr(source, "_git", counting)
    monkeypatch.setattr(source, "MAX_BYTES", 100)
    result = runner.invoke(app, ["diff", "--git", "main", str(repo / "data" / "tasks.yaml")])
    assert result.exit_code == 2
    assert "FG022 too-large" in result.stderr
    assert ("cat-file", "blob") not in reads
    assert ("cat-file", "-s") in reads
