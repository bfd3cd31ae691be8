"""``fenggong schema``: JSON Schemas of the dataset file and of the JSON the commands write."""

from typing import Annotated

import typer

from fenggong.cli import console
from fenggong.cli.console import Mode
from fenggong.messages import N_
from fenggong.views.schemas import Output


def schema(
    output: Annotated[
        Output | None,
        typer.Option(
            "--output",
            metavar="NAME",
            case_sensitive=False,
            help=N_(
                "Instead, the schema of a command's --format json output: tasks (list, "
                "show, search), targets, departments (depts), department (depts NAME), "
                "outline, matrix, plan-matrix (matrix --by plan), plans, status (status, due, "
                "overdue)."
            ),
        ),
    ] = None,
) -> None:
    from fenggong.render.jsonout import dumps

    if output is None:
        from fenggong.checks.plan import PLAN
        from fenggong.checks.schema import json_schema

        console.out(dumps(json_schema(PLAN), indent=2), Mode.JSON)
        return
    from fenggong.views.schemas import output_schema

    console.out(dumps(output_schema(output), indent=2), Mode.JSON)


COMMANDS = {"schema": schema}
HELP = {
    "schema": N_(
        "Print the JSON Schema of the dataset, generated from the model.\n\n"
        "The committed copy is schema/tasks.schema.json, named on the first line of "
        "data/tasks.yaml so that editors complete and check fields as people type. With "
        "--output NAME, the schema of an output contract (committed in schema/output/).\n\n"
        "Example: fenggong schema > schema/tasks.schema.json  "
        "(or: fenggong schema --output tasks)"
    )
}
