"""Shell completion never hands a shell anything it would evaluate, from any dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli.complete import description, offered
from tests.helpers import ROOT

SHELLS = ["bash", "zsh", "fish", "powershell"]
PAYLOAD = "\\$(touch /tmp/fg-pwned) `id` $HOME 'q\" [/x] [red] a;b|c&d\x1b]52;c;eA==\x1b\\"


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    data["departments"]["市教委"]["full_name"] = "上海市教育委员会" + PAYLOAD
    data["departments"]["市教委"]["aliases"].append("教委" + PAYLOAD)
    data["departments"]["市$(id)委"] = {"full_name": "上海市某委", "kind": "municipal"}
    data["tasks"][0]["lead"].append("市$(id)委")
    data["tasks"][0]["text"] = PAYLOAD + data["tasks"][0]["text"]
    data["sections"][0]["title"] = PAYLOAD
    path = tmp_path_factory.mktemp("evil") / "tasks.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _complete(runner: CliRunner, shell: str, words: str) -> str:
    incomplete = "" if words.endswith(" ") else words.split()[-1]
    env = {
        "_FENGGONG_COMPLETE": f"complete_{shell}",
        "_TYPER_COMPLETE_ARGS": words,
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": incomplete,  # powershell
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "COMP_WORDS": words,  # bash
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = runner.invoke(app, [], env=env, prog_name="fenggong")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    "words",
    ["list --lead 市", "list --lead 教", "show ", "list --section ", "depts 市"],
)
def test_no_shell_active_character_reaches_the_shell(
    runner: CliRunner, evil: Path, shell: str, words: str
) -> None:
    out = _complete(runner, shell, f"fenggong --data {evil} {words}")
    assert out.strip(), "completion offered nothing"  # 教: 市教委, through its alias 教委
    for dangerous in ("$(", "`", "\x1b", "[/x]", "[red]", "fg-pwned)", "$HOME"):
        assert dangerous not in out
    assert "市$(id)委" not in out  # a name that cannot be offered safely is left out


@pytest.mark.parametrize("shell", ["zsh", "fish", "powershell"])  # bash shows no descriptions
def test_the_safe_description_is_still_readable(runner: CliRunner, evil: Path, shell: str) -> None:
    out = _complete(runner, shell, f"fenggong --data {evil} list --lead 市教")
    assert "市教委" in out
    assert "上海市教育委员会＼＄（touch /tmp/fg-pwned） ｀id｀ ＄HOME" in out


@pytest.mark.parametrize("shell", SHELLS)
def test_a_broken_dataset_completes_nothing_and_says_nothing(
    runner: CliRunner, tmp_path: Path, shell: str
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("plan: {date: 2022-02-30}\ntasks: [\n", encoding="utf-8")
    out = _complete(runner, shell, f"fenggong --data {broken} list --lead 市")
    assert "市教委" not in out


def test_description_and_offered() -> None:
    assert description("a\n b\t[c] $d") == "a b ［c］ ＄d"
    assert offered("市教委")
    assert not offered("市 教委")
    assert not offered("市$教委")
    assert not offered("市\x1b教委")
