"""Runs many command lines in one process whose console has the encoding it was started with.

``python -m tests.console_runs JOBS.json`` (under ``PYTHONIOENCODING=gbk``, say): for each
job, a fresh copy of the workspace, the process's own stdout and stderr (file
descriptors 1 and 2) pointed at files, and ``fenggong`` run as its console script runs.
Python's streams keep the encoding they were started with, as a console's do. One
process for a few hundred runs: a process each would take minutes.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import traceback
from pathlib import Path


def _point(fd: int, path: Path) -> None:
    target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(target, fd)
    os.close(target)


def main(jobs_file: str) -> None:
    spec = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    workspace, results = Path(spec["workspace"]), Path(spec["results"])
    saved = os.dup(1), os.dup(2)
    from fenggong.cli.app import main as fenggong

    codes = []
    for number, argv in enumerate(spec["jobs"]):
        place = results / f"run-{number}"
        shutil.copytree(workspace, place)
        os.chdir(place)
        _point(1, results / f"{number}.out")
        _point(2, results / f"{number}.err")
        sys.argv = ["fenggong", *argv]
        try:
            fenggong()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
        except BaseException:  # as Python ends on an exception: its traceback, status 1
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.chdir(results)
            shutil.rmtree(place, ignore_errors=True)
        codes.append(code)
    (results / "codes.json").write_text(json.dumps(codes), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
