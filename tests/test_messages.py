"""The message catalogue: every sentence in both languages, the language chosen as the locale
says, English without a catalogue, and exports in Chinese whatever the reader's language."""

from __future__ import annotations

import importlib.util
import string
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from typer.testing import CliRunner

from fenggong import messages
from fenggong.cli import app
from fenggong.errors import DataError, Problem, Severity
from tests.helpers import FIXTURES, ROOT


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TOOL = _tool()
SOURCE: Catalog = TOOL.extract()
ZH: Catalog = TOOL.read()
HINT = "run `python tools/messages.py` and translate what it lists"


def _fields(text: str) -> list[tuple[str | None, str | None, str | None]]:
    """The placeholders of a str.format template, with their conversions and specs."""
    return sorted(
        (name, spec, conversion)
        for _text, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def _forms(value: object) -> tuple[str, ...]:
    """A message's id or translation as its forms: one, or a plural's (a .mo reads lists)."""
    return tuple(value) if isinstance(value, (tuple, list)) else (str(value),)


def test_the_source_marks_messages() -> None:
    ids = {m.id for m in SOURCE if m.id}
    assert {"Usage:", "No.", ("wrote {path} ({count} task)", "wrote {path} ({count} tasks)")} <= ids


def test_every_message_of_the_source_is_in_the_catalogue_and_nothing_else() -> None:
    source = {m.id for m in SOURCE if m.id}
    catalogue = {m.id for m in ZH if m.id}
    assert sorted(source - catalogue) == [], HINT
    assert sorted(catalogue - source) == [], f"obsolete entries: {HINT}"
    assert not ZH.obsolete, HINT


@pytest.mark.parametrize("message", [m for m in SOURCE if m.id], ids=lambda m: _forms(m.id)[0][:40])
def test_every_message_has_a_chinese_translation_with_its_placeholders(message: Message) -> None:
    """Each form translated; a plural's singular, plural and Chinese (zh_CN has one form,
    msgstr[0]) fill the same placeholders."""
    ids = _forms(message.id)
    entry = ZH.get(ids[0])
    assert entry is not None, f"untranslated: {ids[0]!r}; {HINT}"
    assert _forms(entry.id) == ids, f"singular or plural changed: {ids!r}; {HINT}"
    strings = _forms(entry.string)
    assert len(strings) == 1 and strings[0], f"untranslated: {ids[0]!r}; {HINT}"
    assert not entry.fuzzy, f"fuzzy: {ids[0]!r}"
    for text in (*ids, *strings):
        assert _fields(text) == _fields(ids[0]), text


def test_chinese_has_one_plural_form() -> None:
    assert ZH.plural_forms == "nplurals=1; plural=0;"
    assert ZH.num_plurals == 1


def test_the_compiled_catalogue_is_the_source_compiled() -> None:
    """An editable install reads the .mo beside the .po: stale, it would show old wording."""
    compiled = messages.LOCALES / "zh_CN" / "LC_MESSAGES" / "fenggong.mo"
    assert compiled.exists(), "run `pip install -e .` or `python tools/messages.py`"
    with compiled.open("rb") as file:
        loaded = read_mo(file)
    assert {_forms(m.id): _forms(m.string) for m in loaded if m.id} == {
        _forms(m.id): _forms(m.string) for m in ZH if m.id
    }


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}, "zh"),
        ({"FENGGONG_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"),
        ({"FENGGONG_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"FENGGONG_LANG": "", "LANG": "zh_CN.UTF-8"}, "zh"),
    ],
)
def test_the_language_is_chosen_as_posix_orders_the_locale(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], language: str
) -> None:
    for name in ("FENGGONG_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert messages.language() == language


def test_english_loads_no_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "_loaded", {})
    assert messages._("Task {id}") == "Task {id}"
    assert messages._loaded == {}
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    assert messages._("Task {id}") == "任务 {id}"


def test_a_working_copy_never_built_speaks_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(messages, "_loaded", {})
    monkeypatch.setattr(messages, "LOCALES", tmp_path)
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    assert messages._("Task {id}") == "Task {id}"


def test_speaking_overrides_the_locale_within_its_block(monkeypatch: pytest.MonkeyPatch) -> None:
    with messages.speaking(messages.CHINESE):
        assert messages._("Task {id}") == "任务 {id}"
    assert messages._("Task {id}") == "Task {id}"


@pytest.mark.parametrize(
    ("count", "said"), [(0, "0 tasks"), (1, "1 task"), (2, "2 tasks"), (111, "111 tasks")]
)
def test_english_counts_one_in_the_singular_and_loads_no_catalogue(
    monkeypatch: pytest.MonkeyPatch, count: int, said: str
) -> None:
    monkeypatch.setattr(messages, "_loaded", {})
    plural = messages.ngettext("{count} task", "{count} tasks", count)
    assert plural.format(count=count) == said
    assert messages._loaded == {}


@pytest.mark.parametrize("count", [0, 1, 2, 111])
def test_chinese_has_one_form_for_every_count(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    plural = messages.ngettext("{count} task", "{count} tasks", count)
    assert plural.format(count=count) == f"{count} 项任务"
    sentence = messages.ngettext(
        "{errors} error in the dataset", "{errors} errors in the dataset", count
    )
    assert sentence.format(errors=count) == f"数据中有 {count} 个错误"


def test_a_message_the_catalogue_lacks_is_counted_in_english(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    assert messages.ngettext("{count} apple", "{count} apples", 1) == "{count} apple"
    assert messages.ngettext("{count} apple", "{count} apples", 2) == "{count} apples"
    monkeypatch.setattr(messages, "_loaded", {})
    monkeypatch.setattr(messages, "LOCALES", tmp_path)
    assert messages.ngettext("{count} task", "{count} tasks", 1) == "{count} task"


def test_speaking_counts_in_the_language_of_its_block() -> None:
    with messages.speaking(messages.CHINESE):
        assert messages.ngettext("{count} plan", "{count} plans", 1) == "{count} 个方案"
    assert messages.ngettext("{count} plan", "{count} plans", 1) == "{count} plan"


@pytest.mark.parametrize(
    ("errors", "warnings", "english", "chinese"),
    [
        (1, 0, "1 error in the dataset", "数据中有 1 个错误"),
        (2, 0, "2 errors in the dataset", "数据中有 2 个错误"),
        (1, 1, "1 error and 1 warning in the dataset", "数据中有 1 个错误、1 个警告"),
        (2, 3, "2 errors and 3 warnings in the dataset", "数据中有 2 个错误、3 个警告"),
    ],
)
def test_a_sentence_of_two_counts_agrees_with_each(
    errors: int, warnings: int, english: str, chinese: str
) -> None:
    """The dataset's errors and warnings: two plural pieces in one frame."""
    problems = [Problem("FG003", "x", "m")] * errors
    problems += [Problem("FG101", "y", "m", severity=Severity.WARNING)] * warnings
    assert str(DataError(problems)) == english
    with messages.speaking(messages.CHINESE):
        assert str(DataError(problems)) == chinese


@pytest.mark.parametrize("args", [["markdown"], ["markdown", "--dept", "市教委"], ["csv"]])
def test_exports_are_chinese_in_every_language(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    english = runner.invoke(app, ["export", *args, "-o", "-"])
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    chinese = runner.invoke(app, ["export", *args, "-o", "-"])
    assert (english.exit_code, chinese.exit_code) == (0, 0)
    assert english.stdout == chinese.stdout
    assert "序号" in english.stdout


def test_errors_and_notes_speak_the_readers_language(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "x.csv"
    result = runner.invoke(app, ["export", "csv", "-o", str(target)])
    assert result.stderr == f"wrote {target} (111 tasks)\n"
    result = runner.invoke(app, ["export", "xlsx", "-o", "-"])
    assert (result.exit_code, result.stderr) == (
        2,
        "error: xlsx is a binary format\n  hint: write it to a file with -o PATH\n",
    )
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    result = runner.invoke(app, ["export", "csv", "-o", str(target)])
    assert result.stderr == f"已写入 {target}（111 项任务）\n"
    result = runner.invoke(app, ["export", "xlsx", "-o", "-"])
    assert (result.exit_code, result.stderr) == (
        2,
        "错误：xlsx 是二进制格式\n  提示：请用 -o PATH 写入文件\n",
    )
    result = runner.invoke(app, ["list", "--bogus"])
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "用法： fenggong list [OPTIONS]\n运行 'fenggong list -h' 查看帮助。"
    )
    assert "错误：" in result.stderr


@pytest.fixture
def zh_cn_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Chinese locale as a desktop sets it, with no FENGGONG_LANG to override it."""
    for name in ("FENGGONG_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


@pytest.mark.usefixtures("zh_cn_locale")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "999"], "错误：没有任务 999\n  提示：任务序号为 1–111\n"),
        (["show", "3-1"], "错误：范围 3-1 是倒序的\n  提示：请写作 1-3\n"),
        (["show", "1,,2"], "错误：1,,2 中有空项\n  提示：序号之间用一个逗号分隔：1,4-10\n"),
        (["list", "--section", "99"], "错误：没有板块 99\n  提示：板块编号为 1–9\n"),
        (
            ["list", "--topic", "火星"],
            "错误：没有与 火星 相符的主题\n  提示：fenggong outline 列出全部主题\n",
        ),
    ],
)
def test_lookup_errors_are_chinese_in_a_chinese_locale(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


@pytest.mark.usefixtures("zh_cn_locale")
def test_validate_speaks_chinese_around_the_rule_codes(runner: CliRunner) -> None:
    path = FIXTURES / "invalid" / "unknown-and-both.yaml"
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.replace(str(path), "FILE") == (
        "FILE:29:15: error FG011 lead-and-support，位于 任务1（tasks[0]）.support[0]："
        "市人力资源社会保障局 在任务1中既是牵头部门又是配合部门\n"
        "  提示：请只保留一种角色：牵头部门本身已参与其中\n"
        "FILE:35:12: error FG003 unknown-department，位于 任务2（tasks[1]）.lead[0]："
        "未知部门 市教育委\n"
        "  提示：您要找的是不是 市教委？\n"
        "FILE：无效，2 个错误\n"
    )
