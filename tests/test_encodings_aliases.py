"""Wide encodings named rightly; aliases bounded by the characters they would repeat."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

TEXT = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("codec", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32"), ("utf-32-be", "UTF-32")],
)
def test_a_wide_encoding_is_named(runner: CliRunner, tmp_path: Path, codec: str, name: str) -> None:
    path = tmp_path / "wide.yaml"
    bom = "\ufeff" if codec.endswith("-be") else ""  # the plain codecs write their own
    path.write_bytes((bom + TEXT).encode(codec))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{path}:1:1: error FG005 encoding: the file is {name}; datasets are UTF-8\n"
    )


def test_one_long_string_aliased_many_times_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    long = "很长" * 500_000  # a million characters, written once
    lines = [f"plan: {{title: &t {long}}}", "tasks:"]
    lines += [f"  - {{id: {n}, text: *t}}" for n in range(1, 112)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    # a million characters and the 905 of the rest, the million repeated 112 times
    assert result.stderr.startswith(
        f"{path}:1:1: error FG021 alias-expansion: aliases expand 1,000,905 characters "
        'to 112,000,905 (a "billion laughs")\n'
    )


def test_aliases_that_repeat_a_little_are_fine(runner: CliRunner, tmp_path: Path) -> None:
    text = TEXT.replace("    support: [各区]\n", "    support: &d [各区]\n", 1)
    text = text.replace("    support: [各区]\n", "    support: *d\n")
    assert text.count("*d") > 5
    path = tmp_path / "aliases.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr


def test_a_file_of_too_many_values_is_refused_before_it_is_parsed(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fenggong.store import inspection, yamlparse

    def never(*_: object, **__: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(inspection, "MAX_VALUES", 1000)
    monkeypatch.setattr(yamlparse, "parse", never)
    result = runner.invoke(app, ["validate", str(ROOT / "data" / "tasks.yaml")])
    assert result.exit_code == 1
    assert "error FG022 too-large: the file holds about " in result.stderr
    assert "values; a dataset may hold 1,000 (its data would not fit in memory)" in result.stderr
