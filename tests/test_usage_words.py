"""Click's usage errors in the reader's language: each sentence Click writes in English
is said through the catalogue, in English exactly as Click writes it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli.usagewords import said

CASES = [
    (
        ["list", "--statu"],
        "Error: No such option: --statu (Possible options: --data, --has-target)",
        "错误：没有选项 --statu（可用的相近选项：--data, --has-target）",
    ),
    (["report", "collect"], "Error: Missing argument 'FILE...'.", "错误：缺少参数 'FILE...'。"),
    (["report", "summary"], "Error: Missing option '--period'.", "错误：缺少选项 '--period'。"),
    (
        ["status", "--as-of"],
        "Error: Option '--as-of' requires an argument.",
        "错误：选项 '--as-of' 需要一个值。",
    ),
    (
        ["list", "--short=3"],
        "Error: Option '--short' does not take a value.",
        "错误：选项 '--short' 不带值。",
    ),
    (["list", "x"], "Error: Got unexpected extra argument(s) (x)", "错误：多余的参数：x"),
    (
        ["lst"],
        "Error: No such command 'lst'. Did you mean 'list'?",
        "错误：没有命令 'lst'。您要找的是不是 'list'？",
    ),
    (
        ["list", "--format", "xml"],
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', "
        "'jsonl', 'csv', 'markdown', 'yaml'.",
        "错误：'--format' / '-f' 的值无效：'xml' 不是 'table', 'json', 'jsonl', 'csv', "
        "'markdown', 'yaml' 之一。",
    ),
]


@pytest.mark.parametrize(("args", "english", "chinese"), CASES, ids=lambda x: str(x)[:20])
def test_a_usage_error_is_said_in_the_readers_language(
    runner: CliRunner, args: list[str], english: str, chinese: str
) -> None:
    for language, expected in (("en", english), ("zh", chinese)):
        result = runner.invoke(app, args, env={"FENGGONG_LANG": language})
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == expected


def test_a_sentence_of_another_shape_is_left_as_it_is() -> None:
    assert said("Something Click may say one day.") == "Something Click may say one day."
