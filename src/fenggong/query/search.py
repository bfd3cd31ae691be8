"""Full-text search over task text and topic and section titles, ranked by BM25."""

from __future__ import annotations

import math
from collections.abc import Sequence

import msgspec

from fenggong.catalog import Catalog
from fenggong.model import Task
from fenggong.names import fold

# Where a word counts for more: a topic title names what a task is about.
_WEIGHTS = {"text": 1.0, "topic": 2.0, "section": 1.0}
_K1, _B = 1.2, 0.75


class Result(msgspec.Struct, frozen=True):
    task: Task
    score: float
    fields: tuple[str, ...]  # where the words were found: text, topic, section


def search(catalog: Catalog, terms: list[str]) -> list[Result]:
    """Tasks that contain every term somewhere, best first (ties by id)."""
    return [result for _catalog, result in search_across([catalog], terms)]


def search_across(catalogs: Sequence[Catalog], terms: list[str]) -> list[tuple[Catalog, Result]]:
    """The tasks of several plans that contain every term, best first: one ranking over
    them all (ties by plan, then id), as if they were one table."""
    words = [w for w in dict.fromkeys(fold(t) for t in terms) if w]
    if not words:
        return []
    docs = []
    order = {}
    titles: dict[str, str] = {}  # a heading is folded once, not once for each of its tasks
    for place, catalog in enumerate(catalogs):
        order[id(catalog)] = place
        for task in catalog.dataset.tasks:
            topic = catalog.topic_of(task).title
            section = catalog.section_of(task).title
            if topic not in titles:
                titles[topic] = fold(topic)
            if section not in titles:
                titles[section] = fold(section)
            fields = {"text": fold(task.text), "topic": titles[topic], "section": titles[section]}
            docs.append((catalog, task, fields))
    count = len(docs)
    average = sum(len(f["text"]) for _c, _t, f in docs) / max(count, 1)
    # The words each task holds, found once: 11,100 tasks across 100 plans.
    holding = [
        [w for w in words if w in f["text"] or w in f["topic"] or w in f["section"]]
        for _c, _t, f in docs
    ]
    frequency = {w: sum(w in held for held in holding) for w in words}
    results = []
    for (catalog, task, fields), held in zip(docs, holding, strict=True):
        if len(held) != len(words):
            continue
        norm = _K1 * (1 - _B + _B * len(fields["text"]) / average)
        score = 0.0
        for word in words:
            idf = math.log(1 + (count - frequency[word] + 0.5) / (frequency[word] + 0.5))
            tf = sum(_WEIGHTS[name] * value.count(word) for name, value in fields.items())
            score += idf * tf * (_K1 + 1) / (tf + norm)
        found = tuple(name for name, value in fields.items() if any(w in value for w in words))
        results.append((catalog, Result(task, round(score, 4), found)))
    return sorted(results, key=lambda r: (-r[1].score, order[id(r[0])], r[1].task.id))
