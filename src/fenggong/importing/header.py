"""A plan's header from the document's own words: title, 文号, date, issuers, period.

Each field is looked for in the title and the paragraphs above the first item; what is
not found is filled in plainly and said in the review, never invented quietly.
"""

from __future__ import annotations

import datetime
import re

import msgspec

from fenggong.importing.review import Call, Note
from fenggong.messages import _
from fenggong.model import Period

# 国发〔2018〕38号, 沪人社职〔2022〕256号, with the brackets people type for 〔〕.
_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*\d{1,5}\s*号"
)
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISSUER = re.compile(r"^(?!关于|印发)([\u4e00-\u9fff]{2,24}?)(?:关于|印发)")
# The bodies a 文号's prefix stands for, where a document's title does not name its issuer.
_PREFIXES = {
    "国发": "国务院",
    "国办发": "国务院办公厅",
    "国函": "国务院",
    "国办函": "国务院办公厅",
    "中发": "中共中央、国务院",
    "沪府发": "上海市人民政府",
    "沪府办发": "上海市人民政府办公厅",
    "沪府办": "上海市人民政府办公厅",
}
_PERIODS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}


class Header(msgspec.Struct, frozen=True):
    """What the document says of itself; None where it does not say."""

    title: str | None
    document_number: str | None
    date: datetime.date | None
    issuers: tuple[str, ...]
    period: Period | None
    year: int | None = None  # the year the title names (2024年工作要点), when no date


def _date(text: str) -> datetime.date | None:
    for match in _DATE.finditer(text):
        try:
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def read_header(
    title: str | None, preamble: tuple[str, ...], closing: tuple[str, ...] = ()
) -> Header:
    """The header fields found in a document's title, the lines above its first item and
    the signature below its last (国务院 / 2018年11月7日: the date it was issued)."""
    text = "\n".join([title or "", *preamble])
    signed = _date("\n".join(reversed(closing)))
    number = _NUMBER.search(text)
    issuers: tuple[str, ...] = ()
    if title:
        issuer = _ISSUER.match(title.strip())
        if issuer:
            issuers = (issuer[1],)
    if not issuers and number:
        prefix = re.match(r"[\u4e00-\u9fff]+", number[0])
        body = _PREFIXES.get(prefix[0] if prefix else "")
        if body:
            issuers = tuple(body.split("、"))
    period = None
    for name, (start, end) in _PERIODS.items():
        if name in text:
            period = Period(name=name, start=start, end=end)
            break
    return Header(
        title=title.strip() if title else None,
        document_number=re.sub(r"\s+", "", number[0]) if number else None,
        date=signed or _date(text),
        issuers=issuers,
        period=period,
        year=_year(title or "") if not (signed or _date(text)) else None,
    )


def _year(title: str) -> int | None:
    found = re.search(r"(?<!\d)(20\d\d)\s*年", title)
    return int(found[1]) if found else None


def header_notes(header: Header, file: str) -> list[Note]:
    """A note for each header field the document does not give, saying what was written."""
    missing = (
        (header.title is None, _("no title found: the file name is the title")),
        (header.document_number is None, _("no 文号 found: write the plan's document_number")),
        (
            header.date is None,
            _("no date found: today's date is written; correct the plan's date")
            if header.year is None
            else _(
                "no date found: today's date is written; 年内 and 年底前 are read in {year}, "
                "the year the title names"
            ).format(year=header.year),
        ),
        (not header.issuers, _("no issuer found: write the plan's issuers")),
    )
    return [Note(Call.PLAN, message, file) for absent, message in missing if absent]


def stem(file: str) -> str:
    """A file's name without its folder and extension: the title of last resort."""
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] or name
