"""The format registry and the pure renderers, on small hand-made documents."""

from __future__ import annotations

import msgspec
import pytest
from msgspec import UNSET, UnsetType
from rich.console import Console

from fenggong.render.document import (
    Bar,
    Card,
    Column,
    Document,
    Kind,
    Node,
    Status,
)
from fenggong.render.formats import RENDERERS, Format, Options, render


class Row(msgspec.Struct, frozen=True):
    id: int
    text: str
    lead: tuple[str, ...]
    quantity: float | None
    share: int
    note: str | UnsetType = UNSET


ROW = Row(1, "a|b\nc", ("甲", "乙"), 5_000_000, 3)
C = Column[Row]
COLUMNS = (
    C("id", "序号", get=lambda r: str(r.id)),
    C("text", "重点任务", wide=True),
    C("lead", "牵头部门", Kind.NAMES),
    C("quantity", "数量", Kind.NUMBER),
    C("share", "负荷", Kind.BAR, get=lambda r: Bar((r.share,), 3, 3)),
)
DOC = Document(columns=COLUMNS, rows=(ROW,), caption="共 1 项")


def _table(doc: Document, options: Options, width: int = 60, colour: bool = False) -> str:
    console = Console(
        width=width,
        record=True,
        color_system="standard" if colour else None,
        force_terminal=colour,
    )
    console.print(render(doc, Format.TABLE, options))
    return console.export_text(styles=colour)


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(Format)
    for fmt in Format:
        assert render(DOC, fmt) is not None


def test_json_and_jsonl_encode_the_rows_and_leave_unset_fields_out() -> None:
    assert render(DOC, Format.JSON) == (
        '[\n  {\n    "id": 1,\n    "text": "a|b\\nc",\n    "lead": [\n      "甲",\n      "乙"\n'
        '    ],\n    "quantity": 5000000,\n    "share": 3\n  }\n]\n'
    )
    assert render(DOC, Format.JSONL) == (
        '{"id": 1, "text": "a|b\\nc", "lead": ["甲", "乙"], "quantity": 5000000, "share": 3}\n'
    )


def test_a_payload_other_than_the_rows_is_what_machines_get() -> None:
    doc = Document(columns=COLUMNS, rows=(ROW,), payload=Row(2, "x", (), None, 0, note="n"))
    assert render(doc, Format.JSONL) == (
        '{"id": 2, "text": "x", "lead": [], "quantity": null, "share": 0, "note": "n"}\n'
    )


def test_yaml_keeps_order_and_unicode() -> None:
    doc = Document(columns=(), rows=(), payload={"部门": "市教委", "a": 1})
    assert render(doc, Format.YAML) == "部门: 市教委\na: 1\n"


def test_csv_has_machine_keys_raw_numbers_and_no_bar() -> None:
    assert render(DOC, Format.CSV) == 'id,text,lead,quantity\n1,"a|b\nc",甲、乙,5000000\n'


def test_audience_chooses_the_columns_of_each_format() -> None:
    columns = (
        C("id", "序号", get=lambda r: str(r.id)),
        C("people", "给人看", audience="people", get=lambda r: "P"),
        C("machines", "给机器", audience="machines", get=lambda r: "M"),
    )
    doc = Document(columns=columns, rows=(ROW,))
    assert render(doc, Format.CSV) == "id,machines\n1,M\n"
    assert render(doc, Format.MARKDOWN) == "| 序号 | 给人看 |\n|---|---|\n| 1 | P |\n"


def test_numbers_for_people_and_for_machines() -> None:
    quantity = C("q", "q", Kind.NUMBER)
    score = C("s", "s", Kind.NUMBER, places=2)
    assert (quantity.people_text(5_000_000), quantity.machine_text(5_000_000)) == (
        "5,000,000",
        "5000000",
    )
    assert (quantity.people_text(0.8), quantity.machine_text(0.8)) == ("0.8", "0.8")
    assert (quantity.people_text(None), quantity.machine_text(None)) == ("", "")
    assert (score.people_text(1234.5), score.machine_text(6.2834)) == ("1,234.50", "6.28")
    with pytest.raises(ValueError, match="for people only"):
        C("b", "b", Kind.BAR).machine_text(Bar((1,), 1, 1))


def test_a_bar_is_drawn_on_one_scale_with_a_floor() -> None:
    assert Bar((1,), 60, 24, least=1).draw() == "█"
    assert Bar((1,), 60, 24).draw() == ""
    assert Bar((0,), 60, 24, least=1).draw() == ""
    assert Bar((30, 15), 60, 8).draw() == "████░░"
    assert Bar((3,), 0, 8).draw() == ""


def test_markdown_escapes_pipes_and_newlines_and_joins_names() -> None:
    assert render(DOC, Format.MARKDOWN) == (
        "| 序号 | 重点任务 | 牵头部门 | 数量 | 负荷 |\n|---|---|---|---|---|\n"
        "| 1 | a\\|b<br>c | 甲、乙 | 5,000,000 | ███ |\n\n*共 1 项*\n"
    )


@pytest.mark.usefixtures("chinese")
def test_markdown_groups_cards_and_trees() -> None:
    one = (C("n", "n", get=lambda r: str(r.id)),)
    grouped = Document(
        columns=one, rows=(ROW, msgspec.structs.replace(ROW, id=2)), groups=("一", "二")
    )
    assert render(grouped, Format.MARKDOWN) == (
        "## 一\n\n| n |\n|---|\n| 1 |\n\n## 二\n\n| n |\n|---|\n| 2 |\n"
    )
    cards = Document(columns=(), rows=(), cards=(Card("任务 1", (("牵头", "甲"),)),))
    assert render(cards, Format.MARKDOWN) == "## 任务 1\n\n- **牵头**：甲\n"
    tree = Document(columns=(), rows=(), tree=Node("根", (Node("一", (Node("1"),)),)))
    assert render(tree, Format.MARKDOWN) == "- 一\n  - 1\n"


def test_table_shows_names_one_per_line_and_matches_described() -> None:
    class Match(msgspec.Struct, frozen=True):
        word: str

        def describe(self) -> str:
            return f"牵头·{self.word}"

    columns = (*COLUMNS[:3], C("match", "匹配", Kind.MATCH, get=lambda r: (Match("直接"),)))
    text = _table(Document(columns=columns, rows=(ROW,)), Options(plain=True))
    lines = text.splitlines()
    assert [line.split() for line in lines if "甲" in line or "乙" in line] == [
        ["1", "a|b", "甲", "牵头·直接"],
        ["c", "乙"],
    ]
    assert render(Document(columns=columns, rows=(ROW,)), Format.CSV) == (
        'id,text,lead,match\n1,"a|b\nc",甲、乙,牵头·直接\n'
    )


STATUS = Document(
    columns=(
        C("id", "序号", get=lambda r: str(r.id)),
        C("state", "状态", Kind.STATUS, get=lambda r: Status("逾期", "red")),
    ),
    rows=(ROW,),
)


def test_a_status_is_its_word_for_machines_and_in_plain_tables() -> None:
    assert render(STATUS, Format.CSV) == "id,state\n1,逾期\n"
    assert render(STATUS, Format.MARKDOWN) == "| 序号 | 状态 |\n|---|---|\n| 1 | 逾期 |\n"
    text = _table(STATUS, Options(plain=True))
    assert "逾期" in text and "●" not in text


def test_a_status_has_a_coloured_light_when_there_is_colour() -> None:
    text = _table(STATUS, Options(plain=False), colour=True)
    assert "\x1b[31m●\x1b[0m 逾期" in text


def test_data_in_titles_captions_cards_and_trees_cannot_drive_the_terminal() -> None:
    bell = "\x07"
    documents = [
        Document(columns=COLUMNS, rows=(ROW,), title=f"题{bell}", caption=f"注{bell}"),
        Document(columns=COLUMNS[:1], rows=(ROW,), title=f"题{bell}", caption=f"注{bell}"),
        Document(columns=(), rows=(), cards=(Card(f"卡{bell}", (("牵头", "甲"),)),), caption=bell),
        Document(columns=(), rows=(), tree=Node(f"根{bell}", (Node(f"枝{bell}"),))),
    ]
    for doc in documents:
        text = _table(doc, Options(plain=True), width=100)
        assert bell not in text
        assert "\\x07" in text


def test_table_is_a_rich_renderable() -> None:
    text = _table(DOC, Options(plain=True), width=40)
    assert "重点任务" in text and "a|b" in text and "共 1 项" in text


def test_one_json_writer_in_three_layouts() -> None:
    from fenggong.render.jsonout import dumps

    value = {"名": "市教委\x1b[31m", "n": [1, 0.8, None], "e": [], "t": ROW}
    assert dumps(value) == (
        '{"名":"市教委\\u001b[31m","n":[1,0.8,null],"e":[],'
        '"t":{"id":1,"text":"a|b\\nc","lead":["甲","乙"],"quantity":5000000,"share":3}}'
    )
    assert dumps(["甲", "乙"], indent=0) == '["甲", "乙"]'
    assert dumps({"a": [1], "b": {}}, indent=2) == '{\n  "a": [\n    1\n  ],\n  "b": {}\n}'


def test_the_two_csv_writers() -> None:
    from fenggong.render.csvout import excel_csv, machine_csv

    rows = [("=1+1", "a,b"), ("@x", "甲")]
    assert machine_csv(("k", "v"), rows) == 'k,v\n=1+1,"a,b"\n@x,甲\n'
    assert excel_csv(("k", "v"), rows) == ("\ufeffk,v\r\n'=1+1,\"a,b\"\r\n'@x,甲\r\n".encode())


def test_machine_csv_keeps_a_lone_carriage_return_inside_its_cell() -> None:
    import csv
    import io

    from fenggong.render.csvout import machine_csv

    written = machine_csv(("id", "text"), [("1", "a\rb"), ("2", "c\nd"), ("3", "e")])
    assert written == 'id,text\n"1","a\rb"\n2,"c\nd"\n3,e\n'
    assert list(csv.reader(io.StringIO(written, newline=""))) == [
        ["id", "text"],
        ["1", "a\rb"],
        ["2", "c\nd"],
        ["3", "e"],
    ]
