"""Property tests: however the dataset is mutated, validate ends cleanly and says where.

Each example mutates the bundled dataset (its parsed data, or its bytes), runs
``fenggong validate`` on the result and asserts: exit 0 (still valid) or 1 (invalid),
never a traceback; every problem with a line; and an answer within a deadline.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

pytestmark = pytest.mark.slow  # forty examples each, a validate per example

SOURCE = (ROOT / "data" / "tasks.yaml").read_bytes()
DATA = yaml.load(SOURCE, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
# file:line:column: severity FGnnn name [at path]: message; a path may quote odd keys, and
# name its record first: task 3 (tasks[2]).lead[0].
LOCATED = re.compile(
    r"^\S+:\d+:\d+: (error|warning) FG\d{3} [a-z-]+"
    r'( at ((task|topic|section) \d+ \([a-z]+\[\d+\]\))?(\S+|\S*\[".*"\]\S*|))?: .+$'
)
# Text shows ten problems of a rule in a file and counts the rest on a line of its own.
UNSHOWN = re.compile(
    r"^\S+: (\d+) more FG(\d{3}) [a-z-]+ not shown \(--format json lists every problem\)$"
)
VALID = re.compile(
    r"\S+: valid — \d+ tasks?, \d+ sections?, \d+ topics?, \d+ departments?, "
    r"\d+ targets? \(\d+ quantified\)(, \d+ warnings?)?\n"
)
PROFILE = settings(
    max_examples=40,
    deadline=10_000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(tmp_path: Path, content: bytes) -> None:
    """Valid or not is the mutation's luck; what validate says of either is exact."""
    path = tmp_path / "mutated.yaml"
    path.write_bytes(content)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if not line.startswith("  hint: ")]
    if result.exit_code == 0:
        assert result.exception is None, result.exception
        problems = lines
    else:
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), result.exception
        problems = lines[:-1]
    unshown = [m for m in map(UNSHOWN.match, problems) if m]
    problems = [line for line in problems if not UNSHOWN.match(line)]
    severities = [LOCATED.match(line) for line in problems]
    assert all(severities), problems
    errors = sum(match[1] == "error" for match in severities if match)
    warnings = len(problems) - errors
    for more in unshown:  # rules FG001–FG099 are errors, FG100 on warnings
        if int(more[2]) < 100:
            errors += int(more[1])
        else:
            warnings += int(more[1])
    noted = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    if result.exit_code == 0:
        assert errors == 0, result.stderr
        assert VALID.fullmatch(result.stdout), result.stdout
        assert result.stdout.startswith(f"{path}: valid — ")
        assert result.stdout.endswith(f"){noted}\n")
    else:
        assert errors >= 1, "an invalid file names at least one error"
        assert lines[-1] == f"{path}: invalid, {errors} error{'s' if errors != 1 else ''}{noted}"
        assert result.stdout == ""


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in the data, for mutations to pick from."""
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data[:3]):  # a few of each list keep the space small
            out += paths(value, (*prefix, index))
    return out


PATHS = paths(DATA)[1:]
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def at(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    return parent, path[-1]


@PROFILE
@given(path=st.sampled_from(PATHS))
def test_deleting_any_key_or_item(tmp_path: Path, path: tuple[Any, ...]) -> None:
    data = copy.deepcopy(DATA)
    parent, key = at(data, path)
    del parent[key]
    check(tmp_path, yaml.safe_dump(data, allow_unicode=True).encode())


@PROFILE
@given(path=st.sampled_from(PATHS), value=VALUES)
def test_changing_the_type_of_any_value(tmp_path: Path, path: tuple[Any, ...], value: Any) -> None:
    data = copy.deepcopy(DATA)
    parent, key = at(data, path)
    parent[key] = value
    check(tmp_path, yaml.safe_dump(data, allow_unicode=True).encode())


@PROFILE
@given(path=st.sampled_from(PATHS), depth=st.integers(min_value=1, max_value=4))
def test_re_nesting_any_value(tmp_path: Path, path: tuple[Any, ...], depth: int) -> None:
    data = copy.deepcopy(DATA)
    parent, key = at(data, path)
    value = parent[key]
    for level in range(depth):
        value = [value] if level % 2 else {"nested": value}
    parent[key] = value
    check(tmp_path, yaml.safe_dump(data, allow_unicode=True).encode())


@PROFILE
@given(position=st.integers(min_value=0, max_value=len(SOURCE)), text=st.text(min_size=1))
def test_inserting_random_unicode_anywhere(tmp_path: Path, position: int, text: str) -> None:
    check(tmp_path, SOURCE[:position] + text.encode("utf-8", "surrogatepass") + SOURCE[position:])


@PROFILE
@given(position=st.integers(min_value=0, max_value=len(SOURCE)))
def test_truncating_at_any_byte(tmp_path: Path, position: int) -> None:
    check(tmp_path, SOURCE[:position])


@PROFILE
@given(noise=st.binary(min_size=1, max_size=64), position=st.integers(0, len(SOURCE)))
def test_random_bytes_anywhere(tmp_path: Path, noise: bytes, position: int) -> None:
    check(tmp_path, SOURCE[:position] + noise + SOURCE[position:])
