"""The exported HTML page in a real headless Chromium asks for nothing but itself."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from fenggong.cli import app
from tests.browser import MARKS, browser  # noqa: F401 (the fixture)
from tests.helpers import ROOT

pytestmark = MARKS
URL = "https://example.invalid/x.png"


def test_the_page_requests_nothing_but_itself(browser: object, tmp_path: Path) -> None:  # noqa: F811
    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    data["tasks"][0]["text"] += f'<img src="{URL}"><link rel=stylesheet href="{URL}">'
    dataset = tmp_path / "urls.yaml"
    dataset.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    path = tmp_path / "table.html"
    result = CliRunner().invoke(app, ["--data", str(dataset), "export", "html", "-o", str(path)])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    page.goto(path.as_uri())
    page.fill("#dept", "市教委")
    page.fill("#keyword", "培训")
    page.fill("#dept", "")
    page.wait_for_load_state("networkidle")
    assert requests == [path.as_uri()]
    page.close()
