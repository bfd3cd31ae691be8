"""``targets --progress``'s parts: each supporting body's own latest figure toward a goal,
beside the lead's, over examples/progress/ and tests/fixtures/ledger/parts/ (2026-Q2:
the lead, 市教委, 市财政局 through 各相关委办局, 浦东新区 and 闵行区 through 各区)."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import msgspec
import pytest
from typer.testing import CliRunner

from fenggong.checks.scope import Scope
from fenggong.cli import app
from fenggong.lights import Settings
from fenggong.model import Entry, Figure, Ledger
from fenggong.periods import parse_period
from fenggong.query.attainment import attainment
from fenggong.query.progress import Book
from fenggong.store.ledger import Ledgers
from fenggong.store.ledgercache import reference
from fenggong.store.ledgerpack import pack
from tests.helpers import CATALOG, FIXTURES, ROOT

PARTS = FIXTURES / "ledger" / "parts"
SCHEMA = ROOT / "schema" / "output" / "targets.schema.json"


@pytest.fixture
def plan(tmp_path: Path) -> str:
    """The bundled plan, the demonstration 台账 and the fixture's 2026-Q2."""
    shutil.copy(ROOT / "data" / "tasks.yaml", tmp_path / "tasks.yaml")
    shutil.copytree(ROOT / "examples" / "progress", tmp_path / "progress")
    shutil.copy(PARTS / "2026-Q2.yaml", tmp_path / "progress")
    return str(tmp_path / "tasks.yaml")


def _invoke(runner: CliRunner, plan: str, *args: str) -> str:
    result = runner.invoke(app, ["targets", "--data", plan, "--progress", *args])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def _json(runner: CliRunner, plan: str, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(_invoke(runner, plan, *args, "-f", "json"))
    jsonschema.validate(rows, json.loads(SCHEMA.read_text(encoding="utf-8")))
    return rows


def _part(body: str, figure: int | float, reported: str | None) -> dict[str, Any]:
    return {"body": body, "figure": figure, "reported": reported}


def test_the_lead_s_figure_is_the_attainment_and_the_supporters_are_its_parts(
    runner: CliRunner, plan: str
) -> None:
    (row,) = _json(runner, plan, "--as-of", "2026-08-01", "--grep", "技师学院")
    assert {k: row[k] for k in ("reported", "figure", "attainment", "light", "parts")} == {
        "reported": "2026-07-15",
        "figure": 19,  # the lead's 19, not 19 + 2 + 1 + 3 + 1
        "attainment": 95.0,
        "light": "yellow",
        # The support cell's 市教委, then through a group in the registry's order; 徐汇区
        # reported no figure.
        "parts": [
            _part("市教委", 2, "2026-07-12"),
            _part("市财政局", 1, "2026-07-05"),
            _part("浦东新区", 3, "2026-07-10"),
            _part("闵行区", 1, None),
        ],
    }


def test_a_part_is_value_times_unit_and_none_is_an_empty_list(runner: CliRunner, plan: str) -> None:
    rows = _json(runner, plan, "--as-of", "2026-08-01")
    assert [(r["task"], r["parts"]) for r in rows] == [
        (1, [_part("浦东新区", 300000, "2026-07-08")]),
        (1, [_part("浦东新区", 125000, "2026-07-08")]),
        (2, [_part(b, f, d) for b, f, d in _TASK_2]),
        (4, []),
        (27, []),
        (47, []),
        (73, []),
    ]


_TASK_2 = [
    ("市教委", 2, "2026-07-12"),
    ("市财政局", 1, "2026-07-05"),
    ("浦东新区", 3, "2026-07-10"),
    ("闵行区", 1, None),
]


@pytest.mark.parametrize(
    ("day", "figure", "parts"),
    [
        # Before 2026-Q2 began: the undated 闵行区 counts from its period's first day.
        ("2026-03-31", 16, []),
        ("2026-04-01", 16, [("闵行区", 1, None)]),
        # Before 市教委's report (2026-07-12) and the lead's (2026-07-15): left out.
        ("2026-07-11", 18, [("市财政局", 1, "2026-07-05"), *_TASK_2[2:]]),
        ("2026-07-12", 18, _TASK_2),
    ],
)
def test_as_of_leaves_out_a_part_reported_later(
    runner: CliRunner, plan: str, day: str, figure: int, parts: list[tuple[Any, ...]]
) -> None:
    (row,) = _json(runner, plan, "--as-of", day, "--grep", "技师学院")
    assert (row["figure"], row["parts"]) == (figure, [_part(*p) for p in parts])


def test_without_progress_there_are_no_parts(runner: CliRunner, plan: str) -> None:
    result = runner.invoke(app, ["targets", "--data", plan, "-f", "json"])
    assert result.exit_code == 0
    assert all("parts" not in r for r in json.loads(result.stdout))
    csv = runner.invoke(app, ["targets", "--data", plan, "-f", "csv"])
    assert "parts" not in csv.stdout.splitlines()[0]


def test_csv_holds_the_parts_as_json(runner: CliRunner, plan: str) -> None:
    out = _invoke(runner, plan, "--as-of", "2026-08-01", "--grep", "技师学院", "-f", "csv")
    assert out.splitlines() == [
        "task,metric,value,unit,quantity,qualifier,qualitative,lead,support,"
        "reported,figure,attainment,expected,light,parts",
        "2,建设新型技师学院,20,所,20,,false,市人力资源社会保障局,市教委、各相关委办局、各区,"
        '2026-07-15,19,95,100,yellow,"[{""body"":""市教委"",""figure"":2,""reported"":""2026-07-12""},'
        '{""body"":""市财政局"",""figure"":1,""reported"":""2026-07-05""},'
        '{""body"":""浦东新区"",""figure"":3,""reported"":""2026-07-10""},'
        '{""body"":""闵行区"",""figure"":1,""reported"":null}]"',
    ]
    other = _invoke(runner, plan, "--as-of", "2026-08-01", "--grep", "学徒制", "-f", "csv")
    assert other.splitlines()[1].endswith(",100,none,[]")


def test_markdown_writes_each_part_in_the_target_s_own_unit(runner: CliRunner, plan: str) -> None:
    out = _invoke(runner, plan, "--as-of", "2026-08-01", "--grep", "培训", "-f", "markdown")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert rows[0].endswith("| Expected | Light | Parts |")
    assert [row.rsplit("|", 2)[1] for row in rows[1:]] == [
        " 浦东新区 30万人次（2026-07-08） ",
        " 浦东新区 12.5万人次（2026-07-08） ",
        "  ",
    ]
    two = _invoke(runner, plan, "--as-of", "2026-08-01", "--grep", "技师学院", "-f", "markdown")
    assert two.splitlines()[4] == (
        "| 2 | 建设新型技师学院 | 20所 | 20 |  | 市人力资源社会保障局 | "
        "市教委、各相关委办局、各区 | 2026-07-15 | 19所 | 95% | 100% | yellow | "
        "市教委 2所（2026-07-12）；市财政局 1所（2026-07-05）；浦东新区 3所（2026-07-10）；"
        "闵行区 1所（2026-Q2） |"
    )


@pytest.mark.parametrize("columns", ["200", "60"])
def test_the_table_one_part_a_line_or_a_block_when_narrow(
    runner: CliRunner, plan: str, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    """At 200 columns a part a line in its own column; at 60 the blocks every table
    falls back to, a part never split across lines (table-200.txt, table-60.txt)."""
    monkeypatch.setenv("COLUMNS", columns)
    expected = (PARTS / f"table-{columns}.txt").read_text(encoding="utf-8")
    assert _invoke(runner, plan, "--as-of", "2026-08-01", "--grep", "技师学院") == expected


@pytest.mark.usefixtures("chinese")
def test_the_column_in_chinese(runner: CliRunner, plan: str) -> None:
    out = _invoke(runner, plan, "--as-of", "2026-08-01", "--grep", "技师学院", "-f", "markdown")
    assert "| 序时进度 | 亮灯 | 配合单位填报 |" in out


def test_a_figure_in_another_unit_is_refused_by_the_ledger_s_check(
    runner: CliRunner, plan: str
) -> None:
    period = Path(plan).parent / "progress" / "2026-Q2.yaml"
    text = period.read_text(encoding="utf-8")
    period.write_text(text.replace("{value: 3, unit: 所}", "{value: 3, unit: 家}"), "utf-8")
    result = runner.invoke(
        app, ["targets", "--data", plan, "--progress", "--as-of", "2026-08-01", "-f", "json"]
    )
    assert result.exit_code == 1
    assert "FG046" in result.stderr
    assert "the figure is in 家, but the target 建设新型技师学院 counts in 所" in result.stderr
    assert result.stdout == ""


# The core, over a ledger made in memory: what the check refuses (a figure in another
# unit) is still left out, never counted as if in the target's unit.


def _book(*entries: Entry) -> Book:
    scope = Scope([(None, CATALOG.dataset)])
    ledger = Ledger(period="2026-Q2", entries=entries)
    period = parse_period("2026-Q2")
    assert period is not None
    return Book(
        Ledgers(scope, [(period, pack(ledger, lambda t: reference(scope, t)))]), Settings(), False
    )


def _entry(task: int, body: str, value: float, unit: str, day: int) -> Entry:
    # Task 1 has two quantified targets: its figures name the first.
    target = CATALOG.tasks[1].targets[0].metric if task == 1 else None
    return Entry(
        task=task,
        body=body,
        status="in_progress",  # type: ignore[arg-type]
        figures=(Figure(value=value, unit=unit, target=target),),
        reported=datetime.date(2026, 7, day),
    )


def test_a_part_in_an_incomparable_unit_is_left_out_and_a_kindred_one_converted() -> None:
    task = CATALOG.tasks[2]
    book = _book(
        _entry(2, "市人力资源社会保障局", 19, "所", 15),
        _entry(2, "浦东新区", 3, "家", 10),  # 家 is not 所: left out
        _entry(2, "闵行区", 2, "所", 11),
    )
    reached = attainment(CATALOG, task, task.targets[0], True, book, datetime.date(2026, 8, 1))
    assert reached.figure == 19
    assert [(p.body, p.figure, p.amount) for p in reached.parts] == [("闵行区", 2, 2)]
    one = CATALOG.tasks[1]
    book = _book(
        _entry(1, "浦东新区", 300000, "人次", 10),  # 30万人次 said in 人次
        _entry(1, "闵行区", 8, "万人", 10),  # 万人 is not 人次
    )
    goal = one.targets[0]
    reached = attainment(CATALOG, one, goal, False, book, datetime.date(2026, 8, 1))
    assert [(p.body, p.figure, p.amount) for p in reached.parts] == [("浦东新区", 300000, 30)]


def test_named_supporters_come_first_then_the_others_in_the_registry_s_order() -> None:
    # 闵行区 named in the support cell comes before 浦东新区, which reaches it through 各区.
    task = msgspec.structs.replace(CATALOG.tasks[2], support=("市教委", "闵行区", "各区"))
    book = _book(
        _entry(2, "浦东新区", 3, "所", 10),
        _entry(2, "市教委", 2, "所", 12),
        _entry(2, "闵行区", 1, "所", 11),
    )
    reached = attainment(CATALOG, task, task.targets[0], True, book, datetime.date(2026, 8, 1))
    assert [p.body for p in reached.parts] == ["市教委", "闵行区", "浦东新区"]
    assert reached.figure is None  # the lead reported nothing: no attainment from a part
    assert reached.verdict.light == "none"
