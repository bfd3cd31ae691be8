"""Which dataset a command reads when none is named: the nearest data/tasks.yaml, else bundled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.errors import FileAccessError
from fenggong.store import datapath
from fenggong.store.datapath import Origin
from tests.helpers import FIXTURES, ROOT

MINIMAL = FIXTURES / "valid" / "minimal.yaml"
BUNDLED = ROOT / "data" / "tasks.yaml"
SUMMARY = "valid — 3 tasks, 2 sections, 2 topics, 6 departments, 3 targets (2 quantified)\n"


def _clone(folder: Path, dataset: Path = MINIMAL) -> Path:
    """A folder holding data/tasks.yaml, as a clone of a dataset repository does."""
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "tasks.yaml").write_bytes(dataset.read_bytes())
    return folder


def test_the_current_folder_is_looked_in_first(tmp_path: Path) -> None:
    _clone(tmp_path)
    assert datapath.find(tmp_path, home=None) == Path("data/tasks.yaml")


def test_the_nearest_parent_wins(tmp_path: Path) -> None:
    _clone(tmp_path)
    _clone(tmp_path / "inner")
    (tmp_path / "inner" / "a" / "b").mkdir(parents=True)
    found = datapath.find(tmp_path / "inner" / "a" / "b", home=None)
    assert found == Path("../../data/tasks.yaml")


@pytest.mark.parametrize("kind", ["folder", "broken link", "fifo"])
def test_what_is_not_a_file_is_passed_over(tmp_path: Path, kind: str) -> None:
    _clone(tmp_path)
    odd = tmp_path / "sub" / "data" / "tasks.yaml"
    odd.parent.mkdir(parents=True)
    if kind == "folder":
        odd.mkdir()
    elif kind == "broken link":
        odd.symlink_to(tmp_path / "nowhere.yaml")
    else:
        os.mkfifo(odd)  # never opened: reading a pipe could block forever
    assert datapath.find(tmp_path / "sub", home=None) == Path("../data/tasks.yaml")


def test_a_link_to_a_file_counts(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tasks.yaml").symlink_to(MINIMAL)
    assert datapath.find(tmp_path, home=None) == Path("data/tasks.yaml")


def test_a_folder_that_cannot_be_looked_into_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clone(tmp_path)
    _clone(tmp_path / "locked")
    (tmp_path / "locked" / "here").mkdir()
    # As chmod 000 would do to anyone but root, who may look into any folder.
    real_stat = Path.stat

    def stat(path: Path, **kwargs: object) -> os.stat_result:
        if path.parent.parent == tmp_path / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    assert datapath.find(tmp_path / "locked" / "here", home=None) == Path("../../data/tasks.yaml")


def test_a_file_that_cannot_be_read_still_counts(tmp_path: Path) -> None:
    _clone(tmp_path)
    _clone(tmp_path / "sub").joinpath("data", "tasks.yaml").chmod(0)
    assert datapath.find(tmp_path / "sub", home=None) == Path("data/tasks.yaml")


def _looked_at(monkeypatch: pytest.MonkeyPatch, start: str, home: str | None) -> list[str]:
    seen: list[str] = []

    def is_regular(path: Path) -> bool:
        seen.append(str(path))
        return False

    monkeypatch.setattr(datapath, "_is_regular", is_regular)
    assert datapath.find(Path(start), None if home is None else Path(home)) is None
    return seen


@pytest.mark.parametrize(
    ("start", "home", "folders"),
    [
        # Never into the home folder or above it, never into the root, from below.
        ("/home/u/work/clone", "/home/u", ["/home/u/work/clone", "/home/u/work"]),
        ("/srv/x/y", "/home/u", ["/srv/x/y", "/srv/x", "/srv"]),
        ("/srv/x/y", None, ["/srv/x/y", "/srv/x", "/srv"]),
        # The current folder itself is always looked in, and nothing above the home folder.
        ("/home/u", "/home/u", ["/home/u"]),
        ("/", "/home/u", ["/"]),
        ("/home", "/home/u", ["/home"]),
    ],
)
def test_where_the_search_stops(
    monkeypatch: pytest.MonkeyPatch, start: str, home: str | None, folders: list[str]
) -> None:
    expected = [str(Path(f) / "data" / "tasks.yaml") for f in folders]
    assert _looked_at(monkeypatch, start, home) == expected


def test_the_home_folder_itself_is_read_only_from_there(tmp_path: Path) -> None:
    home = _clone(tmp_path / "home")
    (home / "work" / "clone").mkdir(parents=True)
    assert datapath.find(home / "work" / "clone", home=home) is None
    assert datapath.find(home, home=home) == Path("data/tasks.yaml")


def test_a_removed_current_folder_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert datapath.find() is None
    assert datapath.choose() == (datapath.bundled(), Origin.BUNDLED)


def test_the_choice_and_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _clone(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert datapath.choose() == (Path("data/tasks.yaml"), Origin.FOUND)
    assert datapath.choose("x.yaml") == (Path("x.yaml"), Origin.NAMED)
    monkeypatch.setenv("FENGGONG_DATA", str(MINIMAL))
    assert datapath.choose() == (MINIMAL, Origin.ENVIRONMENT)
    monkeypatch.setenv("FENGGONG_DATA", "")  # empty is unset
    assert datapath.choose() == (Path("data/tasks.yaml"), Origin.FOUND)


def test_a_file_found_of_another_user_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _clone(tmp_path) / "data" / "tasks.yaml"
    if os.geteuid() == 0:
        os.chown(found, 4242, -1)
        owner = 4242
    else:  # a process cannot give its file away: it runs as someone else instead
        owner = found.stat().st_uid
        monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileAccessError) as caught:
        datapath.choose()
    assert caught.value.message == (
        f"data/tasks.yaml belongs to another user (uid {owner}); a dataset found rather "
        "than named is read only if it is yours or root's"
    )
    assert caught.value.hint == "if you trust it, name it: --data data/tasks.yaml"
    assert datapath.choose("data/tasks.yaml").origin is Origin.NAMED  # named, it is read


def test_the_variable_is_named_in_its_errors(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hint = (
        "  hint: set $FENGGONG_DATA to the path of a tasks.yaml or a library folder, or unset it\n"
    )
    missing = tmp_path / "missing.yaml"
    monkeypatch.setenv("FENGGONG_DATA", str(missing))
    for args in (["list"], ["show", "3"], ["validate"], ["diff", "--git", "main"]):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.stdout) == (2, ""), args
        assert result.stderr == f"error: $FENGGONG_DATA={missing}: no such file\n{hint}", args
    # A folder is a library: one with no plan file is an invalid one.
    monkeypatch.setenv("FENGGONG_DATA", str(tmp_path))
    result = runner.invoke(app, ["targets"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path}: error FG033 no-plan: {tmp_path} holds no plan")
    # --data wins over the variable, and its errors speak of --data.
    result = runner.invoke(app, ["list", "--data", str(missing)])
    assert result.stderr == (
        f"error: {missing}: no such file\n"
        "  hint: give the path of a tasks.yaml, or leave --data out\n"
    )


def test_a_command_reads_the_dataset_of_its_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (_clone(tmp_path) / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = runner.invoke(app, ["list", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + 3  # the minimal fixture's 3 tasks
    assert result.stderr == ""  # a query says nothing of its file


@pytest.mark.parametrize(
    ("where", "note"),
    [(".", "reading ./data/tasks.yaml\n"), ("sub/deeper", "reading ../../data/tasks.yaml\n")],
)
def test_validate_says_which_file_it_found(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, note: str
) -> None:
    (_clone(tmp_path) / where).mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(tmp_path / where)
    result = runner.invoke(app, ["validate"])
    assert (result.exit_code, result.stderr) == (0, note)
    found = note.removeprefix("reading ").removeprefix("./").rstrip("\n")
    assert result.stdout == f"{found}: {SUMMARY}"


def test_validate_names_the_variable_and_the_bundled_dataset(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "-f", "json"])
    assert result.stderr == (
        f"reading the bundled dataset {BUNDLED}: no data/tasks.yaml here or above\n"
    )
    monkeypatch.setenv("FENGGONG_DATA", str(MINIMAL))
    result = runner.invoke(app, ["validate"])
    assert result.stderr == f"reading {MINIMAL} (from $FENGGONG_DATA)\n"
    assert result.stdout == f"{MINIMAL}: {SUMMARY}"


@pytest.mark.parametrize(
    "args", [["validate", str(MINIMAL)], ["--data", str(MINIMAL), "validate"]], ids=str
)
def test_a_file_named_on_the_command_line_is_not_announced(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(_clone(tmp_path))
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{MINIMAL}: {SUMMARY}", "")


def test_an_export_never_overwrites_the_file_found(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _clone(tmp_path) / "data" / "tasks.yaml"
    before = found.read_bytes()
    os.link(found, tmp_path / "out.csv")  # the same file under an export's name
    monkeypatch.chdir(tmp_path)
    assert Path("data/tasks.yaml") in datapath.known(str(BUNDLED))
    result = runner.invoke(app, ["--data", str(BUNDLED), "export", "csv", "-o", "out.csv"])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: refusing to overwrite the dataset data/tasks.yaml\n"
        "  hint: choose another file with -o\n"
    )
    assert found.read_bytes() == before
