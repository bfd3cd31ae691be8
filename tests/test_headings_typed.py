"""The headings the tool prints, fed back to --section and --topic, resolve."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.errors import LookupFailedError
from fenggong.query.select import resolve_section, resolve_topic
from tests.helpers import CATALOG


@pytest.mark.parametrize(
    ("typed", "number"),
    [("九、保障措施", 9), ("九", 9), ("九、", 9), ("（九）", 9), ("9、保障措施", 9),
     ("9.保障措施", 9), ("九、保障", 9), (CATALOG.sections[3].label, 3)],
)  # fmt: skip
def test_a_section_heading(typed: str, number: int) -> None:
    assert resolve_section(CATALOG, typed) == number


@pytest.mark.parametrize(
    ("typed", "number"),
    [("（十九）加强数字技能培训", 19), ("(十九)加强数字技能培训", 19),
     ("十九、加强数字技能培训", 19), ("十九、加强数字…", 19), ("（十九）", 19),
     ("(19)加强数字技能培训", 19), ("（ 十九 ）加强 数字技能培训", 19),
     (CATALOG.topics[37].label, 37)],
)  # fmt: skip
def test_a_topic_heading(typed: str, number: int) -> None:
    assert resolve_topic(CATALOG, typed) == number


def test_every_printed_heading_resolves_to_itself() -> None:
    assert all(resolve_section(CATALOG, s.label) == n for n, s in CATALOG.sections.items())
    assert all(resolve_topic(CATALOG, t.label) == n for n, t in CATALOG.topics.items())


def test_a_heading_whose_numeral_and_title_disagree_names_both() -> None:
    with pytest.raises(LookupFailedError) as caught:
        resolve_topic(CATALOG, "（二十）加强数字技能培训")
    assert caught.value.message == (
        "（二十）加强数字技能培训 names two topics: "
        "二十 is topic 20 (（二十）全面推广学徒制培养方式), "
        "but 加强数字技能培训 is topic 19 (（十九）加强数字技能培训)"
    )
    assert caught.value.hint == "type the number or the title alone"
    with pytest.raises(LookupFailedError) as caught:
        resolve_section(CATALOG, "八、火星")
    assert caught.value.message == (
        "八、火星: 八 is section 8 (八、完善技能人才激励保障措施), but no section is titled 火星"
    )


def test_a_heading_past_the_last_number() -> None:
    with pytest.raises(LookupFailedError) as caught:
        resolve_section(CATALOG, "十、保障措施")
    assert (caught.value.message, caught.value.hint) == (
        "no section 十、保障措施",
        "sections are numbered 1–9",
    )


def test_a_title_fragment_that_only_looks_numbered_is_a_fragment() -> None:
    # 、 inside a title fragment is no heading unless what precedes it is a number.
    with pytest.raises(LookupFailedError, match="no topic matches 技能、火星"):
        resolve_topic(CATALOG, "技能、火星")


def test_headings_through_the_command_line(runner: CliRunner) -> None:
    def ids(*args: str) -> list[int]:
        result = runner.invoke(app, ["list", *args, "-f", "json"])
        assert result.exit_code == 0, result.stderr
        return [t["id"] for t in json.loads(result.stdout)]

    assert ids("--section", "九、保障措施") == ids("--section", "9")
    assert ids("--topic", "（十九）加强数字技能培训") == ids("--topic", "19") == [45, 46]
    result = runner.invoke(app, ["list", "--topic", "（二十）加强数字技能培训"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: （二十）加强数字技能培训 names two topics")
