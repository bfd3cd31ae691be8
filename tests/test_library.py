"""A library of plans: one plan reads as the file alone; across plans, names, ids and bodies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES, ROOT

DISTRICTS = FIXTURES / "libraries" / "districts"
BUNDLED = ROOT / "data" / "tasks.yaml"


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def one_plan(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "tasks.yaml")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--lead", "市教委"],
        ["list", "--dept", "浦东新区", "--section", "九"],
        ["show", "47"],
        ["show", "hrss-2022-256:47"],
        ["targets", "--all"],
        ["search", "学徒制"],
        ["plans"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "yaml", "jsonl"])
def test_a_library_of_one_plan_reads_as_the_file(
    runner: CliRunner, one_plan: Path, args: list[str], fmt: str
) -> None:
    alone = _run(runner, "--data", str(BUNDLED), *args, "-f", fmt)
    shelved = _run(runner, "--data", str(one_plan), *args, "-f", fmt)
    assert alone[0] == 0, alone
    assert shelved == alone


def test_two_jurisdictions_keep_two_bodies_of_one_name(runner: CliRunner) -> None:
    code, out, err = _run(runner, "--data", str(DISTRICTS), "list", "--lead", "区发改委")
    assert (code, out) == (2, "")
    assert err == (
        "error: 区发改委 is ambiguous: it may mean 闵行区:区发改委 or 浦东新区:区发改委\n"
        "  hint: write JURISDICTION:NAME as listed, or the full name, or choose plans with "
        "--plan KEY\n"
    )
    for typed in ("浦东新区:区发改委", "上海市浦东新区发展和改革委员会", "浦东新区发改委"):
        code, out, _err = _run(
            runner, "--data", str(DISTRICTS), "list", "--lead", typed, "-f", "csv"
        )
        assert code == 0
        assert [line.split(",")[:2] for line in out.splitlines()[1:]] == [["pd", "1"]]
    # Narrowed to one plan, the name means the one body it has.
    code, out, _err = _run(
        runner, "--data", str(DISTRICTS), "list", "--lead", "区发改委", "--plan", "mh", "-f", "csv"
    )
    assert code == 0
    assert out.splitlines()[1].startswith("1,一、重点任务,（一）推进项目,优化营商环境,区发改委")


def test_a_body_of_the_city_is_one_body_in_every_district_plan(runner: CliRunner) -> None:
    # 市发改委 is an alias in the registry: pd's task 1 wrote it, and reads as 市发展改革委.
    code, out, _err = _run(
        runner, "--data", str(DISTRICTS), "list", "--dept", "市发改委", "-f", "json"
    )
    assert code == 0
    found = json.loads(out)
    assert [(t["plan"]["key"], t["id"], t["support"]) for t in found] == [
        ("pd", 1, ["市发展改革委"])
    ]


def test_a_body_renamed_in_the_registry_is_renamed_in_every_plan(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "renamed"
    shutil.copytree(DISTRICTS, folder)
    registry = folder / "registry.yaml"
    registry.write_text(
        registry.read_text("utf-8").replace(
            "市教委: {full_name: 上海市教育委员会, kind: municipal}",
            "市教育委员会: {full_name: 上海市教育委员会, kind: municipal, aliases: [市教委]}",
        ),
        "utf-8",
    )
    minhang = folder / "minhang.yaml"
    minhang.write_text(
        minhang.read_text("utf-8").replace(
            "lead: [区发改委]}", "lead: [区发改委], support: [市教委]}"
        ),
        "utf-8",
    )
    # Both plans still write 市教委; both now name the body as the registry does.
    code, out, err = _run(runner, "--data", str(folder), "list", "--dept", "市教委", "-f", "json")
    assert code == 0, err
    found = [(t["plan"]["key"], t["id"], t["lead"], t["support"]) for t in json.loads(out)]
    assert found == [
        ("mh", 1, ["区发改委"], ["市教育委员会"]),
        ("pd", 2, ["市教育委员会"], ["区发改委"]),
    ]


def test_a_bare_id_in_several_plans_is_refused_with_the_candidates(runner: CliRunner) -> None:
    code, out, err = _run(runner, "--data", str(DISTRICTS), "show", "1")
    assert (code, out) == (2, "")
    assert err == (
        "error: task 1 is in 2 plans: mh:1, pd:1\n"
        "  hint: write KEY:ID, or narrow the library with --plan KEY\n"
    )
    code, out, _err = _run(runner, "--data", str(DISTRICTS), "show", "2", "-f", "json")
    assert code == 0  # only pd has a task 2
    assert json.loads(out)[0]["plan"]["key"] == "pd"
    code, out, _err = _run(
        runner, "--data", str(DISTRICTS), "show", "1", "--plan", "mh", "-f", "csv"
    )
    # Narrowed to one plan, the card still says which: the library has several.
    assert (code, out.splitlines()[1].split(",")[:2]) == (0, ["mh", "1"])
    code, out, _err = _run(runner, "--data", str(DISTRICTS), "show", "mh:1", "pd:1", "-f", "csv")
    assert [line.split(",")[:2] for line in out.splitlines()[1:]] == [["mh", "1"], ["pd", "1"]]
    code, _out, err = _run(runner, "--data", str(DISTRICTS), "show", "xx:1")
    assert code == 2
    assert err.startswith("error: no plan xx in the library\n")


def test_plans_are_chosen_by_key_issuer_and_year(runner: CliRunner) -> None:
    def keys(*args: str) -> list[str]:
        code, out, err = _run(runner, "--data", str(DISTRICTS), "plans", *args, "-f", "json")
        assert code == 0, err
        return [p["key"] for p in json.loads(out)]

    assert keys() == ["mh", "pd"]
    assert keys("--year", "2024") == ["mh"]
    assert keys("--issuer", "浦东新区:区政府") == ["pd"]
    code, _out, err = _run(runner, "--data", str(DISTRICTS), "list", "--year", "1999")
    assert code == 2
    assert "no plan of the library is chosen" in err


def test_plans_json_contract(runner: CliRunner) -> None:
    code, out, _err = _run(runner, "--data", str(DISTRICTS), "plans", "-f", "json")
    assert code == 0
    assert json.loads(out)[1] == {
        "key": "pd",
        "title": "浦东新区示例分工表",
        "document_number": "浦府〔2023〕1号",
        "date": "2023-03-01",
        "issuers": ["区政府"],
        "jurisdiction": "浦东新区",
        "period": None,
        "file": "pudong.yaml",
        "tasks": 2,
        "departments": 3,
        "targets": 0,
    }


def test_search_ranks_every_plan_at_once(runner: CliRunner) -> None:
    code, out, _err = _run(runner, "--data", str(DISTRICTS), "search", "推进", "-f", "json")
    assert code == 0
    found = [(t["plan"]["key"], t["id"], t["found_in"]) for t in json.loads(out)]
    # mh's task has the word in its topic only: it ranks below both of pd's.
    assert found == [
        ("pd", 2, ["text", "topic"]),
        ("pd", 1, ["text", "topic"]),
        ("mh", 1, ["topic"]),
    ]


def test_an_empty_folder_is_no_library(runner: CliRunner, tmp_path: Path) -> None:
    code, out, err = _run(runner, "--data", str(tmp_path), "list")
    assert (code, out) == (1, "")
    assert err.startswith(f"{tmp_path}: error FG033 no-plan: {tmp_path} holds no plan file\n")


def test_a_subfolder_is_never_read_and_a_pipe_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "library"
    shutil.copytree(DISTRICTS, folder)
    (folder / "progress.yaml").mkdir()  # a folder, whatever its name says
    (folder / "notes.txt").write_text("not a plan", "utf-8")
    code, out, _err = _run(runner, "--data", str(folder), "plans", "-f", "csv")
    assert (code, [line.split(",")[0] for line in out.splitlines()]) == (0, ["key", "mh", "pd"])
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
        code, out, err = _run(runner, "--data", str(folder), "plans")
        assert (code, out) == (2, "")
        assert err == f"error: {folder / 'pipe.yaml'} is not a regular file\n"


EXAMPLE = ROOT / "examples" / "library"


def test_the_example_library_holds_three_real_plans(runner: CliRunner) -> None:
    code, out, err = _run(runner, "--data", str(EXAMPLE), "plans", "-f", "csv")
    assert code == 0, err
    rows = [line.split(",") for line in out.splitlines()[1:]]
    assert [(r[0], r[2], r[5]) for r in rows] == [
        ("guofa-2018-38", "国发〔2018〕38号", "全国"),
        ("guofa-2018-39", "国发〔2018〕39号", "全国"),
        ("hrss-2022-256", "沪人社职〔2022〕256号", "上海市"),
    ]
    # The bundled plan reads there as it does alone.
    alone = _run(runner, "list", "--lead", "市教委", "-f", "json")
    shelved = _run(runner, "--data", str(EXAMPLE), "list", "--lead", "市教委", "-f", "json")
    assert shelved == alone


def test_a_name_and_another_jurisdictions_alias_are_ambiguous(runner: CliRunner) -> None:
    # 国资委 is a ministry's name (全国) and an alias of 市国资委 (上海市).
    code, out, err = _run(runner, "--data", str(EXAMPLE), "list", "--lead", "国资委")
    assert (code, out) == (2, "")
    assert err.startswith(
        "error: 国资委 is ambiguous: it may mean 全国:国资委 or 上海市:市国资委\n"
    )
    for typed, keys in (
        ("全国:国资委", {"guofa-2018-38", "guofa-2018-39"}),
        ("上海市:市国资委", {"hrss-2022-256"}),
        ("市国资委", {"hrss-2022-256"}),
    ):
        code, out, _err = _run(
            runner, "--data", str(EXAMPLE), "list", "--lead", typed, "-f", "json"
        )
        assert code == 0
        assert {t["plan"]["key"] for t in json.loads(out)} <= keys


def test_a_broken_registry_is_said_alone_and_a_jurisdiction_typo_first(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "library"
    shutil.copytree(DISTRICTS, folder)
    registry = folder / "registry.yaml"
    good = registry.read_text("utf-8")
    registry.write_text(good.replace("within: 上海市", "within: 上海"), "utf-8")
    code, _out, err = _run(runner, "validate", str(folder))
    assert code == 1
    # Both district plans would fail for the registry's fault: only its errors are said.
    assert [line.split(": ")[0] for line in err.splitlines() if " error " in line] == [
        f"{registry}:8:5",
        f"{registry}:13:5",
    ]
    registry.write_text(good, "utf-8")
    plan = folder / "pudong.yaml"
    plan.write_text(plan.read_text("utf-8").replace("浦东新区", "浦东新取"), "utf-8")
    code, _out, err = _run(runner, "validate", str(folder))
    assert code == 1
    found = [line for line in err.splitlines() if str(plan) in line and " FG" in line]
    assert found[1] == (
        f"{plan}:7:3: warning FG106 jurisdiction-unlisted at plan.jurisdiction: "
        "jurisdiction 浦东新取 is not in registry.yaml"
    )
    assert "hint: did you mean 浦东新区?" in err
