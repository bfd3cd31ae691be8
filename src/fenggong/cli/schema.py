"""``fenggong schema``: the JSON Schema of a dataset file, for editors and other tools."""

import json

from fenggong.cli import console
from fenggong.cli.console import Mode


def schema() -> None:
    """Print the JSON Schema of the dataset, generated from the model.

    The committed copy is schema/tasks.schema.json, named on the first line of
    data/tasks.yaml so that editors complete and check fields as people type.

    Example: fenggong schema > schema/tasks.schema.json
    """
    from fenggong.checks.schema import json_schema

    console.out(json.dumps(json_schema(), ensure_ascii=False, indent=2), Mode.JSON)


COMMANDS = {"schema": schema}
