"""The core's judgement of single cells of a returned form: a 完成值, a 填报日期."""

from __future__ import annotations

import pytest

from fenggong.errors import Problem
from fenggong.forms import Percent
from fenggong.query.forms import figure_value

AT = "f.xlsx!进展填报!K7"
ALONE = "write the number alone, in {unit} (the unit is in column L)"


@pytest.mark.parametrize(
    ("raw", "unit", "value"),
    [(8, "所", 8), (12.5, "万人次", 12.5), ("1,200", "人", 1200), ("85%", "%", 85),
     (Percent(0.85), "%", 85)],
)  # fmt: skip
def test_a_number_is_its_value(raw: object, unit: str, value: float) -> None:
    assert figure_value(raw, unit, AT) == value


@pytest.mark.parametrize(
    ("raw", "unit", "message", "hint"),
    [
        (Percent(0.85), "万人次", "完成值 85% is a percentage, but the target counts 万人次",
         ALONE.format(unit="万人次")),
        ("2e15", "%", "完成值 '2e15' is out of range",
         "write a number of at most 1,000,000,000,000,000, in %"),
        ("约8所", "所", "完成值 '约8所' is not a number", ALONE.format(unit="所")),
    ],
)  # fmt: skip
def test_a_value_that_is_no_figure_is_one_problem_at_its_cell(
    raw: object, unit: str, message: str, hint: str
) -> None:
    assert figure_value(raw, unit, AT) == Problem(
        "form", "form-number", message, file=AT, hint=hint
    )
