"""The message catalogue: every sentence a person reads, in English or 简体中文."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from gettext import GNUTranslations

Language = Literal["en", "zh"]
ENGLISH: Language = "en"
CHINESE: Language = "zh"

# The catalogue's domain, and where the build compiles it (`hatch_build.py`): beside its
# `.po` source, in the wheel and in the working copy an editable install runs from.
DOMAIN = "fenggong"
LOCALES = Path(__file__).parent / "locale"
_FOLDERS: dict[Language, str] = {CHINESE: "zh_CN"}

_forced: Language | None = None
_loaded: dict[Language, GNUTranslations | None] = {}


def language() -> Language:
    """The reader's language: FENGGONG_LANG if set, else the locale, as POSIX orders it.

    Read at each call, not once, so that whoever changes the environment (a test, a
    caller embedding the command line) is answered in the language it asked for.
    """
    if _forced is not None:
        return _forced
    environ = os.environ
    chosen = environ.get("FENGGONG_LANG") or (
        environ.get("LC_ALL") or environ.get("LC_MESSAGES") or environ.get("LANG") or ""
    )
    return CHINESE if chosen.lower().startswith("zh") else ENGLISH


@contextmanager
def speaking(chosen: Language) -> Iterator[None]:
    """Within the block, every message is in ``chosen`` whatever the locale (exports)."""
    global _forced
    before, _forced = _forced, chosen
    try:
        yield
    finally:
        _forced = before


def _catalogue(chosen: Language) -> GNUTranslations | None:
    if chosen not in _loaded:
        from gettext import GNUTranslations

        path = LOCALES / _FOLDERS[chosen] / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with path.open("rb") as file:
                _loaded[chosen] = GNUTranslations(file)
        except OSError:
            # A working copy never built (no `pip install -e .` yet) speaks English.
            _loaded[chosen] = None
    return _loaded[chosen]


def _(message: str) -> str:
    """The message in the reader's language; the English text is the key.

    Write placeholders as `{name}` and fill them after translation:
    `_("task {id} not found").format(id=...)`, so a translation can move them.
    English needs no catalogue, so none is loaded.
    """
    chosen = language()
    if chosen == ENGLISH:
        return message
    catalogue = _catalogue(chosen)
    return message if catalogue is None else catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The message for ``count`` things in the reader's language: English picks
    ``singular`` for exactly one and ``plural`` otherwise (0 tasks, 1 task, 2 tasks);
    Chinese, which has one form, reads it from the catalogue.

    Fill it as `_()`: `ngettext("{count} task", "{count} tasks", n).format(count=n)`.
    A sentence with two counts is a `_()` frame around two such pieces, so that each
    noun agrees with its own number.
    """
    chosen = language()
    catalogue = None if chosen == ENGLISH else _catalogue(chosen)
    if catalogue is None:
        return singular if count == 1 else plural
    return catalogue.ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for it, which extractors know)
    """A message marked for the catalogue but translated later, where it is shown.

    For text fixed when a module is imported (a column's label, a command's help): the
    language is known only when it is read.
    """
    return message


def listed(items: Sequence[str]) -> str:
    """Items named in a sentence: "A, B, C" in English, "A、B、C" in Chinese."""
    joined = ""
    for item in items:
        joined = _("{first}, {second}").format(first=joined, second=item) if joined else item
    return joined


def either(items: Sequence[str]) -> str:
    """Alternatives named in a sentence: "A, B or C" in English, "A、B或C" in Chinese."""
    if len(items) < 2:
        return "".join(items)
    return _("{first} or {second}").format(first=listed(items[:-1]), second=items[-1])
