"""The message catalogue: every sentence a person reads, in English or 简体中文."""

from __future__ import annotations


def _(message: str) -> str:
    """The message in the reader's language; the English text is the key.

    Write placeholders as `{name}` and fill them after translation:
    `_("task {id} not found").format(id=...)`, so a translation can move them.
    """
    return message
