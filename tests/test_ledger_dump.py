"""A period file is written as yaml.dump writes its records, byte for byte: the nodes
made directly (store.ledgerwrite.dump) quote, fold and order every value alike."""

from __future__ import annotations

import datetime
from pathlib import Path

import msgspec
import pytest
import yaml

from fenggong.model import Entry, Figure, Ledger, Status
from fenggong.store.ledgerwrite import _Dumper, _entry, dump
from tests.helpers import ROOT

AWKWARD = [
    *("", " x", "x ", "a: b", "- x", "yes", "on", "null", "~", "1.5", "123", "07", "0x1F"),
    *("2026-01-01", "#x", "a #b", "a\nb", "a\n", "'q'", '"', "é中", "\t", "a  b", "@x", "%x"),
    *("* x", "? x", ".inf", "\u2028", "\x85", "\ufeffx", "x" * 5000),
]


def _yaml_dump(ledger: Ledger) -> bytes:
    document = {"period": ledger.period, "entries": [_entry(e) for e in ledger.entries]}
    text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    return text.encode()


def test_awkward_text_numbers_and_dates_are_written_as_yaml_dump_writes_them() -> None:
    entries = tuple(
        Entry(
            task=index if index % 2 else f"plan-{index:03}:{index}",
            body=text or "市教委",
            status=list(Status)[index % len(Status)],
            progress=text or None,
            problems=text,
            figures=(Figure(1.5, "%"), Figure(10**14, "个", text or None), Figure(0.1 + 0.2, "x")),
            evidence=(text, "e"),
            reported=datetime.date(2026, 1, 2),
            reporter=text,
        )
        for index, text in enumerate(AWKWARD, start=1)
    )
    ledger = Ledger("2026-01", entries)
    assert dump(ledger) == _yaml_dump(ledger)


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "progress").glob("*.yaml")))
def test_the_example_ledger_is_written_as_yaml_dump_writes_it(path: Path) -> None:
    ledger = msgspec.convert(yaml.safe_load(path.read_text(encoding="utf-8")), Ledger)
    assert dump(ledger) == _yaml_dump(ledger)
