"""A period file's YAML: the ledger as ``yaml.dump`` writes it, report by report.

Written one report at a time, it is known where each report's lines stand in the file
(store.ledgersplice replaces a report's lines, and adds new ones, by those places).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from fenggong.model import Entry, Figure, Ledger


def dump(ledger: Ledger) -> bytes:
    """A ledger as YAML: fields in the records' order, empty ones left out."""
    return render(ledger.period, ledger.entries)[0]


def render(period: str, entries: Sequence[Entry]) -> tuple[bytes, list[int]]:
    """A period file's YAML, as ``yaml.dump`` writes the ledger, and where each report's
    lines start in it: written report by report, it is known where each one stands."""
    head = _yaml({"period": period})
    if not entries:
        return head + _yaml({"entries": []}), []
    starts: list[int] = []
    parts = [head, b"entries:\n"]
    at = len(head) + len(parts[1])
    for text in items(entries):
        starts.append(at)
        parts.append(text)
        at += len(text)
    return b"".join(parts), starts


def item(entry: Entry) -> bytes:
    """One report's lines, as ``dump`` writes it among the entries."""
    return _yaml([_entry(entry)])


def items(entries: Sequence[Entry]) -> list[bytes]:
    """Each report's lines, as ``item`` writes it: the reports dumped as one list (a
    dump costs as much to set up as to write a report), cut where each item begins, at a
    line opening with "- " (every other line of an item is indented)."""
    if not entries:
        return []
    text = _yaml([_entry(entry) for entry in entries])
    cuts = [0]
    at = text.find(b"\n- ")
    while at >= 0:
        cuts.append(at + 1)
        at = text.find(b"\n- ", at + 1)
    if len(cuts) != len(entries):  # not as expected: each on its own
        return [item(entry) for entry in entries]
    return [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def _yaml(data: Any) -> bytes:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return text.encode()


# libyaml's emitter when PyYAML has it (five times faster, the same bytes).
_BASE: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE):  # type: ignore[misc]
    """Every value written out where it stands: a date two reports share is no anchor."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _entry(entry: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {"task": entry.task, "body": entry.body, "status": str(entry.status)}
    for name in ("progress", "problems", "next"):
        value = getattr(entry, name)
        if value is not None:
            out[name] = value
    if entry.figures:
        out["figures"] = [_figure(f) for f in entry.figures]
    if entry.evidence:
        out["evidence"] = list(entry.evidence)
    if entry.reported is not None:
        out["reported"] = entry.reported
    if entry.reporter is not None:
        out["reporter"] = entry.reporter
    return out


def _figure(figure: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {"value": figure.value, "unit": figure.unit}
    if figure.target is not None:
        out["target"] = figure.target
    return out
