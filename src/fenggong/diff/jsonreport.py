"""The diff as JSON for tools: English keys, every task listed, the digest counted per body."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fenggong.diff.ledger import ledger_json
from fenggong.render.jsonout import dumps

if TYPE_CHECKING:
    from fenggong.diff.compare import Changes, FieldChange, RegistryChange, TaskChange
    from fenggong.diff.impact import Impact


def _task_json(change: TaskChange) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "old_id": change.old.id if change.old else None,
        "new_id": change.new.id if change.new else None,
        "renumbered": change.renumbered,
        "topic": [change.old.topic, change.new.topic]
        if change.moved and change.old and change.new
        else None,
        "text": [{"op": op, "old": old, "new": new} for op, old, new in change.text],
        "lead": {"added": list(change.lead_added), "removed": list(change.lead_removed)},
        "lead_reordered": change.lead_reordered,
        "support": {"added": list(change.support_added), "removed": list(change.support_removed)},
        "targets": [
            {
                "metric": t.metric,
                "kind": t.kind,
                "old": t.old,  # a dataset Target, written field by field
                "new": t.new,
            }
            for t in change.targets
        ],
        # Written only when one changed, as a task object writes them only when recorded.
        **({"fields": [field_json(f) for f in change.fields]} if change.fields else {}),
    }


def counts(impact: Impact) -> dict[str, int]:
    return {
        "lead": impact.lead,
        "lead_lost": impact.lead_lost,
        "support": impact.support,
        "support_lost": impact.support_lost,
        "possible": impact.possible,
        "possible_lost": impact.possible_lost,
    }


def registry_json(change: RegistryChange) -> dict[str, Any]:
    return {"kind": change.kind, "name": change.name, "new_name": change.new_name}


def field_json(change: FieldChange) -> dict[str, Any]:
    from msgspec import to_builtins as dump

    return {
        "where": change.where,
        "field": change.field,
        "old": dump(change.old),
        "new": dump(change.new),
    }


def payload(changes: Changes) -> dict[str, Any]:
    """The JSON report of one plan's changes, as a document."""
    return {
        "changed": not changes.empty,
        "registry": [registry_json(r) for r in changes.registry],
        "fields": [field_json(f) for f in changes.fields],
        "tasks": [_task_json(c) for c in changes.tasks],
        "renumbered_runs": [
            {"old": [r.old_first, r.old_last], "new": [r.new_first, r.new_last]}
            for r in changes.runs
        ],
        "impact": {name: counts(i) for name, i in changes.impact.items()},
        # Written when the 台账 changed, as a task's fields are written when they changed.
        **({"ledger": ledger_json(changes.ledger)} if changes.ledger else {}),
    }


def as_json(changes: Changes) -> str:
    return dumps(payload(changes), indent=2) + "\n"
