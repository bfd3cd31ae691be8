"""What `export -o` may replace, and how a failed write ends: refused, said, nothing left."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store import atomic
from tests.helpers import ROOT

FENGGONG = [sys.executable, "-m", "fenggong"]


def _export(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["export", *args])
    return result.exit_code, result.stdout, result.stderr


def test_a_fifo_is_refused_and_stays_a_fifo(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    code, out, err = _export(runner, "csv", "-o", str(fifo))
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {fifo} is not a regular file; an export replaces only")
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_symbolic_link_is_refused_and_its_target_untouched(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "real.csv"
    target.write_bytes(b"mine")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    code, _, err = _export(runner, "csv", "-o", str(link))
    assert code == 2
    assert err.startswith(f"error: {link} is a symbolic link; an export replaces only")
    assert link.is_symlink() and target.read_bytes() == b"mine"


def test_a_device_is_refused(runner: CliRunner) -> None:
    before = Path("/dev/null").stat()
    code, _, err = _export(runner, "csv", "-o", "/dev/null")
    assert code == 2
    assert err.startswith("error: /dev/null is not a regular file")
    after = Path("/dev/null").stat()
    assert (after.st_mode, after.st_rdev, after.st_ino) == (
        before.st_mode,
        before.st_rdev,
        before.st_ino,
    )


def test_a_trailing_slash_names_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _export(runner, "csv", "-o", f"{tmp_path}/x.csv/")
    assert code == 2
    assert err == f"error: {tmp_path}/x.csv/ names a folder\n  hint: name a file: -o 分工表.xlsx\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("fmt", "name", "hint"),
    [("xlsx", "out.csv", "out.xlsx"), ("csv", "tasks.yaml", "tasks.csv"), ("sqlite", "x", "x.db")],
)
def test_an_extension_that_does_not_fit_the_format_is_refused(
    runner: CliRunner, tmp_path: Path, fmt: str, name: str, hint: str
) -> None:
    code, _, err = _export(runner, fmt, "-o", str(tmp_path / name))
    assert code == 2
    assert f"  hint: name it {hint}\n" in err
    assert list(tmp_path.iterdir()) == []


def test_every_dataset_the_tool_knows_is_protected(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other.csv"  # a dataset file may have any name
    other.write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    monkeypatch.setenv("FENGGONG_DATA", str(other))
    active = tmp_path / "active.yaml"
    active.write_bytes((ROOT / "data" / "tasks.yaml").read_bytes())
    result = runner.invoke(app, ["--data", str(active), "export", "csv", "-o", str(other)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: refusing to overwrite the dataset {other}")
    assert other.read_bytes() == active.read_bytes()


def test_a_name_of_the_longest_legal_length_is_written(runner: CliRunner, tmp_path: Path) -> None:
    name = "分" * 80 + "x.csv"  # 245 bytes: the temporary file's name is short anyway
    code, _, err = _export(runner, "csv", "-o", str(tmp_path / name))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_name_too_long_is_said_without_a_traceback(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / ("分" * 100 + ".csv")
    code, _, err = _export(runner, "csv", "-o", str(path))
    assert code == 2
    assert err == f"error: cannot write {path}: File name too long\n"
    assert list(tmp_path.iterdir()) == []


def test_a_line_break_in_the_name_is_shown_not_obeyed(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a\nwrote evil.csv"
    code, _, err = _export(runner, "csv", "-o", str(path))
    assert code == 0
    assert err == f"wrote {tmp_path}/a\\nwrote evil.csv (111 tasks)\n"


@pytest.mark.slow
def test_a_file_too_large_for_the_limit_is_said_and_removed(tmp_path: Path) -> None:
    def limit() -> None:  # in the child: the file size limit of a full disk or a quota
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    target = tmp_path / "t.xlsx"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [*FENGGONG, "export", "xlsx", "-o", str(target)],
        env=env,
        capture_output=True,
        preexec_fn=limit,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.decode() == f"error: cannot write {target}: File too large\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


def test_a_killed_writers_leftover_is_swept_by_the_next_write(
    runner: CliRunner, tmp_path: Path
) -> None:
    stale = tmp_path / f"{atomic.TEMP_PREFIX}deadbeef{atomic.TEMP_SUFFIX}"
    fresh = tmp_path / f"{atomic.TEMP_PREFIX}cafe0000{atomic.TEMP_SUFFIX}"
    theirs = tmp_path / ".out.csv.abcd.tmp"  # not a name this tool writes
    for path in (stale, fresh, theirs):
        path.write_bytes(b"partial")
    hours_ago = time.time() - 2 * atomic.STALE
    for path in (stale, theirs):
        os.utime(path, (hours_ago, hours_ago))
    code, _, _ = _export(runner, "csv", "-o", str(tmp_path / "out.csv"))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [fresh.name, theirs.name, "out.csv"]
    )


def test_characters_xml_cannot_carry_are_shown_escaped_in_xlsx(
    runner: CliRunner, tmp_path: Path
) -> None:
    import openpyxl
    import yaml

    data = yaml.safe_load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
    data["tasks"][0]["text"] = "非字符\uffff与\ufffe结束"
    dataset = tmp_path / "tasks.yaml"
    dataset.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["--data", str(dataset), "export", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["分工表"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "非字符\\uffff与\\ufffe结束" in texts
