"""Long texts stay cheap: the diff and the FG104 scan are near-linear in a text's length.

No timing is asserted (benchmarks hold speed); a quadratic regression would make these
tests run for minutes instead of a fraction of a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.diff.compare import text_ops
from tests.helpers import ROOT

LONG = 200_000


def test_one_character_changed_in_a_long_text_is_found_exactly() -> None:
    old = "培训" * (LONG // 2)
    new = old[:100_001] + "X" + old[100_002:]
    assert text_ops(old, new) == (
        ("equal", old[:100_001], new[:100_001]),
        ("replace", old[100_001], "X"),
        ("equal", old[100_002:], new[100_002:]),
    )


def test_two_long_texts_that_differ_throughout_are_one_replacement() -> None:
    old, new = "甲乙" * (LONG // 2), "丙丁" * (LONG // 2)
    assert text_ops(old, new) == (("replace", old, new),)


def test_an_insertion_in_a_long_text() -> None:
    old = "技能" * (LONG // 2)
    new = old[:5] + "新增" + old[5:]
    ops = text_ops(old, new)
    assert "".join(o for _, o, _ in ops) == old
    assert "".join(n for _, _, n in ops) == new
    assert [op for op, _, _ in ops if op != "equal"] == ["insert"]


def _with_text(tmp_path: Path, name: str, text: str) -> Path:
    base = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8")
    old = "“十四五”时期，建设20所新型技师学院"
    assert old in base
    path = tmp_path / name
    path.write_text(base.replace(old, text, 1), encoding="utf-8")
    return path


def test_validate_scans_a_long_run_of_digits_once(runner: CliRunner, tmp_path: Path) -> None:
    path = _with_text(tmp_path, "digits.yaml", "“十四五”时期，" + "1" * LONG)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert "task 2 " not in result.stderr  # (task 78 is warned of, as it always is)


def test_diff_of_a_long_edited_text(runner: CliRunner, tmp_path: Path) -> None:
    long = "加强职业技能培训" * (LONG // 8)
    old = _with_text(tmp_path, "old.yaml", long)
    new = _with_text(tmp_path, "new.yaml", long[:50_000] + "改" + long[50_001:])
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 1
    assert result.stdout.startswith("task 2 text: …")
    assert (
        result.stdout
        == "task 2 text: …技能培训加强职业技能培训[-加-]{+改+}强职业技能培训加强职业技…\n"
        "\nNo department gains or loses a task.\n"
    )


@pytest.mark.usefixtures("chinese")
def test_a_terminal_shows_a_text_of_millions_cut_and_says_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    long = "很长" * 1_000_000
    path = _with_text(tmp_path, "long.yaml", long)
    for args in (["list"], ["show", "2"], ["search", "很长"], ["list", "--short"]):
        result = runner.invoke(app, ["--data", str(path), *args])
        assert result.exit_code == 0
        assert len(result.stdout) < 100_000
        if "--short" not in args:  # the note may be wrapped over lines, beside other columns
            squeezed = "".join(result.stdout.split())
            assert "…（另有1,990,000字未显示，完整内容见--formatjson）" in squeezed
    full = runner.invoke(app, ["--data", str(path), "show", "2", "-f", "json"])
    assert long in full.stdout
