"""A catalogue of broken and hostile inputs, one test each: clean failures, nothing run."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import loader
from fenggong.store import source as sources
from tests.helpers import FIXTURES

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


def validate(runner: CliRunner, path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["validate", str(path)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.replace(str(path), "FILE")


def test_an_alias_bomb_is_refused_fast_without_expanding(runner: CliRunner) -> None:
    path = FIXTURES / "invalid" / "alias-bomb.yaml"
    started = time.perf_counter()
    code, stderr = validate(runner, path)
    assert time.perf_counter() - started < 2
    assert code == 1
    assert stderr.startswith("FILE:2:1: error FG021 alias-expansion: aliases expand")


def test_aliases_that_repeat_a_little_are_fine() -> None:
    data, problem = loader.parse("base: &b {a: 1}\none: *b\ntwo: *b\n")
    assert problem is None
    assert data == {"base": {"a": 1}, "one": {"a": 1}, "two": {"a": 1}}


def test_deep_nesting_is_a_located_problem_not_a_crash(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("tasks: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, stderr = validate(runner, path)
    assert code == 1
    assert stderr.startswith("FILE:1:")


def test_a_file_over_the_size_limit_is_refused_before_reading(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(200 << 20)  # sparse: 200 MB that take no disk
    started = time.perf_counter()
    code, stderr = validate(runner, path)
    assert time.perf_counter() - started < 2
    assert code == 1
    assert stderr.startswith(
        "FILE:1:1: error FG022 too-large: the file is 200 MiB; a dataset may be 128 MiB at most"
    )


def test_python_tags_never_run(runner: CliRunner, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        path = tmp_path / "evil.yaml"
        path.write_text(f"{tag} ['touch {marker}']\n", encoding="utf-8")
        code, stderr = validate(runner, path)
        assert code == 1
        assert " FG001 yaml-syntax" in stderr
    assert not marker.exists()


def test_an_unreadable_file_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "tasks.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    real_open = os.open

    # Root reads any file: the refusal is simulated where the file is opened.
    def denied(name: object, flags: int, *args: object, **kwargs: object) -> int:
        if Path(str(name)) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    result = runner.invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.stderr) == (2, f"error: {path}: permission denied\n")


def test_a_ten_thousand_character_text_is_kept_and_shown(runner: CliRunner, tmp_path: Path) -> None:
    text = "加强监督" * 2500
    path = tmp_path / "long.yaml"
    path.write_text(MINIMAL.replace("    text: 加强监督\n", f"    text: {text}\n"), "utf-8")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    shown = runner.invoke(app, ["--data", str(path), "show", "3", "-f", "json"])
    assert text in shown.stdout
    table = runner.invoke(app, ["--data", str(path), "list", "--short"])
    assert table.exit_code == 0
    assert max(len(line) for line in table.stdout.splitlines()) <= 120


def test_terminal_escapes_in_data_never_reach_the_terminal_raw(runner: CliRunner) -> None:
    hostile = FIXTURES / "hostile" / "hostile.yaml"
    for args in (["list"], ["show", "3"], ["list", "-f", "markdown"], ["outline"]):
        result = runner.invoke(app, ["--data", str(hostile), *args])
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout
        # shown as written; markdown escapes its own punctuation in it too
        shown = "\\\\x1b\\[31m" if "markdown" in args else "\\x1b[31m"
        assert shown in result.stdout


def test_escapes_in_diagnostics_are_shown_escaped(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("lead: [市教委]", 'lead: ["\\e]0;owned\\a市教委"]'), "utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;owned\\x07" in result.stderr


@pytest.mark.usefixtures("chinese")
def test_markup_in_data_or_arguments_is_not_interpreted(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--grep", "[red]火星[/red] :smile:"])
    assert result.exit_code == 0
    assert "含 “[red]火星[/red] :smile:” — 共 0 项任务" in result.stdout


def test_size_limit_is_far_above_real_data() -> None:
    assert sources.MAX_BYTES >= 100 << 20


def test_an_oversized_file_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(sources.MAX_BYTES + 1)

    def unopened(self: sources.Source) -> object:
        raise AssertionError(f"{self.name} was opened")

    monkeypatch.setattr(sources.Source, "open", unopened)
    (problem,) = loader.check(path).problems
    assert problem.code == "FG022"
    with pytest.raises(loader.DataError):
        loader.load(path)
