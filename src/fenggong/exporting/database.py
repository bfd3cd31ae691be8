"""A SQLite database of the table, with a trigram full-text index that finds Chinese words."""

from __future__ import annotations

import sqlite3

from fenggong.exporting import Bundle
from fenggong.matching import Involvement, Matcher
from fenggong.query.select import Filters
from fenggong.render.jsonout import dumps

SCHEMA = """
CREATE TABLE plan (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sections (
    number INTEGER PRIMARY KEY, numeral TEXT NOT NULL, title TEXT NOT NULL);
CREATE TABLE topics (
    number INTEGER PRIMARY KEY, numeral TEXT NOT NULL, title TEXT NOT NULL,
    section INTEGER NOT NULL REFERENCES sections(number));
CREATE TABLE departments (
    name TEXT PRIMARY KEY, full_name TEXT NOT NULL, kind TEXT NOT NULL,
    aliases TEXT NOT NULL, description TEXT);
CREATE TABLE group_members (
    group_name TEXT NOT NULL REFERENCES departments(name),
    member TEXT NOT NULL REFERENCES departments(name),
    PRIMARY KEY (group_name, member));
-- A group that names no members (相关区) means "the bodies of these kinds concerned":
-- with departments.kind, this rebuilds the "possible" matches in SQL.
CREATE TABLE group_scope (
    group_name TEXT NOT NULL REFERENCES departments(name),
    kind TEXT NOT NULL,
    PRIMARY KEY (group_name, kind));
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    topic INTEGER NOT NULL REFERENCES topics(number),
    section INTEGER NOT NULL REFERENCES sections(number),
    text TEXT NOT NULL);
CREATE TABLE assignments (
    task INTEGER NOT NULL REFERENCES tasks(id),
    department TEXT NOT NULL REFERENCES departments(name),
    role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    position INTEGER NOT NULL,
    PRIMARY KEY (task, role, position));
CREATE INDEX assignments_by_department ON assignments(department, role);
-- Every body's part in every task, as the 责任清单 and the counts classify it: bucket
-- lead | support (named, or through a group naming it, whose role it takes) | possible
-- (only through a group naming no members); how direct | group | possible; via the group.
CREATE TABLE involvement (
    task INTEGER NOT NULL REFERENCES tasks(id),
    department TEXT NOT NULL REFERENCES departments(name),
    bucket TEXT NOT NULL CHECK (bucket IN ('lead', 'support', 'possible')),
    how TEXT NOT NULL CHECK (how IN ('direct', 'group', 'possible')),
    via TEXT REFERENCES departments(name),
    PRIMARY KEY (task, department));
CREATE INDEX involvement_by_department ON involvement(department, bucket);
CREATE TABLE targets (
    task INTEGER NOT NULL REFERENCES tasks(id), position INTEGER NOT NULL,
    metric TEXT NOT NULL, qualitative INTEGER NOT NULL,
    value REAL, unit TEXT, quantity REAL, qualifier TEXT NOT NULL, period TEXT NOT NULL,
    PRIMARY KEY (task, position));
-- unicode61, the default tokenizer, sees a run of Chinese as one token and finds nothing
-- inside it; trigram finds any substring of three or more characters.
CREATE VIRTUAL TABLE tasks_fts USING fts5(
    text, content='tasks', content_rowid='id', tokenize='trigram');
"""


def export(bundle: Bundle) -> bytes:
    catalog = bundle.catalog
    data = catalog.dataset
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(SCHEMA)
        plan = data.plan
        db.executemany(
            "INSERT INTO plan VALUES (?, ?)",
            [
                ("title", plan.title),
                ("document_number", plan.document_number),
                ("date", plan.date.isoformat()),
                ("issuers", dumps(plan.issuers, indent=0)),
                # A plan with no named period (十四五) has these empty.
                ("period", plan.period.name if plan.period else ""),
                ("period_start", str(plan.period.start) if plan.period else ""),
                ("period_end", str(plan.period.end) if plan.period else ""),
                # Which filters chose the tasks (all empty: the whole table), so that a
                # filtered database never passes for the whole one.
                ("filters", dumps(_filters(bundle.filters), indent=0)),
            ],
        )
        db.executemany(
            "INSERT INTO sections VALUES (?, ?, ?)",
            [(s.number, s.numeral, s.title) for s in data.sections],
        )
        db.executemany(
            "INSERT INTO topics VALUES (?, ?, ?, ?)",
            [(t.number, t.numeral, t.title, t.section) for t in data.topics],
        )
        db.executemany(
            "INSERT INTO departments VALUES (?, ?, ?, ?, ?)",
            [
                (
                    k,
                    d.full_name,
                    str(d.kind),
                    dumps(d.aliases, indent=0),
                    d.description,
                )
                for k, d in data.departments.items()
            ],
        )
        db.executemany(
            "INSERT INTO group_members VALUES (?, ?)",
            [(k, m) for k, d in data.departments.items() for m in d.members or ()],
        )
        db.executemany(
            "INSERT INTO group_scope VALUES (?, ?)",
            [
                (k, str(kind))
                for k, d in data.departments.items()
                if d.members is None
                for kind in d.scope or ()
            ],
        )
        tasks = [hit.task for hit in bundle.hits]
        db.executemany(
            "INSERT INTO tasks VALUES (?, ?, ?, ?)",
            [(t.id, t.topic, catalog.topics[t.topic].section, t.text) for t in tasks],
        )
        db.executemany(
            "INSERT INTO assignments VALUES (?, ?, ?, ?)",
            [
                (t.id, name, role, position)
                for t in tasks
                for role, names in (("lead", t.lead), ("support", t.support))
                for position, name in enumerate(names, start=1)
            ],
        )
        matcher = Matcher(data.departments)
        db.executemany(
            "INSERT INTO involvement VALUES (?, ?, ?, ?, ?)",
            [
                (i.task.id, key, str(i.bucket), i.how.label, _via(i))
                for key in data.departments
                for i in matcher.involvements(tasks, key)
            ],
        )
        db.executemany(
            "INSERT INTO targets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
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
                )
                for t in tasks
                for position, g in enumerate(t.targets, start=1)
            ],
        )
        db.execute("INSERT INTO tasks_fts(tasks_fts) VALUES ('rebuild')")
        db.commit()
        return db.serialize()
    finally:
        db.close()


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


def _via(involvement: Involvement) -> str | None:
    """The group through which the deciding match reaches the body, if any."""
    return involvement.deciding.via
