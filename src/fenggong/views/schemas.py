"""The published JSON Schemas of the output contracts, generated from their Structs."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Output(StrEnum):
    """An output contract, by the name ``fenggong schema --output NAME`` takes."""

    TASKS = "tasks"  # list, show, search
    TARGETS = "targets"  # targets
    DEPARTMENTS = "departments"  # depts, depts --chart
    DEPARTMENT = "department"  # depts NAME
    OUTLINE = "outline"  # outline
    MATRIX = "matrix"  # matrix
    PLANS = "plans"  # plans
    PLAN_MATRIX = "plan-matrix"  # matrix --by plan
    STATUS = "status"  # status, due, overdue


_COMMANDS = {
    Output.TASKS: "`list`, `show` and `search`",
    Output.TARGETS: "`targets` (and `targets --progress`)",
    Output.DEPARTMENTS: "`depts` (and `depts --chart`)",
    Output.DEPARTMENT: "`depts NAME`",
    Output.OUTLINE: "`outline`",
    Output.MATRIX: "`matrix`",
    Output.PLANS: "`plans`",
    Output.PLAN_MATRIX: "`matrix --by plan`",
    Output.STATUS: "`status`, `due` and `overdue`",
}


def _type(output: Output) -> Any:
    from fenggong.views import contracts as c
    from fenggong.views.standings import StatusObject
    from fenggong.views.targets import TargetRow

    return {
        Output.TASKS: list[c.TaskObject],
        Output.TARGETS: list[TargetRow],
        Output.DEPARTMENTS: list[c.DepartmentLoad],
        Output.DEPARTMENT: c.DepartmentSheet,
        Output.OUTLINE: list[c.OutlineSection],
        Output.MATRIX: list[c.MatrixRow],
        Output.PLANS: list[c.PlanRow],
        Output.PLAN_MATRIX: list[c.PlanMatrixRow],
        Output.STATUS: list[StatusObject],
    }[output]


def output_schema(output: Output) -> dict[str, Any]:
    """The JSON Schema of what ``--format json`` writes for the output's commands."""
    import msgspec

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"fenggong {output} output",
        "description": f"The output of --format json for {_COMMANDS[output]}; jsonl has "
        "the same records one per line, yaml the same structure.",
        **msgspec.json.schema(_type(output)),
    }
