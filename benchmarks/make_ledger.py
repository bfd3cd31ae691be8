"""Write a synthetic 台账 for a library of plans: ``make_ledger.py LIBRARY [YEAR]``.

LIBRARY is a folder ``make_library.py`` wrote; this adds ``LIBRARY/progress/`` with twelve
monthly period files (``YEAR-01.yaml`` … ``YEAR-12.yaml``, YEAR 2025 by default). Every
month, each body that leads a task (named in the cell, through 各区, or possibly through
相关区) reports on it, and so does each supporting body named in the cell; a group (各区,
相关区) is answered for by its bodies, never itself. For the 100-plan library that is
22,700 reports a month by lead bodies and 11,350 by named supporters, 408,600 entries in
all: the ≈ 400,000 of issue 17's speed goals. Tasks are
named ``KEY:ID``, as a library's ledger names them, and bodies by the plan's own names.

Who takes part in a task is read by fenggong's own Matcher, so the ledger is valid against
the plans by construction (``fenggong validate LIBRARY`` says so). Statuses move on over
the year (未启动 early, 已完成 or 滞后 late), the same for a body and task on every run.
"""

from __future__ import annotations

import datetime
import json
import sys
import zlib
from pathlib import Path

from fenggong.matching import How, Matcher, Role
from fenggong.store.library import load

HEADER = "# Synthetic 台账 for benchmarks (benchmarks/make_ledger.py): not real reports.\n"
PROGRESS = ("按计划推进，已完成阶段性工作", "已制定实施方案，正在组织落实", "工作持续推进中")
PROBLEMS = "部分环节进度偏慢"


def _status(seed: int, month: int) -> str:
    """A status that moves on with the months: the seed spreads tasks over the year."""
    stage = month + seed % 5
    if stage <= 2:
        return "not_started"
    if stage <= 8:
        return "delayed" if seed % 13 == 0 else "in_progress"
    if seed % 7 == 0:
        return "ongoing"
    return "delayed" if seed % 11 == 0 else "done"


def reporters(library: Path) -> list[tuple[str, str, bool]]:
    """(task reference, body, whether it leads) for every lead and named supporting body."""
    shelf = load(library)
    found: list[tuple[str, str, bool]] = []
    for shelved in shelf.plans:
        plan = shelved.dataset
        matcher = Matcher(plan.departments)
        for task in plan.tasks:
            ref = f"{shelved.key}:{task.id}"
            for body, department in plan.departments.items():
                if department.members is not None or department.scope is not None:
                    continue  # a group is answered for by its bodies, not itself
                if matcher.match(task, body, Role.LEAD) is not None:
                    found.append((ref, body, True))
                    continue
                support = matcher.match(task, body, Role.SUPPORT)
                if support is not None and support.how is How.DIRECT:
                    found.append((ref, body, False))
    return found


def period_file(year: int, month: int, found: list[tuple[str, str, bool]]) -> str:
    period = f"{year}-{month:02d}"
    after = datetime.date(year, month, 28) + datetime.timedelta(days=4)
    lines = [HEADER, f"period: {period}\n", "entries:\n"]
    for ref, body, _leads in found:
        seed = zlib.crc32(f"{ref}/{body}".encode())
        status = _status(seed, month)
        day = after.replace(day=1 + seed % 14)
        text = json.dumps(PROGRESS[seed % len(PROGRESS)], ensure_ascii=False)
        extra = f", problems: {json.dumps(PROBLEMS, ensure_ascii=False)}"
        extra = extra if status == "delayed" else ""
        lines.append(
            f'  - {{task: "{ref}", body: {json.dumps(body, ensure_ascii=False)}, '
            f"status: {status}, progress: {text}{extra}, reported: {day.isoformat()}}}\n"
        )
    return "".join(lines)


def write(library: Path, year: int = 2025) -> int:
    """Write the twelve period files; the number of entries written."""
    found = reporters(library)
    folder = library / "progress"
    folder.mkdir(exist_ok=True)
    total = 0
    for month in range(1, 13):
        text = period_file(year, month, found)
        (folder / f"{year}-{month:02d}.yaml").write_text(text, encoding="utf-8")
        total += text.count("\n  - {")
    return total


def main() -> None:
    if len(sys.argv) not in (2, 3) or not Path(sys.argv[1]).is_dir():
        sys.exit("usage: make_ledger.py LIBRARY [YEAR]  (writes LIBRARY/progress/YEAR-MM.yaml)")
    year = int(sys.argv[2]) if len(sys.argv) == 3 else 2025
    print(f"{write(Path(sys.argv[1]), year)} entries", file=sys.stderr)


if __name__ == "__main__":
    main()
