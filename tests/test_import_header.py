"""The plan header an import reads from a document's title and opening lines."""

from __future__ import annotations

import datetime

import pytest

from fenggong.importing.header import read_header
from fenggong.model import Period


@pytest.mark.parametrize(
    ("title", "preamble", "number", "date", "issuers"),
    [
        (
            "国务院关于支持自由贸易试验区深化改革创新若干措施的通知",
            ("国发〔2018〕38号", "2018年11月7日"),
            "国发〔2018〕38号",
            datetime.date(2018, 11, 7),
            ("国务院",),
        ),
        (
            "关于推进养老服务发展的意见",
            ("国办发 [2019] 5 号",),
            "国办发[2019]5号",
            None,
            ("国务院办公厅",),
        ),
        ("分工方案", ("2022年13月40日",), None, None, ()),
        (None, (), None, None, ()),
    ],
)
def test_header_fields(
    title: str | None,
    preamble: tuple[str, ...],
    number: str | None,
    date: datetime.date | None,
    issuers: tuple[str, ...],
) -> None:
    header = read_header(title, preamble)
    assert header.document_number == number
    assert header.date == date
    assert header.issuers == issuers


def test_the_period_is_found_in_the_title() -> None:
    header = read_header("《落实国家“十四五”职业技能培训规划的实施方案》分工表", ())
    assert header.period == Period(name="十四五", start=2021, end=2025)


def test_a_title_opening_with_guanyu_names_no_issuer() -> None:
    header = read_header("关于印发《加快发展数字经济行动方案》分工的通知", ("沪府办〔2023〕12号",))
    assert header.issuers == ("上海市人民政府办公厅",)
