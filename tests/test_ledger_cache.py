"""The 台账's cache: a period file that checked clean is not checked again while neither it
nor the plans it reports on changed; anything else is a miss, silently; ``validate``
reports the same with and without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fenggong.checks.scope import Scope
from fenggong.cli import app
from fenggong.errors import DataError
from fenggong.store import ledger, ledgercache, loader, pipeline
from tests.helpers import FIXTURES, cache_folder

LEDGER = FIXTURES / "ledger"


def _dataset(tmp_path: Path, progress: Path) -> Path:
    shutil.copy(LEDGER / "plan.yaml", tmp_path / "tasks.yaml")
    shutil.copytree(progress, tmp_path / "progress")
    return tmp_path / "tasks.yaml"


def _entries() -> list[Path]:
    folder = cache_folder()
    return sorted(folder.glob("ledger.*.json")) if folder.exists() else []


def _load(path: Path) -> ledger.Ledgers:
    return ledger.load(ledger.folder_of(path), Scope.of_dataset(loader.load(path)))


class _Counting:
    """pipeline.run, counting the ledger files it checks."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self._run = pipeline.run

    def __call__(self, source, progress, kind):  # type: ignore[no-untyped-def]
        if kind.name == "ledger":
            self.files.append(source.name.name)
        return self._run(source, progress, kind)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> _Counting:
    counting = _Counting()
    monkeypatch.setattr(pipeline, "run", counting)
    return counting


def test_a_clean_file_is_checked_once_then_read_from_the_cache(
    tmp_path: Path, counted: _Counting
) -> None:
    path = _dataset(tmp_path, LEDGER / "valid")
    first = _load(path)
    assert counted.files == ["2025-Q4.yaml", "2026-Q1.yaml"]
    assert len(_entries()) == 2
    second = _load(path)
    assert counted.files == ["2025-Q4.yaml", "2026-Q1.yaml"]  # nothing checked again
    assert second.ledgers == first.ledgers
    assert second.keys == first.keys


def test_editing_a_period_file_checks_that_file_again(tmp_path: Path, counted: _Counting) -> None:
    path = _dataset(tmp_path, LEDGER / "valid")
    _load(path)
    edited = tmp_path / "progress" / "2026-Q1.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _load(path)
    assert counted.files == ["2025-Q4.yaml", "2026-Q1.yaml", "2026-Q1.yaml"]


def test_a_plan_edit_that_takes_away_a_duty_is_an_error_on_the_next_run(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = _dataset(tmp_path, LEDGER / "valid")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    status = ["--data", str(path), "status", "--as-of", "2026-04-01"]
    assert runner.invoke(app, status).exit_code == 0
    # 市教委 reports on task 2, which it leads: make 市人力资源社会保障局 lead it instead.
    plan = path.read_text(encoding="utf-8")
    task = "text: 覆盖率达80%\n    lead: "
    edited = plan.replace(task + "[市教委]", task + "[黄浦区]")
    assert edited != plan
    path.write_text(edited, encoding="utf-8")
    again = runner.invoke(app, status)
    assert again.exit_code == 1
    assert "FG044" in again.stderr and "市教委 has no part in task 2" in again.stderr
    validate = runner.invoke(app, ["validate", str(path)])
    assert validate.exit_code == 1
    assert "FG044" in validate.stderr


def test_a_file_with_errors_is_never_cached(tmp_path: Path, counted: _Counting) -> None:
    path = _dataset(tmp_path, LEDGER / "invalid" / "no-duty")
    for _run in range(2):
        with pytest.raises(DataError):
            _load(path)
    assert _entries() == []
    assert counted.files == ["2026-Q1.yaml", "2026-Q1.yaml"]


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"format": 4}', b"null"],
    ids=["empty", "corrupt", "foreign", "null"],
)
def test_a_damaged_entry_is_a_silent_miss(
    tmp_path: Path, counted: _Counting, damage: bytes
) -> None:
    path = _dataset(tmp_path, LEDGER / "valid")
    first = _load(path)
    for entry in _entries():
        entry.write_bytes(damage)
    again = _load(path)
    assert again.ledgers == first.ledgers
    assert counted.files == ["2025-Q4.yaml", "2026-Q1.yaml"] * 2


def test_an_entry_holding_an_error_is_refused() -> None:
    from fenggong.errors import Problem, Severity
    from fenggong.model import Ledger
    from fenggong.store.ledgerpack import pack

    warned = Problem("FG108", "report-date", "late", file="a.yaml", severity=Severity.WARNING)
    erred = Problem("FG044", "no-duty", "no part", file="a.yaml")
    assert ledgercache.KIND.consistent(pack(Ledger("2026-Q1"), str, (warned,)))
    assert not ledgercache.KIND.consistent(pack(Ledger("2026-Q1"), str, (erred,)))


def test_the_plans_digest_changes_with_any_plan(tmp_path: Path) -> None:
    path = _dataset(tmp_path, LEDGER / "valid")
    plan = loader.load(path)
    digest = ledgercache.scope_digest(Scope.of_dataset(plan))
    assert ledgercache.scope_digest(Scope.of_dataset(loader.load(path))) == digest
    assert ledgercache.scope_digest(Scope([("plan", plan)])) != digest  # a library's key
    import msgspec

    fewer = msgspec.structs.replace(plan, tasks=plan.tasks[:-1])
    assert ledgercache.scope_digest(Scope.of_dataset(fewer)) != digest


def test_the_plans_digests_are_worked_out_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import msgspec

    from fenggong import forms

    plan = loader.load(_dataset(tmp_path, LEDGER / "valid"))
    expected = {"": forms.plan_digest(plan.tasks)}
    assert ledgercache.plan_digests(Scope.of_dataset(plan)) == expected
    assert len(list(cache_folder().glob("digests.*.json"))) == 1

    def never(tasks: object) -> str:
        raise AssertionError("worked out again")

    monkeypatch.setattr(forms, "plan_digest", never)
    assert ledgercache.plan_digests(Scope.of_dataset(plan)) == expected
    # Another version of the plan is another entry: its digests are worked out anew.
    fewer = msgspec.structs.replace(plan, tasks=plan.tasks[:-1])
    with pytest.raises(AssertionError, match="worked out again"):
        ledgercache.plan_digests(Scope.of_dataset(fewer))


@pytest.mark.parametrize("case", ["report-date", "valid"])
def test_validate_says_the_same_with_and_without_the_cache(
    runner: CliRunner, tmp_path: Path, case: str
) -> None:
    folder = LEDGER / "valid" if case == "valid" else LEDGER / "invalid" / case
    path = _dataset(tmp_path, folder)
    cold = runner.invoke(app, ["validate", str(path)])
    assert _entries()  # the warnings were cached with the file
    warm = runner.invoke(app, ["validate", str(path)])
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)
    if case == "report-date":
        assert cold.stderr.count("warning FG108") == 2
    shutil.rmtree(cache_folder())
    again = runner.invoke(app, ["validate", str(path)])
    assert (again.stdout, again.stderr) == (cold.stdout, cold.stderr)


def test_warnings_read_back_name_the_file_as_it_is_named_now(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _dataset(tmp_path, LEDGER / "invalid" / "report-date")
    cold = runner.invoke(app, ["validate", str(path)])
    monkeypatch.chdir(tmp_path)
    warm = runner.invoke(app, ["validate", "tasks.yaml"])
    assert "progress/2026-Q1.yaml:3:47: warning FG108" in warm.stderr
    assert str(tmp_path) not in warm.stderr
    assert warm.stderr.replace("progress/", f"{tmp_path}/progress/") == cold.stderr.replace(
        f"{path}", "tasks.yaml"
    )


def test_warnings_are_cached_in_the_language_they_were_said_in(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _dataset(tmp_path, LEDGER / "invalid" / "report-date")
    monkeypatch.setenv("FENGGONG_LANG", "en")
    english = runner.invoke(app, ["validate", str(path)])
    after_english = set(_entries())
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    chinese = runner.invoke(app, ["validate", str(path)])
    after_chinese = set(_entries())
    monkeypatch.setenv("FENGGONG_LANG", "en")
    assert runner.invoke(app, ["validate", str(path)]).stderr == english.stderr
    # Chinese warnings are an entry of their own; English again finds its first one.
    assert after_english < after_chinese
    assert set(_entries()) == after_chinese
    assert chinese.exit_code == english.exit_code == 0
    assert "FG108" in chinese.stderr and chinese.stderr != english.stderr


def test_a_file_without_warnings_has_one_entry_for_every_language(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: _Counting
) -> None:
    path = _dataset(tmp_path, LEDGER / "valid")
    status = ["--data", str(path), "status", "--as-of", "2026-05-01"]
    assert runner.invoke(app, status).exit_code == 0
    monkeypatch.setenv("FENGGONG_LANG", "zh")
    assert runner.invoke(app, status).exit_code == 0
    assert len(_entries()) == 2  # one per period file
    assert counted.files == ["2025-Q4.yaml", "2026-Q1.yaml"]


def test_validate_checks_every_period_file_in_full_each_time(
    runner: CliRunner, tmp_path: Path, counted: _Counting
) -> None:
    # As it believes no entry of the plans': an entry is the user's own, but validate is
    # the check a pull request relies on.
    path = _dataset(tmp_path, LEDGER / "valid")
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(path)]).exit_code == 0
    assert counted.files == ["2025-Q4.yaml", "2026-Q1.yaml"] * 2


def test_a_collected_file_is_cached_as_written(
    runner: CliRunner, tmp_path: Path, counted: _Counting
) -> None:
    import datetime

    from tests.test_report_forms import collect, fill, rows

    folder = tmp_path / "data"
    folder.mkdir()
    plan = folder / "tasks.yaml"
    shutil.copy(FIXTURES.parent.parent / "data" / "tasks.yaml", plan)
    # The period of today: a report collected today is dated today, inside it (FG108).
    today = datetime.date.today()
    period = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    form = tmp_path / "sjw.xlsx"
    made = ["--data", str(plan), "report", "sheet", "--period", period, "--dept", "市教委"]
    assert runner.invoke(app, [*made, "-o", str(form)]).exit_code == 0
    row = next(iter(rows(form).values()))
    fill(form, {f"G{row}": "推进中", f"H{row}": "已启动"})
    assert collect(runner, plan, form)[0] == 0
    assert counted.files == []  # checked on the records, never parsed back
    status = ["--data", str(plan), "status", "--as-of", today.isoformat(), "-f", "json"]
    warm = runner.invoke(app, status)
    assert warm.exit_code == 0 and counted.files == []  # read from the cache
    shutil.rmtree(cache_folder())
    assert runner.invoke(app, status).stdout == warm.stdout
    assert counted.files == [f"{period}.yaml"]
    assert runner.invoke(app, ["validate", str(plan)]).exit_code == 0


def test_a_period_file_rewritten_is_the_only_one_hashed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from fenggong.store import shelfcache
    from fenggong.store import source as sources

    path = _dataset(tmp_path, LEDGER / "valid")
    real = time.time_ns
    # The files look left alone for long (the clock runs ahead), so their stat is noted.
    monkeypatch.setattr(time, "time_ns", lambda: real() + 10 * shelfcache.SETTLE_NS)
    first = _load(path)
    hashed: list[str] = []
    digest = sources.digest

    def counted(source: sources.Source) -> str:
        if source.name.parent.name == "progress":  # the plan's own file aside
            hashed.append(source.name.name)
        return digest(source)

    monkeypatch.setattr(sources, "digest", counted)
    assert _load(path).entries("2026-Q1") == first.entries("2026-Q1")
    assert hashed == []
    # A collect rewrites one file: the next read hashes that one, and finds the other.
    edited = path.parent / "progress" / "2026-Q1.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "# seen\n", encoding="utf-8")
    _load(path)
    # (Checked again, being edited by hand, it is hashed once more as it is parsed.)
    assert set(hashed) == {"2026-Q1.yaml"}
    hashed.clear()
    _load(path)  # noted again once hashed
    assert hashed == []


@pytest.mark.slow
def test_a_round_of_collects_into_one_file_keeps_the_other_periods_cached(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each collect writes its file's new entry; the entry of the bytes it replaced goes
    first when the cache is pruned, not another period's, which a month's round of forty
    forms into one file would push out (the next status then checks every file again)."""
    from fenggong.cli import days as ledger_options
    from fenggong.store import cache
    from tests.test_report_forms import COLLECT_DAY, collect, fill, rows, sheet

    monkeypatch.setattr(ledger_options, "today", lambda: COLLECT_DAY)
    monkeypatch.setattr(cache, "KEEP", 1)  # two period files: five entries kept
    folder = tmp_path / "data"
    (folder / "progress").mkdir(parents=True)
    plan = folder / "tasks.yaml"
    shutil.copy(FIXTURES.parent.parent / "data" / "tasks.yaml", plan)
    _period(folder, "2025-Q4", "in_progress", "2025-12-20")
    form = sheet(runner, plan, "市教委", tmp_path / "sjw.xlsx")
    row = next(iter(rows(form).values()))
    status = ["--data", str(plan), "status", "--as-of", COLLECT_DAY.isoformat(), "-f", "json"]
    assert runner.invoke(app, status).exit_code == 0  # 2025-Q4 read, and cached
    for round_ in range(6):
        fill(form, {f"G{row}": "推进中", f"H{row}": f"第{round_}次报送"})
        assert collect(runner, plan, form, "--replace")[0] == 0
    checked = _Counting()
    monkeypatch.setattr(pipeline, "run", checked)
    assert runner.invoke(app, status).exit_code == 0
    assert checked.files == []
    assert len(_entries()) <= 5


@pytest.mark.slow
def test_a_collect_that_checks_its_file_again_keeps_the_other_periods_cached(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A collect into a file edited by hand checks that one file; the cache it then prunes
    keeps room for every period file of the folder, not for the one file it read."""
    from fenggong.cli import days as ledger_options
    from fenggong.store import cache
    from tests.test_report_forms import COLLECT_DAY, collect, fill, rows, sheet

    monkeypatch.setattr(ledger_options, "today", lambda: COLLECT_DAY)
    monkeypatch.setattr(cache, "KEEP", 1)  # one file read: three entries; five files: eleven
    folder = tmp_path / "data"
    (folder / "progress").mkdir(parents=True)
    plan = folder / "tasks.yaml"
    shutil.copy(FIXTURES.parent.parent / "data" / "tasks.yaml", plan)
    for period, day in (("2025-Q1", "03-20"), ("2025-Q2", "06-20"), ("2025-Q3", "09-20")):
        _period(folder, period, "in_progress", f"2025-{day}")
    _period(folder, "2025-Q4", "ongoing", "2025-12-20")
    form = sheet(runner, plan, "市教委", tmp_path / "sjw.xlsx")
    row = next(iter(rows(form).values()))
    fill(form, {f"G{row}": "推进中", f"H{row}": "已启动"})
    _period(folder, "2026-Q1", "done", "2026-03-20")
    status = ["--data", str(plan), "status", "--as-of", COLLECT_DAY.isoformat(), "-f", "json"]
    assert runner.invoke(app, status).exit_code == 0  # the five files read, and cached
    with (folder / "progress" / "2026-Q1.yaml").open("a", encoding="utf-8") as edited:
        edited.write("# 手工核对\n")  # by hand: the collect checks this file again
    assert collect(runner, plan, form, "--replace")[0] == 0
    checked = _Counting()
    monkeypatch.setattr(pipeline, "run", checked)
    assert runner.invoke(app, status).exit_code == 0
    assert checked.files == []


def _period(folder: Path, period: str, status: str, reported: str) -> None:
    """A period file of one report of 市教委 on task 3."""
    (folder / "progress" / f"{period}.yaml").write_text(
        f"period: {period}\nentries:\n"
        f"- {{task: 3, body: 市教委, status: {status}, reported: {reported}}}\n",
        encoding="utf-8",
    )


def test_a_library_read_from_its_files_has_its_plans_digest_from_their_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fenggong.query.library import Library
    from fenggong.store import library as shelves

    folder = tmp_path / "library"
    shutil.copytree(FIXTURES / "libraries" / "valid" / "districts", folder)
    shelf, digest = shelves.load_keyed(folder)
    assert digest is not None and shelves.load_keyed(folder) == (shelf, digest)  # cached
    plans = Library.shelved(shelf, str(folder), digest)
    scope = Scope([(c.key, c.dataset) for c in plans.catalogs], plans.digest)
    # The plans are not encoded: their files' digest stands for them.
    import msgspec

    with monkeypatch.context() as patched:
        patched.setattr(msgspec.json, "Encoder", None)
        said = ledgercache.scope_digest(scope)
        assert said == ledgercache.scope_digest(Scope(list(scope.plans.items()), digest))
        assert said != ledgercache.scope_digest(Scope(list(scope.plans.items()), "0" * 64))
    assert said != ledgercache.scope_digest(Scope(list(scope.plans.items())))
    # A plan changed is other files, another digest; fewer plans chosen have none.
    plan = folder / "minhang.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert shelves.load_keyed(folder)[1] not in (None, digest)
    assert plans.narrowed(plans=[plans.first.key]).digest is None
