"""The ``targets`` contract: a goal with its task, and with ``--progress`` its attainment."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from msgspec import UNSET, Meta, UnsetType

from fenggong.views.contracts import Contract, Names, PlanRef


class PartObject(Contract, frozen=True):
    """Another body's own latest figure toward a goal: a part of it, not the whole."""

    body: Annotated[str, Meta(description="The body that reported it: 浦东新区.")]
    figure: Annotated[
        int | float, Meta(description="Its latest figure toward the goal, value × unit: 120000.")
    ]
    reported: Annotated[
        datetime.date | None,
        Meta(description="The date of its report giving the figure (null: the report has none)."),
    ]


class TargetRow(Contract, frozen=True):
    """One goal of ``targets``, with its task and lead."""

    task: int
    metric: str
    value: Annotated[int | float | None, Meta(description="The number as written: 500.")]
    unit: Annotated[str | None, Meta(description="As written: 万人次, 所, 万人, 家, %, 个.")]
    quantity: Annotated[int | float | None, Meta(description="value × unit: 5000000; 80 % is 0.8.")]
    qualifier: Annotated[tuple[str, ...], Meta(description="Words such as 力争, 以上, 达.")]
    qualitative: bool
    period: str
    lead: Annotated[Names, Meta(description="The task's 牵头部门, in order.")]
    support: Annotated[Names, Meta(description="The task's 配合部门, in order.")]
    plan: Annotated[
        PlanRef | UnsetType, Meta(description="The plan of the task (always written).")
    ] = UNSET
    reported: Annotated[
        datetime.date | UnsetType | None,
        Meta(
            description="--progress: the date of the lead's report giving the figure (null: none)."
        ),
    ] = UNSET
    figure: Annotated[
        int | float | UnsetType | None,
        Meta(description="--progress: the latest reported figure, value × unit: 5120000."),
    ] = UNSET
    attainment: Annotated[
        float | UnsetType | None,
        Meta(description="--progress: figure ÷ quantity in per cent, 1 decimal: 102.4."),
    ] = UNSET
    expected: Annotated[
        float | UnsetType | None,
        Meta(description="--progress: per cent of the plan's period elapsed on --as-of."),
    ] = UNSET
    light: Annotated[
        Literal["green", "yellow", "red", "none"] | UnsetType,
        Meta(description="--progress: attainment against expected, by the bands of lights.yaml."),
    ] = UNSET
    parts: Annotated[
        tuple[PartObject, ...] | UnsetType,
        Meta(
            description=(
                "--progress: each other body's own latest figure toward the goal, supporters "
                "in the order the support cell names them, then those through a group in the "
                "registry's order; never added to figure."
            )
        ),
    ] = UNSET
