"""A SQLite database of the table (or of several plans), with a full-text index that finds
Chinese words of any length, and the 台账 when the plans have one (exporting.dbledger)."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from fenggong.catalog import Catalog
from fenggong.exporting import Bundle, Plans, Progress, dbledger
from fenggong.exporting.dbsearch import buffered, terms
from fenggong.matching import Matcher
from fenggong.messages import CHINESE, speaking
from fenggong.model import KIND_LABELS
from fenggong.query.select import Filters
from fenggong.render.jsonout import dumps

# Every table but `plan` has a column `plan`, and (plan, id) keys a task: ids repeat across
# plans. A file of one plan keeps the `plan` table of key/value pairs its readers know.
SCHEMA = """
CREATE TABLE plans (
    key TEXT PRIMARY KEY, title TEXT NOT NULL, document_number TEXT NOT NULL,
    date TEXT NOT NULL, issuers TEXT NOT NULL, jurisdiction TEXT NOT NULL,
    period TEXT NOT NULL, period_start INTEGER, period_end INTEGER, filters TEXT NOT NULL);
CREATE TABLE sections (
    number INTEGER NOT NULL, numeral TEXT NOT NULL, title TEXT NOT NULL,
    plan TEXT NOT NULL REFERENCES plans(key),
    PRIMARY KEY (plan, number));
CREATE TABLE topics (
    number INTEGER NOT NULL, numeral TEXT NOT NULL, title TEXT NOT NULL,
    section INTEGER NOT NULL, plan TEXT NOT NULL REFERENCES plans(key),
    PRIMARY KEY (plan, number),
    FOREIGN KEY (plan, section) REFERENCES sections(plan, number));
-- A body's name is the one the command line takes: its registry name, or JURISDICTION:NAME
-- where two jurisdictions of the plans define the name (区发改委 of two districts).
-- The words of the coded values, for people (Datasette shows a code's label through its
-- foreign key): role and bucket lead 牵头 …, how direct …, a body's kind municipal ….
CREATE TABLE role_labels (code TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE how_labels (code TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE kind_labels (code TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE departments (
    name TEXT PRIMARY KEY, full_name TEXT NOT NULL,
    kind TEXT NOT NULL REFERENCES kind_labels(code),
    aliases TEXT NOT NULL, description TEXT, jurisdiction TEXT NOT NULL);
CREATE TABLE group_members (
    group_name TEXT NOT NULL REFERENCES departments(name),
    member TEXT NOT NULL REFERENCES departments(name),
    PRIMARY KEY (group_name, member));
-- A group that names no members (相关区) means "the bodies of these kinds concerned":
-- with departments.kind, this rebuilds the "possible" matches in SQL.
CREATE TABLE group_scope (
    group_name TEXT NOT NULL REFERENCES departments(name),
    kind TEXT NOT NULL REFERENCES kind_labels(code),
    PRIMARY KEY (group_name, kind));
CREATE TABLE tasks (
    id INTEGER NOT NULL, topic INTEGER NOT NULL, section INTEGER NOT NULL, text TEXT NOT NULL,
    plan TEXT NOT NULL REFERENCES plans(key),
    PRIMARY KEY (plan, id),
    FOREIGN KEY (plan, topic) REFERENCES topics(plan, number),
    FOREIGN KEY (plan, section) REFERENCES sections(plan, number));
CREATE TABLE assignments (
    task INTEGER NOT NULL,
    department TEXT NOT NULL REFERENCES departments(name),
    role TEXT NOT NULL CHECK (role IN ('lead', 'support')) REFERENCES role_labels(code),
    position INTEGER NOT NULL, plan TEXT NOT NULL,
    PRIMARY KEY (plan, task, role, position),
    FOREIGN KEY (plan, task) REFERENCES tasks(plan, id));
CREATE INDEX assignments_by_department ON assignments(department, role);
-- Every body's part in every task, as the 责任清单 and the counts classify it: bucket
-- lead | support (named, or through a group naming it, whose role it takes) | possible
-- (only through a group naming no members); how direct | group | possible; via the group.
CREATE TABLE involvement (
    task INTEGER NOT NULL,
    department TEXT NOT NULL REFERENCES departments(name),
    bucket TEXT NOT NULL CHECK (bucket IN ('lead', 'support', 'possible'))
        REFERENCES role_labels(code),
    how TEXT NOT NULL CHECK (how IN ('direct', 'group', 'possible')) REFERENCES how_labels(code),
    via TEXT REFERENCES departments(name), plan TEXT NOT NULL,
    PRIMARY KEY (plan, task, department),
    FOREIGN KEY (plan, task) REFERENCES tasks(plan, id));
CREATE INDEX involvement_by_department ON involvement(department, bucket);
CREATE TABLE targets (
    task INTEGER NOT NULL, position INTEGER NOT NULL,
    metric TEXT NOT NULL, qualitative INTEGER NOT NULL,
    value REAL, unit TEXT, quantity REAL, qualifier TEXT NOT NULL, period TEXT NOT NULL,
    plan TEXT NOT NULL,
    PRIMARY KEY (plan, task, position),
    FOREIGN KEY (plan, task) REFERENCES tasks(plan, id));
-- The full-text index of the tasks' text, as Datasette finds it (content="tasks", in double
-- quotes) and searches it from the tasks page: its columns are read from tasks by rowid
-- (in a file of one plan, the task's id). No built-in tokenizer finds a word inside a run
-- of Chinese (unicode61 sees the run as one token; trigram nothing under three characters),
-- so what is indexed for a task is every piece of each run of its folded text, up to
-- SEARCHABLE characters long, as a token of its own: a word of one, two or more characters
-- (培训, 学徒制) matches as a search box sends it ("培训"), as `fenggong search` finds it in
-- the text. The index is not rebuilt from tasks ('rebuild' would index whole runs again).
CREATE VIRTUAL TABLE tasks_fts USING fts5(
    text, plan UNINDEXED, id UNINDEXED, content="tasks",
    tokenize="unicode61 remove_diacritics 0");
"""
# The Chinese words of every code the tables hold (their CHECKs list the same codes).
LABELS: dict[str, dict[str, str]] = {
    "role_labels": {"lead": "牵头", "support": "配合", "possible": "可能涉及"},
    "how_labels": {"direct": "直接列名", "group": "经由统称", "possible": "可能涉及"},
    "kind_labels": {str(kind): label for kind, label in KIND_LABELS.items()},
}
_ONE_PLAN = "CREATE TABLE plan (key TEXT PRIMARY KEY, value TEXT NOT NULL);"

# How a body is named across the plans exported: (its plan, its name there) → the name.
Label = Callable[[Catalog, str], str]


def export(bundle: Bundle) -> bytes:
    return _database((bundle,), _own_name, None)


def export_plans(plans: Plans) -> bytes:
    return _database(plans.parts, plans.library.label, None)


def database(chosen: Bundle | Plans, progress: Progress | None) -> bytes:
    """The database of the chosen tasks, with the ledger's tables when ``progress`` has a
    ledger; in Chinese, as every export (the lights' labels and reasons)."""
    with speaking(CHINESE):
        if isinstance(chosen, Plans) and len(chosen.parts) > 1:
            return _database(chosen.parts, chosen.library.label, progress)
        one = chosen.parts[0] if isinstance(chosen, Plans) else chosen
        return _database((one,), _own_name, progress)


def _own_name(_catalog: Catalog, name: str) -> str:
    return name


def _database(parts: Sequence[Bundle], label: Label, progress: Progress | None) -> bytes:
    # Built in a scratch file, not in memory: the image of 100,000 tasks is some 350 MB,
    # which serializing a database in memory would hold twice.
    with tempfile.TemporaryDirectory(prefix="fenggong-") as folder:
        path = Path(folder) / "export.db"
        db = sqlite3.connect(path)
        try:
            # Read back whole or not at all: no journal to roll back by, nothing to sync.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("PRAGMA cache_size = -65536")  # KiB: the indexes of 100,000 tasks
            # Every coded value written comes from the enum its CHECK lists; asked again,
            # each row's check builds its IN list anew: half the time of the involvement
            # table's 800,000 rows. The schema keeps the CHECKs for whoever writes next.
            db.execute("PRAGMA ignore_check_constraints = ON")
            _fill(db, parts, label, progress)
        finally:
            db.close()
        return path.read_bytes()


def _fill(
    db: sqlite3.Connection, parts: Sequence[Bundle], label: Label, progress: Progress | None
) -> None:
    db.executescript(SCHEMA)
    for table, labels in LABELS.items():
        db.executemany(f"INSERT INTO {table} VALUES (?, ?)", labels.items())
    if len(parts) == 1:
        db.executescript(_ONE_PLAN)
        db.executemany("INSERT INTO plan VALUES (?, ?)", _pairs(parts[0]))
    db.executemany(
        "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [_plan(p) for p in parts]
    )
    for part in parts:
        _sections(db, part.catalog)
    _departments(db, parts, label)
    with buffered(db):
        for part in parts:
            _tasks(db, part, label, keep_ids=len(parts) == 1)
    if progress is not None:
        chosen = [(p.catalog, [hit.task for hit in p.hits]) for p in parts]
        dbledger.write(db, progress, chosen)
    db.commit()


def _pairs(bundle: Bundle) -> list[tuple[str, str]]:
    """The `plan` table of a file of one plan, as it has always been."""
    plan = bundle.catalog.dataset.plan
    return [
        ("title", plan.title),
        ("document_number", plan.document_number),
        ("date", plan.date.isoformat()),
        ("issuers", dumps(plan.issuers, indent=0)),
        # A plan with no named period (十四五) has these empty.
        ("period", plan.period.name if plan.period else ""),
        ("period_start", str(plan.period.start) if plan.period else ""),
        ("period_end", str(plan.period.end) if plan.period else ""),
        # Which filters chose the tasks (all empty: the whole table), so that a filtered
        # database never passes for the whole one.
        ("filters", dumps(_filters(bundle.filters), indent=0)),
    ]


def _plan(bundle: Bundle) -> tuple[object, ...]:
    catalog = bundle.catalog
    plan = catalog.dataset.plan
    period = plan.period
    return (
        catalog.key,
        plan.title,
        plan.document_number,
        plan.date.isoformat(),
        dumps(plan.issuers, indent=0),
        catalog.jurisdiction,
        period.name if period else "",
        period.start if period else None,
        period.end if period else None,
        # In the plan's own names: the filters that chose its tasks.
        dumps(_filters(bundle.filters), indent=0),
    )


def _sections(db: sqlite3.Connection, catalog: Catalog) -> None:
    data, key = catalog.dataset, catalog.key
    db.executemany(
        "INSERT INTO sections VALUES (?, ?, ?, ?)",
        [(s.number, s.numeral, s.title, key) for s in data.sections],
    )
    db.executemany(
        "INSERT INTO topics VALUES (?, ?, ?, ?, ?)",
        [(t.number, t.numeral, t.title, t.section, key) for t in data.topics],
    )


def _departments(db: sqlite3.Connection, parts: Sequence[Bundle], label: Label) -> None:
    """Each body once, as the first plan that may name it defines it."""
    seen: set[str] = set()
    for part in parts:
        catalog = part.catalog
        for name, d in catalog.departments.items():
            key = label(catalog, name)
            if key in seen:
                continue
            seen.add(key)
            home = catalog.body(name)[0]
            db.execute(
                "INSERT INTO departments VALUES (?, ?, ?, ?, ?, ?)",
                (key, d.full_name, str(d.kind), dumps(d.aliases, indent=0), d.description, home),
            )
            db.executemany(
                "INSERT INTO group_members VALUES (?, ?)",
                [(key, label(catalog, m)) for m in d.members or ()],
            )
            if d.members is None:
                db.executemany(
                    "INSERT INTO group_scope VALUES (?, ?)", [(key, str(k)) for k in d.scope or ()]
                )


def _tasks(db: sqlite3.Connection, bundle: Bundle, label: Label, keep_ids: bool) -> None:
    """A plan's chosen tasks, their assignments, involvement, targets and index entries;
    ``keep_ids``: a task's id is its index entry's rowid, as in a file of one plan. Rows
    are streamed to SQLite, never held in lists: a plan may have 100,000 tasks."""
    catalog, key = bundle.catalog, bundle.catalog.key
    tasks = [hit.task for hit in bundle.hits]
    (last,) = db.execute("SELECT coalesce(max(rowid), 0) FROM tasks").fetchone()
    rowids = [t.id if keep_ids else last + n for n, t in enumerate(tasks, start=1)]
    db.executemany(
        "INSERT INTO tasks(rowid, id, topic, section, text, plan) VALUES (?, ?, ?, ?, ?, ?)",
        (
            (rowid, t.id, t.topic, catalog.topics[t.topic].section, t.text, key)
            for rowid, t in zip(rowids, tasks, strict=True)
        ),
    )
    db.executemany(
        "INSERT INTO assignments VALUES (?, ?, ?, ?, ?)",
        (
            (t.id, label(catalog, name), role, position, key)
            for t in tasks
            for role, names in (("lead", t.lead), ("support", t.support))
            for position, name in enumerate(names, start=1)
        ),
    )
    db.executemany("INSERT INTO involvement VALUES (?, ?, ?, ?, ?, ?)", _involved(bundle, label))
    db.executemany(
        "INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                t.id,
                position,
                g.metric,
                int(g.qualitative),
                g.value,
                g.unit,
                g.quantity,
                dumps(g.qualifier, indent=0),
                g.period,
                key,
            )
            for t in tasks
            for position, g in enumerate(t.targets, start=1)
        ),
    )
    # The index holds each task's pieces (terms); its columns read the task's own text.
    db.executemany(
        "INSERT INTO tasks_fts(rowid, text, plan, id) VALUES (?, ?, ?, ?)",
        ((rowid, terms(t.text), key, t.id) for rowid, t in zip(rowids, tasks, strict=True)),
    )


def _involved(bundle: Bundle, label: Label) -> Iterator[tuple[object, ...]]:
    """Every body's involvement in the chosen tasks, body by body in the registry's order,
    each body asked only about the tasks whose cells may reach it."""
    catalog, key = bundle.catalog, bundle.catalog.key
    tasks = [hit.task for hit in bundle.hits]
    matcher = Matcher(catalog.departments)
    concerned = matcher.concerning(tasks)
    for name in catalog.departments:
        body = label(catalog, name)
        for position in concerned[name]:
            found = matcher.involvement(tasks[position], name)
            if found is not None:
                deciding = found.deciding  # once: it is a choice among the matches
                via = None if deciding.via is None else label(catalog, deciding.via)
                yield (found.task.id, body, str(deciding.bucket), deciding.how.label, via, key)


def _filters(filters: Filters) -> dict[str, object]:
    return {
        "lead": filters.lead,
        "support": filters.support,
        "dept": filters.dept,
        "sections": filters.sections,
        "topics": filters.topics,
        "grep": filters.grep,
        "has_target": filters.has_target,
        "how": [h.label for h in filters.how],
    }
