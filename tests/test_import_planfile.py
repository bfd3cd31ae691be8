"""The plan file an import writes: every value reads back as itself, bare or in a list."""

from __future__ import annotations

import datetime

import pytest
import yaml

from fenggong.importing.planfile import flow

VALUES: list[object] = [
    "市教委",
    "加快5G网络建设，到2025年建成基站7万个。",
    "市交通委（市道运局）",
    "yes",
    "null",
    "~",
    "1e3",
    "0x1F",
    "2022-01-01",
    "- a",
    "a: b",
    "中文: x",
    "中文 #x",
    "中文,x",
    "中[x]",
    "中{x}",
    "中\u2028文",
    "中\x1b[31m",
    "'q'",
    '"',
    "",
    "!!python/object:os.system x",
    "&anchor",
    "*alias",
    "中\\n",
    "x\ty",
    datetime.date(2022, 1, 2),
    1.5,
    0,
    True,
    None,
    ["a b", "中文,x"],
    {"raw": "2022年", "kind": "by", "date": datetime.date(2022, 12, 31)},
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_value_reads_back_as_itself(value: object) -> None:
    written = flow(value)
    assert "\n" not in written
    assert yaml.safe_load(f"x: {written}")["x"] == value
    assert yaml.safe_load(f"x: [{written}]")["x"] == [value]
