"""The 台账 in the SQLite export: its reports (`progress`, `figures`) and the lights on a day
(`lights`, `lights_by_body`), computed by query.progress as ``status`` computes them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import msgspec

from fenggong.catalog import Catalog
from fenggong.exporting import Progress
from fenggong.lights import Light
from fenggong.messages import _
from fenggong.model import STATUS_LABELS, Status, Task
from fenggong.query.progress import Row, standings
from fenggong.render.jsonout import dumps
from fenggong.views.status import LIGHT_WORDS, duties, duty_of

_STATUSES = ", ".join(f"'{s}'" for s in Status)
_LIGHTS = ", ".join(f"'{c}'" for c in Light)

# Only in a database whose plans have a ledger (a progress/ folder with a period file):
# without one these tables are left out, not left empty, so that a table of them says a
# 台账 was exported. A report's body, like a task's, is a body of the departments table.
SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE status_labels (code TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE light_labels (code TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE progress (
    task INTEGER NOT NULL,
    body TEXT NOT NULL REFERENCES departments(name),
    period TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({_STATUSES})) REFERENCES status_labels(code),
    status_label TEXT NOT NULL,
    progress TEXT, problems TEXT, next TEXT, reported TEXT, reporter TEXT,
    figures TEXT NOT NULL, evidence TEXT NOT NULL, plan TEXT NOT NULL,
    PRIMARY KEY (plan, task, body, period),
    FOREIGN KEY (plan, task) REFERENCES tasks(plan, id));
CREATE INDEX progress_by_body ON progress(body, period);
CREATE INDEX progress_by_period ON progress(period, status);
-- A report's figures one a row, to sum and compare in SQL (progress.figures has them too).
CREATE TABLE figures (
    task INTEGER NOT NULL, body TEXT NOT NULL, period TEXT NOT NULL, position INTEGER NOT NULL,
    value REAL NOT NULL, unit TEXT NOT NULL, target TEXT, plan TEXT NOT NULL,
    PRIMARY KEY (plan, task, body, period, position),
    FOREIGN KEY (plan, task, body, period) REFERENCES progress(plan, task, body, period));
"""


def _lights_table(name: str, by_body: bool) -> str:
    body = "NOT NULL REFERENCES" if by_body else "REFERENCES"
    key = "plan, task, body" if by_body else "plan, task"
    # The body's part in the task (牵头, 配合（经由“各区”）), as status --by dept says it.
    duty = " duty TEXT NOT NULL," if by_body else ""
    return f"""
CREATE TABLE {name} (
    task INTEGER NOT NULL, body TEXT {body} departments(name), lead INTEGER NOT NULL,
    light TEXT NOT NULL CHECK (light IN ({_LIGHTS})) REFERENCES light_labels(code),
    light_label TEXT NOT NULL, reason TEXT NOT NULL,
    status TEXT REFERENCES status_labels(code), status_label TEXT,
    due TEXT, due_kind TEXT, due_date TEXT, days INTEGER, reported TEXT, period TEXT,
    plan TEXT NOT NULL,{duty}
    PRIMARY KEY ({key}),
    FOREIGN KEY (plan, task) REFERENCES tasks(plan, id));
CREATE INDEX {name}_by_light ON {name}(light);"""


# lights: a row per task, as `status --as-of DAY` gives it (lit by its worst-lit lead);
# lights_by_body: a row per task and body, as `status --by dept --as-of DAY` gives them.
SCHEMA += _lights_table("lights", False) + _lights_table("lights_by_body", True)


Chosen = Sequence[tuple[Catalog, Sequence[Task]]]


def write(db: sqlite3.Connection, progress: Progress | None, chosen: Chosen) -> None:
    """The ledger's tables for the chosen tasks; nothing without a ledger."""
    if progress is None:
        return
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO meta VALUES (?, ?)", _meta(progress))
    db.executemany(
        "INSERT INTO status_labels VALUES (?, ?)", [(str(s), STATUS_LABELS[s]) for s in Status]
    )
    db.executemany(
        "INSERT INTO light_labels VALUES (?, ?)",
        [(str(c), _(LIGHT_WORDS[str(c)])) for c in Light],
    )
    _reports(db, progress, chosen)
    library, book, day = progress.library, progress.book, progress.as_of
    for table, by_body in (("lights", False), ("lights_by_body", True)):
        rows = standings(library, chosen, book, day, by_body=by_body)
        words = duties()
        values = [(*_light(r), duty_of(r, words)) if by_body else _light(r) for r in rows]
        db.executemany(
            f"INSERT INTO {table} VALUES ({', '.join('?' * (16 if by_body else 15))})", values
        )


def _meta(progress: Progress) -> list[tuple[str, str]]:
    book = progress.book
    assert book.ledgers is not None
    last = book.last_period(progress.as_of)
    settings = msgspec.to_builtins(book.settings)
    return [
        # The day the lights were judged on: a database replays `status --as-of` that day.
        ("as_of", progress.as_of.isoformat()),
        ("lights_preset", str(book.settings.preset)),
        ("lights_settings", dumps(settings, indent=0)),
        ("periods", dumps([p.name for p in book.ledgers.periods], indent=0)),
        # The period a report was due for on that day, whose absence lights yellow.
        ("last_period", "" if last is None else last.name),
    ]


def _reports(db: sqlite3.Connection, progress: Progress, chosen: Chosen) -> None:
    """Every report on a chosen task: by task, then body as first met, then period."""
    book, library = progress.book, progress.library
    assert book.ledgers is not None
    reports: list[tuple[object, ...]] = []
    figures: list[tuple[object, ...]] = []
    for catalog, tasks in chosen:
        key = catalog.key
        for task in tasks:
            ref = book.ref(catalog, task)
            for body in book.reporters(ref):
                name = library.label(catalog, body) if body in catalog.departments else body
                for period, entry in book.ledgers.history(ref, body):
                    reports.append(
                        (
                            task.id,
                            name,
                            period.name,
                            period.start.isoformat(),
                            period.end.isoformat(),
                            str(entry.status),
                            STATUS_LABELS[entry.status],
                            entry.progress,
                            entry.problems,
                            entry.next,
                            None if entry.reported is None else entry.reported.isoformat(),
                            entry.reporter,
                            dumps(msgspec.to_builtins(entry.figures), indent=0),
                            dumps(list(entry.evidence), indent=0),
                            key,
                        )
                    )
                    figures += [
                        (task.id, name, period.name, n, f.value, f.unit, f.target, key)
                        for n, f in enumerate(entry.figures, start=1)
                    ]
    db.executemany(f"INSERT INTO progress VALUES ({', '.join('?' * 15)})", reports)
    db.executemany("INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?)", figures)


def _light(row: Row) -> tuple[object, ...]:
    due = row.task.due
    status = row.status
    return (
        row.task.id,
        row.label,
        int(row.lead),
        str(row.verdict.light),
        _(LIGHT_WORDS[str(row.verdict.light)]),
        row.verdict.reason,
        status,
        None if status is None else STATUS_LABELS[Status(status)],
        None if due is None else due.raw,
        None if due is None else str(due.kind),
        None if due is None or due.date is None else due.date.isoformat(),
        row.days,
        None if row.reported is None else row.reported.isoformat(),
        None if row.period is None else row.period.name,
        row.catalog.key,
    )
