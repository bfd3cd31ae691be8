"""Hostile forms, lights files and -o paths met by the 台账's commands: located refusals,
never a traceback, and nothing written."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.cli import app
from tests.test_report_forms import collect, fill, plan, rows, sheet

__all__ = ["plan"]  # the fixture, used by name
SHEET_XML = "xl/worksheets/sheet1.xml"


def _rewrite(form: Path, change: object) -> None:
    """The form with its first sheet's XML changed by ``change`` (bytes → bytes)."""
    with zipfile.ZipFile(form) as old:
        members = {i.filename: old.read(i) for i in old.infolist()}
    members[SHEET_XML] = change(members[SHEET_XML])  # type: ignore[operator]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
    form.write_bytes(out.getvalue())


@pytest.mark.parametrize(
    "change",
    [
        # A number cell holding what is no number: openpyxl's cast raised ValueError.
        lambda xml: xml.replace(b"</row>", b'<c r="M4" t="n"><v>NaN</v></c></row>', 1),
        # A character reference XML forbids: the parser raised ParseError.
        lambda xml: xml.replace(
            b"</row>", b'<c r="M4" t="inlineStr"><is><t>&#x1b;</t></is></c></row>', 1
        ),
        # A download cut short.
        lambda xml: xml[: len(xml) // 2],
    ],
    ids=["nan", "control-reference", "truncated"],
)
def test_a_broken_sheet_is_refused_without_a_traceback(
    runner: CliRunner, plan: Path, tmp_path: Path, change: object
) -> None:
    form = sheet(runner, plan, "市教委", tmp_path / "f.xlsx")
    fill(form, {"G4": "推进中", "D2": "2026-04-10"})
    _rewrite(form, change)
    code, said = collect(runner, plan, form)
    assert code == 1
    assert "Traceback" not in said
    assert said.startswith(
        f"{form}: error form form-file: {form} cannot be read as an xlsx workbook: "
    )
    assert not (plan.parent / "progress").exists()


def test_a_figure_beyond_the_model_s_bound_is_refused_at_its_cell(
    runner: CliRunner, plan: Path, tmp_path: Path
) -> None:
    form = sheet(runner, plan, "市人力资源社会保障局", tmp_path / "f.xlsx")
    row = {str(k): v for k, v in rows(form).items()}["73"]
    fill(form, {f"G{row}": "推进中", f"K{row}": 1e30, "D2": "2026-04-10"})
    code, said = collect(runner, plan, form)
    assert code == 1
    assert f"{form}!进展填报!K{row}" in said
    assert " is out of range\n  hint: write a number of at most 1,000,000,000,000,000, in %" in said
    assert not (plan.parent / "progress").exists()


@pytest.mark.parametrize("target", ["tasks.yaml", "progress/2026-Q1.yaml", "lights.yaml"])
def test_a_form_never_replaces_the_plan_or_the_ledger(
    runner: CliRunner, plan: Path, target: str
) -> None:
    (plan.parent / "progress").mkdir()
    (plan.parent / "progress" / "2026-Q1.yaml").write_text("period: 2026-Q1\nentries: []\n")
    (plan.parent / "lights.yaml").write_text("preset: default\n")
    path = plan.parent / target
    before = path.read_bytes()
    args = ["--data", str(plan), "report", "sheet", "--period", "2026-Q1", "--dept", "市教委"]
    result = runner.invoke(app, [*args, "-o", str(path), "--force"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"error: -o {path}: a report form is an .xlsx file"
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("preset: [a]\n", "error FG002 schema at preset"),
        ("bands: {green: 50, yellow: 10}\n", "error FG051 lights-tunable at bands"),
    ],
)
def test_validate_checks_the_lights_file_every_query_reads(
    runner: CliRunner, tmp_path: Path, text: str, said: str
) -> None:
    shutil.copy(Path("data/tasks.yaml"), tmp_path / "tasks.yaml")
    (tmp_path / "lights.yaml").write_text(text, encoding="utf-8")
    checked = runner.invoke(app, ["validate", str(tmp_path / "tasks.yaml")])
    assert checked.exit_code == 1
    assert said in checked.stderr
    status = runner.invoke(app, ["--data", str(tmp_path / "tasks.yaml"), "status"])
    assert status.exit_code == 1
    assert said in status.stderr and "Traceback" not in status.stderr


def test_a_folder_or_a_huge_file_is_refused_as_no_report_form(
    runner: CliRunner, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fenggong.importing.readers import base

    folder = tmp_path / "f.xlsx"
    folder.mkdir()
    assert collect(runner, plan, folder) == (
        2,
        f"error: {folder} is a directory, not a report form\n",
    )
    huge = tmp_path / "big.xlsx"
    huge.write_bytes(b"x" * (2 << 20))
    monkeypatch.setattr(base, "MAX_BYTES", 1 << 20)
    assert collect(runner, plan, huge) == (
        2,
        f"error: {huge}: the file is 2 MiB; a report form may be 1 MiB at most\n",
    )
