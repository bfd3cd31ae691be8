"""The small text pieces every output shares: names joined, numbers, a target in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fenggong.messages import _, ngettext

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


def plans_and_tasks(plans: int, tasks: int) -> str:
    """A library's size in words: "2 plans, 111 tasks" (and "1 plan, 1 task")."""
    return _(", ").join(
        (
            ngettext("{count} plan", "{count} plans", plans).format(count=plans),
            ngettext("{count} task", "{count} tasks", tasks).format(count=tasks),
        )
    )


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


def exact(value: float) -> str:
    """A number as it was reported, every digit kept (1,234,567.5, not 1.23457e+06), grouped
    and never in exponent form."""
    if float(value).is_integer() and abs(value) < 1 << 53:
        return f"{int(value):,}"
    from decimal import Decimal

    return f"{Decimal(repr(value)):,f}"


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


# What markdown reads as markup inside a line: emphasis, code, links and images, tables,
# and (escaped as HTML, which GitHub and wikis render) tags and entities.
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"})


def markdown(text: str, breaks: str = " ") -> str:
    """``text`` as literal markdown: shown as written, never markup, HTML or a new block.

    Controls are shown as escapes; ``<``, ``>`` and ``&`` become entities, so ``<script>``
    or ``<!--`` stays text in a wiki that renders HTML; markdown's punctuation is escaped
    with a backslash; a line break becomes ``breaks`` (``<br>`` in a table cell), so a
    name holding ``\\n\\n## …`` cannot start a heading of its own.
    """
    from fenggong.names import visible

    safe = visible(text.replace("\r\n", "\n")).translate(_MARKDOWN)  # a lone \r shows
    safe = safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return safe.replace("\n", breaks)
