"""README.zh-CN.md keeps in step with README.md: the same `fenggong …` commands, linked."""

from __future__ import annotations

import re

from tests.helpers import ROOT

ENGLISH = (ROOT / "README.md").read_text(encoding="utf-8")
CHINESE = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"^( *)```console\n(.*?)^\1```$", re.M | re.S)
_SPAN = re.compile(r"`(fenggong [^`]*)`")


def commands(readme: str) -> list[str]:
    """The commands of the console examples, in order, without prompts or comments."""
    found = []
    for block in _BLOCK.finditer(readme):
        for line in block.group(2).splitlines():
            command = line.strip().removeprefix("$ ").split("  #")[0].split(" #")[0].strip()
            if "fenggong" in command:
                found.append(command)
    return found


def test_the_console_examples_are_the_same_commands() -> None:
    assert commands(CHINESE) == commands(ENGLISH)
    assert len(commands(ENGLISH)) > 20


def test_the_commands_named_in_the_text_are_the_same() -> None:
    assert sorted(_SPAN.findall(CHINESE)) == sorted(_SPAN.findall(ENGLISH))


def test_each_links_to_the_other_at_the_top() -> None:
    assert "[简体中文](README.zh-CN.md)" in ENGLISH.split("\n## ")[0]
    assert "[English](README.md)" in CHINESE.split("\n## ")[0]
