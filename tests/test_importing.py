"""The importers' registry and the text-dump importer on the official table."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import msgspec
import pytest

from fenggong import importing
from fenggong.errors import FileAccessError, UsageError
from fenggong.importing import Draft, DraftSection, DraftTopic, SourceError, TaskLines
from fenggong.importing.importer import HEAD_BYTES
from fenggong.importing.text_dump import TextDump
from tests.helpers import ROOT

SOURCE = ROOT / "data" / "source" / "000_fa1586bf4b2f0390.txt"
DRAFT = TextDump().read(SOURCE)
PACKAGE = ROOT / "src" / "fenggong" / "importing"
# The domain core, msgspec and the standard library: nothing that reads YAML, draws or
# parses a command line.
# The message catalogue is below errors, which speak through it: importers' errors do too.
ALLOWED = {"fenggong.errors", "fenggong.messages", "fenggong.model", "fenggong.names", "msgspec"}
STANDARD = {"__future__", "abc", "re", "stat", "pathlib", "typing", "collections"}


def test_the_official_table_has_111_tasks_in_9_sections_and_37_topics() -> None:
    assert [t.number for t in DRAFT.tasks] == list(range(1, 112))
    assert [s.number for s in DRAFT.sections] == list(range(1, 10))
    assert [t.number for t in DRAFT.topics] == list(range(1, 38))
    assert DRAFT.importer == "text-dump"
    assert DRAFT.source == str(SOURCE)
    assert DRAFT.preamble == ("附件", "《落实国家“十四五”职业技能培训规划的实施方案》分工表")


def test_a_task_is_read_as_written_with_the_line_of_each_cell() -> None:
    task = DRAFT.tasks[2]
    assert task.number == 3
    assert task.section == DraftSection(1, "一", "目标任务", line=10)
    # Its topic cell is empty: the topic is task 2's, written at line 19.
    assert task.topic == DraftTopic(2, "二", "共建共享的职业技能培训服务体系逐步健全", 1, line=19)
    assert task.text == "“十四五”时期，推动开放实训中心围绕产业发展方向提质增效"
    assert (task.lead, task.support) == (("市教委",), ("市发展改革委",))
    assert task.lines == TaskLines(number=24, topic=25, text=26, lead=27, support=28)


def test_compound_names_stay_as_written() -> None:
    assert DRAFT.tasks[80].support[-2:] == ("团市委等相关委办局", "各区")


def test_the_last_cell_that_lost_its_tab_is_an_empty_support_cell() -> None:
    last = DRAFT.tasks[-1]
    assert (last.number, last.lead, last.support) == (111, ("各相关委办局", "各区"), ())
    assert last.lines.support == 693


def test_headings_are_labelled_as_the_table_prints_them() -> None:
    assert DRAFT.sections[8].label == "九、保障措施"
    assert DRAFT.topics[36].label == "（三十七）营造良好氛围"
    assert DRAFT.topics[36].section == 9


def test_a_draft_survives_json_unchanged() -> None:
    assert msgspec.json.decode(msgspec.json.encode(DRAFT), type=Draft) == DRAFT


def test_the_registry_finds_the_importer_by_content_whatever_the_name(tmp_path: Path) -> None:
    renamed = tmp_path / "table.dat"
    shutil.copy(SOURCE, renamed)
    assert importing.importer_for(SOURCE) is importing.IMPORTERS["text-dump"]
    assert importing.importer_for(renamed) is importing.IMPORTERS["text-dump"]
    assert importing.read(renamed).tasks == DRAFT.tasks
    assert importing.IMPORTERS["text-dump"].can_read(renamed) is True


def test_an_extension_alone_picks_the_importer_that_then_says_where(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("\t编号\n\t任务\n", encoding="utf-8")
    assert importing.importer_for(path).name == "text-dump"
    with pytest.raises(SourceError) as caught:
        importing.read(path)
    assert caught.value.message == (
        f"{path}:1: expected the header row (序号, 重点任务, 牵头部门, 配合部门), found '编号'"
    )


def test_a_file_no_importer_recognises_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    assert importing.IMPORTERS["text-dump"].can_read(path) is False
    with pytest.raises(UsageError) as caught:
        importing.read(path)
    assert caught.value.message == f"{path}: no importer reads this file"
    assert caught.value.hint == "the importers are text-dump (.txt)"


def test_only_the_head_of_a_file_is_read_to_recognise_it(tmp_path: Path) -> None:
    path = tmp_path / "padded.dat"
    path.write_bytes(b"\n" * HEAD_BYTES + SOURCE.read_bytes())
    with pytest.raises(UsageError):
        importing.importer_for(path)
    assert len(importing.read(path, importer="text-dump").tasks) == 111


def test_an_importer_is_chosen_by_name() -> None:
    assert importing.named("text-dump") is importing.IMPORTERS["text-dump"]
    with pytest.raises(UsageError) as caught:
        importing.named("text-dumb")
    assert (caught.value.message, caught.value.hint) == (
        "no importer named text-dumb",
        "did you mean text-dump?",
    )


def test_a_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="an importer named text-dump is registered already"):
        importing.register(TextDump())
    assert list(importing.IMPORTERS) == ["text-dump"]


def test_a_missing_file_or_a_directory_is_a_file_access_error(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match=r"missing\.txt: no such file$"):
        importing.read(tmp_path / "missing.txt")
    with pytest.raises(FileAccessError, match=r"is a directory, not a source document$"):
        TextDump().read(tmp_path)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("module", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.stem)
def test_importing_imports_only_the_domain_core(module: Path) -> None:
    outside = {
        name
        for name in _imports(module)
        if not name.startswith("fenggong.importing") and name.split(".")[0] not in STANDARD
    }
    assert outside <= ALLOWED, outside - ALLOWED
