"""`export FORMAT -o NAME` refuses a NAME whose extension is another format's, for every format."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from fenggong.exporting import ExportFormat

# Each format, a name another format would take, and what it accepts (as the error says).
MISMATCHES = {
    ExportFormat.XLSX: ("out.csv", ".xlsx", "out.xlsx"),
    ExportFormat.CSV: ("out.xlsx", ".csv or .txt", "out.csv"),
    ExportFormat.MARKDOWN: ("out.html", ".md, .markdown or .txt", "out.md"),
    ExportFormat.HTML: ("out.md", ".html or .htm", "out.html"),
    ExportFormat.SQLITE: ("out.csv", ".db, .sqlite or .sqlite3", "out.db"),
    ExportFormat.DOCX: ("out.xlsx", ".docx", "out.docx"),
    ExportFormat.ICS: ("out.csv", ".ics", "out.ics"),
}


def test_every_format_is_covered() -> None:
    assert set(MISMATCHES) == set(ExportFormat)


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=str)
def test_an_extension_of_another_format_is_refused(
    runner: CliRunner, tmp_path: Path, fmt: ExportFormat
) -> None:
    name, allowed, hint = MISMATCHES[fmt]
    path = tmp_path / name
    result = runner.invoke(app, ["export", str(fmt), "-o", str(path)])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {path} does not end in {allowed}, as a {fmt} file does\n  hint: name it {hint}\n"
    )
    assert list(tmp_path.iterdir()) == []  # nothing written, no temporary file left


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=str)
def test_a_name_without_an_extension_is_refused(
    runner: CliRunner, tmp_path: Path, fmt: ExportFormat
) -> None:
    result = runner.invoke(app, ["export", str(fmt), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"  hint: name it {MISMATCHES[fmt][2]}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=str)
def test_the_extension_of_the_format_is_written_in_any_case(
    runner: CliRunner, tmp_path: Path, fmt: ExportFormat
) -> None:
    name = MISMATCHES[fmt][2].upper()  # OUT.XLSX: a Windows habit, still the format's
    result = runner.invoke(app, ["export", str(fmt), "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.stderr
    # A database has Datasette's metadata beside it.
    beside = [f"{Path(name).stem}.metadata.json"] if fmt is ExportFormat.SQLITE else []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, *beside])
