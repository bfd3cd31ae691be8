"""Writing a library's changes: plans added and removed, registry.yaml per jurisdiction, each
changed plan's own diff under its key, then the digest across plans; text, markdown, JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fenggong.diff.jsonreport import counts, field_json, payload, registry_json
from fenggong.diff.ledger import ledger_json, ledger_markdown, ledger_text
from fenggong.diff.report import (
    DiffFormat,
    digest_markdown,
    digest_text,
    field_line,
    markdown_sections,
    registry_line,
    text_lines,
)
from fenggong.messages import _, ngettext
from fenggong.names import one_line
from fenggong.render.jsonout import dumps
from fenggong.render.text import markdown

if TYPE_CHECKING:
    from fenggong.diff.impact import Impact
    from fenggong.diff.library import LibraryChanges, PlanChange

REGISTRY = "registry.yaml"


def _plan_line(change: PlanChange, esc: Callable[[str], str]) -> str:
    """A plan added or removed whole: its key, title, document number and size."""
    plan = change.plan
    count = len(plan.dataset.tasks)
    tasks = ngettext("{count} task", "{count} tasks", count).format(count=count)
    template = (
        _("added plan {key}: {title} ({number}), {tasks}")
        if change.kind == "added"
        else _("removed plan {key}: {title} ({number}), {tasks}")
    )
    about = plan.dataset.plan
    return template.format(
        key=esc(plan.key), title=esc(about.title), number=esc(about.document_number), tasks=tasks
    )


def _heading(change: PlanChange, esc: Callable[[str], str], title: bool = False) -> str:
    """A changed plan's heading: its key and document number."""
    number = change.plan.dataset.plan.document_number
    template = _("Plan {key} ({number})") if title else _("plan {key} ({number})")
    return template.format(key=esc(change.plan.key), number=esc(number))


def _registry(changes: LibraryChanges, esc: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    """registry.yaml's changes under each jurisdiction's heading, in the registry's order:
    the jurisdiction itself, its entries added, removed or renamed, their fields."""
    return [
        (
            _("{file}, jurisdiction {name}").format(file=REGISTRY, name=esc(place.name)),
            [
                *(field_line(f, esc) for f in place.itself),
                *(registry_line(r, esc) for r in place.entries),
                *(field_line(f, esc) for f in place.fields),
            ],
        )
        for place in changes.registry
    ]


def _impacts(changes: LibraryChanges) -> dict[str, Impact]:
    return {label: counted.impact for label, counted in changes.impact.items()}


def as_text(changes: LibraryChanges) -> str:
    if changes.empty:
        return _("no change in meaning") + "\n"
    esc = one_line
    ledger = ledger_text(changes.ledger, esc)
    if changes.plan_empty:
        return "\n".join([_("no change in meaning of the plan"), *ledger]) + "\n"
    lines = [_plan_line(c, esc) for c in changes.plans if c.kind != "changed"]
    for heading, said in _registry(changes, esc):
        lines += [_("{heading}:").format(heading=heading), *(f"  {line}" for line in said)]
    for change in changes.plans:
        if change.changes is not None:
            lines.append(_("{heading}:").format(heading=_heading(change, esc)))
            lines += [f"  {line}" for line in text_lines(change.changes)]
    return "\n".join([*lines, *digest_text(_impacts(changes)), *ledger]) + "\n"


def as_markdown(changes: LibraryChanges) -> str:
    out = ["## " + _("Changes to the division of work"), ""]
    if changes.empty:
        return "\n".join([*out, _("No change in meaning."), ""])
    esc = markdown
    ledger = ledger_markdown(changes.ledger, esc)
    if changes.plan_empty:
        return "\n".join([*out, _("No change in meaning of the plan."), "", *ledger])
    whole = [_plan_line(c, esc) for c in changes.plans if c.kind != "changed"]
    if whole:
        out += ["### " + _("Plans added and removed"), ""]
        out += [f"- {line}" for line in whole] + [""]
    for heading, said in _registry(changes, esc):
        out += [f"### {heading}", "", *(f"- {line}" for line in said), ""]
    for change in changes.plans:
        if change.changes is not None:
            out += [f"### {_heading(change, esc, title=True)}", ""]
            out += markdown_sections(change.changes, "####")
    out += digest_markdown(_impacts(changes)) + ledger
    return "\n".join(out)


def _plan_json(change: PlanChange) -> dict[str, Any]:
    plan = change.plan
    about = plan.dataset.plan
    return {
        "key": plan.key,
        "kind": change.kind,
        "file": plan.file,
        "title": about.title,
        "document_number": about.document_number,
        "jurisdiction": plan.jurisdiction or None,
        "tasks": len(plan.dataset.tasks),
        "diff": payload(change.changes) if change.changes is not None else None,
    }


def as_json(changes: LibraryChanges) -> str:
    document = {
        "changed": not changes.empty,
        "plans": [_plan_json(c) for c in changes.plans],
        "registry": [
            {"jurisdiction": place.name, **registry_json(r)}
            for place in changes.registry
            for r in place.entries
        ],
        "fields": [
            {"jurisdiction": place.name, **field_json(f)}
            for place in changes.registry
            for f in (*place.itself, *place.fields)
        ],
        "impact": {
            label: {"jurisdiction": c.jurisdiction or None, "name": c.name, **counts(c.impact)}
            for label, c in changes.impact.items()
        },
        **({"ledger": ledger_json(changes.ledger)} if changes.ledger else {}),
    }
    return dumps(document, indent=2) + "\n"


LIBRARY_RENDERERS: dict[DiffFormat, Callable[[LibraryChanges], str]] = {
    DiffFormat.TEXT: as_text,
    DiffFormat.MARKDOWN: as_markdown,
    DiffFormat.JSON: as_json,
}
