"""The numbered-prose layout: fixtures of each layout family read into exact outlines,
and the three published national documents, when ../shared/import-samples is present."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest

from fenggong.importing.document import Document, Paragraph, Where
from fenggong.importing.duties import parse_duty
from fenggong.importing.layouts import prose_lines
from fenggong.importing.layouts.prose import read_prose
from fenggong.importing.outline import Outline
from tests.helpers import FIXTURES, ROOT

PROSE = FIXTURES / "import" / "prose"
SAMPLES = ROOT.parent / "shared" / "import-samples"


def split(path: Path) -> Document:
    """A text read as the text reader will: one non-blank line, one paragraph."""
    lines = path.read_text(encoding="utf-8").splitlines()
    paragraphs = [
        Paragraph(line, Where(path.name, line=number))
        for number, line in enumerate(lines, 1)
        if line.strip()
    ]
    return Document(path.name, "text", tuple(paragraphs))


def shape(outline: Outline) -> dict[str, object]:
    """An outline as plain values, each piece with its source line."""
    return {
        "title": outline.title,
        "sections": [(h.numeral, h.title, h.where.line, h.made) for h in outline.sections],
        "topics": [(h.section, h.numeral, h.title, h.where.line, h.made) for h in outline.topics],
        "items": [
            (
                i.topic,
                i.number,
                i.text,
                i.where.line,
                [(c.raw, c.where.line, c.shared) for c in i.clauses],
                i.leaders,
                i.due,
            )
            for i in outline.items
        ],
        "skipped": [(s.text, s.reason, s.where.line) for s in outline.skipped],
        "statements": [(c.raw, c.where.line) for c in outline.statements],
        "truncated": outline.truncated.line if outline.truncated else None,
    }


EXPECTED: dict[str, dict[str, object]] = {
    "b-labelled": {
        "title": "《2023年人才工作要点》任务分工",
        "sections": [
            ("一、", "深化人才发展体制机制改革", 3, False),
            ("二、", "优化人才服务", 11, False),
        ],
        "topics": [(0, "", "深化人才发展体制机制改革", 4, True), (1, "", "优化人才服务", 12, True)],
        "items": [
            (
                0,
                "1.",
                "完善人才评价体系，推进分类评价。",
                4,
                [
                    ("牵头单位：市委组织部", 5, False),
                    ("协同责任单位：市人力资源社会保障局、市科技局", 6, False),
                ],
                ("金力",),
                "2023年12月底前",
            ),
            (0, "2.", "加快建设高水平人才高地。", 9, [("责任单位：市科技局", 10, False)], (), None),
            (
                1,
                "3.",
                "建设人才公寓，解决青年人才住房困难。",
                12,
                [("牵头单位：市住房城乡建设管理委", 13, False)],
                (),
                "长期坚持",
            ),
        ],
        "skipped": [],
        "statements": [],
        "truncated": None,
    },
    "c-parenthetical": {
        "title": "关于印发《加快发展数字经济行动方案》分工的通知",
        "sections": [("一、", "夯实数字基础设施", 5, False), ("二、", "组织实施", 10, False)],
        "topics": [(0, "", "夯实数字基础设施", 6, True), (1, "", "组织实施", 11, True)],
        "items": [
            (
                0,
                "（一）",
                "建设新型网络（以下简称新网）。加快5G网络建设，到2025年建成基站7万个。",
                6,
                [("（市经济信息化委牵头，市通信管理局配合）", 6, False)],
                (),
                None,
            ),
            (
                0,
                "（二）",
                "推进算力建设。建设公共算力平台（试行）。完善算力调度机制。",
                7,
                [
                    ("（市发展改革委、市经济信息化委负责）", 7, False),
                    ("（市经济信息化委负责）", 7, False),
                ],
                (),
                None,
            ),
            (0, "（三）", "建设数据交易所。", 8, [("（市数据局牵头）", 8, False)], (), None),
            (0, "（四）", "培育数据商。", 9, [("（市数据局负责）", 9, False)], (), None),
            (1, "", "加强统筹协调，各部门要按照职责抓好落实。", 11, [], (), None),
        ],
        "skipped": [],
        "statements": [("各项任务中，列第一位者为牵头单位", 4)],
        "truncated": None,
    },
    "d-trailing": {
        "title": "科技创新工作任务分工",
        "sections": [("一、", "强化科技人才引育", 2, False)],
        "topics": [(0, "", "强化科技人才引育", 3, True)],
        "items": [
            (
                0,
                "1.",
                "实施青年科学家计划，支持青年人才挑大梁。",
                3,
                [("责任单位：市委组织部、市科技局。", 3, False)],
                (),
                None,
            ),
            (
                0,
                "2.",
                "推进高校院所人才评价改革。",
                4,
                [("牵头单位：市教委。配合单位：市科技局、市人力资源社会保障局。", 4, False)],
                (),
                None,
            ),
            (0, "3.", "优化外籍人才来华工作许可。", 5, [], (), None),
        ],
        "skipped": [],
        "statements": [],
        "truncated": None,
    },
    "deep": {
        "title": "城市更新工作分工",
        "sections": [("一、", "总体安排", 2, False), ("二、", "保障措施", 9, False)],
        "topics": [
            (0, "1.", "成片旧改", 4, False),
            (0, "2.", "小梁薄板房屋改造", 7, False),
            (1, "", "保障措施", 10, True),
        ],
        "items": [
            (
                0,
                "①",
                "推进零星旧改地块收尾。",
                5,
                [("（市住房城乡建设管理委牵头）", 5, False)],
                (),
                None,
            ),
            (
                0,
                "②",
                "完成征收安置房供应。",
                6,
                [("（市房屋管理局牵头，各区配合）", 6, False)],
                (),
                None,
            ),
            (1, "①", "推进小梁薄板房屋改造。", 8, [("（市房屋管理局牵头）", 8, False)], (), None),
            (2, "（一）", "加强资金保障。", 10, [("（市财政局负责）", 10, False)], (), None),
        ],
        "skipped": [],
        "statements": [],
        "truncated": None,
    },
    "e-shared": {
        "title": "职业技能提升行动分工方案",
        "sections": [("一、", "扩大培训规模", 2, False)],
        "topics": [(0, "（一）", "开展企业职工培训", 3, False)],
        "items": [
            (
                0,
                "（1）",
                "开展新型学徒制培训；",
                5,
                [("（市人力资源社会保障局牵头，市总工会配合）", 8, True)],
                (),
                None,
            ),
            (
                0,
                "（2）",
                "开展转岗转业培训；",
                6,
                [("（市人力资源社会保障局牵头，市总工会配合）", 8, True)],
                (),
                None,
            ),
            (
                0,
                "（3）",
                "开展安全技能培训。",
                7,
                [("（市人力资源社会保障局牵头，市总工会配合）", 8, True)],
                (),
                None,
            ),
            (
                0,
                "（1）",
                "面向高校毕业生；",
                10,
                [("（市人力资源社会保障局、市退役军人局负责）", 11, True)],
                (),
                None,
            ),
            (
                0,
                "（2）",
                "面向退役军人。",
                11,
                [("（市人力资源社会保障局、市退役军人局负责）", 11, True)],
                (),
                None,
            ),
            (0, "3.", "落实培训补贴政策。", 12, [("（市财政局牵头）", 12, False)], (), None),
        ],
        "skipped": [
            (
                "1. 支持企业开展岗位培训：",
                "分项总述: its sub-items share its clause and are items each",
                4,
            ),
            (
                "2. 推进重点群体培训：",
                "分项总述: its sub-items share its clause and are items each",
                9,
            ),
        ],
        "statements": [],
        "truncated": None,
    },
    "from-two": {
        "title": "乡村振兴重点任务分工",
        "sections": [("二、", "产业振兴", 3, False), ("三、", "人才振兴", 7, False)],
        "topics": [(0, "", "产业振兴", 4, True), (1, "", "人才振兴", 8, True)],
        "items": [
            (0, "2.", "发展都市现代农业。", 4, [("（市农业农村委牵头）", 4, False)], (), None),
            (0, "", "2022年粮食播种面积保持稳定，1.5万亩高标准农田建成。", 5, [], (), None),
            (0, "", "3.5%的增长目标另行下达。", 6, [], (), None),
            (
                1,
                "4.",
                "培育高素质农民。",
                8,
                [("（市农业农村委、市人力资源社会保障局负责）", 8, False)],
                (),
                None,
            ),
        ],
        "skipped": [
            (
                "3. 开展村庄清洁行动。（市农业农村委牵头）",
                "numbered before any section: not placed",
                2,
            )
        ],
        "statements": [],
        "truncated": None,
    },
    "truncated": {
        "title": "生态环境保护任务分工",
        "sections": [("一、", "打好污染防治攻坚战", 2, False)],
        "topics": [(0, "", "打好污染防治攻坚战", 3, True)],
        "items": [
            (
                0,
                "1.",
                "深入推进大气污染防治。",
                3,
                [("（市生态环境局牵头，市交通委配合）", 3, False)],
                (),
                None,
            )
        ],
        "skipped": [
            (
                "持续改善水环境质量。（市水务局牵头，市生态环",
                "截断: the document ends inside this item",
                4,
            )
        ],
        "statements": [],
        "truncated": 4,
    },
}


def test_every_fixture_has_its_expected_outline() -> None:
    assert sorted(p.stem for p in PROSE.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_reads_into_its_outline(name: str) -> None:
    outline = read_prose(split(PROSE / f"{name}.txt"))
    assert shape(outline) == EXPECTED[name]
    assert (outline.layout, outline.reader, outline.file) == ("prose", "text", f"{name}.txt")


def test_a_heading_between_section_and_topic_is_noted() -> None:
    outline = read_prose(split(PROSE / "deep.txt"))
    assert outline.notes == (
        "deep.txt:3: heading （一）旧区改造 lies between section and topic: not a level",
    )


def test_a_document_its_reader_found_cut_off_loses_its_last_item() -> None:
    document = split(PROSE / "d-trailing.txt")
    cut = Where("d-trailing.txt", line=5)
    outline = read_prose(Document(document.file, "html", document.blocks, ("note",), cut))
    assert outline.truncated == cut
    assert [i.number for i in outline.items] == ["1.", "2."]
    assert [(s.text, s.where.line) for s in outline.skipped] == [("优化外籍人才来华工作许可。", 5)]
    assert outline.notes == ("note",)


@pytest.mark.parametrize(
    ("line", "numeral"),
    [
        ("一、总体要求", "一、"),
        ("（十二）加强", "（十二）"),
        ("(三) 加强", "(三)"),
        ("1.做好", "1."),
        ("12．做好", "12．"),
        ("3、做好", "3、"),
        ("(1)面向", "(1)"),
        ("（２）面向", "（２）"),
        ("①推进", "①"),
        ("2022年粮食", None),
        ("1.5万亩", None),
        ("3.5%的增长", None),
        ("（此件公开发布）", None),
        ("十四五时期", None),
    ],
)
def test_numbering_is_told_from_numbers(line: str, numeral: str | None) -> None:
    found = prose_lines.numbering(line)
    assert (found.numeral if found else None) == numeral


@pytest.mark.parametrize(
    ("text", "kept", "clauses"),
    [
        ("做好A。（甲牵头，乙配合）", "做好A。", ["（甲牵头，乙配合）"]),
        ("做好A（甲牵头）。", "做好A。", ["（甲牵头）"]),
        ("做好A。（甲负责）。", "做好A。", ["（甲负责）"]),
        ("做好A。(甲指导)做好B。（乙负责）", "做好A。做好B。", ["(甲指导)", "（乙负责）"]),
        ("建设试验区（以下简称自贸区）。", "建设试验区（以下简称自贸区）。", []),
        ("制定《办法（试行）》。", "制定《办法（试行）》。", []),
        (
            "由政府负责人牵头（有关部门参与），建立机制。",
            "由政府负责人牵头（有关部门参与），建立机制。",
            [],
        ),
        ("推进A。责任单位：甲、乙。", "推进A。", ["责任单位：甲、乙。"]),
        ("推进A。完成时限：年底前。", "推进A。完成时限：年底前。", []),
    ],
)
def test_duty_clauses_are_cut_and_nothing_more(text: str, kept: str, clauses: list[str]) -> None:
    read = prose_lines.read(text)
    assert (read.text, list(read.clauses), read.label) == (kept, clauses, None)


# ---- the published samples (../shared/import-samples, absent from a user's clone) ----


class _Paragraphs(html.parser.HTMLParser):
    """A crude stdlib splitter: a paragraph at each <p>, <br>, <div> or <tr>."""

    BREAKS = frozenset({"p", "br", "div", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._current: list[str] = []

    def flush(self) -> None:
        text = "".join(self._current).strip()
        if text:
            self.texts.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in self.BREAKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BREAKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        self._current.append(data)


def sample(prefix: str) -> Outline:
    if not SAMPLES.is_dir():
        pytest.skip(f"{SAMPLES} is absent (the published samples are not in the repository)")
    (path,) = SAMPLES.glob(f"{prefix}-*.txt")
    metadata, _, page = path.read_text(encoding="utf-8").partition("\n")
    parser = _Paragraphs()
    parser.feed(page)
    parser.flush()
    texts = [metadata, *parser.texts]
    blocks = tuple(Paragraph(t, Where(path.name, paragraph=n)) for n, t in enumerate(texts, 1))
    return read_prose(Document(path.name, "html", blocks))


def test_sample_08_five_sections_53_items_with_their_scope() -> None:
    outline = sample("08")
    assert [s.title for s in outline.sections] == [
        "营造优良投资环境",
        "提升贸易便利化水平",
        "推动金融创新服务实体经济",
        "推进人力资源领域先行先试",
        "切实做好组织实施",
    ]
    assert outline.title == "国务院关于支持自由贸易试验区深化改革创新若干措施的通知"
    bearing = [i for i in outline.items if i.clauses]
    assert len(bearing) == 53
    assert all(len(i.clauses) == 1 and "负责部门" in i.clauses[0].raw for i in bearing)
    assert sum("适用范围" in i.clauses[0].raw for i in bearing) == 15
    assert [i.number for i in bearing][:2] == ["（一）", "（二）"]
    assert bearing[-1].number == "（五十三）"
    closing = [i for i in outline.items if outline.topics[i.topic].section == 4]
    assert [(i.number, i.text[:7], i.clauses) for i in closing] == [
        ("", "坚持党的领导。", ()),
        ("", "维护国家安全。", ()),
        ("", "强化组织管理。", ()),
        ("", "狠抓工作落实。", ()),
    ]
    assert not outline.skipped and outline.truncated is None
    assert "（以下简称自贸试验区）" in outline.preamble[-1]


def test_sample_09_fifteen_duties_and_the_rule_in_the_first() -> None:
    outline = sample("09")
    bearing = [i for i in outline.items if i.clauses]
    assert len(bearing) == 15
    assert [i.number for i in bearing] == [f"（{n}）" for n in "一二三四五六七八九十"] + [
        f"（十{n}）" for n in "一二三四五"
    ]
    first = bearing[0].clauses[0].raw
    assert first == "（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）"
    duty = parse_duty(first)
    assert duty is not None and duty.lead_rule is not None
    assert duty.lead_rule.rule == "first-listed"
    assert bearing[0].text.startswith("加大稳岗支持力度。") and bearing[0].text.endswith("列支。")
    # The rule is stated inside an item's clause, not outside any item.
    assert outline.statements == ()
    assert len(outline.sections) == 5


def test_sample_10_duties_after_each_sentence_and_deadlines_in_the_text() -> None:
    outline = sample("10")
    clauses = [c.raw for i in outline.items for c in i.clauses]
    # 37 in full-width brackets, as the samples' README counts them; two more in ASCII ones.
    assert len(clauses) == 39
    assert sum(c.startswith("（") for c in clauses) == 37
    assert all(parse_duty(c) is not None for c in clauses)
    assert "（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）" in clauses
    assert outline.title == "“无废城市”建设试点工作方案"
    assert [s.title for s in outline.sections] == ["总体要求", "主要任务", "实施步骤", "保障措施"]
    texts = [i.text for i in outline.items]
    assert sum("2019年6月底前" in t for t in texts) == 1
    assert sum("2021年3月底前" in t for t in texts) == 1
    topic = outline.topics[outline.items[0].topic]
    assert (topic.numeral, topic.title) == ("（一）", "重大意义")
    (design,) = [i for i in outline.items if i.text.startswith("开展绿色设计")]
    assert (design.number, [c.raw for c in design.clauses]) == (
        "",
        [
            "（工业和信息化部、商务部、生态环境部指导）",
            "（国家发展改革委、工业和信息化部、生态环境部、商务部、市场监管总局指导）",
        ],
    )
    assert "指导）" not in design.text and design.text.endswith("基本建成废弃产品逆向回收体系。")
