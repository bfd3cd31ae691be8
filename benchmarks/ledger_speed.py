"""Time the 台账 over 100 plans and 12 monthly periods: ``ledger_speed.py [RUNS]``.

Builds ``make_library.py``'s 100-plan library and ``make_ledger.py``'s 台账 for it
(408,600 reports in twelve period files), then times whole command runs, the median of
RUNS (default 5), each after one untimed run that warms the caches:

- ``status --as-of 2026-01-20 -f json`` over the whole 台账 (goal ≤ 1 s);
- ``report sheet --period 2026-01 --dept 市教委``, the form of a new period (no goal);
- ``report collect`` of that form filled in (every row 推进中, with a 进展情况), into a
  period file that does not exist yet: removed again after each run (goal ≤ 0.5 s).

fenggong's modules are compiled to bytecode first, as an installed package's are: with
PYTHONDONTWRITEBYTECODE set (as in some containers), every run would compile them again.
"""

from __future__ import annotations

import compileall
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

import fenggong
from fenggong.forms import FIRST_ROW, SHEET, STATUS_COLUMN

HERE = Path(__file__).resolve().parent
FENGGONG = [sys.executable, "-m", "fenggong"]
AS_OF, PERIOD, BODY = "2026-01-20", "2026-01", "市教委"


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True)


CPU: list[float] = []  # the median CPU seconds (user + system) of the last _median


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _median(command: list[str], runs: int, before: list[Path] | None = None) -> float:
    """The median wall seconds of RUNS runs of COMMAND after a warm one (and their median
    CPU seconds in CPU: on a shared machine, wall time counts the others' work too);
    BEFORE is removed before each run, so that every run starts from the same files."""
    times, cpu = [], []
    for index in range(runs + 1):
        for path in before or []:
            path.unlink(missing_ok=True)
        start, used = time.perf_counter(), _cpu()
        _run(command)
        if index:
            times.append(time.perf_counter() - start)
            cpu.append(_cpu() - used)
    CPU[:] = [statistics.median(cpu)]
    return statistics.median(times)


def _fill(form: Path, filled: Path) -> int:
    """Answer every row of FORM: 推进中 and a line of progress; the rows answered."""
    book = openpyxl.load_workbook(form)
    sheet = book[SHEET]
    rows = 0
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row, 1).value is None:
            continue
        sheet.cell(row, STATUS_COLUMN).value = "推进中"
        sheet.cell(row, STATUS_COLUMN + 1).value = "本月按计划推进"
        rows += 1
    book.save(filled)
    return rows


def _line(what: str, seconds: float, runs: int, goal: float | None) -> str:
    said = f"- {what}: {seconds:.2f} s median of {runs} ({CPU[0]:.2f} s CPU)"
    if goal is None:
        return f"{said} (no goal)"
    verdict = "met" if seconds <= goal else "not met"
    return f"{said} (goal ≤ {goal:g} s) — **{verdict}**"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    compileall.compile_dir(Path(fenggong.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        lib = work / "lib100"
        _run([sys.executable, str(HERE / "make_library.py"), "100", str(lib)])
        _run([sys.executable, str(HERE / "make_ledger.py"), str(lib)])
        data = [*FENGGONG, "--data", str(lib)]

        status = _median([*data, "status", "--as-of", AS_OF, "-f", "json"], runs)
        print(_line("100 plans, 408,600 reports, warm `status -f json`", status, runs, 1.0))

        form, filled = work / "form.xlsx", work / "filled.xlsx"
        sheet = [*data, "report", "sheet", "--period", PERIOD, "--dept", BODY]
        made = _median([*sheet, "-o", str(form), "--force"], runs)
        rows = _fill(form, filled)
        print(_line(f"the same, `report sheet` for {BODY} ({rows} rows)", made, runs, None))

        written = lib / "progress" / f"{PERIOD}.yaml"
        collect = [*data, "report", "collect", str(filled)]
        merged = _median(collect, runs, before=[written])
        print(_line("the same, `report collect` of its filled form", merged, runs, 0.5))


if __name__ == "__main__":
    main()
