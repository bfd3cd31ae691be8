"""Figures in a task's text and the targets they propose, as the bundled dataset records them."""

from __future__ import annotations

import pytest

from fenggong.model import Target
from fenggong.quantities import Quantity, first, propose_targets, quantities
from tests.helpers import ROOT


def _bundled_tasks() -> list[tuple[int, str, tuple[Target, ...]]]:
    import msgspec
    import yaml

    from fenggong.model import Dataset

    raw = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    data = msgspec.convert(raw, Dataset)
    return [(t.id, t.text, t.targets) for t in data.tasks]


BUNDLED = _bundled_tasks()
QUANTIFIED = [
    pytest.param(text, tuple(t for t in targets if not t.qualitative), id=f"task {id_}")
    for id_, text, targets in BUNDLED
    if any(not t.qualitative for t in targets)
]


def test_the_bundled_data_has_quantified_targets_to_compare() -> None:
    assert len(QUANTIFIED) == 6  # tasks 1, 2, 4, 27, 47, 73


@pytest.mark.parametrize(("text", "recorded"), QUANTIFIED)
def test_proposed_targets_are_the_bundled_ones(text: str, recorded: tuple[Target, ...]) -> None:
    # Exactly, the metric included: the clause without its figure, qualifiers and period.
    assert propose_targets(text) == recorded


def test_no_task_without_a_quantified_target_is_proposed_one() -> None:
    for id_, text, targets in BUNDLED:
        if all(t.qualitative for t in targets):
            assert propose_targets(text) == (), id_


def test_a_figure_the_task_builds_on_is_basis_not_a_target() -> None:
    text = next(text for id_, text, _t in BUNDLED if id_ == 78)
    (found,) = quantities(text)
    assert (found.raw, found.number, found.unit, found.basis) == ("8个", 8, "个", True)
    assert propose_targets(text) == ()


QUANTITIES: list[tuple[str, list[tuple[str, str, int | float, str, tuple[str, ...]]]]] = [
    ("培训500万人次", [("500万人次", "500", 500, "万人次", ())]),
    ("新增20万人以上", [("20万人", "20", 20, "万人", ("以上",))]),
    ("覆盖率达到80％", [("80％", "80", 80, "%", ("达到",))]),
    ("覆盖率不低于12.5%", [("12.5%", "12.5", 12.5, "%", ("不低于",))]),
    ("建设 20 所学校", [("20 所", "20", 20, "所", ())]),
    ("建设２０所学校", [("２０所", "２０", 20, "所", ())]),
    ("累计培训30万人次左右", [("30万人次", "30", 30, "万人次", ("累计", "左右"))]),
    (
        "力争培训500万人次，新建20所；另建10家",
        [
            ("500万人次", "500", 500, "万人次", ("力争",)),
            ("20所", "20", 20, "所", ("力争",)),
            ("10家", "10", 10, "家", ()),
        ],
    ),
    (
        "累计培训5万人，新建20所",
        [("5万人", "5", 5, "万人", ("累计",)), ("20所", "20", 20, "所", ())],
    ),
    # A year, a date, a bare number: no unit of the model, no figure.
    ("2022年培训", []),
    ("第3批", []),
    ("增长1.5倍", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_figures_with_their_qualifiers(
    text: str, expected: list[tuple[str, str, int | float, str, tuple[str, ...]]]
) -> None:
    found = quantities(text)
    assert [(q.raw, q.value, q.number, q.unit, q.qualifier) for q in found] == expected
    assert all(text[q.start : q.end] == q.raw for q in found)


@pytest.mark.parametrize(
    ("value", "unit", "quantity"),
    [("500", "万人次", 5_000_000), ("80", "%", 0.8), ("33.3", "%", 0.333), ("1.5", "万人", 15_000)],
)
def test_quantity_is_in_the_units_base(value: str, unit: str, quantity: int | float) -> None:
    found = Quantity(raw=value + unit, value=value, number=float(value), unit=unit)
    assert found.quantity == quantity
    assert type(found.quantity) is type(quantity)


def test_proposed_targets_name_their_period() -> None:
    text = "“十五五”时期，力争使覆盖率达90%"
    (target,) = propose_targets(text)
    assert target == Target(
        metric="覆盖率", value=90, unit="%", quantity=0.9, qualifier=("力争", "达"), period="十五五"
    )
    assert propose_targets(text, period="2026—2030年")[0].period == "2026—2030年"
    assert propose_targets("建设20所学校")[0].period == "十四五"  # the model's default


def test_a_metric_is_never_empty() -> None:
    (target,) = propose_targets("达到80%")
    assert target.metric == "80%"


def test_first_is_what_fg104_quotes() -> None:
    found = first("“十四五”时期，建设 10所学校和20家")
    assert found is not None and found.raw == "10所"
    assert first("没有数字") is None


def test_a_long_run_of_digits_with_units_is_read_in_linear_time() -> None:
    text = "力争" + "，".join(["培训5万人"] * 20_000)
    assert len(quantities(text)) == 20_000


def test_many_figures_under_one_aim_are_read_in_linear_time() -> None:
    text = "，".join(["力争在基础上培训5万人"] * 50_000)
    found = quantities(text)
    assert len(found) == 50_000
    assert found[-1].qualifier == ("力争",)
