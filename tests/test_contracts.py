"""The JSON output contracts: generated from the Structs, committed, obeyed, documented."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import msgspec
import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.views.contracts import DepartmentLoad, DepartmentSheet, TaskObject
from fenggong.views.schemas import Output, output_schema
from fenggong.views.targets import TargetRow
from tests.helpers import FIXTURES, ROOT

COMMITTED = ROOT / "schema" / "output"
HOSTILE = str(FIXTURES / "hostile" / "hostile.yaml")
EXAMPLE = str(ROOT / "examples" / "tasks.yaml")

# Each command's --format json, and the contract it keeps.
COMMANDS: list[tuple[list[str], Output]] = [
    (["list"], Output.TASKS),
    (["list", "--lead", "市教委"], Output.TASKS),
    (["list", "--dept", "浦东新区"], Output.TASKS),
    (["show", "47", "1-3"], Output.TASKS),
    (["search", "数字技能"], Output.TASKS),
    (["targets", "--all"], Output.TARGETS),
    (["--data", EXAMPLE, "targets", "--progress", "--as-of", "2026-04-16"], Output.TARGETS),
    (["depts"], Output.DEPARTMENTS),
    (["depts", "--chart"], Output.DEPARTMENTS),
    (["depts", "市教委"], Output.DEPARTMENT),
    (["depts", "浦东新区"], Output.DEPARTMENT),
    (["outline"], Output.OUTLINE),
    (["matrix"], Output.MATRIX),
    (["status", "--as-of", "2026-03-31"], Output.STATUS),
    (["status", "--as-of", "2026-03-31", "--by", "dept"], Output.STATUS),
    (["overdue", "--as-of", "2026-03-31"], Output.STATUS),
    (["--data", HOSTILE, "list", "--dept", "浦东新区"], Output.TASKS),
    (["--data", HOSTILE, "show", "1-3"], Output.TASKS),
    (["--data", HOSTILE, "targets", "--all"], Output.TARGETS),
]


def _committed(output: Output) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((COMMITTED / f"{output}.schema.json").read_text("utf-8"))
    return loaded


def _json(runner: CliRunner, args: list[str], fmt: str = "json") -> str:
    result = runner.invoke(app, [*args, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("output", list(Output), ids=str)
def test_committed_output_schema_is_the_generated_one(runner: CliRunner, output: Output) -> None:
    result = runner.invoke(app, ["schema", "--output", str(output)])
    assert result.exit_code == 0, result.output
    path = COMMITTED / f"{output}.schema.json"
    assert result.stdout == path.read_text(encoding="utf-8"), (
        f"an output contract changed: run `fenggong schema --output {output} > {path}`"
    )
    assert json.loads(result.stdout) == output_schema(output)
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_every_committed_output_schema_is_a_contract() -> None:
    assert sorted(p.name for p in COMMITTED.iterdir()) == sorted(f"{o}.schema.json" for o in Output)


@pytest.mark.parametrize(("args", "output"), COMMANDS, ids=lambda x: " ".join(map(str, x)))
def test_json_output_keeps_its_contract(runner: CliRunner, args: list[str], output: Output) -> None:
    schema = _committed(output)
    document = json.loads(_json(runner, args))
    assert document
    jsonschema.validate(document, schema)
    # jsonl: the same records, one per line, each valid as an item of the contract.
    items = document if isinstance(document, list) else [document]
    lines = _json(runner, args, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == items
    item = {"$defs": schema["$defs"], **schema.get("items", schema)}
    for line in lines:
        jsonschema.validate(json.loads(line), item)


def test_the_tasks_contract_rejects_a_missing_and_an_unknown_field(runner: CliRunner) -> None:
    schema = _committed(Output.TASKS)
    task = json.loads(_json(runner, ["show", "47"]))[0]
    assert list(task) == [
        *("id", "section", "topic", "text", "lead", "support", "targets"),
        *("full_names", "same_topic", "plan", "due"),
    ]
    for broken in ({k: v for k, v in task.items() if k != "lead"}, {**task, "leads": []}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([broken], schema)


def test_match_is_absent_without_a_department_filter(runner: CliRunner) -> None:
    assert all("match" not in t for t in json.loads(_json(runner, ["list"])))
    assert all(t["match"] for t in json.loads(_json(runner, ["list", "--lead", "市教委"])))


# The README's section on machine formats states the contracts for people.


def _readme() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Machine formats (stable contracts)")
    return text[start : text.index("\n## ", start + 1)]


def _fields(struct: type[msgspec.Struct]) -> list[str]:
    return [f.name for f in msgspec.structs.fields(struct)]


def test_the_readme_task_example_keeps_the_tasks_contract() -> None:
    block = re.search(r"```json\n(.*?)```", _readme(), re.DOTALL)
    assert block is not None
    example = json.loads(block.group(1))
    schema = _committed(Output.TASKS)
    jsonschema.validate(example, {"$defs": schema["$defs"], **schema["items"]})
    # Every field of a task object is named in the section, the optional ones too.
    named = set(re.findall(r"`(\w+)`", _readme())) | set(example)
    assert set(_fields(TaskObject)) <= named


def test_the_readme_lists_the_fields_of_targets_and_depts() -> None:
    section = _readme()

    def between(start: str, end: str) -> str:
        at = section.index(start) + len(start)
        return section[at : section.index(end, at)]

    targets = between("**`targets --format json`**: an array of", "—")
    assert re.findall(r'"(\w+)"', targets) == _fields(TargetRow)
    depts = between("**`depts --format json`**: an array of", ";")
    assert re.findall(r'"(\w+)"', depts) == _fields(DepartmentLoad)
    sheet = between("`depts NAME --format json`:", "**`outline")
    assert re.findall(r"`(\w+)`", sheet) == _fields(DepartmentSheet)


def test_the_readme_names_the_output_schemas() -> None:
    section = _readme()
    assert "fenggong schema --output NAME" in section
    for output in Output:
        assert f"`{output}`" in section
