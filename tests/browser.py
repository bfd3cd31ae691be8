"""Debian's chromium, headless and offline, for the tests of the exported HTML page."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fenggong.cli import app

CHROMIUM = shutil.which("chromium") or ""
AVAILABLE = bool(CHROMIUM)
PHONE, DESKTOP = 390, 1400

# CI on Linux installs Debian's chromium (.ci/run): there it must be found. A developer
# machine without it, and the Windows job of the workflow, skip.
REQUIRED = bool(os.environ.get("CI")) and sys.platform == "linux"
MARKS = [
    pytest.mark.slow,
    pytest.mark.skipif(not AVAILABLE and not REQUIRED, reason="Debian's chromium is not installed"),
]

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def open_page(browser: Any, tmp_path: Path, *args: str, width: int = 1280) -> Any:
    """The page `fenggong [ARGS] export html` writes, in a window ``width`` pixels wide."""
    path = tmp_path / "table.html"
    result = CliRunner().invoke(app, [*args, "export", "html", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page(viewport={"width": width, "height": 844 if width < 600 else 900})
    page.goto(path.as_uri())
    return page


def visible_ids(page: Any) -> list[int]:
    ids = page.eval_on_selector_all(
        "tr.task:not(.hidden)", "rows => rows.map(r => Number(r.dataset.id))"
    )
    return list(ids)
