"""depts, depts NAME, matrix and outline across the plans of a library.

A library of one plan answers byte for byte as its plan file does; across several, a
body is its jurisdiction and registry name (区发改委 of 浦东新区 and of 闵行区 are two,
市教委 named by both is one), and a body renamed in registry.yaml is renamed in every
plan. The fixture libraries are under tests/fixtures/libraries/; goldens of their
answers under tests/golden/library/ (regenerate with FENGGONG_UPDATE_GOLDEN=1).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.query.counts import library_workload, plan_matrix
from fenggong.query.library import Library
from fenggong.render.formats import Format
from fenggong.store import library as shelves
from fenggong.views.schemas import Output
from tests.helpers import FIXTURES, ROOT

LIBRARIES = FIXTURES / "libraries"
DISTRICTS = LIBRARIES / "two-districts"  # 浦东新区 and 闵行区 plans, each with its 区发改委
RENAMED = LIBRARIES / "renamed"  # 市经济信息化委 renamed 市经信委 in registry.yaml
GOLDEN = ROOT / "tests" / "golden" / "library"
SCHEMAS = ROOT / "schema" / "output"
EXTENSIONS = {
    Format.TABLE: "txt",
    Format.JSON: "json",
    Format.JSONL: "jsonl",
    Format.CSV: "csv",
    Format.MARKDOWN: "md",
    Format.YAML: "yaml",
}


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def lib(monkeypatch: pytest.MonkeyPatch, shared_cache: Path) -> CliRunner:
    """A runner whose cache is shared by this module's tests: a library is checked once."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared_cache))
    return CliRunner()


def _run(runner: CliRunner, args: list[str], code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


# A library of one plan --------------------------------------------------------------

ONE_PLAN = {
    "depts": ["depts"],
    "depts-chart": ["depts", "--chart"],
    "depts-chart-named": ["depts", "市教委", "--chart"],
    "depts-sjw": ["depts", "市教委"],
    "depts-pudong": ["depts", "浦东新区"],
    "matrix": ["matrix"],
    "matrix-by-plan": ["matrix", "--by", "plan"],
    "outline": ["outline"],
}


@pytest.fixture(scope="module")
def one_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("one-plan")
    shutil.copy(ROOT / "data" / "tasks.yaml", folder / "tasks.yaml")
    return folder


# Drawing the bundled plan for people takes a while: those formats are in the full run.
_DRAWN = (Format.TABLE, Format.MARKDOWN, Format.YAML)


@pytest.mark.parametrize(
    ("case", "fmt"),
    [
        pytest.param(case, fmt, marks=[pytest.mark.slow] if fmt in _DRAWN else [])
        for case in ONE_PLAN
        for fmt in Format
    ],
)
def test_a_library_of_one_plan_answers_as_its_file(
    lib: CliRunner, one_plan: Path, case: str, fmt: Format
) -> None:
    args = [*ONE_PLAN[case], "--format", str(fmt)]
    alone = _run(lib, ["--data", str(one_plan / "tasks.yaml"), *args])
    assert _run(lib, ["--data", str(one_plan), *args]) == alone
    assert alone[1] == ""


@pytest.mark.parametrize("case", ["depts", "depts-sjw", "matrix", "outline"])
def test_the_plan_file_still_answers_as_its_golden(
    lib: CliRunner, one_plan: Path, case: str
) -> None:
    stdout, _err = _run(lib, ["--data", str(one_plan), *ONE_PLAN[case], "-f", "json"])
    assert stdout == (ROOT / "tests" / "golden" / f"{case}.json").read_text(encoding="utf-8")


def test_plan_narrows_a_library_to_one(lib: CliRunner, tmp_path: Path) -> None:
    """--plan KEY on a library of two answers as a library of that plan alone."""
    for name in ("minhang.yaml", "registry.yaml"):
        shutil.copy(DISTRICTS / name, tmp_path / name)
    for args in (["depts"], ["depts", "区发改委"], ["matrix"], ["outline"]):
        alone = _run(lib, ["--data", str(tmp_path), *args, "-f", "json"])
        narrowed = _run(lib, ["--data", str(DISTRICTS), *args, "--plan", "minhang", "-f", "json"])
        assert narrowed == alone
    # The plans of 2023 are pudong's alone: its own names, no jurisdiction.
    by_year = _run(lib, ["--data", str(DISTRICTS), "depts", "--year", "2023", "-f", "csv"])[0]
    assert by_year.splitlines() == [
        "department,kind,lead,support,total,via_group,possible",
        "区发改委,市政府部门,1,2,3,0,0",
        "区人社局,市政府部门,2,0,2,0,0",
        "市教委,市政府部门,0,2,2,0,0",
    ]
    by_issuer = ["depts", "--issuer", "浦东新区:区人社局", "-f", "csv"]
    assert _run(lib, ["--data", str(DISTRICTS), *by_issuer])[0] == by_year


# Two jurisdictions, one name ----------------------------------------------------------


def test_a_name_two_jurisdictions_define_is_two_bodies(lib: CliRunner) -> None:
    stdout, _err = _run(lib, ["--data", str(DISTRICTS), "depts", "-f", "csv"])
    assert stdout.splitlines() == [
        "department,jurisdiction,kind,plans,lead,support,total,via_group,possible",
        "市教委,上海市,市政府部门,2,1,2,3,0,0",
        "浦东新区:区发改委,浦东新区,市政府部门,1,1,2,3,0,0",
        "浦东新区:区人社局,浦东新区,市政府部门,1,2,0,2,0,0",
        "闵行区:区发改委,闵行区,市政府部门,1,1,1,2,0,0",
        "闵行区:区人社局,闵行区,市政府部门,1,0,1,1,0,0",
    ]


def test_the_bare_name_is_ambiguous_and_the_jurisdiction_picks_one(lib: CliRunner) -> None:
    _out, err = _run(lib, ["--data", str(DISTRICTS), "depts", "区发改委"], code=2)
    assert err.splitlines()[0] == (
        "error: 区发改委 is ambiguous: it may mean 闵行区:区发改委 or 浦东新区:区发改委"
    )
    stdout, err = _run(lib, ["--data", str(DISTRICTS), "depts", "浦东新区:区发改委", "-f", "json"])
    sheet = json.loads(stdout)
    assert (sheet["department"], sheet["full_name"], sheet["jurisdiction"]) == (
        "浦东新区:区发改委",
        "上海市浦东新区发展和改革委员会",
        "浦东新区",
    )
    assert [(p["plan"]["key"], p["lead"], p["support"]) for p in sheet["plans"]] == [
        ("pudong", [2], [1, 3])
    ]
    assert err == ""


def test_a_body_of_the_city_is_one_across_district_plans(lib: CliRunner) -> None:
    stdout, _err = _run(lib, ["--data", str(DISTRICTS), "depts", "教委", "-f", "json"])
    sheet = json.loads(stdout)
    assert (sheet["department"], sheet["jurisdiction"], sheet["counts"]) == (
        "市教委",
        "上海市",
        {"lead": 1, "support": 2, "total": 3, "via_group": 0, "possible": 0},
    )
    assert [(p["plan"]["key"], p["lead"], p["support"]) for p in sheet["plans"]] == [
        ("minhang", [2], []),
        ("pudong", [], [2, 3]),
    ]


def test_the_counts_are_summed_once_per_body() -> None:
    library = Library.shelved(shelves.load(DISTRICTS), str(DISTRICTS))
    assert [
        (x.load.department, x.jurisdiction, x.name, x.plans, x.load.lead, x.load.support)
        for x in library_workload(library)
    ] == [
        ("市教委", "上海市", "市教委", 2, 1, 2),
        ("浦东新区:区发改委", "浦东新区", "区发改委", 1, 1, 2),
        ("浦东新区:区人社局", "浦东新区", "区人社局", 1, 2, 0),
        ("闵行区:区发改委", "闵行区", "区发改委", 1, 1, 1),
        ("闵行区:区人社局", "闵行区", "区人社局", 1, 0, 1),
    ]
    assert [(x.load.department, cells) for x, cells in plan_matrix(library)] == [
        ("市教委", {"minhang": (1, 0), "pudong": (0, 2)}),
        ("浦东新区:区发改委", {"minhang": (0, 0), "pudong": (1, 2)}),
        ("浦东新区:区人社局", {"minhang": (0, 0), "pudong": (2, 0)}),
        ("闵行区:区发改委", {"minhang": (1, 1), "pudong": (0, 0)}),
        ("闵行区:区人社局", {"minhang": (0, 1), "pudong": (0, 0)}),
    ]


# A body renamed in the registry --------------------------------------------------------


@pytest.mark.parametrize("typed", ["市经信委", "市经济信息化委"])
def test_a_body_renamed_in_the_registry_is_renamed_in_every_plan(
    lib: CliRunner, typed: str
) -> None:
    stdout, _err = _run(lib, ["--data", str(RENAMED), "depts", typed, "-f", "json"])
    sheet = json.loads(stdout)
    assert (sheet["department"], sheet["aliases"]) == ("市经信委", ["市经济信息化委"])
    tasks = [t for role in ("lead", "support") for t in sheet[role]]
    assert [(t["plan"]["key"], t["id"]) for t in tasks] == [
        ("digital", 2),
        ("skills", 1),
        ("digital", 1),
        ("skills", 2),
    ]
    # Each plan writes the old name; each reads as the new one.
    assert all("市经信委" in (*t["lead"], *t["support"]) for t in tasks)
    assert "市经济信息化委" not in stdout.replace('"aliases": [\n    "市经济信息化委"', "")
    index = _run(lib, ["--data", str(RENAMED), "depts", "-f", "csv"])[0].splitlines()
    assert index[1] == "市经信委,上海市,市政府部门,2,2,2,4,0,1"
    assert not any(line.startswith("市经济信息化委") for line in index)


# What matrix by section says across several plans -------------------------------------


def test_matrix_by_section_across_plans_is_refused_with_the_way_out(lib: CliRunner) -> None:
    stdout, err = _run(lib, ["--data", str(DISTRICTS), "matrix"], code=2)
    assert (stdout, err) == (
        "",
        "error: matrix --by section reads one plan's sections, and 2 plans are chosen\n"
        "  hint: use --by plan for departments × plans, or --plan KEY for one of minhang, "
        "pudong\n",
    )


# Every format, against goldens ----------------------------------------------------------

CASES = {
    "depts-renamed": [str(RENAMED), "depts", "市经信委"],
    "depts-pudong-fgw": [str(DISTRICTS), "depts", "浦东新区:区发改委"],
    "depts-index": [str(DISTRICTS), "depts"],
    "depts-chart": [str(RENAMED), "depts", "--chart"],
    "matrix-by-plan": [str(DISTRICTS), "matrix", "--by", "plan"],
    "outline": [str(RENAMED), "outline"],
}


def _golden(path: Path, text: str) -> None:
    if os.environ.get("FENGGONG_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", list(CASES))
def test_every_format_across_plans(lib: CliRunner, case: str) -> None:
    folder, *args = CASES[case]
    for fmt in Format:
        stdout, err = _run(lib, ["--data", folder, *args, "--format", str(fmt)])
        assert err == ""
        _golden(GOLDEN / f"{case}.{EXTENSIONS[fmt]}", stdout)


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize("case", ["depts-renamed", "matrix-by-plan", "outline"])
def test_the_people_formats_across_plans_in_chinese(lib: CliRunner, case: str) -> None:
    folder, *args = CASES[case]
    for fmt in (Format.TABLE, Format.MARKDOWN):
        stdout, _err = _run(lib, ["--data", folder, *args, "--format", str(fmt)])
        _golden(GOLDEN / "zh" / f"{case}.{EXTENSIONS[fmt]}", stdout)


CONTRACTS = [
    (CASES["depts-renamed"], Output.DEPARTMENT),
    (CASES["depts-pudong-fgw"], Output.DEPARTMENT),
    (CASES["depts-index"], Output.DEPARTMENTS),
    (CASES["depts-chart"], Output.DEPARTMENTS),
    (CASES["matrix-by-plan"], Output.PLAN_MATRIX),
    ([str(ROOT / "data" / "tasks.yaml"), "matrix", "--by", "plan"], Output.PLAN_MATRIX),
    (CASES["outline"], Output.OUTLINE),
]


@pytest.mark.parametrize(("args", "output"), CONTRACTS, ids=lambda x: str(x)[-40:])
def test_json_across_plans_keeps_its_contract(
    lib: CliRunner, args: list[str], output: Output
) -> None:
    folder, *command = args
    stdout, _err = _run(lib, ["--data", folder, *command, "-f", "json"])
    schema = json.loads((SCHEMAS / f"{output}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(stdout), schema)
