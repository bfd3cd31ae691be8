"""The small text pieces every output shares: names joined, numbers, a target in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Protocol

    class Goal(Protocol):
        """What ``target_text`` reads: a dataset Target, or a targets row."""

        @property
        def qualitative(self) -> bool: ...
        @property
        def value(self) -> int | float | None: ...
        @property
        def unit(self) -> str | None: ...
        @property
        def qualifier(self) -> tuple[str, ...]: ...


NONE = "—"


def join(names: Iterable[str]) -> str:
    """Department names as the table writes them: joined by 、."""
    return "、".join(names)


def number(value: float | None, places: int | None = None) -> str:
    """For people: grouped (5,000,000), no needless decimals (0.8)."""
    if value is None:
        return ""
    if places is not None:
        return f"{value:,.{places}f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}"


def plain_number(value: float | None, places: int | None = None) -> str:
    """For machines: no grouping, no exponent (5000000, 0.8)."""
    if value is None:
        return ""
    if places is not None:
        return f"{value:.{places}f}"
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def target_text(target: Goal) -> str:
    """``力争500万人次`` or ``（定性）``."""
    if target.qualitative:
        return "（定性）"
    amount = f"{number(target.value).replace(',', '')}{target.unit}"
    before = "".join(q for q in target.qualifier if q != "以上")
    after = "以上" if "以上" in target.qualifier else ""
    return before + amount + after
