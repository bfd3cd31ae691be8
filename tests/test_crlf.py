"""Files with CRLF line endings, as Windows editors and core.autocrlf leave them: read as
LF files are, and kept CRLF where the tool rewrites them (a 台账 period file, a plan file
replaced by import --force)."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.store.atomic import same_line_endings
from tests.helpers import ROOT
from tests.test_report_forms import collect, fill, ledger, plan, rows, sheet

__all__ = ["plan"]  # the fixture, shared

EXISTING = (
    "# kept\nperiod: 2026-Q1\nentries:\n  - {task: 1, body: 市人力资源社会保障局, status: done}\n"
)


def crlf(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def test_same_line_endings(tmp_path: Path) -> None:
    windows, unix = tmp_path / "w.yaml", tmp_path / "u.yaml"
    windows.write_bytes(b"a: 1\r\nb: 2\r\n")
    unix.write_bytes(b"a: 1\n")
    assert same_line_endings(windows, b"a: 1\nb: 3\r\n") == b"a: 1\r\nb: 3\r\n"
    assert same_line_endings(unix, b"a: 1\nb: 3\n") == b"a: 1\nb: 3\n"
    assert same_line_endings(tmp_path / "new.yaml", b"a\n") == b"a\n"


def test_a_crlf_dataset_reads_as_its_lf_original(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "tasks.yaml"
    shutil.copy(ROOT / "data" / "tasks.yaml", data)
    crlf(data)
    assert data.read_bytes().count(b"\r\n") > 500
    for args in (["validate"], ["list", "--lead", "市教委", "-f", "json"], ["show", "47"]):
        original = runner.invoke(app, ["--data", str(ROOT / "data" / "tasks.yaml"), *args])
        windows = runner.invoke(app, ["--data", str(data), *args])
        assert windows.exit_code == original.exit_code == 0, windows.output
        if args != ["validate"]:  # which names the file
            assert windows.stdout == original.stdout


def test_a_crlf_library(runner: CliRunner, tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(ROOT / "examples" / "library", library)
    for path in library.glob("*.yaml"):
        crlf(path)
    assert runner.invoke(app, ["validate", str(library)]).exit_code == 0
    result = runner.invoke(app, ["--data", str(library), "plans", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == runner.invoke(
            app, ["--data", str(ROOT / "examples" / "library"), "plans", "-f", "json"]
        ).stdout
    )


def test_collect_keeps_a_crlf_period_file_crlf(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    period = plan.parent / "progress" / "2026-Q1.yaml"
    period.parent.mkdir()
    period.write_bytes(EXISTING.replace("\n", "\r\n").encode())
    form = sheet(runner, plan, "市教委", tmp_path / "sjw.xlsx")
    fill(form, {f"G{rows(form)[3]}": "推进中"})
    code, stderr = collect(runner, plan, form)
    assert code == 0, stderr
    written = period.read_bytes()
    assert written.startswith(b"# kept\r\nperiod: 2026-Q1\r\n")
    assert b"\n" not in written.replace(b"\r\n", b"")
    assert "task: 3" in ledger(plan)


def test_collect_writes_a_new_period_file_in_lf(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, "市教委", tmp_path / "sjw.xlsx")
    fill(form, {f"G{rows(form)[3]}": "推进中"})
    assert collect(runner, plan, form)[0] == 0
    assert b"\r" not in (plan.parent / "progress" / "2026-Q1.yaml").read_bytes()


def test_import_force_keeps_a_crlf_plan_file_crlf(runner: CliRunner, tmp_path: Path) -> None:
    source = ROOT / "tests" / "fixtures" / "import" / "readers" / "prose-utf8.txt"
    out = tmp_path / "plan.yaml"
    first = runner.invoke(app, ["import", str(source), "-o", str(out)])
    lf = out.read_bytes()
    assert b"\r" not in lf
    crlf(out)
    again = runner.invoke(app, ["import", str(source), "-o", str(out), "--force"])
    assert again.exit_code == first.exit_code
    assert out.read_bytes() == lf.replace(b"\n", b"\r\n")
