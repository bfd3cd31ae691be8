"""What a console that is not UTF-8 is given: glyph families' fallbacks, and escapes for data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fenggong.cli.encoding import GLYPHS, encodable, is_unicode
from tests.helpers import ROOT

RARE = "市䶮委"  # 䶮 (U+4DAE, CJK extension A) is in GB18030, not in GBK


@pytest.mark.parametrize(
    ("text", "encoding", "glyphs", "json_", "shown"),
    [
        # GBK has █ but not ░: the bars fall back together, the legend and the bars agree.
        ("█ lead  ░ support", "gbk", True, False, "# lead  - support"),
        ("███░░", "gbk", True, False, "###--"),
        # Everything of a falling family, even what the encoding has, in every output.
        ("─┼─", "gbk", True, False, "-+-"),
        (
            "● 市教委 → 市财政局",
            "cp1252",
            True,
            False,
            "* \\u5e02\\u6559\\u59d4 -> \\u5e02\\u8d22\\u653f\\u5c40",
        ),
        ("● 市教委 → 市财政局", "gbk", True, False, "● 市教委 → 市财政局"),
        ("−3 lead", "gbk", True, False, "-3 lead"),
        # Data the encoding lacks: an escape that says which character, never "?".
        (RARE, "gbk", True, False, "市\\u4dae委"),
        ("𠀀", "gbk", True, False, "\\U00020000"),
        ("é", "ascii", True, False, "\\xe9"),
        # Machine formats: no glyph replaced; JSON's own escapes, a pair beyond the BMP.
        ('{"x": "→𠀀"}', "cp1252", False, True, '{"x": "\\u2192\\ud840\\udc00"}'),
        ("a,→", "cp1252", False, False, "a,\\u2192"),
        # A Unicode encoding writes everything as it is.
        ("█░ 𠀀", "utf-8", True, False, "█░ 𠀀"),
        ("█░ 𠀀", "gb18030", True, False, "█░ 𠀀"),
    ],
)
def test_encodable(text: str, encoding: str, glyphs: bool, json_: bool, shown: str) -> None:
    assert encodable(text, encoding, glyphs=glyphs, json=json_) == shown
    shown.encode(encoding)


def test_json_escapes_read_back() -> None:
    text = json.dumps({"name": RARE + "𠀀"}, ensure_ascii=False)
    assert json.loads(encodable(text, "gbk", glyphs=False, json=True)) == {"name": RARE + "𠀀"}


def test_every_fallback_is_ascii_and_a_glyph_belongs_to_one_family() -> None:
    seen: list[str] = []
    for family in GLYPHS.values():
        assert all(plain.isascii() for plain in family.values())
        seen += family
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("encoding", "unicode"),
    [("UTF8", True), ("utf_16", True), ("cp936", False), ("nonesuch", False)],
)
def test_is_unicode(encoding: str, unicode: bool) -> None:
    assert is_unicode(encoding) is unicode


def _run(
    *args: str, encoding: str, cwd: Path, code: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "FENGGONG_LANG": "en"}
    command = ["-c", code, *args] if code else ["-m", "fenggong", *args]
    return subprocess.run(
        [sys.executable, *command], capture_output=True, env=env, cwd=cwd, timeout=60, check=False
    )


@pytest.fixture
def rare(tmp_path: Path) -> Path:
    """The bundled table with 市教委 renamed to a name GBK cannot write, in a Chinese folder."""
    folder = tmp_path / "上海 分工"
    folder.mkdir()
    text = (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8").replace("市教委", RARE)
    (folder / "tasks.yaml").write_text(text, encoding="utf-8")
    return folder / "tasks.yaml"


@pytest.mark.slow
def test_a_rare_character_in_a_name_is_escaped_on_gbk(rare: Path) -> None:
    done = _run(
        "--data",
        str(rare),
        "list",
        "--lead",
        RARE,
        "--format",
        "table",
        encoding="gbk",
        cwd=rare.parent,
    )
    assert done.returncode == 0, done.stderr.decode("gbk")
    out = done.stdout.decode("gbk")
    assert "Led by 市\\u4dae委 — 13 tasks" in out
    assert "?" not in out
    done = _run(
        "--data",
        str(rare),
        "list",
        "--lead",
        RARE,
        "--format",
        "json",
        encoding="gbk",
        cwd=rare.parent,
    )
    assert json.loads(done.stdout.decode("gbk"))[0]["lead"] == [RARE]


@pytest.mark.slow
def test_stderr_in_its_own_encoding(tmp_path: Path) -> None:
    """stdout in GBK, stderr ascii: each stream writes what its own encoding can."""
    code = (
        "import sys; sys.stderr.reconfigure(encoding='ascii'); "
        "sys.argv = ['fenggong', *sys.argv[1:]]; "
        "from fenggong.__main__ import main; main()"
    )
    done = _run("list", "--lead", "sjw", "--format", "csv", encoding="gbk", cwd=tmp_path, code=code)
    assert done.returncode == 0
    assert done.stderr.decode("ascii") == "sjw -> \\u5e02\\u6559\\u59d4 (pinyin)\n"
    assert "市教委" in done.stdout.decode("gbk")
