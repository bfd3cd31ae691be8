"""The exported HTML page as written: the spellings and involvements in its data block,
its load table, and nothing fetched from elsewhere (the browser tests run it)."""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.resolve import Resolver, readings
from tests.helpers import CATALOG


@pytest.fixture(scope="module")
def page() -> str:
    result = CliRunner().invoke(app, ["export", "html", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _data(page: str) -> dict[str, Any]:
    block = re.search(r'id="fg-data">(.*?)</script>', page, re.S)
    assert block is not None
    data: dict[str, Any] = json.loads(block[1])
    return data


@pytest.mark.parametrize(
    ("name", "some"),
    [("长宁区", {"cnq", "changningqu"}), ("市教委", {"sjw", "shijiaowei"})],
)
def test_readings_are_initials_and_full_pinyin_of_the_usual_reading(
    name: str, some: set[str]
) -> None:
    assert some <= readings(name)
    assert "znq" not in readings(name)  # a rare reading: the CLI asks rather than guesses


def test_the_page_ships_the_spellings_the_cli_resolves(page: str) -> None:
    bodies = _data(page)["departments"]
    assert _data(page)["order"] == list(CATALOG.departments)
    assert {"市教委", "教委", "上海市教育委员会", "市教育委员会", "教育委员会"} <= set(
        bodies["市教委"]["forms"]
    )
    # The page's pinyin index is the resolver's, reading for reading.
    shipped: dict[str, set[str]] = defaultdict(set)
    for name, body in bodies.items():
        for reading in body["pinyin"]:
            shipped[reading].add(name)
    resolver = Resolver(CATALOG.departments)
    assert dict(shipped) == {reading: set(keys) for reading, keys in resolver._pinyin.items()}
    assert shipped["sjw"] == {"市教委"} and shipped["pd"] == {"浦东新区"}
    assert "znq" not in shipped  # 长宁 in a rare reading: the CLI asks, the page ignores


def test_the_page_knows_how_each_body_takes_part(page: str) -> None:
    body = _data(page)["departments"]["浦东新区"]
    reach, bucket, says = body["reach"], body["bucket"], body["says"]
    assert (reach["97"], bucket["97"], says["97"]) == ("group", "lead", "牵头·经由各区")
    assert (reach["66"], bucket["66"], says["66"]) == ("possible", "possible", "配合·可能(相关区)")
    # Lead and support as `depts` counts them, and possibly concerned.
    assert len(reach) == len(bucket) == len(says) == 35 + 2


def test_the_load_table_is_the_index_of_depts(page: str) -> None:
    depts = json.loads(CliRunner().invoke(app, ["depts", "-f", "json"]).stdout)
    keys = ("department", "lead", "support", "total", "via_group", "possible")
    expected = [[str(x[k]) for k in keys] for x in depts]
    table = page.split('<table id="load"', 1)[1].split("</table>", 1)[0]
    rows = [
        [
            html.unescape(v)
            for k, v in re.findall(r'data-key="(\w+)"[^>]*>([^<]*)</td>', row)
            if k in keys
        ]
        for row in re.findall(r"<tr data-index=.*?</tr>", table)
    ]
    assert rows == expected


def test_the_page_fetches_nothing(page: str) -> None:
    links = re.findall(r'\b(?:src|href|action)="([^"]*)"', page)
    assert links and all(link.startswith("#") for link in links)
    assert "@import" not in page and "url(" not in page
