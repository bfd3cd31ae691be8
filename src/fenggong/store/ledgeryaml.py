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
    return items([entry])[0]


def items(entries: Sequence[Entry]) -> list[bytes]:
    """Each report's lines, as ``yaml.dump`` of the list of them writes each: the events
    yaml.dump's representer and serializer would make, made here and emitted by libyaml
    (a collect of 1,000 reports spent 70 ms in PyYAML's own Python, 15 ms so), cut where
    each item begins, at a line opening with "- " (every other line of an item is
    indented). tests/test_ledgersplice.py holds them to yaml.dump's bytes."""
    if not entries:
        return []
    events: list[Any] = [
        yaml.StreamStartEvent(),
        yaml.DocumentStartEvent(explicit=False),
        yaml.SequenceStartEvent(None, None, True, flow_style=False),
    ]
    for entry in entries:
        _report(entry, events)
    events += [
        yaml.SequenceEndEvent(),
        yaml.DocumentEndEvent(explicit=False),
        yaml.StreamEndEvent(),
    ]
    text = yaml.emit(events, Dumper=_BASE, allow_unicode=True, width=4096).encode()
    cuts = [0]
    at = text.find(b"\n- ")
    while at >= 0:
        cuts.append(at + 1)
        at = text.find(b"\n- ", at + 1)
    if len(cuts) != len(entries):  # not as expected: each on its own
        return [_yaml([_entry(entry)]) for entry in entries]
    return [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


_STR = "tag:yaml.org,2002:str"


class _Representer(yaml.representer.SafeRepresenter):
    """yaml.dump's representer, aliases aside (as _Dumper)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_REPRESENTER = _Representer(default_style=None, default_flow_style=False, sort_keys=False)
_RESOLVE: Any = yaml.resolver.Resolver().resolve


def _report(entry: Entry, events: list[Any]) -> None:
    """The events of one report, as ``_events`` makes them of ``_entry(entry)``: made
    from the record itself, without the mapping in between (a form of 2,900 reports)."""
    add = events.append
    add(_MAPPING_START)
    add(_KEYS["task"])
    add(_scalar(entry.task))
    add(_KEYS["body"])
    add(_scalar(entry.body))
    add(_KEYS["status"])
    add(_scalar(str(entry.status)))
    for name, value in (
        ("progress", entry.progress),
        ("problems", entry.problems),
        ("next", entry.next),
    ):
        if value is not None:
            add(_KEYS[name])
            add(_scalar(value))
    if entry.figures:
        add(_KEYS["figures"])
        _events([_figure(f) for f in entry.figures], events)
    if entry.evidence:
        add(_KEYS["evidence"])
        _events(list(entry.evidence), events)
    if entry.reported is not None:
        add(_KEYS["reported"])
        add(_scalar(entry.reported))
    if entry.reporter is not None:
        add(_KEYS["reporter"])
        add(_scalar(entry.reporter))
    add(_MAPPING_END)


def _events(data: Any, events: list[Any]) -> None:
    """The events yaml.dump's serializer emits for ``data`` (mappings, lists, scalars)."""
    if isinstance(data, dict):
        events.append(_MAPPING_START)
        for key, value in data.items():
            events.append(_KEYS.get(key) or _scalar(key))
            if isinstance(value, dict | list):
                _events(value, events)
            else:
                events.append(_scalar(value))
        events.append(_MAPPING_END)
    elif isinstance(data, list):
        events.append(_SEQUENCE_START)
        for value in data:
            _events(value, events)
        events.append(_SEQUENCE_END)
    else:
        events.append(_scalar(data))


def _scalar(data: Any) -> Any:
    """A scalar's event; one made before for the same value is given again (the emitter
    only reads it): bodies, statuses, dates and keys come back report after report."""
    known = _SCALARS.get((type(data), data))
    if known is not None:
        return known
    if type(data) is str:
        tag, value, style = _STR, data, None
    else:
        node: Any = _REPRESENTER.represent_data(data)
        tag, value, style = node.tag, node.value, node.style
    # As the serializer: plain when the value resolves to its own tag, else quoted.
    detected = _RESOLVE(yaml.ScalarNode, value, (True, False))
    default = _RESOLVE(yaml.ScalarNode, value, (False, True))
    event = yaml.ScalarEvent(None, tag, (tag == detected, tag == default), value, style=style)
    # Not a float: 0.0 and -0.0 are equal keys, and written apart.
    if len(_SCALARS) < 100_000 and type(data) is not float:
        _SCALARS[(type(data), data)] = event
    return event


_SCALARS: dict[tuple[type, Any], Any] = {}
# The events every report opens, closes and keys its fields with: made once.
_MAPPING_START = yaml.MappingStartEvent(None, None, True, flow_style=False)
_MAPPING_END = yaml.MappingEndEvent()
_SEQUENCE_START = yaml.SequenceStartEvent(None, None, True, flow_style=False)
_SEQUENCE_END = yaml.SequenceEndEvent()
_KEYS = {
    key: _scalar(key)
    for key in (
        *("task", "body", "status", "progress", "problems", "next", "figures", "evidence"),
        *("reported", "reporter", "value", "unit", "target"),
    )
}


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
