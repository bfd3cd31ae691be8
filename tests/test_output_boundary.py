"""Terminal controls in data, through every format and command: shown escaped, or faithful.

In the manner of ruff's "unprintable characters" snapshots: one payload (OSC 52 ended by
ESC \\, a clearing CSI, BEL, a C1 CSI, DEL, bidi overrides, CR) sits in every printed field
of tests/fixtures/hostile/controls/; each test says exactly which bytes come out.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from fenggong.cli import app
from fenggong.cli.complete import description
from tests.helpers import FIXTURES

CONTROLS = FIXTURES / "hostile" / "controls" / "controls.yaml"
PROBLEMS = FIXTURES / "hostile" / "controls" / "problems.yaml"

PAYLOAD = "\x1b]52;c;SGk=\x1b\\\x1b[2J\x07\x9b31m\x7f\u202eevil\u2066\rX"
# The payload made visible: each control as a Python escape, the rest as it was.
SHOWN = r"\x1b]52;c;SGk=\x1b\\x1b[2J\x07\x9b31m\x7f\u202eevil\u2066\rX"
# ... and in JSON: its own escapes, which decode to the payload.
JSON_SHOWN = r"\u001b]52;c;SGk=\u001b\\\u001b[2J\u0007\u009b31m\u007f\u202eevil\u2066\rX"
# In markdown, backslashes and brackets are escaped too, so that they show as written.
CELL_SHOWN = SHOWN.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")

# Written out here rather than imported, so that a change to the policy shows as a failure.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

EDU = "市教委" + PAYLOAD  # the department that carries the payload in its name
TEXT = "力争培训500万人次" + PAYLOAD  # task 1


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    # Wide enough that no table folds the payload across lines.
    monkeypatch.setenv("COLUMNS", "400")


def run(runner: CliRunner, *args: str, data: Path = CONTROLS) -> Result:
    result = runner.invoke(app, ["--data", str(data), *args])
    assert "Traceback" not in result.output
    return result


def out(result: Result) -> str:
    """stdout exactly (Click's .stdout turns CRLF into LF)."""
    return result.stdout_bytes.decode("utf-8")


def raw(text: str) -> list[str]:
    return RAW.findall(text)


# -- one test per format ---------------------------------------------------------------------


def test_table(runner: CliRunner) -> None:
    stdout = out(run(runner, "list"))
    assert raw(stdout) == []
    assert stdout.count(SHOWN) == 4
    assert f"一、目标任务{SHOWN}" in stdout
    assert f"力争培训500万人次{SHOWN}" in stdout


def test_markdown(runner: CliRunner) -> None:
    stdout = out(run(runner, "list", "-f", "markdown"))
    assert raw(stdout) == []
    assert stdout.startswith(f"## 一、目标任务{CELL_SHOWN}\n")
    assert stdout.count(CELL_SHOWN) == 4
    row = f"| 1 | 力争培训500万人次{CELL_SHOWN} | 市人力资源社会保障局 | 市教委{CELL_SHOWN}、各区 |"
    assert row in stdout


def _records_hold_the_payload(records: list[dict[str, Any]]) -> None:
    one, two, three = records
    assert one["text"] == TEXT
    assert one["section"]["title"] == "目标任务" + PAYLOAD
    assert one["topic"]["title"] == "培训" + PAYLOAD
    assert one["support"] == [EDU, "各区"]
    assert one["targets"][0]["metric"] == "培训" + PAYLOAD
    assert two["lead"] == [EDU]
    assert three["text"] == "加强监督"


def test_json(runner: CliRunner) -> None:
    stdout = out(run(runner, "list", "-f", "json"))
    assert raw(stdout) == []
    assert stdout.count(JSON_SHOWN) == 11  # 3 tasks name their plan, its title too
    _records_hold_the_payload(json.loads(stdout))


def test_jsonl(runner: CliRunner) -> None:
    stdout = out(run(runner, "list", "-f", "jsonl"))
    assert raw(stdout) == []
    assert stdout.count(JSON_SHOWN) == 11  # 3 tasks name their plan, its title too
    _records_hold_the_payload([json.loads(line) for line in stdout.splitlines()])


def test_yaml_escapes_controls_and_keeps_bidi_marks_as_characters(runner: CliRunner) -> None:
    stdout = out(run(runner, "list", "-f", "yaml"))
    # PyYAML writes C0, DEL and C1 as its escapes; the bidi marks are characters to YAML.
    assert raw(stdout) == ["\u202e", "\u2066"] * 11
    assert stdout.count(r"\e]52;c;SGk=\e\\\e[2J\a\x9B31m\x7F" + "\u202eevil\u2066" + r"\rX") == 11
    _records_hold_the_payload(yaml.safe_load(stdout))


def test_csv_is_faithful_in_a_pipe(runner: CliRunner) -> None:
    from fenggong.catalog import Catalog
    from fenggong.query.select import Filters, select
    from fenggong.render.formats import Format, render
    from fenggong.store import loader
    from fenggong.views.tasks import task_list

    stdout = out(run(runner, "list", "-f", "csv"))
    assert stdout.count(PAYLOAD) == 7
    assert len(raw(stdout)) == 7 * 9
    catalog = Catalog(loader.load(CONTROLS))
    doc = task_list(catalog, select(catalog, Filters()), Filters())
    assert stdout == render(doc, Format.CSV)  # the boundary passes it as it is


# -- one test per command family -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "count"),
    [
        (["list"], 4),
        (["show", "1"], 6),
        (["targets"], 3),
        (["search", "培训"], 4),
        (["depts"], 1),
        (["depts", EDU], 6),
        (["depts", "人社局" + PAYLOAD], 3),
        (["outline"], 4),
        (["matrix"], 2),
    ],
)
def test_every_query_shows_the_payload_escaped(
    runner: CliRunner, args: list[str], count: int
) -> None:
    result = run(runner, *args)
    assert result.exit_code == 0
    assert raw(out(result)) == []
    assert out(result).count(SHOWN) == count
    assert result.stderr == ""


@pytest.mark.usefixtures("chinese")
def test_the_title_of_a_responsibility_list_is_escaped(runner: CliRunner) -> None:
    first = out(run(runner, "depts", EDU)).splitlines()[0].strip()
    assert first == f"{EDU.replace(PAYLOAD, SHOWN)}（上海市教育委员会{SHOWN}）责任清单"


@pytest.mark.usefixtures("chinese")
def test_the_root_of_the_outline_and_a_card_are_escaped(runner: CliRunner) -> None:
    lines = out(run(runner, "outline")).splitlines()
    assert lines[0] == f"《示例方案》分工表{SHOWN}（2 个板块，2 个主题，3 项任务）"
    card = out(run(runner, "show", "1"))
    assert f"配合部门    市教委{SHOWN}（上海市教育委员会{SHOWN}）" in card


def test_validate_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(PROBLEMS)])
    assert result.exit_code == 1
    assert out(result) == ""
    assert raw(result.stderr) == []
    assert result.stderr.count(SHOWN) == 3
    assert f"unknown department 市残联{SHOWN}\n" in result.stderr


def test_validate_github(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "-f", "github", str(PROBLEMS)])
    assert result.exit_code == 1
    stdout = out(result)
    assert raw(stdout) == []
    # The annotation escapes CR first (%0D); every other control is shown escaped.
    assert stdout.count(SHOWN.replace(r"\r", "%0D")) == 3
    assert stdout.count("::error ") == 2


def test_validate_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "-f", "json", str(PROBLEMS)])
    stdout = out(result)
    assert raw(stdout) == []
    assert [p["message"] for p in json.loads(stdout)] == [
        f"{EDU} is both lead and support of task 2",
        f"unknown department 市残联{PAYLOAD}",
    ]


@pytest.fixture
def edited(tmp_path: Path) -> Path:
    """controls.yaml with the payload added to task 3's text and 市教委 made its lead."""
    escaped = r"\e]52;c;SGk=\e\\\e[2J\a\x9B31m\x7F\u202Eevil\u2066\rX"
    text = CONTROLS.read_text(encoding="utf-8")
    text = text.replace("    lead: [黄浦区]\n", f'    lead: ["市教委{escaped}"]\n')
    text = text.replace("text: 加强监督", f'text: "加强监督{escaped}"')
    path = tmp_path / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_for_people(runner: CliRunner, edited: Path, fmt: str) -> None:
    result = runner.invoke(app, ["diff", "-f", fmt, str(CONTROLS), str(edited)])
    assert result.exit_code == 1
    assert raw(out(result)) == []
    assert out(result).count(SHOWN if fmt == "text" else CELL_SHOWN) == 3


def test_diff_json(runner: CliRunner, edited: Path) -> None:
    result = runner.invoke(app, ["diff", "-f", "json", str(CONTROLS), str(edited)])
    stdout = out(result)
    assert raw(stdout) == []
    changes = json.loads(stdout)
    (task,) = changes["tasks"]
    assert task["text"][-1] == {"op": "insert", "old": "", "new": PAYLOAD}
    assert task["lead"] == {"added": [EDU], "removed": ["黄浦区"]}
    assert list(changes["impact"]) == [EDU, "黄浦区"]


def test_export_csv_to_stdout_is_the_file(runner: CliRunner, tmp_path: Path) -> None:
    piped = run(runner, "export", "csv", "-o", "-").stdout_bytes
    run(runner, "export", "csv", "-o", str(tmp_path / "out.csv"))
    assert piped == (tmp_path / "out.csv").read_bytes()
    text = piped.decode("utf-8-sig")
    assert text.count(PAYLOAD) == 8
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[3] for row in rows[1:]] == [TEXT, "覆盖率达80%", "加强监督"]
    assert rows[1][5] == f"{EDU}、各区"


@pytest.mark.parametrize(("fmt", "count"), [("markdown", 5), ("html", 15)])
def test_export_for_people_to_stdout_is_escaped(runner: CliRunner, fmt: str, count: int) -> None:
    stdout = out(run(runner, "export", fmt, "-o", "-"))
    assert raw(stdout) == []
    assert stdout.count(SHOWN if fmt == "html" else CELL_SHOWN) == count


def test_an_unknown_hostile_department_is_named_escaped(runner: CliRunner) -> None:
    result = run(runner, "list", "--dept", "市残联" + PAYLOAD)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: unknown department 市残联{SHOWN}\n"
        f"  hint: did you mean 市教委{SHOWN} or 市人力资源社会保障局?"
        " (fenggong depts lists every body)\n"
    )


def test_a_dataset_with_hostile_problems_is_refused_escaped(runner: CliRunner) -> None:
    result = run(runner, "list", data=PROBLEMS)
    assert result.exit_code == 1
    assert raw(result.stderr) == []
    assert result.stderr.count(SHOWN) == 3
    assert result.stderr.endswith(" in the dataset, listed above\n")


def test_a_usage_error_quoting_a_hostile_argument_is_escaped(runner: CliRunner) -> None:
    result = run(runner, "list", "-f", PAYLOAD)
    assert result.exit_code == 2
    assert raw(result.stderr) == []
    assert result.stderr.startswith("Usage: fenggong list [OPTIONS]\nTry 'fenggong list -h'")
    assert "Error: Invalid value for '--format' / '-f'" in result.stderr


def test_the_wrote_message_names_a_hostile_path_escaped(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "分工表\x1b]0;t\x07\u202e.csv"
    result = run(runner, "export", "csv", "-o", str(path))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {tmp_path}/分工表\\x1b]0;t\\x07\\u202e.csv (3 tasks)\n"
    assert path.exists()


@pytest.mark.parametrize(("words", "count"), [("depts 市", 0), ("show ", 0), ("list --topic ", 1)])
def test_completions_show_the_payload_escaped(runner: CliRunner, words: str, count: int) -> None:
    # Click writes completions itself; a shell shows their descriptions in its menu.
    line = f"fenggong --data {CONTROLS} {words}"
    env = {"_FENGGONG_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    result = runner.invoke(app, [], prog_name="fenggong", env=env)
    assert result.exit_code == 0
    assert out(result).startswith("_arguments")
    assert raw(out(result)) == []
    # Shown, then made inert for the shell: ＼ for \, ［ for [ (test_completion_safety).
    assert out(result).count(description(PAYLOAD)) == count
    assert SHOWN not in out(result)
