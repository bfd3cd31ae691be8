"""The format registry and the pure renderers, on small hand-made documents."""

from __future__ import annotations

from fenggong.render.document import Card, Document, Node
from fenggong.render.formats import RENDERERS, Format, Options, render

DOC = Document(
    payload=[{"id": 1, "text": "a|b"}],
    columns=("序号", "重点任务", "负荷"),
    keys=("id", "text", "bar"),
    rows=(("1", "a|b\nc", "███"),),
    caption="共 1 项",
    wide=(1,),
    decorative=(2,),
)


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(Format)
    for fmt in Format:
        assert render(DOC, fmt) is not None


def test_json_and_jsonl() -> None:
    assert render(DOC, Format.JSON) == '[\n  {\n    "id": 1,\n    "text": "a|b"\n  }\n]\n'
    assert render(DOC, Format.JSONL) == '{"id": 1, "text": "a|b"}\n'


def test_yaml_keeps_order_and_unicode() -> None:
    doc = Document(payload={"部门": "市教委", "a": 1}, columns=(), keys=(), rows=())
    assert render(doc, Format.YAML) == "部门: 市教委\na: 1\n"


def test_csv_uses_machine_keys_without_decoration() -> None:
    assert render(DOC, Format.CSV) == 'id,text\n1,"a|b\nc"\n'


def test_markdown_escapes_pipes_and_newlines() -> None:
    assert render(DOC, Format.MARKDOWN) == (
        "| 序号 | 重点任务 | 负荷 |\n|---|---|---|\n| 1 | a\\|b<br>c | ███ |\n\n*共 1 项*\n"
    )


def test_markdown_groups_cards_and_trees() -> None:
    grouped = Document(
        payload=[],
        columns=("n",),
        keys=("n",),
        rows=(("1",), ("2",)),
        groups=("一", "二"),
    )
    assert render(grouped, Format.MARKDOWN) == (
        "## 一\n\n| n |\n|---|\n| 1 |\n\n## 二\n\n| n |\n|---|\n| 2 |\n"
    )
    cards = Document(
        payload=[], columns=(), keys=(), rows=(), cards=(Card("任务 1", (("牵头", "甲"),)),)
    )
    assert render(cards, Format.MARKDOWN) == "## 任务 1\n\n- **牵头**：甲\n"
    tree = Document(
        payload=[], columns=(), keys=(), rows=(), tree=Node("根", (Node("一", (Node("1"),)),))
    )
    assert render(tree, Format.MARKDOWN) == "- 一\n  - 1\n"


def test_table_is_a_rich_renderable() -> None:
    from rich.console import Console

    console = Console(width=40, record=True, color_system=None)
    console.print(render(DOC, Format.TABLE, Options(plain=True)))
    text = console.export_text()
    assert "重点任务" in text and "a|b" in text and "共 1 项" in text


def test_the_two_csv_writers() -> None:
    from fenggong.render.csvout import excel_csv, machine_csv

    rows = [("=1+1", "a,b"), ("@x", "甲")]
    assert machine_csv(("k", "v"), rows) == 'k,v\n=1+1,"a,b"\n@x,甲\n'
    assert excel_csv(("k", "v"), rows) == ("\ufeffk,v\r\n'=1+1,\"a,b\"\r\n'@x,甲\r\n".encode())


def test_one_json_writer_in_three_layouts() -> None:
    import msgspec

    from fenggong.render.jsonout import dumps

    class Row(msgspec.Struct):
        id: int
        note: str | msgspec.UnsetType = msgspec.UNSET

    value = {"名": "市教委\x1b[31m", "n": [1, 0.8, None], "e": [], "t": Row(1)}
    assert dumps(value) == '{"名":"市教委\\u001b[31m","n":[1,0.8,null],"e":[],"t":{"id":1}}'
    assert dumps(["甲", "乙"], indent=0) == '["甲", "乙"]'
    assert dumps({"a": [1], "b": {}}, indent=2) == '{\n  "a": [\n    1\n  ],\n  "b": {}\n}'
