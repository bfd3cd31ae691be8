"""Completion offers the registry name for any spelling that begins as typed: alias, pinyin."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from fenggong.cli import app, complete
from fenggong.resolve import Resolver
from tests.helpers import CATALOG, ROOT

RESOLVER = Resolver(CATALOG.departments)
SHELLS = ["bash", "zsh", "fish", "powershell"]


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("pud", ["浦东新区"]),  # full pinyin
        ("PD", ["浦东新区"]),  # initials, any case
        ("教", ["市教委"]),  # an alias
        ("上海市教", ["市教委"]),  # the full name
        ("市教", ["市教委"]),
        ("cnq", ["长宁区"]),
        ("rsj", ["市人力资源社会保障局"]),  # pinyin of the alias 人社局
        ("cz", ["市财政局"]),  # czj; not 长宁区, whose cz is a rare reading (宁 zhù)
        ("火星", []),
    ],
)
def test_completions(typed: str, names: list[str]) -> None:
    assert RESOLVER.completions(typed) == names


def test_nothing_typed_offers_every_body_in_registry_order() -> None:
    assert RESOLVER.completions("") == list(CATALOG.departments)


def _ctx() -> typer.Context:
    ctx = typer.Context(typer.main.get_command(app))
    ctx.params = {"data": None}
    return ctx


def test_the_callback_gives_names_and_full_names() -> None:
    assert complete.departments(_ctx(), "pud") == [("浦东新区", "上海市浦东新区")]
    assert complete.departments(_ctx(), "教") == [("市教委", "上海市教育委员会")]


def _complete(runner: CliRunner, shell: str, words: str) -> str:
    incomplete = "" if words.endswith(" ") else words.split()[-1]
    env = {
        "_FENGGONG_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": words,
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": incomplete,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    result = runner.invoke(app, [], env=env, prog_name="fenggong")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("words", "name"),
    [
        ("fenggong list --dept pud", "浦东新区"),
        ("fenggong depts 教", "市教委"),
        ("fenggong list -l sjw", "市教委"),
        ("fenggong export csv --support cnq", "长宁区"),
    ],
)
def test_every_shell_is_handed_the_registry_name(
    runner: CliRunner, shell: str, words: str, name: str
) -> None:
    # Typer keeps only candidates that start with the typed word: the name must survive it.
    out = _complete(runner, shell, words)
    if shell == "bash":
        assert out == f"{name}\n"
    else:
        assert name in out


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_replaces_the_typed_word(tmp_path: Path) -> None:
    """bash's own script, sourced: COMPREPLY holds the name, which bash puts in the word's place."""
    script = subprocess.run(
        [sys.executable, "-m", "fenggong"],
        env={"_FENGGONG_COMPLETE": "source_bash", "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    program = tmp_path / "fenggong"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m fenggong "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    probe = (
        f"{script}\n"
        "COMP_WORDS=(fenggong list --dept pud); COMP_CWORD=3\n"
        "_fenggong_completion fenggong\n"
        "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", probe],
        env={"PATH": f"{tmp_path}:/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "浦东新区\n"
