"""What the shell tells on stderr about how typed names were read: lists and guesses."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from fenggong.cli import console
from fenggong.messages import _, listed
from fenggong.names import one_line

if TYPE_CHECKING:
    from fenggong.resolve import Reading, Via


def _via(via: Via) -> str:
    from fenggong.resolve import Via

    return {Via.PINYIN: _("pinyin"), Via.TRADITIONAL: _("traditional script")}.get(via, str(via))


def notes(readings: Iterable[Reading]) -> list[str]:
    """One line per pasted list and per name found by a guess, each said once."""
    lines: list[str] = []
    for reading in readings:
        if reading.is_list:
            lines.append(
                _("read {typed} as {count} names: {names}").format(
                    typed=reading.typed,
                    count=len(reading.names),
                    names=listed([r.typed for r in reading.names]),
                )
            )
        lines += [
            _("{typed} → {name} ({via})").format(typed=r.typed, name=r.name, via=_via(r.via))
            for r in reading.names
            if r.via.guessed
        ]
    return list(dict.fromkeys(lines))


def tell(readings: Iterable[Reading]) -> None:
    """Write the notes on stderr, whatever the format: stdout stays data."""
    for line in notes(readings):
        console.err(one_line(line))
