"""The filters of list are declared once (cli.filters) and shared: every command that takes
them shows the same options, in the same order, and hands them on as one Chosen."""

from __future__ import annotations

import inspect
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from fenggong.cli import app, filters

FILTERS = [
    "--plan",
    "--issuer",
    "--year",
    "--lead",
    "--support",
    "--dept",
    "--section",
    "--topic",
    "--grep",
    "--has-target",
    "--direct",
    "--how",
]


def _options(name: str) -> list[str]:
    group: Any = typer.main.get_command(app)
    found = group.get_command(None, name)
    return [p.opts[0] for p in found.params if p.param_type_name == "option"]


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("list", [], ["--short", "--format"]),
        ("export", ["--output", "--each-dept", "--force"], ["--as-of", "--data"]),
        ("status", ["--as-of", "--by", "--light"], ["--format"]),
        ("due", ["--within", "--as-of"], ["--format"]),
        ("overdue", ["--as-of"], ["--format"]),
    ],
)
def test_every_filtered_command_takes_the_same_options(
    name: str, before: list[str], after: list[str]
) -> None:
    options = _options(name)
    start = options.index("--plan")
    assert options[start : start + len(FILTERS)] == FILTERS
    assert options[start - len(before) : start] == before
    assert options[start + len(FILTERS) : start + len(FILTERS) + len(after)] == after


def test_targets_takes_them_but_has_target() -> None:
    options = _options("targets")
    start = options.index("--plan")
    assert options[start : start + len(FILTERS) - 1] == [f for f in FILTERS if f != "--has-target"]


def test_the_command_gets_one_chosen() -> None:
    seen: list[filters.Chosen] = []

    @filters.filtered()
    def command(ctx: Any, chosen: filters.Chosen = filters.ALL, last: int = 0) -> None:
        seen.append(chosen)

    given: dict[str, Any] = {name: default for name, _kind, default in filters._OPTIONS}
    command(ctx=None, last=1, **{**given, "lead": ["市教委"], "direct": True})
    assert seen == [filters.Chosen(lead=["市教委"], direct=True)]
    assert list(inspect.signature(command).parameters)[:3] == ["ctx", "plan", "issuer"]


def test_the_filters_still_filter(runner: CliRunner) -> None:
    rows = runner.invoke(app, ["status", "--lead", "市教委", "--direct", "-f", "csv"]).stdout
    tasks = [line.split(",")[0] for line in rows.splitlines()[1:]]
    listed = runner.invoke(app, ["list", "--lead", "市教委", "--direct", "-f", "csv"]).stdout
    assert tasks == [line.split(",")[0] for line in listed.splitlines()[1:]]
    assert tasks[:3] == ["3", "11", "22"]
