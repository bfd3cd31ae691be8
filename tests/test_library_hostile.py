"""A library folder as a hostile one may be: bounded time and memory, located errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES

DISTRICTS = FIXTURES / "libraries" / "districts"


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_huge_range_is_refused_before_it_is_walked(runner: CliRunner) -> None:
    # Expanded first, 1-500000000 took 23 GB: its ends are looked at first, lazily.
    code, _out, err = _run(runner, "--data", str(DISTRICTS), "show", "pd:1-500000000")
    assert (code, err.splitlines()[0]) == (2, "error: pd: no task 500000000")
    code, _out, err = _run(runner, "show", "1-100000000")
    assert (code, err.splitlines()[0]) == (2, "error: no task 100000000")


def test_a_long_chain_of_within_is_refused_not_walked(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "chain"
    folder.mkdir()
    lines = ["jurisdictions:", "  闵行区: {within: j0}"]
    lines += [f"  j{i}: {{within: j{i + 1}}}" for i in range(2000)]
    lines.append("  j2000: {}")
    (folder / "registry.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    shutil.copy(DISTRICTS / "minhang.yaml", folder)
    code, _out, err = _run(runner, "validate", str(folder))
    assert code == 1
    first = err.splitlines()[0]
    assert first.endswith(
        "error FG032 unknown-jurisdiction at jurisdictions.闵行区.within: "
        "闵行区 lies more than 8 jurisdictions deep"
    )


@pytest.mark.skipif(os.name == "nt", reason="the file system takes only text names there")
def test_a_file_name_that_is_not_text_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "bytes"
    shutil.copytree(DISTRICTS, folder)
    name = os.fsdecode(b"e\xff.yaml")
    shutil.copy(DISTRICTS / "minhang.yaml", folder / name)
    for args in (["list"], ["plans"], ["depts"]):
        code, out, err = _run(runner, "--data", str(folder), *args)
        assert (code, out) == (2, "")
        assert err == (
            f"error: {folder}: a file name is not UTF-8 text: 'e\\udcff.yaml'\n"
            "  hint: rename the file: its name is the plan's key\n"
        )


def test_a_name_that_is_a_workflow_command_is_written_as_a_path(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(DISTRICTS / "minhang.yaml", tmp_path / "::error title=x::a.yaml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "::error title=x::a.yaml"])
    lines = (result.stdout + result.stderr).splitlines()
    assert lines and not any(line.startswith("::") for line in lines)
    assert f".{os.sep}::error title=x::a.yaml:" in result.stderr


def test_a_library_is_held_to_one_file_s_size(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "large"
    folder.mkdir()
    for i in range(3):
        with (folder / f"p{i}.yaml").open("wb") as file:
            file.truncate(50 << 20)  # sparse: refused before any byte is read
    code, out, err = _run(runner, "--data", str(folder), "plans")
    assert (code, out) == (1, "")
    assert err.startswith(
        f"{folder}: error FG022 too-large: the library's files are 150 MiB in all; "
        "a library may be 128 MiB at most\n"
    )


def test_a_jurisdiction_name_may_not_hold_a_colon(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "colon"
    folder.mkdir()
    (folder / "registry.yaml").write_text('jurisdictions:\n  "A:B": {}\n', "utf-8")
    shutil.copy(DISTRICTS / "minhang.yaml", folder)
    code, _out, err = _run(runner, "validate", str(folder))
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{folder / 'registry.yaml'}:2:3: error FG002 schema at jurisdictions.A:B: "
        "jurisdiction may not hold `:`, got 'A:B'",
        "  hint: JURISDICTION:NAME names a body across plans: write the name without `:`",
    ]


def test_many_candidates_are_cut_to_ten(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    shutil.copy(DISTRICTS / "registry.yaml", folder)
    text = (DISTRICTS / "minhang.yaml").read_text("utf-8")
    for i in range(15):
        (folder / f"p{i:02}.yaml").write_text(text.replace("key: mh", f"key: p{i:02}"), "utf-8")
    code, _out, err = _run(runner, "--data", str(folder), "show", "1")
    assert code == 2
    assert err.splitlines()[0] == (
        "error: task 1 is in 15 plans: p00:1, p01:1, p02:1, p03:1, p04:1, p05:1, p06:1, "
        "p07:1, p08:1, p09:1, 5 more"
    )
