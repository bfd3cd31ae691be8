"""Task ids as people type them: lists, ranges, and every way to get them wrong."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.errors import LookupFailedError
from fenggong.query.select import parse_ids
from tests.helpers import CATALOG


@pytest.mark.parametrize(
    ("specs", "ids"),
    [
        (["47"], [47]),
        (["1,4-6"], [1, 4, 5, 6]),
        (["3", "1-3"], [3, 1, 2]),
        (["1，3－4"], [1, 3, 4]),  # full-width comma and dash
        ([" 2 , 5 "], [2, 5]),
        (["110-111"], [110, 111]),
    ],
)
def test_ids_and_ranges(specs: list[str], ids: list[int]) -> None:
    assert parse_ids(specs, CATALOG) == ids


@pytest.mark.parametrize(
    ("spec", "message", "hint"),
    [
        ("", "no task id in ''", "give one: tasks are numbered 1–111"),
        (",", "no task id in ','", "give one: tasks are numbered 1–111"),
        ("1,,2", "1,,2 has an empty item", "separate ids with one comma: 1,4-10"),
        ("1,", "1, has an empty item", "separate ids with one comma: 1,4-10"),
        ("0", "no task 0", "tasks are numbered 1–111"),
        ("112", "no task 112", "tasks are numbered 1–111"),
        ("100-200", "no task 200", "tasks are numbered 1–111"),
        ("3-1", "range 3-1 runs backwards", "write 1-3"),
        ("abc", "abc is not a task id or range", "tasks are numbered 1–111"),
        ("9" * 5000, "9" * 20 + "… is not a task id or range", "tasks are numbered 1–111"),
        ("1-" + "9" * 40, "1-" + "9" * 18 + "… is not a task id or range", None),
    ],
)
def test_wrong_ids_are_refused_with_a_reason(spec: str, message: str, hint: str | None) -> None:
    with pytest.raises(LookupFailedError) as caught:
        parse_ids([spec], CATALOG)
    assert caught.value.message == message
    if hint is not None:
        assert caught.value.hint == hint


@pytest.mark.parametrize("spec", ["", ",", "1,,2", "9" * 5000])
def test_show_refuses_them_as_a_usage_error(runner: CliRunner, spec: str) -> None:
    result = runner.invoke(app, ["show", spec])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
