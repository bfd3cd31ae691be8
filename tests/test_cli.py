"""The command line as a user meets it: exit codes, streams, help, errors, completion."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from fenggong import __version__
from fenggong.cli import app, complete
from tests.helpers import FIXTURES

COMMANDS = [
    "list", "show", "targets", "search", "depts", "outline", "matrix", "export", "validate", "diff",
    "schema",
]  # fmt: skip


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"fenggong {__version__}\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "-h"])
    assert result.exit_code == 0
    assert f"Example: fenggong {command}" in result.stdout


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_framework_internals(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: str, language: str
) -> None:
    monkeypatch.setenv("FENGGONG_LANG", language)
    result = runner.invoke(app, [command, "-h"])
    assert result.exit_code == 0
    for internal in ("<list[", "[[", "{", "--install-completion", "--show-completion"):
        assert internal not in result.stdout
    assert "示例：fenggong" in result.stdout if language == "zh" else "Example:" in result.stdout
    top = runner.invoke(app, ["--help"]).stdout
    assert "--install-completion" in top
    assert "--show-completion" in top


@pytest.mark.parametrize("command", COMMANDS)
def test_typer_reads_no_string_annotations(command: str) -> None:
    # Typer evaluates a command's annotations, and those of its options' completion
    # functions, at every start: a string annotation costs it a compile and an eval.
    import importlib

    from fenggong.cli.app import _MODULES

    function = importlib.import_module(f"fenggong.cli.{_MODULES[command]}").COMMANDS[command]
    params = [a for name, a in function.__annotations__.items() if name != "return"]
    callbacks = [complete.departments, complete.task_ids, complete.sections, complete.topics]
    params += [a for f in callbacks for a in f.__annotations__.values()]
    assert not [a for a in params if isinstance(a, str)]


@pytest.mark.slow
def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fenggong", "show", "47", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["id"] == 47


@pytest.mark.slow
def test_python_dash_m_ends_with_its_status_and_every_byte_written() -> None:
    # The process ends without freeing its objects one by one (fenggong.__main__._leave):
    # the status and the streams are still as a normal exit leaves them.
    done = subprocess.run(
        [sys.executable, "-m", "fenggong", "list", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 111
    missing = subprocess.run(
        [sys.executable, "-m", "fenggong", "show", "999"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr.startswith("error: no task 999\n")


def test_json_keeps_chinese_unescaped(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "1", "-f", "json"])
    assert "市人力资源社会保障局" in result.stdout
    assert "\\u" not in result.stdout


def test_list_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--lead", "sjw", "--section", "1", "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "id": 3,
            "section": {"number": 1, "numeral": "一", "title": "目标任务"},
            "topic": {
                "number": 2,
                "numeral": "二",
                "title": "共建共享的职业技能培训服务体系逐步健全",
            },
            "text": "“十四五”时期，推动开放实训中心围绕产业发展方向提质增效",
            "lead": ["市教委"],
            "support": ["市发展改革委"],
            "targets": [
                {
                    "metric": "推动开放实训中心围绕产业发展方向提质增效",
                    "qualitative": True,
                    "value": None,
                    "unit": None,
                    "quantity": None,
                    "qualifier": [],
                    "period": "十四五",
                }
            ],
            "match": [{"department": "市教委", "role": "lead", "how": "direct", "via": None}],
            "plan": {
                "key": "hrss-2022-256",
                "title": "《落实国家“十四五”职业技能培训规划的实施方案》分工表",
                "document_number": "沪人社职〔2022〕256号",
            },
            "due": {"raw": "“十四五”时期", "kind": "period", "date": "2025-12-31"},
        }
    ]


def test_targets_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(app, ["targets", "-f", "json"])
    first = json.loads(result.stdout)[0]
    assert first == {
        "task": 1,
        "metric": "全市补贴性职业技能培训",
        "value": 500,
        "unit": "万人次",
        "quantity": 5000000,
        "qualifier": ["力争"],
        "qualitative": False,
        "period": "十四五",
        "lead": ["市人力资源社会保障局"],
        "support": ["各区"],
        "plan": {
            "key": "hrss-2022-256",
            "title": "《落实国家“十四五”职业技能培训规划的实施方案》分工表",
            "document_number": "沪人社职〔2022〕256号",
        },
    }
    assert len(json.loads(result.stdout)) == 7
    assert len(json.loads(runner.invoke(app, ["targets", "--all", "-f", "json"]).stdout)) == 10


def test_targets_take_the_task_filters(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def tasks(*args: str) -> list[int]:
        result = runner.invoke(app, ["targets", *args, "-f", "json"])
        assert result.exit_code == 0, result.output
        return [goal["task"] for goal in json.loads(result.stdout)]

    assert tasks("--dept", "市教委") == [2, 73]
    assert tasks("--support", "市教委", "--all") == [2, 6, 73]  # 6: possibly, via 各相关委办局
    assert tasks("--lead", "市教委") == []
    assert tasks("--section", "一") == [1, 1, 2, 4]
    assert tasks("--dept", "浦东新区", "--how", "direct") == []
    result = runner.invoke(app, ["targets", "--dept", "市教委"])
    assert result.stdout.rstrip().endswith("Department 市教委 — 2 in all")
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    result = runner.invoke(app, ["targets", "--dept", "市教委"])
    assert result.stdout.rstrip().endswith("部门 市教委 — 共 2 项")
    assert runner.invoke(app, ["targets", "--dept", "没有这个部门"]).exit_code == 2


def test_jsonl_is_one_object_per_line(runner: CliRunner) -> None:
    lines = runner.invoke(app, ["list", "--section", "1", "-f", "jsonl"]).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2, 3, 4, 5, 6]


def test_departments_is_an_alias_of_depts(runner: CliRunner) -> None:
    assert (
        runner.invoke(app, ["departments", "-f", "csv"]).stdout
        == runner.invoke(app, ["depts", "-f", "csv"]).stdout
    )


def test_direct_flag(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "浦东新区", "--direct", "-f", "json"])
    assert (result.exit_code, result.stdout) == (0, "[]\n")


@pytest.mark.usefixtures("chinese")
def test_empty_result_table_says_so(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--grep", "火星"])
    assert result.exit_code == 0
    assert "含 “火星” — 共 0 项任务" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["list", "--lead", "市教育委"],
            "error: unknown department 市教育委\n"
            "  hint: did you mean 市教委? (fenggong depts lists every body)\n",
        ),
        (["show", "200"], "error: no task 200\n  hint: tasks are numbered 1–111\n"),
        (["show", "3-1"], "error: range 3-1 runs backwards\n  hint: write 1-3\n"),
        (["list", "--section", "10"], "error: no section 10\n  hint: sections are numbered 1–9\n"),
        (
            ["list", "--topic", "火星"],
            "error: no topic matches 火星\n  hint: fenggong outline lists the topics\n",
        ),
        (
            ["depts", "xyzzy"],
            "error: unknown department xyzzy\n  hint: fenggong depts lists every body\n",
        ),
    ],
)
def test_usage_errors_exit_2_on_stderr(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == message


def test_bad_format_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--format", "xml"])
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.stderr


def test_an_invalid_dataset_stops_a_query_with_exit_1(runner: CliRunner) -> None:
    bad = FIXTURES / "invalid" / "unknown-department.yaml"
    result = runner.invoke(app, ["--data", str(bad), "list"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{bad}:35:12: error FG003 unknown-department")
    assert "Traceback" not in result.output


def test_other_dataset_via_data(runner: CliRunner) -> None:
    minimal = FIXTURES / "valid" / "minimal.yaml"
    result = runner.invoke(app, ["--data", str(minimal), "list", "--dept", "浦东新区", "-f", "csv"])
    assert result.stdout == (
        "id,section,topic,text,lead,support,match\n"
        "1,一、目标任务,（一）培训,力争培训500万人次,市人力资源社会保障局,市教委、各区,配合·经由各区\n"
        "3,二、保障措施,（二）监督,加强监督,黄浦区,相关区,配合·可能(相关区)\n"
    )


def _ctx(data: str | None = None) -> typer.Context:
    command = typer.main.get_command(app)
    ctx = typer.Context(command)
    ctx.params = {"data": data}
    return ctx


def test_completion_of_departments_ids_and_sections() -> None:
    assert complete.departments(_ctx(), "市教")[0] == ("市教委", "上海市教育委员会")
    assert [v for v, _ in complete.departments(_ctx(), "浦")] == ["浦东新区"]
    assert [v for v, _ in complete.task_ids(_ctx(), "11")] == ["11", "110", "111"]
    assert complete.sections(_ctx(), "9") == [("9", "九、保障措施")]
    assert complete.topics(_ctx(), "37") == [("37", "（三十七）营造良好氛围")]


def test_completion_never_fails() -> None:
    assert complete.departments(_ctx("/nonexistent.yaml"), "市") == []


@pytest.mark.usefixtures("chinese")
def test_a_narrow_terminal_gets_blocks_that_cut_no_name(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    result = runner.invoke(app, ["list", "--lead", "市教委", "--section", "二"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:7] == [
        "二、优化终身职业技能培训体系",
        "",
        "序号：11",
        "重点任务：聚焦中高等院校毕业年度学生等青年群体，以提升就业创",
        "业能力为核心，大力开展青年创业培训、新职业培训、技能提升培训",
        "牵头部门：市人力资源社会保障局、市教委",
    ]
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


@pytest.mark.usefixtures("chinese")
def test_show_gives_full_names_only_where_they_add_something(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "81", "-f", "markdown"])
    line = next(x for x in result.stdout.splitlines() if x.startswith("- **配合部门**"))
    assert line.startswith(
        "- **配合部门**：市财政局<br>市经济信息化委（上海市经济和信息化委员会）<br>"
    )
    assert "团市委（共青团上海市委员会）" in line
