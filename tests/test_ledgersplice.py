"""A period file rewritten in place: the changed reports written anew, every other byte kept."""

from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fenggong.model import Entry, Figure, Ledger, Status
from fenggong.store.ledgerpack import Reports, pack, repack
from fenggong.store.ledgersplice import Layout, block, find, splice, trailer
from fenggong.store.ledgeryaml import dump, item, items, render

PERIOD = "2026-Q1"
TEXTS = [
    "按计划推进",
    "- 不是一项",
    "a: b",
    "'引号'",
    '"双引号"',
    "#号",
    "多行\n第二行",
    "  前后空格 ",
    "R&D",
]


def _entry(task: int | str, body: str = "市教委", text: str | None = "按计划推进") -> Entry:
    return Entry(task=task, body=body, status=Status.IN_PROGRESS, progress=text)


def _ledger(*entries: Entry) -> Ledger:
    return Ledger(PERIOD, tuple(entries))


def test_dump_is_yaml_dump_of_the_ledger() -> None:
    entries = [_entry(1), _entry(2, text=TEXTS[6]), _entry(3, text=None)]
    document = {
        "period": PERIOD,
        "entries": [
            {"task": 1, "body": "市教委", "status": "in_progress", "progress": "按计划推进"},
            {"task": 2, "body": "市教委", "status": "in_progress", "progress": TEXTS[6]},
            {"task": 3, "body": "市教委", "status": "in_progress"},
        ],
    }
    expected = yaml.dump(document, allow_unicode=True, sort_keys=False, width=4096)
    assert dump(_ledger(*entries)) == expected.encode()
    assert dump(_ledger()) == b"period: 2026-Q1\nentries: []\n"


def test_find_gives_the_starts_render_wrote() -> None:
    entries = [_entry(1), _entry(2, text=TEXTS[6]), _entry(3, "浦东新区")]
    data, starts = render(PERIOD, entries)
    layout = find(data)
    assert layout == Layout(tuple(starts), len(data))
    assert [block(data, layout, i) for i in range(3)] == [item(e) for e in entries]


def test_comments_and_a_key_after_the_entries_are_kept() -> None:
    data = (
        b"# head\nentries:\n- task: 1\n  body: x\n  status: done\n"
        b"# a note on task 1\n- task: 2\n  body: y\n  status: done\nperiod: 2026-Q1\n"
    )
    layout = find(data)
    assert layout is not None
    assert block(data, layout, 0).endswith(b"# a note on task 1\n")
    new, after = splice(data, layout, {1: b"- task: 2\n  body: y\n  status: delayed\n"}, [])
    assert new == data.replace(b"status: done\nperiod", b"status: delayed\nperiod")
    assert after == find(new)


@pytest.mark.parametrize(
    "data",
    [
        b"period: 2026-Q1\nentries: [{task: 1, body: x, status: done}]\n",  # flow
        b"period: 2026-Q1\nentries:\n  - task: 1\n    body: x\n    status: done\n",  # indented
        b"period: 2026-Q1\nentries:\n- &a {task: 1, body: x, status: done}\n- *a\n",  # alias
        b"period: 2026-Q1\nentries:\n- task: 1\n  progress: \xe2\x80\xa8\n",  # U+2028
        b"period: 2026-Q1\r\nentries:\r- task: 1\r",  # CR line ends
        b"period: 2026-Q1\nentries: []\n",
        b"period: 2026-Q1\nentries: 3\n",
        b"- a\n- b\n",  # no mapping
        b"period: [\n",  # no YAML
    ],
)
def test_find_refuses_what_it_cannot_splice(data: bytes) -> None:
    assert find(data) is None


entries_strategy = st.lists(
    st.builds(
        _entry,
        st.integers(1, 111),
        st.sampled_from(["市教委", "浦东新区", "市财政局"]),
        st.sampled_from([*TEXTS, None]),
    ),
    min_size=1,
    max_size=8,
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(entries_strategy, st.data())
def test_a_splice_is_the_dump_of_the_changed_ledger(
    before: list[Entry], data: st.DataObject
) -> None:
    old, _starts = render(PERIOD, before)
    layout = find(old)
    assert layout is not None
    indexes = data.draw(st.sets(st.integers(0, len(before) - 1)))
    replaced = {
        i: _entry(before[i].task, before[i].body, data.draw(st.sampled_from(TEXTS)))
        for i in indexes
    }
    added = data.draw(st.lists(st.builds(_entry, st.integers(1, 111)), max_size=4))
    after = [replaced.get(i, e) for i, e in enumerate(before)] + added
    new, new_layout = splice(
        old, layout, {i: item(e) for i, e in replaced.items()}, [item(e) for e in added]
    )
    assert new == dump(_ledger(*after))
    assert new_layout == find(new)
    # The tables keep a replaced text: the reports and their keys are the whole file's.
    repacked = repack(pack(_ledger(*before), str), replaced, added, str, new_layout)
    fresh = pack(_ledger(*after), str, layout=new_layout)
    assert (repacked.ledger(), repacked.keys(), repacked.layout) == (
        fresh.ledger(),
        fresh.keys(),
        fresh.layout,
    )


def test_a_file_ending_without_a_line_break_gets_one_before_an_added_report() -> None:
    data = b"period: x\nentries:\n- task: 1\n  status: done"
    layout = find(data)
    assert layout == Layout((19,), len(data))
    new, after = splice(data, layout, {}, [b"- task: 2\n"])
    assert new == data + b"\n- task: 2\n"
    assert after == find(new) == Layout((19, len(data) + 1), len(new))


def test_repack_replaces_figures_and_evidence() -> None:
    figure = Figure(value=3, unit="所")
    first = Entry(task=1, body="市教委", status=Status.DONE, figures=(figure,), evidence=("a",))
    second = Entry(task=2, body="市教委", status=Status.DONE, reported=datetime.date(2026, 1, 2))
    packed = pack(_ledger(first, second), str)
    plain = Entry(task=1, body="市教委", status=Status.DELAYED, problems="慢")
    new = repack(packed, {0: plain}, [first], str, None)
    assert new.ledger().entries == (plain, second, first)
    assert new == pack(_ledger(plain, second, first), str)


def test_reports_are_read_when_asked_for() -> None:
    entries = (_entry(1), _entry(2, "浦东新区"))
    reports = Reports(pack(_ledger(*entries), lambda task: f"k:{task}"))
    assert len(reports) == 2
    assert (reports[0], reports[-1]) == entries
    assert list(reports) == list(entries)
    assert reports[1:] == [entries[1]]
    assert [reports.key(0), reports.key(1)] == [("k:1", "市教委"), ("k:2", "浦东新区")]
    assert reports.rows_by_key({"浦东新区", "市残联"}) == {("k:2", "浦东新区"): 1}
    assert reports.rows_by_key(["市教委", "浦东新区"]) == {
        ("k:1", "市教委"): 0,
        ("k:2", "浦东新区"): 1,
    }
    assert (reports.count({"市教委"}), reports.count({"市残联"})) == (1, 0)
    with pytest.raises(IndexError):
        reports[2]
    with pytest.raises(IndexError):
        reports.key(2)
    empty = Reports(None)
    assert (len(empty), empty.rows_by_key({"市教委"}), list(empty)) == (0, {}, [])


def test_a_crlf_file_is_found_and_spliced_in_crlf() -> None:
    lf, _starts = render(PERIOD, [_entry(1), _entry(2)])
    data = lf.replace(b"\n", b"\r\n")
    layout = find(data)
    assert layout is not None
    added = item(_entry(3)).replace(b"\n", b"\r\n")
    new, after = splice(data, layout, {}, [added], b"\r\n")
    assert new == dump(_ledger(_entry(1), _entry(2), _entry(3))).replace(b"\n", b"\r\n")
    assert after == find(new)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (b"- task: 1\n  status: done\n", b""),
        (b"- task: 1\n  status: done\n# note\n\n", b"# note\n\n"),
        (b"- task: 1\n  # inside\n  status: done\n  # after\n", b"  # after\n"),
        (b"- task: 1\n  status: done\n# no line end", b"# no line end"),
        (b"- # only a comment\n", b""),
    ],
)
def test_the_trailer_is_the_comment_and_blank_lines_a_report_ends_with(
    text: bytes, kept: bytes
) -> None:
    assert trailer(text) == kept


FIGURES = st.builds(
    Figure,
    st.one_of(
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True, allow_infinity=True),
    ),
    st.sampled_from(["万人次", "所", "%", "家"]),
    st.sampled_from([None, "示范性培养基地", "yes", "1.5", "null"]),
)
TEXT = st.one_of(
    st.sampled_from(["yes", "no", "null", "~", "1e3", "0x1F", "2026-01-01", "- a", "a: b", "#c"]),
    st.text(max_size=40),
)
ANY_ENTRY = st.builds(
    Entry,
    task=st.one_of(st.integers(1, 10**6), st.sampled_from(["plan-001:47", "a:1", "47"])),
    body=st.sampled_from(["市教委", "浦东新区", "yes"]),
    status=st.sampled_from(list(Status)),
    progress=st.one_of(st.none(), TEXT),
    problems=st.one_of(st.none(), TEXT),
    next=st.one_of(st.none(), TEXT),
    figures=st.lists(FIGURES, max_size=2).map(tuple),
    evidence=st.lists(TEXT, max_size=2).map(tuple),
    reported=st.one_of(st.none(), st.dates()),
    reporter=st.one_of(st.none(), TEXT),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_ENTRY, min_size=1, max_size=6))
def test_items_are_what_yaml_dump_writes_of_each_report(entries: list[Entry]) -> None:
    assert items(entries) == _dumped(entries)


def _dumped(entries: list[Entry]) -> list[bytes]:
    """What yaml.dump writes of each report alone, as a list of one."""
    from fenggong.store.ledgeryaml import _entry as written

    return [
        yaml.dump(
            [written(e)], Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=4096
        ).encode()
        for e in entries
    ]


def test_values_equal_in_python_are_written_each_as_it_is() -> None:
    """0.0 and -0.0, 1 and True, 1 and 1.0 are equal keys of a dict; each is written
    as yaml.dump writes it, whichever came first."""
    entries = [
        Entry(task=1, body="市教委", status=Status.DONE, figures=(Figure(v, "%", None),))
        for v in (0.0, -0.0, 1, 1.0, 0, -0.0)
    ]
    expected = _dumped(entries)
    assert items(entries) == expected
    assert b"value: -0.0" in expected[1]


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The dumper the period files were written with (libyaml's emitter writes a
    character beyond the BMP escaped, PyYAML's own as it is)."""

    def ignore_aliases(self, data: object) -> bool:
        return True
