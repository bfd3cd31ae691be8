"""The column-table layout: a Document's table read into an Outline.

Documents are built here directly (the readers are tested apart): the official text dump
split into rows as its reader does, small tables of cells, and fenggong's own xlsx and
docx exports turned into Documents by a few lines of openpyxl and python-docx.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from fenggong.cli.app import app
from fenggong.importing.document import Cell, Document, Paragraph, Row, Table, Where
from fenggong.importing.layouts.header import header_of, normal
from fenggong.importing.layouts.table import TRUNCATED, UNSECTIONED, read_plans, read_table
from fenggong.importing.outline import Column, Heading, Outline
from tests.helpers import CATALOG, ROOT

DUMP = ROOT / "data" / "source" / "000_fa1586bf4b2f0390.txt"
HEADER = ("序号", "重点任务", "牵头部门", "配合部门")


# -- building documents ----------------------------------------------------------------


def dump_document(path: Path) -> Document:
    """The official text dump as the text reader gives it: lines before the table as
    paragraphs, then one table, a cell a line (the last, empty, cell lost its tab)."""
    file = path.name
    lines = path.read_text(encoding="utf-8").split("\n")
    paragraphs: list[Paragraph] = []
    rows: list[list[Cell]] = []
    current: list[Cell] | None = None
    for number, line in enumerate(lines, start=1):
        where = Where(file, line=number)
        if line.startswith("\t"):
            if current is None:
                current = []
                rows.append(current)
            current.append(Cell(line[1:], where))
        elif not line.strip():
            if current is not None and number == len(lines) and line:
                current.append(Cell("", where))
            current = None
        else:
            paragraphs.append(Paragraph(line.strip(), where))
    table_rows = tuple(Row(tuple(cells), cells[0].where) for cells in rows)
    return Document(file, "text", (*paragraphs, Table(table_rows, table_rows[0].where)))


def table(*rows: tuple[str, ...], number: int = 1) -> Table:
    """A Word-like table: rows of cell texts, each placed by table and row."""
    built = []
    for index, texts in enumerate(rows, start=1):
        where = Where("t.docx", table=number, row=index)
        built.append(Row(tuple(Cell(text, where) for text in texts), where))
    return Table(tuple(built), Where("t.docx", table=number))


def document(*blocks: Table | str, truncated: Where | None = None) -> Document:
    placed: list[Table | Paragraph] = []
    for index, block in enumerate(blocks, start=1):
        if isinstance(block, str):
            placed.append(Paragraph(block, Where("t.docx", paragraph=index)))
        else:
            placed.append(block)
    return Document("t.docx", "docx", tuple(placed), truncated=truncated)


def one(*blocks: Table | str, truncated: Where | None = None) -> Outline:
    outline = read_table(document(*blocks, truncated=truncated))
    assert outline is not None
    return outline


def xlsx_document(data: bytes) -> Document:
    """A workbook as the xlsx reader gives it: a table a visible sheet, a merged cell's
    text repeated over its range, numbers as text."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    tables = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        for merged in sheet.merged_cells.ranges:
            top = values[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    values[r - 1][c - 1] = top
        rows = []
        for r, row_values in enumerate(values, start=1):
            cells = tuple(
                Cell(
                    "" if v is None else str(v),
                    Where("a.xlsx", sheet=sheet.title, cell=f"{chr(64 + c)}{r}"),
                )
                for c, v in enumerate(row_values, start=1)
            )
            rows.append(Row(cells, Where("a.xlsx", sheet=sheet.title, cell=f"A{r}")))
        tables.append(Table(tuple(rows), Where("a.xlsx", sheet=sheet.title)))
    return Document("a.xlsx", "xlsx", tuple(tables))


def docx_document(data: bytes) -> Document:
    """A Word file as the docx reader gives it: paragraphs and tables in body order, a
    merged cell's text repeated (python-docx does so across and down)."""
    word = docx.Document(io.BytesIO(data))
    blocks: list[Table | Paragraph] = []
    paragraphs = iter(word.paragraphs)
    tables = iter(word.tables)
    for number, element in enumerate(word.element.body.iterchildren(), start=1):
        if element.tag.endswith("}p"):
            blocks.append(Paragraph(next(paragraphs).text, Where("a.docx", paragraph=number)))
        elif element.tag.endswith("}tbl"):
            grid = next(tables)
            index = len([b for b in blocks if isinstance(b, Table)]) + 1
            rows = []
            for r, row in enumerate(grid.rows, start=1):
                where = Where("a.docx", table=index, row=r)
                rows.append(Row(tuple(Cell(c.text, where) for c in row.cells), where))
            blocks.append(Table(tuple(rows), Where("a.docx", table=index)))
    return Document("a.docx", "docx", tuple(blocks))


def exported(runner: CliRunner, tmp_path: Path, kind: str, *options: str) -> bytes:
    out = tmp_path / f"a.{kind}"
    result = runner.invoke(app, ["export", kind, "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


# -- the official table ----------------------------------------------------------------


# The dump's cell of task 81 as written; the dataset splits it into 团市委 and 相关委办局.
DUMP_81 = "市财政局、市经济信息化委、市教委、市国资委、市总工会、团市委等相关委办局、各区"


def assert_is_the_dataset(outline: Outline, support_81: str | None = None) -> None:
    """Every task of data/tasks.yaml: number, section, topic, text, lead and support
    (task 81's support cell ``support_81`` where the source writes it otherwise)."""
    tasks = CATALOG.dataset.tasks
    assert [item.number for item in outline.items] == [str(t.id) for t in tasks]
    assert [item.text for item in outline.items] == [t.text for t in tasks]
    sections = [(s.numeral, s.title) for s in CATALOG.sections.values()]
    assert [(h.numeral, h.title) for h in outline.sections] == sections
    assert not any(h.made for h in (*outline.sections, *outline.topics))
    topics = [(t.numeral, t.title, t.section - 1) for t in CATALOG.topics.values()]
    assert [(h.numeral, h.title, h.section) for h in outline.topics] == topics
    for item, task in zip(outline.items, tasks, strict=True):
        assert item.topic == task.topic - 1
        roles = [(c.role, c.raw) for c in item.columns]
        expected = [("lead", "、".join(task.lead))]
        if task.support:
            support = support_81 if task.id == 81 and support_81 else "、".join(task.support)
            expected.append(("support", support))
        assert roles == expected, task.id
    assert outline.skipped == ()
    assert outline.truncated is None


def test_the_official_dump_gives_every_task_of_the_dataset() -> None:
    outline = read_table(dump_document(DUMP))
    assert outline is not None
    assert outline.layout == "table"
    assert outline.title == "《落实国家“十四五”职业技能培训规划的实施方案》分工表"
    assert outline.preamble == ("附件", outline.title)
    assert (len(outline.sections), len(outline.topics), len(outline.items)) == (9, 37, 111)
    assert_is_the_dataset(outline, DUMP_81)
    assert outline.notes == ()


def test_the_dump_places_each_piece_at_its_line() -> None:
    outline = read_table(dump_document(DUMP))
    assert outline is not None
    first = outline.items[0]
    assert first.where == Where(DUMP.name, line=14)
    assert first.columns == (
        Column("lead", "市人力资源社会保障局", Where(DUMP.name, line=15)),
        Column("support", "各区", Where(DUMP.name, line=16)),
    )
    assert outline.sections[0] == Heading("一", "目标任务", Where(DUMP.name, line=10))
    assert outline.topics[0].where == Where(DUMP.name, line=13)


def test_the_compound_cell_of_task_81_is_kept_raw() -> None:
    outline = read_table(dump_document(DUMP))
    assert outline is not None
    assert outline.items[80].columns[1].raw == DUMP_81


# -- fenggong's own exports read back --------------------------------------------------


@pytest.mark.slow
def test_an_xlsx_export_reads_back(runner: CliRunner, tmp_path: Path) -> None:
    document = xlsx_document(exported(runner, tmp_path, "xlsx"))
    outline = read_table(document)
    assert outline is not None
    assert outline.title == CATALOG.dataset.plan.title
    assert outline.preamble == (CATALOG.dataset.plan.title, CATALOG.dataset.plan.document_number)
    assert_is_the_dataset(outline)
    assert outline.items[0].where == Where("a.xlsx", sheet="分工表", cell="C5")
    # The goals and counts sheets have no task column: one plan only.
    assert len(read_plans(document)) == 1


def test_a_docx_export_reads_back(runner: CliRunner, tmp_path: Path) -> None:
    outline = read_table(docx_document(exported(runner, tmp_path, "docx")))
    assert outline is not None
    assert outline.title == CATALOG.dataset.plan.title
    assert_is_the_dataset(outline)
    assert outline.items[0].where == Where("a.docx", table=1, row=3)


def test_a_filtered_export_reads_back_its_tasks(runner: CliRunner, tmp_path: Path) -> None:
    outline = read_table(xlsx_document(exported(runner, tmp_path, "xlsx", "--section", "2")))
    assert outline is not None
    chosen = [str(t.id) for t in CATALOG.dataset.tasks if CATALOG.section_of(t).number == 2]
    assert [item.number for item in outline.items] == chosen
    assert [h.title for h in outline.sections] == ["优化终身职业技能培训体系"]


LIBRARY = ROOT / "examples" / "library"
# The example library's plans, by their tasks (its README lists them).
LIBRARY_TASKS = {"国发〔2018〕38号": 53, "国发〔2018〕39号": 15, "沪人社职〔2022〕256号": 111}


def counted(plans: tuple[Outline, ...]) -> dict[str, int]:
    """Each plan's items by the 文号 its title or preamble names."""
    found = {}
    for plan in plans:
        title = plan.title or ""
        said = title if "号" in title else " ".join(plan.preamble)
        (number,) = [n for n in LIBRARY_TASKS if n in said]
        found[number] = len(plan.items)
    return found


@pytest.mark.slow
def test_a_library_xlsx_gives_a_plan_per_sheet(runner: CliRunner, tmp_path: Path) -> None:
    data = exported(runner, tmp_path, "xlsx", "--data", str(LIBRARY))
    plans = read_plans(xlsx_document(data))
    assert counted(plans) == LIBRARY_TASKS
    first = read_table(xlsx_document(data))
    assert first is not None
    assert first.notes[-1].startswith("the document holds 3 plans; only the first, ")


@pytest.mark.slow
def test_a_library_docx_opens_each_plan_inside_one_table(runner: CliRunner, tmp_path: Path) -> None:
    plans = read_plans(docx_document(exported(runner, tmp_path, "docx", "--data", str(LIBRARY))))
    assert counted(plans) == LIBRARY_TASKS
    assert all(p.title and p.title.endswith("号）") for p in plans)
    hrss = next(p for p in plans if len(p.items) == 111)
    assert_is_the_dataset(hrss)


# -- small tables ----------------------------------------------------------------------

SECTION_ROW = ("一、目标任务",) * 4


@pytest.mark.parametrize(
    ("header", "kinds"),
    [
        (("序号", "重点任务", "牵头部门", "配合部门"), ("number", "task", "lead", "support")),
        (("序 号", "工作任务", "牵头单位", "配合单位"), ("number", "task", "lead", "support")),
        (("序\n号", "任务内容", "牵头单位", "协同单位"), ("number", "task", "lead", "support")),
        (("编号", "主要任务", "责任单位", "备注"), ("number", "task", "responsible", "ignored")),
        (("序号", "具体任务", "责任部门", "完成时限"), ("number", "task", "responsible", "due")),
        (("序号", "工作内容", "参与单位", "时间节点"), ("number", "task", "support", "due")),
        (("序号", "重点任务", "牵头部门", "完成时间（年月）"), ("number", "task", "lead", "due")),
        (("序号：", "重点任务", "责任领导", "牵头单位"), ("number", "task", "leaders", "lead")),
        (("板块", "专题", "重点任务", "牵头负责领导"), ("section", "topic", "task", "leaders")),
        (("序号", "重点任务", "重点任务", "牵头部门"), ("number", "topic", "task", "lead")),
        (("序号", "重点任务", "", "牵头部门"), ("number", "topic", "task", "lead")),
        (("ＳＥＱ", "重点任务", "牵头领导", "配合部门"), (None, "task", "leaders", "support")),
    ],
)
def test_header_names(header: tuple[str, ...], kinds: tuple[str | None, ...]) -> None:
    found = header_of(table(header).rows[0])
    assert found is not None
    assert found.kinds == kinds


@pytest.mark.parametrize(
    "header",
    [
        ("序号", "指标", "牵头部门", "配合部门"),  # the goals sheet: no task column
        ("部门", "类别", "牵头", "配合"),
        ("重点任务", "说明", "", ""),  # a task but no body or number
    ],
)
def test_not_a_header(header: tuple[str, ...]) -> None:
    assert header_of(table(header).rows[0]) is None
    assert read_table(document(table(header, ("1", "x", "y", "z")))) is None


def test_normal_header_text() -> None:
    assert normal(" 完成\u3000时限（年、月）：") == "完成时限"


def test_a_topic_cell_left_empty_or_repeated_continues_the_topic() -> None:
    outline = one(
        table(
            ("序号", "重点任务", "重点任务", "牵头部门"),
            SECTION_ROW,
            ("1", "（一）甲", "任务一", "市教委"),
            ("2", "", "任务二", "市教委"),
            ("3", "（一）甲", "任务三", "市教委"),
            ("4", "（二）乙", "任务四", "市教委"),
        )
    )
    assert [(t.numeral, t.title, t.section) for t in outline.topics] == [
        ("一", "甲", 0),
        ("二", "乙", 0),
    ]
    assert [item.topic for item in outline.items] == [0, 0, 0, 1]


def test_topic_rows_and_section_rows_of_one_cell() -> None:
    outline = one(
        table(
            ("序号", "重点任务", "牵头部门", "配合部门"),
            ("一、目标任务",),
            ("（一）甲", "", "", ""),
            ("1", "任务一", "市教委", ""),
            ("二、保障措施", "", "", ""),
            ("2", "任务二", "市教委", "各区"),
        )
    )
    assert [(h.numeral, h.title, h.made) for h in outline.sections] == [
        ("一", "目标任务", False),
        ("二", "保障措施", False),
    ]
    # The second section has no topic row: a topic of its title is made.
    assert [(h.title, h.section, h.made) for h in outline.topics] == [
        ("甲", 0, False),
        ("保障措施", 1, True),
    ]
    assert [c.role for c in outline.items[1].columns] == ["lead", "support"]


def test_section_and_topic_columns() -> None:
    outline = one(
        table(
            ("板块", "主题", "序号", "工作任务", "责任单位"),
            ("一、就业", "稳岗", "1", "任务一", "市人力资源社会保障局"),
            ("", "", "2", "任务二", "市财政局"),
            ("一、就业", "扩岗", "3", "任务三", "市财政局"),
            ("二、培训", "", "4", "任务四", "市教委"),
        )
    )
    assert [(h.numeral, h.title) for h in outline.sections] == [("一", "就业"), ("二", "培训")]
    assert [(h.numeral, h.title, h.section, h.made) for h in outline.topics] == [
        ("", "稳岗", 0, False),
        ("", "扩岗", 0, False),
        ("", "培训", 1, True),
    ]
    assert [item.topic for item in outline.items] == [0, 0, 1, 2]
    assert outline.items[0].columns[0].role == "responsible"


def test_no_sections_or_topics_gives_made_ones_titled_by_the_document() -> None:
    outline = one(
        "附件1",
        "某区落实某方案任务分工",
        table(("序号", "重点任务", "牵头单位"), ("1", "任务一", "区教育局")),
    )
    assert outline.title == "某区落实某方案任务分工"
    assert outline.preamble == ("附件1", "某区落实某方案任务分工")
    assert outline.sections == (
        Heading("", "某区落实某方案任务分工", Where("t.docx", table=1, row=2), made=True),
    )
    assert outline.topics[0].made and outline.topics[0].title == outline.sections[0].title
    untitled = one(table(("序号", "重点任务", "牵头单位"), ("1", "任务一", "区教育局")))
    assert untitled.title is None
    assert untitled.sections[0].title == UNSECTIONED


def test_a_table_split_across_pages_is_one_table() -> None:
    header = ("序号", "重点任务", "牵头部门")
    outline = one(
        "某方案分工",
        table(header, SECTION_ROW[:3], ("1", "任务一", "市教委")),
        "",
        table(header, ("2", "任务二", "市教委"), number=2),  # header repeated
        table(("3", "任务三", "市财政局"), ("二、保障", "二、保障", "二、保障"), number=3),
        table(("（一）甲", "（一）甲", "（一）甲"), ("4", "任务四", "市教委"), number=4),
    )
    assert [item.number for item in outline.items] == ["1", "2", "3", "4"]
    assert [h.title for h in outline.sections] == ["目标任务", "保障"]
    assert outline.items[2].where == Where("t.docx", table=3, row=1)
    assert outline.items[3].topic == 1 and outline.topics[1].title == "甲"


def test_an_unrelated_table_after_the_plan_is_not_read() -> None:
    outline = one(
        table(("序号", "重点任务", "牵头部门"), ("1", "任务一", "市教委")),
        table(("联系人", "电话", "邮箱", "地址"), ("张三", "1", "a@b", "x"), number=2),
        table(("量化目标",) * 3, ("1", "指标", "目标"), number=3),
    )
    assert [item.number for item in outline.items] == ["1"]


def test_a_missing_number_is_given_by_order_and_noted() -> None:
    outline = one(
        table(
            ("序号", "重点任务", "牵头部门"),
            ("1.", "任务一", "市教委"),
            ("", "任务二", "市教委"),
            ("（三）", "任务三", "市教委"),
        )
    )
    assert [item.number for item in outline.items] == ["1.", "2", "（三）"]
    assert outline.notes == ("t.docx table 1 row 3: no 序号; numbered 2 by its place",)
    without = one(table(("重点任务", "牵头部门"), ("任务一", "市教委"), ("任务二", "市教委")))
    assert [item.number for item in without.items] == ["1", "2"]
    assert without.notes == ("the table has no 序号 column: items are numbered in order",)


def test_due_and_leaders_columns() -> None:
    outline = one(
        table(
            ("序号", "重点任务", "牵头单位", "责任领导", "完成时限", "备注", "进展"),
            ("1", "任务一\n第二段", "区发改委", "张三、李四，王五", "2023年6月底前", "无", "x"),
            ("2", "任务二", "区财政局", "", "", "", ""),
        )
    )
    first, second = outline.items
    assert first.text == "任务一\n第二段"
    assert first.leaders == ("张三", "李四", "王五")
    assert first.due == "2023年6月底前"
    assert first.columns == (Column("lead", "区发改委", Where("t.docx", table=1, row=2)),)
    assert (second.leaders, second.due) == ((), None)
    assert outline.notes == ("column 进展 ignored: fenggong does not read it",)


ACROSS = "a row across the table that is neither a section nor a topic heading"


def test_an_empty_task_cell_is_skipped_with_its_reason() -> None:
    outline = one(
        table(
            ("序号", "工作任务", "牵头单位"),
            ("1", "任务一", "市教委"),
            ("2", "", "市教委"),
            ("注：本表由某局汇总",) * 3,
        )
    )
    assert [item.number for item in outline.items] == ["1"]
    assert [(s.text, s.reason) for s in outline.skipped] == [
        ("2 | 市教委", "the task cell (工作任务) is empty"),
        ("注：本表由某局汇总", ACROSS),
    ]


def test_a_lead_rule_stated_around_the_table_is_a_statement() -> None:
    outline = one(
        "某方案分工",
        table(("序号", "重点任务", "责任单位"), ("1", "任务一", "市教委、市财政局")),
        "注：列第一位者为牵头单位。",
    )
    assert [s.raw for s in outline.statements] == ["注：列第一位者为牵头单位。"]
    assert outline.statements[0].where == Where("t.docx", paragraph=3)


def test_a_short_last_row_is_truncated_in_text_only() -> None:
    rows = table(
        ("序号", "重点任务", "牵头部门", "配合部门"),
        ("1", "任务一", "市教委", "各区"),
        ("2", "任务二，写到一半"),
    )
    cut = read_table(Document("t.txt", "text", (rows,)))
    assert cut is not None
    assert [item.number for item in cut.items] == ["1"]
    assert cut.truncated == Where("t.docx", table=1, row=3)
    assert [(s.text, s.reason) for s in cut.skipped] == [("2 | 任务二，写到一半", TRUNCATED)]
    # A workbook or a Word table leaves trailing cells empty: the row is whole.
    whole = one(rows)
    assert [item.number for item in whole.items] == ["1", "2"]
    assert whole.truncated is None


def test_a_truncated_document_leaves_its_last_item_out() -> None:
    cut = Where("t.docx", table=1, row=3)
    outline = one(
        table(
            ("序号", "重点任务", "牵头部门"),
            ("1", "任务一", "市教委"),
            ("2", "任务二", "市教"),
        ),
        truncated=cut,
    )
    assert [item.number for item in outline.items] == ["1"]
    assert outline.truncated == cut
    assert [(s.text, s.reason) for s in outline.skipped] == [("任务二", TRUNCATED)]


def test_the_dump_cut_inside_a_row_is_truncated(tmp_path: Path) -> None:
    lines = DUMP.read_text(encoding="utf-8").split("\n")
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:20]), encoding="utf-8")  # inside task 2's row
    outline = read_table(dump_document(cut))
    assert outline is not None
    assert [item.number for item in outline.items] == ["1"]
    assert outline.truncated == Where("cut.txt", line=18)
    assert outline.skipped[0].reason == TRUNCATED


def test_no_table_no_outline() -> None:
    assert read_table(document("某方案", "一、总体要求")) is None
