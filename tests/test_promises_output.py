"""README's promises about loading and output that no other test holds it to, fast."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import FIXTURES, ROOT
from tests.test_output_boundary import CONTROLS, raw

MINIMAL = (FIXTURES / "valid" / "minimal.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object:os.system",
        "!!python/object/new:os.system",
        "!!python/object/apply:os.system",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/tuple",
        "!<tag:yaml.org,2002:python/object/apply:os.system>",
    ],
)
def test_no_python_tag_is_ever_constructed(runner: CliRunner, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(MINIMAL.replace("title: 培训", f"title: {tag} ['touch {marker}']"), "utf-8")
    for args in (["validate", str(path)], ["--data", str(path), "outline"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        assert ":12:" in result.stderr and " error FG001 yaml-syntax: could not determine" in (
            result.stderr
        )
    assert not marker.exists()


MARKUP = "[bold red]红[/bold red] :smile: [link=https://example.invalid]点[/link]"


def test_markup_in_the_data_is_shown_as_written(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # no cell folded over lines
    path = tmp_path / "markup.yaml"
    path.write_text(MINIMAL.replace("text: 加强监督", f'text: "{MARKUP}"'), encoding="utf-8")
    for args in (["list"], ["show", "3"], ["depts", "黄浦区"], ["outline"]):
        result = runner.invoke(app, ["--data", str(path), *args])
        assert result.exit_code == 0
        shown = MARKUP if args != ["outline"] else MARKUP[:40]  # the outline cuts a text
        assert result.stdout.count(shown) == 1, args


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--dept", "市教\n::error::forged"],
        ["list", "--section", "五\n::error::forged"],
        ["show", "1\n::error::forged"],
        ["validate", "no\n::error::forged.yaml"],
        ["export", "csv", "-o", "/nonexistent\n::error::forged/x.csv"],
        ["list", "-f", "json\n::error::forged"],
    ],
)
def test_a_message_never_spans_lines(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert not [line for line in lines if line.startswith("::")]
    assert sum("forged" in line for line in lines) == 1


def test_a_dataset_message_never_spans_lines(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "name.yaml"
    path.write_text(
        MINIMAL.replace("lead: [市教委]", 'lead: ["市残联\\n::error::forged"]'), "utf-8"
    )
    for args in (["validate", str(path)], ["validate", "-f", "github", str(path)], ["list"]):
        result = runner.invoke(app, ["--data", str(path), *args])
        assert result.exit_code == 1
        lines = (result.stdout + result.stderr).splitlines()
        assert not [line for line in lines if line.startswith("::error::forged")]
        assert sum("forged" in line for line in lines) == 1


@pytest.mark.parametrize(("fmt", "suffix"), [("markdown", "md"), ("html", "html")])
def test_an_exported_page_in_a_file_shows_every_control_escaped(
    runner: CliRunner, tmp_path: Path, fmt: str, suffix: str
) -> None:
    out = tmp_path / f"page.{suffix}"
    result = runner.invoke(app, ["--data", str(CONTROLS), "export", fmt, "-o", str(out)])
    assert result.exit_code == 0
    written = out.read_text(encoding="utf-8")
    assert raw(written) == []
    assert "52;c;SGk=" in written and "x1b" in written


# -- the HTML page has no external resource ---------------------------------------------------

FETCHING = ("src", "href", "action", "formaction", "srcset", "poster", "data", "background")
URLS = "https://example.invalid/x.png"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # tag, attribute, value
        self.meta: list[dict[str, str | None]] = []
        self.code: list[str] = []  # the page's own CSS and JS (not its JSON data block)
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.links += [(tag, a, v or "") for a, v in attrs if a in FETCHING or a.endswith(":href")]
        if tag == "meta":
            self.meta.append(values)
        is_data = tag == "script" and values.get("type") == "application/json"
        self._in = tag if tag in ("style", "script") and not is_data else None

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.code.append(data)


def test_the_html_page_has_no_external_resource(runner: CliRunner, tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    data["tasks"][0]["text"] += f'<img src="{URLS}"><link rel=stylesheet href="{URLS}">'
    data["plan"]["title"] += f"url({URLS}) @import '{URLS}';"
    dataset = tmp_path / "urls.yaml"
    dataset.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["--data", str(dataset), "export", "html", "-o", "-"])
    assert result.exit_code == 0
    page = _Page()
    page.feed(result.stdout)
    assert page.links and all(
        tag == "a" and attribute == "href" and value.startswith("#")
        for tag, attribute, value in page.links
    ), page.links
    assert not [m for m in page.meta if m.get("http-equiv")]  # no refresh, no policy fetch
    code = "".join(page.code)
    assert code.strip()
    fetches = r"url\(|@import|fetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|import\(|://"
    assert re.findall(fetches, code) == []
    assert URLS in result.stdout  # the data is there, as text


def _values(text: str) -> int:
    """How many values YAML makes of ``text``: every node, counted once."""
    nodes, stack = 0, [yaml.compose(text, Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop()
        nodes += 1
        if isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
    return nodes


@pytest.mark.parametrize(
    "text",
    [
        (ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"),
        MINIMAL,
        "- - - - - - - - - x\n" * 50,
        "[" + ", ".join(["a: b"] * 50) + "]\n",
        "{" + ", ".join(f"k{n}" for n in range(50)) + "}\n",
        "- {a: {b: {c: {d: e}}}}\n" * 50,
        "".join(f"? - - k{n}\n: - - v\n" for n in range(50)),
        "- [[[[[]]]]]\n" * 50,
        "".join(f"k{n}:\n" for n in range(50)),
    ],
    ids=[
        "bundled",
        "minimal",
        "dashes",
        "pairs",
        "set",
        "nested-maps",
        "keys",
        "empty",
        "nulls",
    ],
)
def test_the_count_of_values_is_never_below_the_real_one(text: str) -> None:
    from fenggong.store.inspection import estimate

    assert estimate(text.encode("utf-8")) >= _values(text)
