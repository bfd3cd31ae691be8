"""The committed JSON Schema is the generated one, and it accepts the bundled dataset."""

from __future__ import annotations

import json

import jsonschema
import yaml
from typer.testing import CliRunner

from fenggong.checks.schema import json_schema
from fenggong.cli import app
from tests.helpers import ROOT

COMMITTED = ROOT / "schema" / "tasks.schema.json"


def test_committed_schema_is_the_generated_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8"), (
        "the model changed: run `fenggong schema > schema/tasks.schema.json`"
    )
    assert json.loads(result.stdout) == json_schema()


def test_the_dataset_names_its_schema_for_editors() -> None:
    first = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/tasks.schema.json"


def test_the_schema_accepts_the_dataset_and_rejects_an_unknown_field() -> None:
    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    data["plan"]["date"] = data["plan"]["date"].isoformat()  # JSON has no date type
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["tasks"][0]["leads"] = ["市教委"]
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as err:
        assert "leads" in err.message
    else:
        raise AssertionError("an unknown field passed the schema")
