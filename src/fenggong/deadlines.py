"""Deadlines as plans write them (2022年10月底前, 年内, 5年内, 长期坚持): a small grammar.

A general date parser reads 2025年 as a year 4047 and has no word for 长期坚持, so this
grammar knows only the phrases a 分工方案 uses, and what it cannot classify it leaves
to a person (None). Every phrase found is a slice of the text (``raw``), with its kind:

- ``by``: a date the work is due by (2022年10月底前 → 2022-10-31; 年内 → the end of the
  year the plan was issued, or no date when that year is unknown);
- ``within``: a span from the plan's issue (5年内 → issued + 5 years);
- ``period``: a span of years, due at its end (“十四五”时期 → 2025-12-31, 2019—2021年);
- ``ongoing``: no end (长期坚持, 持续推进, 常态化).

Inside a longer text (``find_dues``) a phrase must read as a deadline, not as a date the
text merely mentions: a year alone (2022年) counts only after 到/至/于 (到2025年, 截至
2022年) or before 完成/实现/达到/建成/基本/全面 (2022年完成), so 2022年培训500万人次 has no
deadline; a month alone (6月) or a plan period alone (“十四五”规划) never counts; and 长期,
持续推进 and the like count only as a clause of their own (…，持续推进。), never as the
verb of a task (持续推进职业技能提升行动). A date followed by 起/开始/以来 says when
something begins, not when it is due; two dates joined by 至/到/— are one period
(2019年1月1日至12月31日). A whole 完成时限 cell (``classify``) is read more freely:
there, 2022年, 6月 and 十四五 alone are deadlines.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Literal

import msgspec

from fenggong.names import parse_numeral

DueKind = Literal["by", "within", "period", "ongoing"]


class DueParse(msgspec.Struct, frozen=True):
    """A deadline phrase: as written (``text[start:end]``), its kind and its date."""

    raw: str
    kind: DueKind
    date: datetime.date | None
    start: int = 0
    end: int = 0


_D = "[0-9０-９]"
_CN = "〇零一二三四五六七八九"
# No number starts inside another (the 12 of 2012年内 is no 12年内).
_FRESH = f"(?<![0-9０-９{_CN}十两])"
_Y4 = f"{_FRESH}(?:{_D}{{4}}|[{_CN}]{{4}})"
_CN_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _year(g: str) -> str:
    """A year, written out or said from the year of issue (今年, 明年): groups gy, grel."""
    return f"(?:(?P<{g}y>{_Y4})|(?P<{g}rel>今|本|明|次))年"


_MONTH = f"{_FRESH}(?P<m>{_D}{{1,2}}|十[一二]?|[一二三四五六七八九])"
_DAY = f"(?P<d>{_D}{{1,2}}|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_BEFORE = "(?P<{g}pre>之前|以前|前)?"
_QUOTE_OPEN = '[“"「『‘]?'
_QUOTE_CLOSE = '[”"」』’]?'
_ONGOING = (
    "长期坚持|长期推进|长期开展|长期实施|持续推进|持续开展|持续实施|"
    "常态化推进|常态化开展|常态化实施|常态化|长期"
)

# One alternation, tried in this order at each place: the longer phrase first.
_PHRASE = re.compile(
    "|".join(
        [
            # 2019—2021年, 2019年至2021年
            f"(?P<range>(?P<r1>{_Y4})年?\\s*(?:[—–\\-~～]+|至|到)\\s*(?P<r2>{_Y4})年)",
            # 2022年10月15日前, 2022年10月底前, 10月底, 2023年6月
            f"(?P<month>(?:{_year('my')})?{_MONTH}月份?"
            f"(?:{_DAY}[日号]|(?P<mpart>底|末|上旬|中旬|下旬))?(?!初){_BEFORE.format(g='m')})",
            # 2022年上半年, 2022年第三季度
            f"(?P<part>(?:{_year('py')})?(?:(?P<half>上半年|下半年)|第?"
            f"(?P<q>[一二三四1-4１-４])季度)(?:末|底)?{_BEFORE.format(g='p')})",
            # 2022年底前, 2022年年底前, 2022年内, 今年内, 2022年
            f"(?P<year>{_year('yy')}度?(?P<yend>年底|年末|底|末)?"
            "(?P<ypre>之前|以前|前|之内|内(?![容部涵]))?)",
            # 年内, 年底前 (the year of issue)
            f"(?P<thisyear>(?<![0-9０-９{_CN}十两年])(?:年底|年末|年度内|年内(?![容部涵]))"
            f"{_BEFORE.format(g='t')})",
            # 5年内, 三年内, 两年之内, 半年内, 6个月内
            f"(?P<within>{_FRESH}(?P<n>{_D}{{1,2}}|[一二两三四五六七八九十]{{1,2}}|半)"
            "(?P<unit>个月|年)(?:之内|以内|内|时间))",
            # “十四五”时期, 十四五期间, “十四五”末
            f"(?P<fyp>{_QUOTE_OPEN}十(?P<fypn>[一二三四五六七八九])五{_QUOTE_CLOSE}"
            "(?P<fpart>规划期内|规划期末|时期内|期间内|时期|期间|末期|期末|末)?)",
            # 规划期内, 本规划期末 (the plan's own period)
            "(?P<plan>本?规划(?:期内|期末|期间|期))",
            f"(?P<ongoing>{_ONGOING})",
        ]
    )
)
_YEAR_CONTEXT_BEFORE = "到至于止"
_YEAR_CONTEXT_AFTER = ("完成", "实现", "达到", "建成", "基本", "全面")
_STARTS = ("起", "开始", "以来")
_UNTIL = ("至", "到", "—", "－", "-", "~", "～", "—至")
_BOUNDARY = set("，,。；;、：:（()）！!？? \t\r\n")
# What a 完成时限 cell may say around its one phrase.
_CELL_EDGE = " \t\r\n\u3000，,。；;、：:（()）"
_CELL_OPENS = re.compile("截至|截止到|截止|力争在|力争到|力争于|力争用|力争|到|至|于|在|用")
_CELL_CLOSES = ("基本完成", "全面完成", "完成", "实现", "见效", "到位")


def parse_due(
    text: str,
    *,
    issued: datetime.date | None = None,
    period: tuple[int, int] | None = None,
) -> DueParse | None:
    """The deadline a phrase states, when the whole (trimmed) text is one phrase."""
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    for found in _PHRASE.finditer(stripped):
        if found.start() == 0 and found.end() == len(stripped):
            return _read(found, issued, period, offset)
        break
    return None


def classify(
    text: str,
    *,
    issued: datetime.date | None = None,
    period: tuple[int, int] | None = None,
) -> DueParse | None:
    """What a whole 完成时限 cell states: one phrase, framed by at most 到…/…前完成.

    A cell with two deadlines (2022年启动，2023年底前完成) or words the grammar does not
    know is None: a person reads it.
    """
    # Trimmed from each end, not matched by one pattern: a lazy match around a long
    # run of spaces backtracks over it once per character.
    start = len(text) - len(text.lstrip(_CELL_EDGE))
    stop = len(text.rstrip(_CELL_EDGE))
    opens = _CELL_OPENS.match(text, start)
    start = opens.end() if opens else start
    closes = next((w for w in _CELL_CLOSES if text.endswith(w, start, stop)), "")
    stop -= len(closes)
    if start >= stop:
        return None
    found = parse_due(text[start:stop], issued=issued, period=period)
    if found is None:
        return None
    return msgspec.structs.replace(found, start=found.start + start, end=found.end + start)


def find_dues(
    text: str,
    *,
    issued: datetime.date | None = None,
    period: tuple[int, int] | None = None,
) -> list[DueParse]:
    """Every deadline phrase in a longer text, in order (see the module's rules)."""
    dues: list[DueParse] = []
    last_end = -1
    for found in _PHRASE.finditer(text):
        if not _reads_as_deadline(found, text, last_end):
            continue
        opened = dues[-1] if dues and dues[-1].kind == "by" else None
        if opened is not None and text[opened.end : found.start()] in _UNTIL:
            # 2019年1月1日至12月31日: one span, its end in the year it began.
            year = issued if opened.date is None else opened.date
            end = _read(found, year, period, 0)
            if end is not None and end.kind == "by":
                raw = text[opened.start : end.end]
                dues[-1] = DueParse(raw, "period", end.date, opened.start, end.end)
                last_end = end.end
                continue
        due = _read(found, issued, period, 0)
        if due is not None:
            dues.append(due)
            last_end = found.end()
    return dues


def _reads_as_deadline(found: re.Match[str], text: str, last_end: int) -> bool:
    start, end = found.span()
    before = text[start - 1] if start else ""
    if text.startswith(_STARTS, end):
        return False  # 从2019年1月1日起: when something begins, not when it is due
    if found.group("year") and not (found.group("yend") or found.group("ypre")):
        return before in tuple(_YEAR_CONTEXT_BEFORE) or text.startswith(_YEAR_CONTEXT_AFTER, end)
    if found.group("month") and not (
        found.group("myy") or found.group("myrel") or found.group("d")
    ):
        return bool(found.group("mpart") or found.group("mpre"))
    if found.group("fyp"):
        return bool(found.group("fpart"))
    if found.group("ongoing"):
        opens = start == 0 or before in _BOUNDARY or start == last_end
        return opens and (end == len(text) or text[end] in _BOUNDARY)
    return True


def _read(
    found: re.Match[str],
    issued: datetime.date | None,
    period: tuple[int, int] | None,
    offset: int,
) -> DueParse | None:
    kind: DueKind = "by"
    date: datetime.date | None
    try:
        if found.group("range"):
            kind, date = "period", _year_end(_number(found.group("r2")))
        elif found.group("month"):
            date = _month_date(found, _year_of(found, "my", issued))
        elif found.group("part"):
            date = _part_date(found, _year_of(found, "py", issued))
        elif found.group("year"):
            year = _year_of(found, "yy", issued)
            date = None if year is None else _year_end(year)
        elif found.group("thisyear"):
            date = None if issued is None else _year_end(issued.year)
        elif found.group("within"):
            kind, date = "within", _within(found, issued)
        elif found.group("fyp"):
            number = 10 + " 一二三四五六七八九".index(found.group("fypn"))
            kind, date = "period", _year_end(1985 + 5 * (number - 6))
        elif found.group("plan"):
            kind, date = "period", None if period is None else _year_end(period[1])
        else:
            kind, date = "ongoing", None
    except ValueError:  # 2022年2月30日, 13月: not a date
        return None
    start, end = found.span()
    return DueParse(found.group(), kind, date, start + offset, end + offset)


def _number(text: str) -> int:
    """A number written in digits (half or full width), 〇-digits (二〇二二) or a numeral."""
    if text.isdigit():
        return int(text)
    if text == "两":
        return 2
    if len(text) == 4 and all(ch in _CN for ch in text):
        return int("".join(_CN_DIGIT[ch] for ch in text))
    number = parse_numeral(text)
    if number is None:
        raise ValueError(text)
    return number


def _year_of(found: re.Match[str], group: str, issued: datetime.date | None) -> int | None:
    written = found.group(f"{group}y") if found.group(f"{group}y") else None
    if written is not None:
        return _number(written)
    if issued is None:
        return None
    return issued.year + (1 if found.group(f"{group}rel") in ("明", "次") else 0)


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def _month_date(found: re.Match[str], year: int | None) -> datetime.date | None:
    month = _number(found.group("m"))
    if not 1 <= month <= 12:
        raise ValueError(month)
    if year is None:
        return None
    last = calendar.monthrange(year, month)[1]
    if found.group("d"):
        return datetime.date(year, month, _number(found.group("d")))
    day = {"上旬": 10, "中旬": 20}.get(found.group("mpart") or "", last)
    return datetime.date(year, month, day)


def _part_date(found: re.Match[str], year: int | None) -> datetime.date | None:
    if found.group("q"):
        quarter = _number(found.group("q")) if found.group("q").isdigit() else None
        quarter = quarter or " 一二三四".index(found.group("q"))
        month = 3 * quarter
    else:
        month = 6 if found.group("half") == "上半年" else 12
    if year is None:
        return None
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _within(found: re.Match[str], issued: datetime.date | None) -> datetime.date | None:
    written = found.group("n")
    months = 6 if written == "半" else _number(written) * (12 if found.group("unit") == "年" else 1)
    if written == "半" and found.group("unit") != "年":
        raise ValueError(written)  # 半个月内: days, which no plan's deadline counts in
    if issued is None:
        return None
    year, month = divmod(issued.month - 1 + months, 12)
    year, month = issued.year + year, month + 1
    return datetime.date(year, month, min(issued.day, calendar.monthrange(year, month)[1]))
