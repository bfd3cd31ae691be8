"""Time the 台账 over 100 plans and 12 monthly periods: ``ledger_speed.py [RUNS]``.

Builds ``make_library.py``'s 100-plan library and ``make_ledger.py``'s 台账 for it
(408,600 reports in twelve period files), then times whole command runs, the median of
RUNS (default 5), each after one untimed run that warms the caches:

- ``status --as-of 2026-01-20 -f json`` over the whole 台账 (goal ≤ 1 s);
- ``report sheet --period 2026-01 --dept 市教委``, the form of a new period (no goal);
- ``report collect`` of a filled form (every row 推进中, with a 进展情况, dated in the
  month) as the last form of the month's round: into the period file holding every
  other body's 33,000-odd reports, as the collects before it wrote it (the file is put
  back after each run). Timed for 市残联's form (a body in one task of each plan, and
  possibly concerned in six: 700 rows), 市经济信息化委's (the median body's: 1,000 rows)
  and 市教委's (the largest a municipal body gets: 2,900 rows) (goal ≤ 0.5 s);
- the same collect into the file edited by hand (or pulled from git): checked once by
  the untimed run, as by the first command after the edit, its reports' places are not
  cached, and are found again (no goal).

fenggong's modules are compiled to bytecode first, as an installed package's are: with
PYTHONDONTWRITEBYTECODE set (as in some containers), every run would compile them again.
"""

from __future__ import annotations

import compileall
import datetime
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec
import openpyxl
import yaml

import fenggong
from fenggong.forms import DATE_CELL, FIRST_ROW, SHEET, STATUS_COLUMN
from fenggong.model import Ledger
from fenggong.store.ledgerwrite import HEADER
from fenggong.store.ledgeryaml import dump

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from make_ledger import period_file, reporters  # noqa: E402

FENGGONG = [sys.executable, "-m", "fenggong"]
AS_OF, PERIOD, BODY = "2026-01-20", "2026-01", "市教委"
# Forms collected last into the month's file: a small one, the median body's, the largest
# a municipal body gets; BEFORE's is collected first, so that a collect wrote the file.
TIMED, BEFORE = ("市残联", "市经济信息化委", BODY), "市司法局"


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, capture_output=True)


CPU: list[float] = []  # the median CPU seconds (user + system) of the last _median


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _median(command: list[str], runs: int, before: tuple[Path, bytes] | None = None) -> float:
    """The median wall seconds of RUNS runs of COMMAND after a warm one (and their median
    CPU seconds in CPU: on a shared machine, wall time counts the others' work too);
    BEFORE's file is given its bytes before each run, so that every run starts from the
    same files."""
    times, cpu = [], []
    for index in range(runs + 1):
        if before is not None:
            before[0].write_bytes(before[1])
        start, used = time.perf_counter(), _cpu()
        _run(command)
        if index:
            times.append(time.perf_counter() - start)
            cpu.append(_cpu() - used)
    CPU[:] = [statistics.median(cpu)]
    return statistics.median(times)


def _fill(form: Path, filled: Path) -> int:
    """Answer every row of FORM: 推进中 and a line of progress, dated in the month; the
    rows answered."""
    book = openpyxl.load_workbook(form)
    sheet = book[SHEET]
    sheet.cell(*DATE_CELL).value = datetime.date(2026, 1, 25)
    rows = 0
    for row in range(FIRST_ROW, sheet.max_row + 1):
        if sheet.cell(row, 1).value is None:
            continue
        sheet.cell(row, STATUS_COLUMN).value = "推进中"
        sheet.cell(row, STATUS_COLUMN + 1).value = "本月按计划推进"
        rows += 1
    book.save(filled)
    return rows


def _pace() -> float:
    """The seconds this interpreter takes for 10 million additions: on a shared machine
    its pace varies by half from hour to hour, and every figure here with it."""
    start = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.perf_counter() - start


def _line(what: str, seconds: float, runs: int, goal: float | None) -> str:
    said = f"- {what}: {seconds:.2f} s median of {runs} ({CPU[0]:.2f} s CPU)"
    if goal is None:
        return f"{said} (no goal)"
    verdict = "met" if seconds <= goal else "not met"
    return f"{said} (goal ≤ {goal:g} s) — **{verdict}**"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    compileall.compile_dir(Path(fenggong.__file__).parent, quiet=1)
    print(f"- the machine's pace before: 10 million additions in {_pace():.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        lib = work / "lib100"
        _run([sys.executable, str(HERE / "make_library.py"), "100", str(lib)])
        _run([sys.executable, str(HERE / "make_ledger.py"), str(lib)])
        data = [*FENGGONG, "--data", str(lib)]

        status = _median([*data, "status", "--as-of", AS_OF, "-f", "json"], runs)
        print(_line("100 plans, 408,600 reports, warm `status -f json`", status, runs, 1.0))

        filled, counted = {}, {}
        for body in (*TIMED, BEFORE):
            form, filled[body] = work / f"{body}.xlsx", work / f"{body}-filled.xlsx"
            sheet = [*data, "report", "sheet", "--period", PERIOD, "--dept", body]
            made = _median([*sheet, "-o", str(form), "--force"], runs if body == BODY else 1)
            rows = counted[body] = _fill(form, filled[body])
            if body == BODY:
                said = f"the same, `report sheet` for {body} ({rows} rows)"
                print(_line(said, made, runs, None))

        written = lib / "progress" / f"{PERIOD}.yaml"
        for body in TIMED:
            # The month's file before BODY's form, as the collects before it wrote it.
            _rest(lib, written, (body, BEFORE))
            _run([*data, "report", "collect", str(filled[BEFORE])])
            before = (written, written.read_bytes())
            collect = [*data, "report", "collect", str(filled[body])]
            merged = _median(collect, runs, before=before)
            said = f"`report collect` of {body}'s form ({counted[body]} rows) into the month's file"
            print(_line(said, merged, runs, 0.5))
        # The same file edited by hand: once checked (by the untimed run, as by any command
        # after the edit), its reports' places are not cached, and are found again.
        edited = before[1].replace(b"# The", b"# Edited by hand.\n# The", 1)
        again = _median(collect, runs, before=(written, edited))
        print(_line(f"the same, {BODY}'s form, into the file edited by hand", again, runs, None))
    print(f"- the machine's pace after: 10 million additions in {_pace():.2f} s")


def _rest(lib: Path, written: Path, left: tuple[str, ...]) -> None:
    """Write the month's file with every body's reports but those ``left`` out, as
    fenggong writes a period file (make_ledger.py writes a compact one, as by hand)."""
    found = [r for r in reporters(lib) if r[1] not in left]
    data = yaml.load(period_file(2026, 1, found), Loader=yaml.CSafeLoader)
    ledger = msgspec.convert(data, Ledger)
    written.write_bytes(HEADER.format(period=PERIOD).encode() + dump(ledger))


if __name__ == "__main__":
    main()
