"""The message catalogue: every sentence in both languages, the language chosen as the locale
says, English without a catalogue, and exports in Chinese whatever the reader's language."""

from __future__ import annotations

import importlib.util
import string
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from typer.testing import CliRunner

from fenggong import messages
from fenggong.cli import app
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


def test_the_source_marks_messages() -> None:
    ids = {m.id for m in SOURCE if m.id}
    assert {"Usage:", "No.", "wrote {path} ({count} tasks)"} <= ids


def test_every_message_of_the_source_is_in_the_catalogue_and_nothing_else() -> None:
    source = {m.id for m in SOURCE if m.id}
    catalogue = {m.id for m in ZH if m.id}
    assert sorted(source - catalogue) == [], HINT
    assert sorted(catalogue - source) == [], f"obsolete entries: {HINT}"
    assert not ZH.obsolete, HINT


@pytest.mark.parametrize("message", [m for m in SOURCE if m.id], ids=lambda m: str(m.id)[:40])
def test_every_message_has_a_chinese_translation_with_its_placeholders(message: object) -> None:
    msgid = str(getattr(message, "id", ""))
    entry = ZH.get(msgid)
    assert entry is not None and entry.string, f"untranslated: {msgid!r}; {HINT}"
    assert not entry.fuzzy, f"fuzzy: {msgid!r}"
    assert _fields(str(entry.string)) == _fields(msgid)


def test_the_compiled_catalogue_is_the_source_compiled() -> None:
    """An editable install reads the .mo beside the .po: stale, it would show old wording."""
    compiled = messages.LOCALES / "zh_CN" / "LC_MESSAGES" / "fenggong.mo"
    assert compiled.exists(), "run `pip install -e .` or `python tools/messages.py`"
    with compiled.open("rb") as file:
        loaded = read_mo(file)
    assert {m.id: m.string for m in loaded if m.id} == {m.id: m.string for m in ZH if m.id}


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
