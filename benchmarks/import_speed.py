"""Time ``fenggong import`` on a 100-row Word table and a 1,000-row workbook.

    python benchmarks/import_speed.py [RUNS]

The documents are fenggong's own exports of synthetic plans (``make_dataset.py``), so
they hold the real mix of texts and bodies; each import is a whole command run (start,
read, assemble, the draft's check, writing), the median of RUNS (default 7). Goals:
a 100-row docx within 1 s, a 1,000-row xlsx within 2 s.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FENGGONG = [sys.executable, "-m", "fenggong"]
GOALS = {"docx": (100, 1.0), "xlsx": (1000, 2.0)}


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for fmt, (rows, goal) in GOALS.items():
            plan = work / f"plan-{rows}.yaml"
            _run([sys.executable, str(HERE / "make_dataset.py"), str(rows), str(plan)])
            document = work / f"分工表-{rows}.{fmt}"
            _run([*FENGGONG, "--data", str(plan), "export", fmt, "-o", str(document)])
            command = [*FENGGONG, "import", str(document), "-o", str(work / "out.yaml"), "--force"]
            _run(command)  # warm: the interpreter's own caches, as a second run has
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                _run(command)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            verdict = "met" if median <= goal else "not met"
            print(
                f"- import of a {rows}-row {fmt}: {median:.2f} s median of {runs} "
                f"(goal ≤ {goal:.0f} s) — **{verdict}**"
            )


if __name__ == "__main__":
    main()
