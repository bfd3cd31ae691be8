"""The ready-made CI: the pre-commit hook and the GitHub workflow run the real commands."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.helpers import ROOT


def test_pre_commit_hook() -> None:
    hooks: list[dict[str, Any]] = yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    (hook,) = hooks
    assert hook["id"] == "fenggong-validate"
    assert hook["entry"] == "fenggong validate"
    assert hook["language"] == "python"
    assert re.search(hook["files"], "data/tasks.yaml")
    assert not re.search(hook["files"], "data/other.yaml")


def test_workflow_validates_with_annotations_and_summarises_the_diff() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "validate.yml").read_text(encoding="utf-8")
    )
    steps = workflow["jobs"]["validate"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "fenggong validate --format github data/tasks.yaml" in commands
    assert "fenggong diff --git" in commands
    assert "$GITHUB_STEP_SUMMARY" in commands
    assert steps[0]["with"]["fetch-depth"] == 0


def test_windows_workflow_runs_the_suite_on_311_and_312_with_a_gbk_console() -> None:
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    )
    job = workflow["jobs"]["test"]
    assert job["runs-on"] == "windows-latest"
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12"]
    assert job["env"]["PYTHONUTF8"] == "0"
    steps = {step.get("name"): step for step in job["steps"]}
    assert steps["Install"]["run"] == 'python -m pip install -e ".[test]"'
    gbk = steps["A GBK console draws the chart without a traceback"]
    assert (gbk["env"]["PYTHONIOENCODING"], gbk["run"]) == ("gbk", "fenggong depts --chart")
    assert steps["Tests"]["run"] == "python -m pytest"
