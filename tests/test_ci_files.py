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
