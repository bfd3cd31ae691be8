"""The SQLite export served by a real Datasette: its search box finds Chinese words of any
length, its facets show the codes' Chinese labels, and the metadata beside the database
describes it. Skipped without the ``datasette`` package (the test extra installs it)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.helpers import ROOT

pytest.importorskip("datasette")

pytestmark = pytest.mark.slow
EXAMPLE = ROOT / "examples" / "tasks.yaml"
_START = 30.0  # seconds Datasette may take to answer
_TIMEOUT = 10.0  # seconds each request may take


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Site:
    def __init__(self, base: str) -> None:
        self.base = base

    def get(self, path: str, **params: str) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(self.base + path + query, timeout=_TIMEOUT) as answer:
            return json.loads(answer.read())

    def text(self, path: str) -> str:
        with urllib.request.urlopen(self.base + path, timeout=_TIMEOUT) as answer:
            text: str = answer.read().decode()
            return text


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    folder = tmp_path_factory.mktemp("datasette")
    db = folder / "分工表.db"
    # Module-wide, before the tests' own cache folders: the export caches into one of its own,
    # never the session's that every command test starts from.
    result = CliRunner().invoke(
        app,
        ["--data", str(EXAMPLE), "export", "sqlite", "-o", str(db), "--as-of", "2026-05-01"],
        env={"XDG_CACHE_HOME": str(folder / "cache")},
    )
    assert result.exit_code == 0, result.output
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db), "-m"]
    command += [str(folder / "分工表.metadata.json"), "-h", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    site = Site(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + _START
        while True:
            try:
                databases = site.get("/.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(server.stderr.read() if server.stderr else "") from None
                time.sleep(0.2)
        # Datasette spells a database of a Chinese name with ~ escapes (/~E5~88~86…).
        yield site, databases["分工表"]["path"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stderr:
            server.stderr.close()


def _searched(runner: CliRunner, word: str) -> list[int]:
    """The tasks whose text `fenggong search` finds the word in."""
    result = runner.invoke(app, ["search", word, "--format", "json"])
    assert result.exit_code == 0, result.output
    return sorted(r["id"] for r in json.loads(result.stdout) if "text" in r["found_in"])


@pytest.mark.parametrize(("word", "count"), [("学徒制", 3), ("培训", 64), ("技能", 85)])
def test_the_search_box_of_tasks_finds_words_of_any_length(
    served: tuple[Site, str], runner: CliRunner, word: str, count: int
) -> None:
    site, db = served
    found = site.get(f"{db}/tasks.json", _search=word, _shape="array", _size="max", _col="id")
    ids = sorted(row["id"] for row in found)
    assert len(ids) == count
    assert ids == _searched(runner, word)


def test_a_facet_shows_the_codes_labels(served: tuple[Site, str]) -> None:
    site, db = served
    answer = site.get(f"{db}/assignments.json", _facet="role", _size="0")
    roles = {
        r["value"]: (r["label"], r["count"]) for r in answer["facet_results"]["role"]["results"]
    }
    assert set(roles) == {"lead", "support"}
    assert roles["lead"][0] == "牵头"
    assert roles["support"][0] == "配合"
    lights = site.get(f"{db}/lights.json", _size="0")["facet_results"]["light"]["results"]
    assert {r["value"]: r["label"] for r in lights}["red"] == "红灯"


def test_the_metadata_describes_the_database(served: tuple[Site, str]) -> None:
    site, db = served
    metadata = site.get("/-/metadata.json")
    assert metadata["title"] == "《落实国家“十四五”职业技能培训规划的实施方案》分工表"
    assert "沪人社职〔2022〕256号" in metadata["source"]
    assert metadata["license"] == "MIT"
    tables = metadata["databases"]["分工表"]["tables"]
    assert tables["assignments"]["columns"]["role"] == "角色：lead 牵头，support 配合"
    assert tables["lights"]["facets"] == ["light", "status", "body"]
    page = site.text(f"{db}/tasks")
    assert "任务内容（照录原文）" in page  # a column's description on the table page
    assert 'name="_search"' in page  # the search box
