"""Names as people slip: rare readings, traditional script, near misses, pasted lists."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.cli.naming import notes
from fenggong.errors import LookupFailedError
from fenggong.names import did_you_mean
from fenggong.resolve import Reading, Resolution, Resolver, Via, parts
from tests.helpers import CATALOG

RESOLVER = Resolver(CATALOG.departments)
FORMATS = ["table", "json", "jsonl", "csv", "markdown", "yaml"]


@pytest.mark.parametrize(
    ("typed", "name", "via"),
    [
        ("市教委", "市教委", Via.NAME),
        ("上海市教育委员会", "市教委", Via.FULL_NAME),
        ("教委", "市教委", Via.ALIAS),
        ("上海市浦东新区", "浦东新区", Via.FULL_NAME),
        ("浦东", "浦东新区", Via.ALIAS),
        ("sjw", "市教委", Via.PINYIN),
        ("pudong", "浦东新区", Via.PINYIN),
        ("cnq", "长宁区", Via.PINYIN),  # 长宁 as it is said: Chángníng
        ("mhq", "闵行区", Via.PINYIN),  # 闵行: Mǐnháng
        ("浦東新區", "浦东新区", Via.TRADITIONAL),
        ("長寧區", "长宁区", Via.TRADITIONAL),
        ("市財政局", "市财政局", Via.TRADITIONAL),
        ("上海市教育委員會", "市教委", Via.TRADITIONAL),
        ("市發展改革委", "市发展改革委", Via.TRADITIONAL),
    ],
)
def test_how_each_name_was_found(typed: str, name: str, via: Via) -> None:
    assert RESOLVER.find(typed) == Resolution(typed, name, via)
    assert via.guessed is (via in (Via.PINYIN, Via.TRADITIONAL))


@pytest.mark.parametrize(
    ("typed", "usual"),
    [("cz", "长宁区 cnq"), ("zz", "长宁区 cnq"), ("znq", "长宁区 cnq"), ("mxq", "闵行区 mhq")],
)
def test_a_rare_reading_is_not_a_guess_but_a_question(typed: str, usual: str) -> None:
    with pytest.raises(LookupFailedError) as caught:
        RESOLVER.find(typed)
    name = usual.split()[0]
    assert caught.value.message == (
        f"{typed} is no department's usual pinyin; in a rare reading it may mean {name}"
    )
    assert caught.value.hint == f"type the name, or its usual pinyin initials: {usual}"
    assert RESOLVER.candidates(typed) == []


def test_the_usual_reading_wins_over_a_rare_one() -> None:
    from fenggong.model import Department, DeptKind

    # zzb is 长住办 in its usual reading (zhǎng zhù bàn) and 长宁办 in a rare one (宁 zhù).
    registry = {
        "长宁办": Department(full_name="长宁办事处", kind=DeptKind.MUNICIPAL),
        "长住办": Department(full_name="长住办事处", kind=DeptKind.MUNICIPAL),
    }
    assert Resolver(registry).find("zzb") == Resolution("zzb", "长住办", Via.PINYIN)
    with pytest.raises(LookupFailedError, match=r"in a rare reading it may mean 长宁办$"):
        Resolver({"长宁办": registry["长宁办"]}).find("zzb")


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("黄埔", "did you mean 黄浦区?"),  # 埔 and 浦 are both pǔ
        ("浦冬", "did you mean 浦东新区?"),
        ("静按", "did you mean 静安区?"),
        ("市教育委", "did you mean 市教委?"),
        ("黃埔", "did you mean 黄浦区?"),  # traditional and a slip
        ("xyzzy", None),
    ],
)
def test_a_near_miss_is_suggested(typed: str, hint: str | None) -> None:
    with pytest.raises(LookupFailedError) as caught:
        RESOLVER.find(typed)
    assert caught.value.message == f"unknown department {typed}"
    every = "fenggong depts lists every body"
    assert caught.value.hint == (f"{hint} ({every})" if hint else every)


def test_did_you_mean_takes_a_homophone_slip_only() -> None:
    assert did_you_mean("黄埔", ["黄浦"]) == "did you mean 黄浦?"
    assert did_you_mean("万斤", ["万人", "万人次"]) is None  # 斤 jīn is not 人 rén
    assert did_you_mean("埔", ["浦"]) is None  # one character says too little
    assert did_you_mean("ＡＢＣ", ["abc"]) == "did you mean abc? (same name, written differently)"


@pytest.mark.parametrize(
    "typed", ["市教委、市财政局", "市教委，市财政局", "市教委,市财政局", "市教委;市财政局",
              "市教委；市财政局", "市教委 市财政局", "市教委\n市财政局", " 市教委 、 市财政局 "],
)  # fmt: skip
def test_a_pasted_list_is_read_as_its_names(typed: str) -> None:
    reading = RESOLVER.read(typed)
    assert reading.is_list
    assert [r.name for r in reading.names] == ["市教委", "市财政局"]


def test_one_name_is_never_split() -> None:
    spaced = " 市　教委 "
    assert RESOLVER.read(spaced) == Reading(spaced, (Resolution(spaced, "市教委", Via.NAME),))
    assert RESOLVER.read("shi jiao wei").names[0].name == "市教委"
    assert parts("市教委、 市财政局；") == ["市教委", "市财政局"]


def test_a_bad_name_in_a_list_is_named_in_its_list() -> None:
    with pytest.raises(LookupFailedError) as caught:
        RESOLVER.read("市教委、黄埔")
    assert caught.value.message == "unknown department 黄埔, in the list 市教委、黄埔"
    assert caught.value.hint == "did you mean 黄浦区? (fenggong depts lists every body)"
    with pytest.raises(LookupFailedError) as caught:
        RESOLVER.read("火星、木星")  # no part is a name: the whole is unknown
    assert caught.value.message == "unknown department 火星、木星"


def test_notes_say_each_list_and_guess_once() -> None:
    readings = [RESOLVER.read("sjw、市财政局"), RESOLVER.read("sjw"), RESOLVER.read("市教委")]
    assert notes(readings) == [
        "read sjw、市财政局 as 2 names: sjw, 市财政局",
        "sjw → 市教委 (pinyin)",
    ]
    assert notes([RESOLVER.read("浦東新區")]) == ["浦東新區 → 浦东新区 (traditional script)"]


# --- through the command line ---


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_guess_is_said_on_stderr_in_every_format(runner: CliRunner, fmt: str) -> None:
    guessed = runner.invoke(app, ["list", "--lead", "sjw", "-f", fmt])
    named = runner.invoke(app, ["list", "--lead", "市教委", "-f", fmt])
    assert guessed.exit_code == named.exit_code == 0
    assert guessed.stderr == "sjw → 市教委 (pinyin)\n"
    assert named.stderr == ""
    assert guessed.stdout == named.stdout


def test_traditional_script_is_said(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "浦東新區", "-f", "json"])
    assert result.exit_code == 0
    assert result.stderr == "浦東新區 → 浦东新区 (traditional script)\n"
    assert {m["department"] for t in json.loads(result.stdout) for m in t["match"]} == {"浦东新区"}


@pytest.mark.parametrize("separator", ["、", "，", ",", ";", "；", " "])
def test_a_pasted_list_is_or_as_a_repeated_option(runner: CliRunner, separator: str) -> None:
    typed = f"市残联{separator}市妇联"
    pasted = runner.invoke(app, ["list", "--lead", typed, "-f", "json"])
    repeated = runner.invoke(app, ["list", "--lead", "市残联", "--lead", "市妇联", "-f", "json"])
    assert pasted.exit_code == 0
    assert pasted.stdout == repeated.stdout
    assert pasted.stderr == f"read {typed} as 2 names: 市残联, 市妇联\n"


def test_export_says_it_too(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "csv", "--dept", "sjw", "-o", "-"])
    assert result.exit_code == 0
    assert result.stderr == "sjw → 市教委 (pinyin)\n"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["list", "--dept", "cz"],
            "error: cz is no department's usual pinyin; in a rare reading it may mean 长宁区\n"
            "  hint: type the name, or its usual pinyin initials: 长宁区 cnq\n",
        ),
        (
            ["list", "--dept", "黄埔"],
            "error: unknown department 黄埔\n"
            "  hint: did you mean 黄浦区? (fenggong depts lists every body)\n",
        ),
        (
            ["depts", "市教委、市财政局"],
            "error: depts shows one department, and 市教委、市财政局 names 2: 市教委, 市财政局\n"
            "  hint: ask for each in turn, or for all at once: "
            "fenggong list --dept 市教委 --dept 市财政局\n",
        ),
        (
            ["list", "--lead", "市教委、市财证局"],
            "error: unknown department 市财证局, in the list 市教委、市财证局\n"
            "  hint: did you mean 市财政局? (fenggong depts lists every body)\n",
        ),
    ],
)
def test_no_guess_exits_2_with_the_candidates(
    runner: CliRunner, args: list[str], stderr: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == stderr


def test_depts_says_its_guess(runner: CliRunner) -> None:
    guessed = runner.invoke(app, ["depts", "cnq", "-f", "json"])
    assert guessed.exit_code == 0
    assert guessed.stderr == "cnq → 长宁区 (pinyin)\n"
    assert json.loads(guessed.stdout)["department"] == "长宁区"
