"""The day a command of the 台账 judges on: --as-of, or today (one clock, which a test sets)."""

import datetime
import unicodedata

from fenggong.errors import UsageError
from fenggong.messages import _


def today() -> datetime.date:
    """Today, as every command of the 台账 takes it: one clock, which a test may set."""
    return datetime.date.today()


def as_of_day(typed: str | None) -> datetime.date:
    """The day of --as-of, or today."""
    if typed is None:
        return today()
    try:
        # As a form's 填报日期 is read: 2026/3/31 and 2026.03.31 are days too.
        text = unicodedata.normalize("NFKC", typed).strip().replace("/", "-").replace(".", "-")
        parts = text.split("-")
        if len(parts) == 3 and all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
            return datetime.date(*map(int, parts))
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            _("--as-of {date} is not a date").format(date=typed),
            hint=_("write it YYYY-MM-DD: --as-of 2026-03-31"),
        ) from None
