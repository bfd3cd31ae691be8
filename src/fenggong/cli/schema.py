"""``fenggong schema``: the JSON Schema of a dataset file, for editors and other tools."""

import typer


def schema() -> None:
    """Print the JSON Schema of the dataset, generated from the model.

    The committed copy is schema/tasks.schema.json, named on the first line of
    data/tasks.yaml so that editors complete and check fields as people type.

    Example: fenggong schema > schema/tasks.schema.json
    """
    from fenggong.checks.schema import json_schema
    from fenggong.render.jsonout import dumps

    typer.echo(dumps(json_schema(), indent=2))


COMMANDS = {"schema": schema}
