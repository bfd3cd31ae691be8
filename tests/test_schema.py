"""The committed JSON Schema is the generated one, and it accepts the bundled dataset."""

from __future__ import annotations

import json
from typing import Annotated

import jsonschema
import msgspec
import pydantic
import pytest
import yaml
from typer.testing import CliRunner

from fenggong.checks.plan import PLAN
from fenggong.checks.schema import json_schema, model_for, validate
from fenggong.cli import app
from fenggong.model import Record
from tests.helpers import ROOT

COMMITTED = ROOT / "schema" / "tasks.schema.json"


def test_committed_schema_is_the_generated_one(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == COMMITTED.read_text(encoding="utf-8"), (
        "the model changed: run `fenggong schema > schema/tasks.schema.json`"
    )
    assert json.loads(result.stdout) == json_schema(PLAN)


def test_the_dataset_names_its_schema_for_editors() -> None:
    first = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/tasks.schema.json"


def test_the_schema_accepts_the_dataset_and_rejects_an_unknown_field() -> None:
    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    # JSON has no date type: the plan's date and every due date as JSON writes them.
    data = json.loads(json.dumps(data, default=str))
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["tasks"][0]["leads"] = ["市教委"]
    try:
        jsonschema.validate(data, schema)
    except jsonschema.ValidationError as err:
        assert "leads" in err.message
    else:
        raise AssertionError("an unknown field passed the schema")


class Reading(Record, frozen=True):
    """A record whose constraints are all written in its annotations."""

    percent: Annotated[int, msgspec.Meta(ge=0, le=100)]
    offset: int
    code: Annotated[str, msgspec.Meta(pattern="^[A-Z]{2}$")]


def test_the_constraints_of_an_annotation_become_the_models() -> None:
    assert validate(Reading, {"percent": 0, "offset": 0, "code": "SH"}) == Reading(0, 0, "SH")
    assert validate(Reading, {"percent": 100, "offset": -7, "code": "SH"}).offset == -7
    with pytest.raises(pydantic.ValidationError) as caught:
        validate(Reading, {"percent": 101, "offset": 1, "code": "sh"})
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [
        (("percent",), "less_than_equal"),
        (("code",), "string_pattern_mismatch"),
    ]
    properties = model_for(Reading).model_json_schema()["properties"]
    assert properties["percent"] == {
        "maximum": 100,
        "minimum": 0,
        "title": "Percent",
        "type": "integer",
    }
    assert properties["offset"] == {"title": "Offset", "type": "integer"}


def test_a_bare_scalar_is_still_strict() -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        validate(Reading, {"percent": "5", "offset": 1.0, "code": "SH"})
    assert [(e["loc"], e["type"]) for e in caught.value.errors()] == [
        (("percent",), "int_type"),
        (("offset",), "int_type"),
    ]
