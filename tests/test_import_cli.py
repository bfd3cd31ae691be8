"""``fenggong import`` as a maintainer runs it: plan file, review, exit status, round trips."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import library, loader
from tests.helpers import FIXTURES, ROOT

SOURCE = ROOT / "data" / "source" / "000_fa1586bf4b2f0390.txt"
PROSE = FIXTURES / "import" / "prose"
STEP = int(os.environ.get("FENGGONG_CUT_STEP", "7"))  # 1: every line
SAMPLES = ROOT.parent / "shared" / "import-samples"


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["import", *map(str, args)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def tasks(path: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return [(t.text, t.lead, t.support) for t in loader.load(path).tasks]


def test_the_official_dump_imports_whole_and_valid(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    code, stdout, stderr = run(runner, SOURCE, "-o", out, "--review", tmp_path / "r.json")
    assert code == 0, stderr
    assert stdout == ""
    assert stderr.startswith(f"111 tasks read from {SOURCE} (text, table); ")
    assert tasks(out) == tasks(ROOT / "data" / "tasks.yaml")
    review = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert review["schema"] == "fenggong.import-review/1"
    assert (review["tasks"], review["left_out"], review["truncated"]) == (111, 0, None)
    assert review["complete"] is True
    split = [n for n in review["notes"] if n["call"] == "split"]
    assert split == [
        {
            "call": "split",
            "message": "团市委等相关委办局 read as 团市委 and the group 相关委办局",
            "where": f"{SOURCE}:509",
        }
    ]
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0


def test_stdout_and_a_markdown_review(runner: CliRunner, tmp_path: Path) -> None:
    code, stdout, _ = run(
        runner, PROSE / "b-labelled.txt", "-o", "-", "--review", tmp_path / "r.md"
    )
    assert code == 0
    plan = yaml.safe_load(stdout)
    assert plan["tasks"][0]["leaders"] == ["金力"]
    assert plan["tasks"][0]["due"] == {
        "raw": "2023年12月底前",
        "kind": "by",
        "date": plan["tasks"][0]["due"]["date"],
    }
    assert str(plan["tasks"][0]["due"]["date"]) == "2023-12-31"
    assert plan["tasks"][2]["due"] == {"raw": "长期坚持", "kind": "ongoing"}
    review = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert review.startswith(f"# Import review: {PROSE / 'b-labelled.txt'}".replace("_", "\\_"))
    assert "- [ ] `" in review


@pytest.mark.parametrize(
    ("fixture", "code", "expected"),
    [
        (
            "b-labelled.txt",
            0,
            [
                (
                    "完善人才评价体系，推进分类评价。",
                    ("市委组织部",),
                    ("市人力资源社会保障局", "市科技局"),
                ),
                ("加快建设高水平人才高地。", ("市科技局",), ()),
                ("建设人才公寓，解决青年人才住房困难。", ("市住房城乡建设管理委",), ()),
            ],
        ),
        (
            "c-parenthetical.txt",
            1,  # 二、组织实施 names no body: left out and listed
            [
                (
                    "建设新型网络（以下简称新网）。加快5G网络建设，到2025年建成基站7万个。",
                    ("市经济信息化委",),
                    ("市通信管理局",),
                ),
                (
                    "推进算力建设。建设公共算力平台（试行）。完善算力调度机制。",
                    ("市发展改革委",),  # 列第一位者为牵头单位, stated in the preamble
                    ("市经济信息化委",),
                ),
                ("建设数据交易所。", ("市数据局",), ()),
                ("培育数据商。", ("市数据局",), ()),
            ],
        ),
        (
            "d-trailing.txt",
            1,  # item 3 names no body
            [
                ("实施青年科学家计划，支持青年人才挑大梁。", ("市委组织部", "市科技局"), ()),
                ("推进高校院所人才评价改革。", ("市教委",), ("市科技局", "市人力资源社会保障局")),
            ],
        ),
        (
            "e-shared.txt",
            0,
            [
                ("开展新型学徒制培训；", ("市人力资源社会保障局",), ("市总工会",)),
                ("开展转岗转业培训；", ("市人力资源社会保障局",), ("市总工会",)),
                ("开展安全技能培训。", ("市人力资源社会保障局",), ("市总工会",)),
                ("面向高校毕业生；", ("市人力资源社会保障局", "市退役军人局"), ()),
                ("面向退役军人。", ("市人力资源社会保障局", "市退役军人局"), ()),
                ("落实培训补贴政策。", ("市财政局",), ()),
            ],
        ),
    ],
)
def test_each_layout_family(
    runner: CliRunner, tmp_path: Path, fixture: str, code: int, expected: list[object]
) -> None:
    out = tmp_path / "plan.yaml"
    got, _, stderr = run(runner, PROSE / fixture, "-o", out)
    assert got == code, stderr
    assert tasks(out) == expected


def test_a_cut_off_input_is_written_without_its_last_item(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "plan.yaml"
    code, _, stderr = run(runner, PROSE / "truncated.txt", "-o", out)
    assert code == 1
    assert "截断" in stderr
    assert [t.text for t in loader.load(out).tasks] == ["深入推进大气污染防治。"]


def test_the_lead_rule_given_overrides_the_default(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    run(runner, PROSE / "d-trailing.txt", "-o", out, "--lead-rule", "first-listed")
    assert tasks(out)[0][1:] == (("市委组织部",), ("市科技局",))
    assert loader.load(out).plan.lead_rule == "first-listed"


def test_a_library_registry_names_known_bodies_and_adds_the_new(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "library"
    shutil.copytree(ROOT / "examples" / "library", folder)
    out = folder / "new.yaml"
    code, _, stderr = run(
        runner, PROSE / "b-labelled.txt", "-o", out, "--registry", folder / "registry.yaml",
        "--jurisdiction", "上海市",
    )  # fmt: skip
    assert code == 0, stderr
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    # Known to the library: not copied; 市委组织部 is, 市科技局 and 市住房城乡建设管理委 are not.
    assert set(plan["departments"]) == {"市科技局", "市住房城乡建设管理委"}
    assert plan["plan"]["jurisdiction"] == "上海市"
    assert not library.check(folder).errors


def test_a_default_name_is_never_replaced(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "方案.txt"
    shutil.copy(PROSE / "b-labelled.txt", source)
    (tmp_path / "方案.yaml").write_text("mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run(runner, source)
    assert code == 2
    assert "方案.yaml exists; an import never replaces a file unasked" in stderr
    assert (tmp_path / "方案.yaml").read_text(encoding="utf-8") == "mine\n"
    assert run(runner, source, "--force")[0] == 0
    assert (tmp_path / "方案.yaml").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no 分工 found"),
        (b"\x00\x01\x02\x03" * 100, ""),
        (b"just a line of text\n", "no 分工 found"),
    ],
)
def test_an_unreadable_input_is_exit_2_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(content)
    code, _, stderr = run(
        runner, source, "-o", tmp_path / "out.yaml", "--review", tmp_path / "r.md"
    )
    assert code == 2
    assert message in stderr
    assert not (tmp_path / "out.yaml").exists()
    assert not (tmp_path / "r.md").exists()


def test_a_review_file_must_be_markdown_or_json(runner: CliRunner, tmp_path: Path) -> None:
    code, _, stderr = run(runner, SOURCE, "-o", tmp_path / "o.yaml", "--review", tmp_path / "r.txt")
    assert code == 2
    assert "name a .md or a .json file" in stderr


def test_show_prints_what_an_import_records(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    run(runner, PROSE / "b-labelled.txt", "-o", out)
    shown = runner.invoke(app, ["--data", str(out), "show", "1", "-f", "json"])
    [task] = json.loads(shown.stdout)
    assert task["leaders"] == ["金力"]
    assert task["due"] == {"raw": "2023年12月底前", "kind": "by", "date": "2023-12-31"}


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_export_imports_back(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / f"分工表.{fmt}"
    assert runner.invoke(app, ["export", fmt, "-o", str(exported)]).exit_code == 0
    out = tmp_path / "back.yaml"
    code, _, stderr = run(runner, exported, "-o", out)
    assert code == 0, stderr
    back = loader.load(out)
    bundled = loader.load(ROOT / "data" / "tasks.yaml")
    assert tasks(out) == tasks(ROOT / "data" / "tasks.yaml")
    assert [s.title for s in back.sections] == [s.title for s in bundled.sections]
    assert [t.title for t in back.topics] == [t.title for t in bundled.topics]
    assert [t.topic for t in back.tasks] == [t.topic for t in bundled.tasks]


needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/import-samples absent")


def _sample(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}-*.txt"))


def _shelved(key: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    shelf = library.load(ROOT / "examples" / "library")
    plan = next(p for p in shelf.plans if p.key == key)
    return [(t.text, t.lead, t.support) for t in plan.dataset.tasks]


@needs_samples
def test_sample_08_matches_its_transcription(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    code, _, stderr = run(runner, _sample("08"), "-o", out, "--review", tmp_path / "r.json")
    assert code == 1, stderr  # 五、切实做好组织实施 names no 负责部门: its items are left out
    assert tasks(out) == _shelved("guofa-2018-38")
    plan = loader.load(out)
    assert len(plan.sections) == 4
    assert sum("适用范围" in (t.clause or "") for t in plan.tasks) == 15
    review = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    dropped = [
        n for n in review["notes"] if n["call"] == "heading" and "切实做好组织实施" in n["message"]
    ]
    assert len(dropped) == 1


@needs_samples
def test_sample_09_states_its_lead_rule(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    run(runner, _sample("09"), "-o", out)
    plan = loader.load(out)
    assert plan.plan.lead_rule == "first-listed"
    assert len(plan.tasks) == 15
    assert (plan.tasks[0].lead, plan.tasks[0].support) == (("人力资源社会保障部",), ("财政部",))
    assert [(t.lead, t.support) for t in plan.tasks] == [
        (lead, sup) for _, lead, sup in _shelved("guofa-2018-39")
    ]


@needs_samples
def test_sample_10_reads_its_verbs_and_inheritance(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    run(runner, _sample("10"), "-o", out, "--review", tmp_path / "r.json")
    plan = loader.load(out)
    # 一、总体要求 names no body; it is kept, empty, so that 二、主要任务 stays section 2.
    assert [s.title for s in plan.sections] == ["总体要求", "主要任务", "实施步骤", "保障措施"]
    verbs = {role.verb for t in plan.tasks for role in t.roles}
    assert {"指导", "负责落实"} <= verbs
    clauses = "".join(t.clause or "" for t in plan.tasks)
    assert "以下均需试点城市政府落实，不再列出" in clauses
    first = next(i for i, t in enumerate(plan.tasks) if "以下均需" in (t.clause or ""))
    assert all(
        any("试点城市政府" in r.departments for r in t.roles) or "试点城市政府" in t.lead
        for t in plan.tasks[first:]
    )
    dues = {t.due.raw for t in plan.tasks if t.due is not None}
    assert {"2019年6月底前", "2021年3月底前"} <= dues
    review = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert sum(n["call"] == "inherited" for n in review["notes"]) == len(plan.tasks) - first - 1


def _workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务清单"
    sheet.append(["2024年重点工作任务分工表"])
    sheet.merge_cells("A1:F1")
    sheet.append(["序号", "工作任务", "牵头单位", "责任单位", "完成时限", "责任领导"])
    sheet.append(["一、优化营商环境"])
    sheet.merge_cells("A3:F3")
    sheet.append(
        [1, "推进“一网通办”改革", "市政府办公厅", "市数据局、各区", "2024年6月底前", "张三"]
    )
    sheet.append([2, "开展营商环境评价", "市发展改革委", "", "年底前", "李四、王五"])
    sheet.append(["二、强化要素保障"])
    sheet.merge_cells("A6:F6")
    sheet.append([3, "保障重大项目用地", "", "市规划资源局、市住房城乡建设管理委", "长期坚持", ""])
    book.save(path)


def test_a_workbook_with_deadline_and_leader_columns(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "分工.xlsx"
    _workbook(source)
    out = tmp_path / "plan.yaml"
    code, _, stderr = run(runner, source, "-o", out, "--lead-rule", "first-listed")
    assert code == 0, stderr
    plan = loader.load(out)
    assert plan.plan.title == "2024年重点工作任务分工表"
    assert [s.title for s in plan.sections] == ["优化营商环境", "强化要素保障"]
    first, second, third = plan.tasks
    assert (first.lead, first.support, first.leaders) == (
        ("市政府办公厅",),
        ("市数据局", "各区"),
        ("张三",),
    )
    assert first.due is not None and (first.due.kind, str(first.due.date)) == ("by", "2024-06-30")
    assert second.leaders == ("李四", "王五")
    # 责任单位 alone, read by the lead rule given: the first listed leads.
    assert (third.lead, third.support) == (("市规划资源局",), ("市住房城乡建设管理委",))
    assert third.due is not None and third.due.kind == "ongoing"
    assert f"{source}!任务清单!" in stderr


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_legacy_encodings_read_the_same(runner: CliRunner, tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "方案.txt"
    source.write_bytes((PROSE / "b-labelled.txt").read_text(encoding="utf-8").encode(encoding))
    out = tmp_path / "plan.yaml"
    code, _, stderr = run(runner, source, "-o", out)
    assert code == 0, stderr
    assert tasks(out) == [
        ("完善人才评价体系，推进分类评价。", ("市委组织部",), ("市人力资源社会保障局", "市科技局")),
        ("加快建设高水平人才高地。", ("市科技局",), ()),
        ("建设人才公寓，解决青年人才住房困难。", ("市住房城乡建设管理委",), ()),
    ]


def test_traditional_script_is_folded_and_noted(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "繁體.txt"
    source.write_text(
        "一、人才發展\n1. 完善人才評價體系。（市人力資源社會保障局牽頭，市財政局配合）\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.yaml"
    code, _, stderr = run(runner, source, "-o", out)
    assert code == 0, stderr
    assert tasks(out) == [("完善人才評價體系。", ("市人力资源社会保障局",), ("市财政局",))]
    assert "read in simplified script: （市人力资源社会保障局牵头，市财政局配合）" in stderr


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_word_97_document_is_converted_through_libreoffice(
    runner: CliRunner, tmp_path: Path
) -> None:
    import subprocess

    exported = tmp_path / "分工表.docx"
    assert runner.invoke(app, ["export", "docx", "-o", str(exported)]).exit_code == 0
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(exported)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    out = tmp_path / "back.yaml"
    code, _, stderr = run(runner, tmp_path / "分工表.doc", "-o", out)
    assert code == 0, stderr
    assert tasks(out) == tasks(ROOT / "data" / "tasks.yaml")


@pytest.mark.slow
def test_the_official_dump_cut_anywhere_is_imported_or_refused_never_wrong(
    runner: CliRunner, tmp_path: Path
) -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    source, out = tmp_path / "cut.txt", tmp_path / "cut.yaml"
    whole = {task[0] for task in tasks(ROOT / "data" / "tasks.yaml")}
    for end in range(1, len(lines), STEP):
        source.write_text("\n".join(lines[:end]), encoding="utf-8")
        out.unlink(missing_ok=True)
        code, _, stderr = run(runner, source, "-o", out)
        assert "does not validate" not in stderr, end
        if code == 2:  # no header or no task row yet: nothing to import
            assert not out.exists(), end
            continue
        assert code in (0, 1), (end, stderr)
        # Whatever was written is the table's own tasks, never a half of one.
        assert {task[0] for task in tasks(out)} <= whole, end


def test_an_existing_plan_file_is_replaced_only_with_force(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("edited by hand\n", encoding="utf-8")
    code, _, stderr = run(runner, PROSE / "b-labelled.txt", "-o", out)
    assert code == 2
    assert "mine.yaml exists; an import never replaces a file unasked" in stderr
    assert out.read_text(encoding="utf-8") == "edited by hand\n"
    assert run(runner, PROSE / "b-labelled.txt", "-o", out, "--force")[0] == 0


def test_an_unknown_jurisdiction_of_the_registry_is_refused(
    runner: CliRunner, tmp_path: Path
) -> None:
    registry = ROOT / "examples" / "library" / "registry.yaml"
    code, _, stderr = run(
        runner, PROSE / "b-labelled.txt", "-o", tmp_path / "o.yaml", "--registry", registry,
        "--jurisdiction", "上海",
    )  # fmt: skip
    assert code == 2
    assert f"error: 上海 is not a jurisdiction of {registry}" in stderr
    assert not (tmp_path / "o.yaml").exists()


def test_what_a_plan_says_around_its_items(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "要点.txt"
    source.write_text(
        "关于做好2024年安全生产工作的分工方案\n"
        "一、压实责任\n"
        "1. 开展隐患排查，新建20家示范企业。（市应急局、市有关部门负责）\n"
        "以下均需各区政府落实，不再列出。\n"
        "2. 年底前完成专项整治。（市应急局牵头）\n"
        "3. 健全监管机制。（市应急局牵头）（市司法局配合）\n"
        "上海市安全生产委员会办公室\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.yaml"
    code, _, stderr = run(runner, source, "-o", out, "--review", tmp_path / "r.json")
    assert code == 0, stderr
    plan = loader.load(out)
    first, second, third = plan.tasks
    assert plan.departments["市有关部门"].kind == "group"
    assert first.targets == ()  # no plan period: 20家 is not recorded as a goal
    assert [r.departments for r in second.roles] == [("各区政府",)]
    assert second.due is not None and str(second.due.date) == "2024-12-31"
    review = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    calls = [(n["call"], n.get("task")) for n in review["notes"]]
    assert ("inherited", 2) in calls and ("inherited", 3) in calls
    assert any(
        n["call"] == "unread" and n["message"].startswith("2 duty clauses") for n in review["notes"]
    )
    assert third.support == ("市司法局",)


def test_the_signature_date_is_the_plan_date(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "方案.txt"
    source.write_text(
        "某某工作分工方案\n一、总体\n1. 做好工作。（市教委牵头）\n上海市教育委员会\n2023年5月6日\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.yaml"
    assert run(runner, source, "-o", out)[0] == 0
    assert str(loader.load(out).plan.date) == "2023-05-06"


def _text(tmp_path: Path, body: str) -> Path:
    source = tmp_path / "in.txt"
    source.write_text(body, encoding="utf-8")
    return source


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{src}", "--force"], "is the document being imported"),
        (["-o", "o.md", "--review", "o.md"], "-o and --review name one file"),
        (["-o", "-", "--key", "a b"], "--key 'a b' cannot be a key"),
        (["-o", "-", "--jurisdiction", "上海市:浦东"], "cannot be a jurisdiction"),
        (["-o", "-", "--jurisdiction", "SH\x1b]0;x\x07"], "cannot be a jurisdiction"),
    ],
)
def test_a_command_line_that_cannot_mean_anything_is_refused(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    source = _text(tmp_path, "一、x\n1. 推进。（市教委牵头）\n")
    code, stdout, stderr = run(runner, source, *(a.format(src=source) for a in args))
    assert (code, stdout) == (2, "")
    assert message in stderr
    assert source.read_text(encoding="utf-8") == "一、x\n1. 推进。（市教委牵头）\n"
    assert not (tmp_path / "o.md").exists()


def test_a_broken_registry_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text("jurisdictions: [\n", encoding="utf-8")
    code, _, _ = run(runner, PROSE / "b-labelled.txt", "-o", "-", "--registry", registry)
    assert code == 2


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A tab inside an item's line: the item is kept, not taken for a table row.
        ("一、x\n1. 推进\t制表。（市人社局牵头）\n", [("推进\t制表。", ("市人社局",), ())]),
        # Quotes escaped as a SQL dump keeps them.
        ('一、x\n1. 推进\\"培训\\"。（市人社局牵头）\n', [('推进"培训"。', ("市人社局",), ())]),
        # Direction overrides and controls are no part of a name.
        ("一、x\n1. 推进。（市\u202e人社局牵头）\n", [("推进。", ("市人社局",), ())]),
        # A verb before a label in one clause.
        (
            "一、x\n1. 推进。（市人社局牵头；完成时限：2025年底前）\n",
            [("推进。", ("市人社局",), ())],
        ),
        # No heading at all above the items.
        (
            "1. 推进。（市人社局牵头）\n2. 建设。（市教委牵头）\n",
            [("推进。", ("市人社局",), ()), ("建设。", ("市教委",), ())],
        ),
        # A figure of 5,000 digits is no target, and no traceback.
        ("十四五时期\n一、x\n1. 建设" + "9" * 5000 + "所学校。（市人社局牵头）\n", None),
    ],
)
def test_hostile_text_is_read_whole_and_valid(
    runner: CliRunner, tmp_path: Path, body: str, expected: list[object] | None
) -> None:
    out = tmp_path / "o.yaml"
    code, _, stderr = run(runner, _text(tmp_path, body), "-o", out)
    assert code == 0, stderr
    if expected is not None:
        assert tasks(out) == expected


def test_a_name_too_long_to_be_one_is_reviewed_not_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "o.yaml"
    source = _text(tmp_path, "一、x\n1. 推进。（市人社局、" + "市" * 2000 + "局牵头）\n")
    code, _, stderr = run(runner, source, "-o", out)
    assert code == 0, stderr
    assert tasks(out) == [("推进。", ("市人社局",), ())]
    assert "not read as a body: 2001 characters is no name" in stderr


def test_a_workbook_claiming_a_million_rows_is_read_in_bounded_memory(
    runner: CliRunner, tmp_path: Path
) -> None:
    import re
    import zipfile

    book = tmp_path / "b.xlsx"
    _workbook(book)
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(hostile, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text)
                far = '<row r="1048576"><c r="Z1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                data = text.replace("</sheetData>", far + "</sheetData>").encode("utf-8")
            dst.writestr(item, data)
    code, _, stderr = run(runner, hostile, "-o", tmp_path / "o.yaml", "--lead-rule", "first-listed")
    # A million empty rows are passed over, not padded to column XFD; the far cell is an
    # item without a task, left out and listed.
    assert code == 1, stderr
    assert "!任务清单!A1048576: the task cell (工作任务) is empty" in stderr
    wide = tmp_path / "wide.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(wide, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                far = '<row r="9"><c r="XFD9" t="inlineStr"><is><t>x</t></is></c></row>'
                data = data.decode("utf-8").replace("</sheetData>", far + "</sheetData>").encode()
            dst.writestr(item, data)
    code, _, stderr = run(runner, wide, "-o", tmp_path / "w.yaml")
    assert code == 2
    assert "has values beyond column IV" in stderr


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("一、x\n1. 推进。（由市人社局牵头）\n", [("推进。", ("市人社局",), ())]),
        (
            "一、x\n1. 推进。（市人社局、市教委分别牵头）\n",
            [("推进。", ("市人社局", "市教委"), ())],
        ),
        (
            "一、x\n1. 推进。（责任单位：市人社局（牵头）、市教委）\n",
            [("推进。", ("市人社局",), ("市教委",))],
        ),
        (
            "一、x\n1. 推进。（市人\u200b社局牵头，市\ufeff教委配合）\n",
            [("推进。", ("市人社局",), ("市教委",))],
        ),
    ],
)
def test_lists_as_offices_write_them(
    runner: CliRunner, tmp_path: Path, body: str, expected: list[object]
) -> None:
    out = tmp_path / "o.yaml"
    code, _, stderr = run(runner, _text(tmp_path, body), "-o", out)
    assert code == 0, stderr
    assert tasks(out) == expected


def test_lines_after_the_last_item_are_said(runner: CliRunner, tmp_path: Path) -> None:
    body = "一、总体要求\n（一）加强\n1.推进培训。（市人社局和市教委牵头）\n市教委、市财政局配合\n"
    code, _, stderr = run(runner, _text(tmp_path, body), "-o", tmp_path / "o.yaml")
    assert code == 0, stderr
    assert "read as its signature, not as items: 市教委、市财政局配合" in stderr
    assert "市人社局和市教委 may be two bodies joined by 和, 与 or 及" in stderr


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "一、x\n1. 推进。（" + "、".join(f"单位{i}" for i in range(600)) + "负责）\n",
            "names 600 bodies",
        ),
        (
            "一、x\n"
            + "".join(f"以下均需单位{i}落实，不再列出。\n" for i in range(60))
            + "1. 推进。（市教委牵头）\n",
            "adds more than 50 bodies",
        ),
    ],
)
def test_a_document_that_would_multiply_is_refused(
    runner: CliRunner, tmp_path: Path, body: str, message: str
) -> None:
    code, _, stderr = run(runner, _text(tmp_path, body), "-o", tmp_path / "o.yaml")
    assert code == 2
    assert message in stderr
    assert not (tmp_path / "o.yaml").exists()


def test_one_body_a_line_in_a_cell(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "重点任务", "牵头单位", "配合单位"])
    sheet.append([1, "推进培训", "市人社局\n市教委", "市财政局\u2028各区"])
    source = tmp_path / "cells.xlsx"
    book.save(source)
    out = tmp_path / "o.yaml"
    code, _, stderr = run(runner, source, "-o", out)
    assert code == 0, stderr
    assert tasks(out) == [("推进培训", ("市人社局", "市教委"), ("市财政局", "各区"))]
