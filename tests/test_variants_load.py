"""A name written as a width or space variant (FG103) is its body in every command.

Loading resolves the variant to the registered name after the checks, so the warning
keeps its place in the file, and show, the exports and diff see one body, not two.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import loader
from tests.helpers import FIXTURES, ROOT

# Every fixture that only warns: valid, so every command must answer it.
WARNING_ONLY = sorted((FIXTURES / "warning").glob("*.yaml"))
VARIANT = FIXTURES / "warning" / "variant-name.yaml"
EXPORTS = ["xlsx", "csv", "markdown", "html", "sqlite"]


def _commands(path: Path) -> list[tuple[list[str], int]]:
    dataset = loader.load(path)
    first = next(iter(dataset.departments))
    word = dataset.tasks[0].text[:2]
    ids = ",".join(str(t.id) for t in dataset.tasks)
    return [
        (["list"], 0),
        (["list", "--dept", first], 0),
        (["show", ids], 0),
        (["targets", "--all"], 0),
        (["depts"], 0),
        *((["depts", name], 0) for name in dataset.departments),
        (["outline"], 0),
        (["matrix"], 0),
        (["search", word], 0),
        (["validate", str(path)], 0),
        (["diff", str(path), str(ROOT / "data" / "tasks.yaml")], 1),
    ]


def test_the_warning_only_fixtures_are_there() -> None:
    names = [p.stem for p in WARNING_ONLY]
    assert names == [
        "empty-section", "empty-topic", "full-width-name", "unrecorded-target",
        "unused-department", "variant-name", "whitespace", "zero-width-name",
    ]  # fmt: skip


@pytest.mark.parametrize("path", WARNING_ONLY, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_command_answers_a_warning_only_file(runner: CliRunner, path: Path, fmt: str) -> None:
    for args, code in _commands(path):
        with_format = [*args, "-f", fmt] if args[0] not in ("validate", "diff") else args
        result = runner.invoke(app, ["--data", str(path), *with_format])
        assert "Traceback" not in result.output + result.stderr, args
        assert result.exception is None or isinstance(result.exception, SystemExit), args
        assert result.exit_code == code, (args, result.stderr)


@pytest.mark.parametrize("path", WARNING_ONLY, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", EXPORTS)
def test_every_export_of_a_warning_only_file(
    runner: CliRunner, path: Path, fmt: str, tmp_path: Path
) -> None:
    target = tmp_path / f"out.{fmt}"
    result = runner.invoke(app, ["--data", str(path), "export", fmt, "-o", str(target)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size > 0


def test_loading_resolves_the_variant_and_checking_still_warns_where_it_is() -> None:
    dataset = loader.load(VARIANT)
    assert [t.lead for t in dataset.tasks] == [("市人力资源社会保障局",), ("市教委",), ("黄浦区",)]
    report = loader.check(VARIANT)
    assert report.dataset == dataset
    [warning] = report.problems
    assert (warning.code, warning.line, warning.column) == ("FG103", 35, 12)


@pytest.mark.parametrize(
    ("fixture", "written", "registered"),
    [
        ("variant-name", '"市教委　"', "市教委"),
        ("zero-width-name", '"市\u200b教委"', "市教委"),
        ("full-width-name", "ＡＢＣ中心", "ABC中心"),
    ],
)
def test_fixing_the_spelling_changes_no_meaning(
    runner: CliRunner, tmp_path: Path, fixture: str, written: str, registered: str
) -> None:
    path = FIXTURES / "warning" / f"{fixture}.yaml"
    text = path.read_text(encoding="utf-8")
    assert written in text
    fixed = tmp_path / "fixed.yaml"
    fixed.write_text(text.replace(written, registered), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(path), str(fixed)])
    assert (result.exit_code, result.stdout) == (0, "no change in meaning\n")


def test_show_names_the_body_with_its_full_name(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--data", str(VARIANT), "show", "2"])
    assert result.exit_code == 0
    assert "市教委（上海市教育委员会）" in result.stdout


def test_the_sqlite_export_keeps_its_foreign_keys(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "t.db"
    result = runner.invoke(app, ["--data", str(VARIANT), "export", "sqlite", "-o", str(target)])
    assert result.exit_code == 0
    db = sqlite3.connect(target)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    named = {row[0] for row in db.execute("SELECT department FROM assignments")}
    assert "市教委\u3000" not in named


def test_a_body_written_twice_once_as_a_variant_is_named_once(tmp_path: Path) -> None:
    text = VARIANT.read_text(encoding="utf-8")
    text = text.replace('lead: ["市教委　"]', 'lead: [市教委, "市教委　"]')
    path = tmp_path / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    assert loader.load(path).tasks[1].lead == ("市教委",)
