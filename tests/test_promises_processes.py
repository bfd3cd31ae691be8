"""README's promises about processes, files and the network, held by running fenggong for real.

Each test starts ``python -m fenggong`` (or a small wrapper that runs its ``main`` after
installing a probe) with payloads of its own. A generous ``timeout`` is the failure
condition of "never a hang"; a memory limit (RLIMIT_AS) is that of "before they expand".
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT

pytestmark = pytest.mark.slow

FENGGONG = [sys.executable, "-m", "fenggong"]
DATASET = ROOT / "data" / "tasks.yaml"
MINIMAL = FIXTURES / "valid" / "minimal.yaml"
TIMEOUT = 120  # seconds: far beyond any honest run, the failure condition of a hang


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), **extra}
    env.pop("FENGGONG_DATA", None)
    return env


def _run(
    args: list[str], env: dict[str, str], **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        args, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False, **kwargs
    )


def _memory_limit(size: int) -> Callable[[], None]:
    def limit() -> None:  # in the child
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return limit


# -- every input ends, and loading is safe ----------------------------------------------------

HOSTILE = {
    "deep-brackets": "tasks: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "deep-blocks": "".join("  " * i + "-\n" for i in range(3000)),
    "node-bomb": "a: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, n in zip("abcdefghi", "bcdefghij", strict=True)
    ),
    "character-bomb": "plan: {title: &t "
    + "很长" * 1_000_000
    + "}\ntasks:\n"
    + "".join(f"  - {{id: {n}, text: *t}}\n" for n in range(1, 500)),
    "a-million-digits": "tasks:\n  - id: " + "9" * 1_000_000 + "\n",
    "ten-million-characters": "plan: {title: " + "很" * 10_000_000 + "}\n",
    # Nine million values on 900,000 short lines (18 MB): counted before they are built.
    "nested-dashes": "- - - - - - - - - x\n" * 900_000,
}
FIRST_LINE = {
    "deep-brackets": "FG001 yaml-syntax: exceeded maximum nesting depth",
    "deep-blocks": "FG001 yaml-syntax: exceeded maximum nesting depth",
    "node-bomb": 'FG021 alias-expansion: aliases expand 30 nodes to 4,412,961,516 (a "billion',
    "character-bomb": "FG021 alias-expansion: aliases expand 2,004,397 characters to 1,000,00",
    "a-million-digits": "FG001 yaml-syntax: '99999999999999999999999999999999999",
    "ten-million-characters": "FG002 schema at plan.document_number: missing field",
    "nested-dashes": "FG022 too-large: the file holds about 9,900,000 values; a dataset may",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_ends_located_in_bounded_time_and_memory(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(HOSTILE[name], encoding="utf-8")
    # 1 GiB of address space: a bomb expanded, or millions of values built, would not fit.
    done = _run(
        [*FENGGONG, "validate", str(path)], _env(tmp_path), preexec_fn=_memory_limit(1 << 30)
    )
    assert "Traceback" not in done.stderr
    assert done.returncode == 1, done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"{path}:"), first
    assert FIRST_LINE[name] in first
    assert done.stderr.endswith(
        f"{path}: invalid, {done.stderr.count(' error FG')} error"
        f"{'s' if done.stderr.count(' error FG') != 1 else ''}\n"
    )


def test_the_bundled_dataset_validates_within_the_same_memory_limit(tmp_path: Path) -> None:
    done = _run([*FENGGONG, "validate"], _env(tmp_path), preexec_fn=_memory_limit(1 << 30))
    assert done.returncode == 0
    assert done.stderr in ("", "reading ./data/tasks.yaml\n")  # the note of which file


def test_twenty_thousand_problems_in_one_mapping_are_located_in_seconds(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"  # 180 KB: 20,000 unknown keys, 20,004 problems
    path.write_text("".join(f"k{n}: v\n" for n in range(20_000)), encoding="utf-8")
    done = subprocess.run(
        [*FENGGONG, "validate", str(path)], env=_env(tmp_path), capture_output=True, timeout=20
    )
    assert done.returncode == 1


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system"])
def test_a_python_tag_runs_nothing_in_any_command(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "evil.yaml"
    path.write_text(f"plan: {tag} ['touch {marker}']\n", encoding="utf-8")
    for args in (["validate", str(path)], ["--data", str(path), "list"]):
        done = _run([*FENGGONG, *args], _env(tmp_path))
        assert done.returncode == 1
        assert " error FG001 yaml-syntax: could not determine a constructor" in done.stderr
    assert not marker.exists()


# -- a directory, device or pipe is never read ------------------------------------------------


def _not_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)  # opening it to read would block: no one ever writes
    link = tmp_path / "link.yaml"
    link.symlink_to(fifo)
    return {"fifo": fifo, "link to a fifo": link, "zero": Path("/dev/zero"), "folder": tmp_path}


@pytest.mark.parametrize("kind", ["fifo", "link to a fifo", "zero", "folder"])
@pytest.mark.parametrize("how", ["validate", "--data", "FENGGONG_DATA", "diff"])
def test_a_directory_device_or_pipe_is_never_read(tmp_path: Path, kind: str, how: str) -> None:
    path = _not_files(tmp_path)[kind]
    env = _env(tmp_path)
    args = {
        "validate": ["validate", str(path)],
        "--data": ["--data", str(path), "list"],
        "FENGGONG_DATA": ["list"],
        "diff": ["diff", str(DATASET), str(path)],
    }[how]
    if how == "FENGGONG_DATA":
        env["FENGGONG_DATA"] = str(path)
    done = _run([*FENGGONG, *args], env)
    assert (done.returncode, done.stdout) == (2, "")
    named = f"$FENGGONG_DATA={path}" if how == "FENGGONG_DATA" else str(path)
    if kind == "folder":
        # A folder is a library: its plan files, a pipe and a link to one, are not read.
        named = str(path / "fifo.yaml")
    assert done.stderr.startswith(f"error: {named} is not a regular file\n")


def test_a_pipe_on_stdin_is_never_read(tmp_path: Path) -> None:
    # The pipe is left open and empty: reading it would wait for ever.
    process = subprocess.Popen(
        [*FENGGONG, "validate", "/dev/stdin"],
        env=_env(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert (process.returncode, out) == (2, b"")
    assert err == b"error: /dev/stdin is not a regular file\n"


# -- no network, and the dataset is never written ----------------------------------------------

# Runs the command line with an audit hook that refuses every socket and notes, in a file,
# any socket, any write-open, rename, removal or change of a watched file, and any program
# started.
PROBE = """
import atexit, json, os, sys

note, watched = sys.argv[1], {os.path.realpath(p) for p in sys.argv[2].split(os.pathsep)}
seen = []
WRITE = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC

def real(path):
    try:
        return os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return None

def hook(event, args):
    if event.startswith("socket."):
        seen.append(["network", event])
        raise PermissionError("no network in this test")
    if event == "open" and args[0] is not None and not isinstance(args[0], int):
        path, mode, flags = args
        writing = any(c in (mode or "") for c in "wax+") or (flags or 0) & WRITE
        if writing and real(path) in watched:
            seen.append(["write", event])
    elif event in ("os.rename", "os.replace", "os.remove", "os.truncate", "os.chmod",
                   "os.chown", "os.utime", "shutil.move", "shutil.rmtree"):
        if any(real(a) in watched for a in args if isinstance(a, (str, bytes, os.PathLike))):
            seen.append(["write", event])
    elif event == "subprocess.Popen":
        seen.append(["program", os.path.basename(os.fsdecode(args[0]))])

atexit.register(lambda: open(note, "w").write(json.dumps(seen)))
sys.addaudithook(hook)
sys.argv = ["fenggong", *sys.argv[3:]]
from fenggong.__main__ import main
main()
"""

COMMANDS = {
    "list": ["list", "--lead", "市教委", "--section", "五"],
    "show": ["show", "1,4-10", "-f", "yaml"],
    "targets": ["targets", "--all", "-f", "csv"],
    "search": ["search", "数字技能", "-f", "jsonl"],
    "depts": ["depts", "--chart"],
    "depts NAME": ["depts", "sjw", "-f", "markdown"],
    "outline": ["outline"],
    "matrix": ["matrix", "-f", "json"],
    "validate": ["validate", "--strict", "-f", "github"],
    "diff": ["diff", "DATA", "OTHER"],
    "diff --git": ["diff", "--git", "HEAD"],
    "schema": ["schema", "--output", "tasks"],
    "help": ["list", "-h"],
    **{
        f"export {f}": ["export", f, "-o", f"OUT.{e}"]
        for f, e in [
            ("xlsx", "xlsx"),
            ("csv", "csv"),
            ("markdown", "md"),
            ("html", "html"),
            ("sqlite", "db"),
        ]
    },
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_network_connection_and_the_dataset_is_never_written(
    tmp_path: Path, command: str
) -> None:
    probe, note = tmp_path / "probe.py", tmp_path / "note.json"
    probe.write_text(PROBE, encoding="utf-8")
    data = tmp_path / "tasks.yaml"
    shutil.copy(DATASET, data)
    other = tmp_path / "other.yaml"
    other.write_text(DATASET.read_text("utf-8").replace("建设20所", "建设30所"), "utf-8")
    args = [
        a.replace("DATA", str(data))
        .replace("OTHER", str(other))
        .replace("OUT", str(tmp_path / "out"))
        for a in COMMANDS[command]
    ]
    if command == "diff --git":  # the working copy of the repository's own dataset
        data, args = DATASET, [*args, str(DATASET)]
    else:
        args = ["--data", str(data), *args]
    before = (data.read_bytes(), data.stat().st_mtime_ns, other.read_bytes())
    watched = os.pathsep.join([str(data), str(other)])
    done = _run([sys.executable, str(probe), str(note), watched, *args], _env(tmp_path))
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr  # 1: diff found a change
    seen = json.loads(note.read_text(encoding="utf-8"))
    programs = ["git"] * sum(1 for kind, _ in seen if kind == "program")
    assert seen == [["program", p] for p in programs]  # nothing but git, and only for --git
    assert bool(programs) == (command == "diff --git")
    assert (data.read_bytes(), data.stat().st_mtime_ns, other.read_bytes()) == before


def test_the_probe_does_catch_a_connection_and_a_write(tmp_path: Path) -> None:
    # The probe itself is tested: a command that did connect or write would be caught.
    probe, note = tmp_path / "probe.py", tmp_path / "note.json"
    probe.write_text(
        PROBE.replace(
            "from fenggong.__main__ import main",
            "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 9), 0.1)\n"
            "except OSError:\n    pass\nopen(next(iter(watched)), 'a').close()\n"
            "from fenggong.__main__ import main",
        ),
        encoding="utf-8",
    )
    data = tmp_path / "tasks.yaml"
    shutil.copy(DATASET, data)
    _run(
        [sys.executable, str(probe), str(note), str(data), "--data", str(data), "outline"],
        _env(tmp_path),
    )
    kinds = [kind for kind, _ in json.loads(note.read_text(encoding="utf-8"))]
    assert kinds[0] == "network" and "write" in kinds


# -- no home folder --------------------------------------------------------------------------

# As `docker run --user 1234`: no $HOME, and no passwd entry to find one in. Notes every
# folder made and every file opened for writing.
HOMELESS = """
import json, os, pwd, sys

def nobody(uid):
    raise KeyError(f"getpwuid(): uid not found: {uid}")

pwd.getpwuid = nobody
note, seen = sys.argv[1], []

def hook(event, args):
    if event == "os.mkdir":
        seen.append(["mkdir", os.fsdecode(args[0])])
    elif event == "open" and args[0] is not None and not isinstance(args[0], int):
        if any(c in (args[1] or "") for c in "wax+") or (args[2] or 0) & (os.O_WRONLY | os.O_RDWR):
            seen.append(["write", os.fsdecode(args[0])])

sys.addaudithook(hook)
sys.argv = ["fenggong", *sys.argv[2:]]
from fenggong.__main__ import main
try:
    main()
finally:
    sys.addaudithook(lambda *_: None)
    with open(note, "w") as out:
        json.dump(seen, out)
"""


def test_without_a_home_folder_or_cache_home_it_runs_without_a_cache(tmp_path: Path) -> None:
    wrapper, note = tmp_path / "homeless.py", tmp_path / "note.json"
    wrapper.write_text(HOMELESS, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    args = ["list", "--lead", "市教委", "-f", "json"]
    expected = _run([*FENGGONG, *args], _env(tmp_path)).stdout
    env = {k: v for k, v in _env(tmp_path).items() if k not in ("HOME", "XDG_CACHE_HOME")}
    for _ in range(2):  # the second run finds no cache either
        done = _run([sys.executable, str(wrapper), str(note), *args], env, cwd=work)
        assert (done.returncode, done.stderr, done.stdout) == (0, "", expected)
        seen = json.loads(note.read_text(encoding="utf-8"))
        assert [what for what in seen if not what[1].startswith(str(note))] == []
    assert list(work.iterdir()) == []
