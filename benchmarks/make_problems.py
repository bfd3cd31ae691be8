"""Write a dataset with N problems of one rule: ``make_problems.py RULE N FOLDER``.

How `fenggong validate` copes with one mistake made throughout a file (a body renamed in
every task, a figure in every report): FOLDER gets ``tasks.yaml``, an N-task plan as
make_dataset.py builds it, and for

- ``FG003``: every task's lead naming a body the registry lacks (不存在局) first;
- ``FG046``: ``progress/2026-Q1.yaml``, N reports on the plan's tasks without a
  quantified target, each by a body taking part in the task, each with a figure.

Then ``fenggong validate FOLDER/tasks.yaml`` reports N errors (text shows a few of them
and counts the rest; ``--format json`` lists them all).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import yaml
from make_dataset import build

UNKNOWN = "不存在局"


def unknown_bodies(plan: str) -> str:
    """The plan with an unregistered body first in every task's lead."""
    return re.sub(r"^    lead: \[", f'    lead: ["{UNKNOWN}", ', plan, flags=re.MULTILINE)


def figures(plan: str, count: int) -> str:
    """A period file of ``count`` reports, each a figure on a task without a quantified
    target, by the task's lead and named supporting bodies (no group)."""
    data = yaml.load(plan, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    bodies = {k for k, d in data["departments"].items() if d.get("kind") != "group"}
    lines = ["period: 2026-Q1\n", "entries:\n"]
    for task in data["tasks"]:
        targets = task.get("targets") or ()
        if any(not t.get("qualitative") and t.get("unit") for t in targets):
            continue
        for body in (b for b in [*task["lead"], *task["support"]] if b in bodies):
            if len(lines) - 2 == count:
                return "".join(lines)
            lines.append(
                f"  - {{task: {task['id']}, body: {json.dumps(body, ensure_ascii=False)}, "
                "status: in_progress, figures: [{value: 1, unit: 人}], reported: 2026-04-10}\n"
            )
    sys.exit(f"the plan has room for {len(lines) - 2} such reports: ask for more tasks")


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in ("FG003", "FG046") or not sys.argv[2].isdigit():
        sys.exit("usage: make_problems.py FG003|FG046 N FOLDER")
    rule, count, folder = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    plan = build(count)
    folder.mkdir(parents=True, exist_ok=True)
    if rule == "FG003":
        (folder / "tasks.yaml").write_text(unknown_bodies(plan), encoding="utf-8")
        return
    (folder / "tasks.yaml").write_text(plan, encoding="utf-8")
    (folder / "progress").mkdir(exist_ok=True)
    ledger = figures(plan, count)
    (folder / "progress" / "2026-Q1.yaml").write_text(ledger, encoding="utf-8")


if __name__ == "__main__":
    main()
