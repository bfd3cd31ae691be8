"""Writing Changes: text for a terminal, markdown for a pull request summary, JSON for tools."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from fenggong.diff.jsonreport import as_json
from fenggong.diff.ledger import ledger_markdown, ledger_text
from fenggong.messages import _
from fenggong.model import Due, Role
from fenggong.names import one_line
from fenggong.render.text import join, markdown, target_text

if TYPE_CHECKING:
    from fenggong.diff.compare import (
        Changes,
        FieldChange,
        Ops,
        RegistryChange,
        TargetChange,
        TaskChange,
    )
    from fenggong.diff.impact import Impact
    from fenggong.model import Target, Task

_CONTEXT = 12  # characters of unchanged text shown around an edit
_SHORT = 30  # characters of a task's text that say which task a line is about


class DiffFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


def _edit(ops: Ops, mark: Callable[[str, str], str], esc: Callable[[str], str]) -> str:
    """Edited text with its unchanged stretches cut to some context, each escaped."""
    parts = []
    for index, (op, old, new) in enumerate(ops):
        if op != "equal":
            parts.append(mark(old, new))
            continue
        first, last = index == 0, index == len(ops) - 1
        if (
            len(old) <= 2 * _CONTEXT
            or (first and len(old) <= _CONTEXT)
            or (last and len(old) <= _CONTEXT)
        ):
            parts.append(esc(old))
        elif first:
            parts.append("…" + esc(old[-_CONTEXT:]))
        elif last:
            parts.append(esc(old[:_CONTEXT]) + "…")
        else:
            parts.append(esc(old[:_CONTEXT]) + "…" + esc(old[-_CONTEXT:]))
    return "".join(parts)


def _wdiff(old: str, new: str) -> str:
    old, new = one_line(old), one_line(new)
    return (f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else "")


def _htmldiff(old: str, new: str) -> str:
    deleted = f"<del>{markdown(old)}</del>" if old else ""
    return deleted + (f"<ins>{markdown(new)}</ins>" if new else "")


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


def _target(target: Target | None) -> str:
    return "—" if target is None else target_text(target)


def _signed(added: tuple[str, ...], removed: tuple[str, ...], esc: Callable[[str], str]) -> str:
    return " ".join([*(f"+{esc(n)}" for n in added), *(f"−{esc(n)}" for n in removed)])


def _tasks_lines(
    changes: Changes, mark: Callable[[str, str], str], esc: Callable[[str], str]
) -> list[str]:
    """Each task's lines; renumbered tasks in a run are renumbered in one line, written
    where the run begins."""
    starts = {r.new_first: r for r in changes.runs if r.new_last > r.new_first}
    in_runs = {n for r in starts.values() for n in range(r.new_first, r.new_last + 1)}
    lines = []
    for change in changes.tasks:
        run = starts.get(change.new.id) if change.renumbered and change.new else None
        if run is not None:
            lines.append(
                _("tasks {old_first}–{old_last} → {new_first}–{new_last}").format(
                    old_first=run.old_first,
                    old_last=run.old_last,
                    new_first=run.new_first,
                    new_last=run.new_last,
                )
            )
        alone = change.new is None or change.new.id not in in_runs
        lines += task_lines(change, mark, esc, renumbered=alone)
    return lines


def task_lines(
    change: TaskChange,
    mark: Callable[[str, str], str],
    esc: Callable[[str], str],
    renumbered: bool = True,
) -> list[str]:
    """A task's changes, a line each; ``renumbered=False`` leaves its new number unsaid."""
    if change.kind == "added" and change.new:
        template = _("added task {id}: {text} (lead: {lead}; support: {support})")
        return [_whole(template, change.new, esc)]
    if change.kind == "removed" and change.old:
        template = _("removed task {id}: {text} (lead: {lead}; support: {support})")
        return [_whole(template, change.old, esc)]
    assert change.old is not None and change.new is not None
    before, after, task = change.old, change.new, change.new.id
    lines = []
    if change.renumbered and renumbered:
        lines.append(
            _("task {id} renumbered: {old} → {new}").format(id=task, old=before.id, new=after.id)
        )
    if change.topics is not None:
        was, now = change.topics
        lines.append(
            _("task {id} topic: {old} → {new} ({text})").format(
                id=task, old=esc(was.label), new=esc(now.label), text=esc(_short(after.text))
            )
        )
    if change.text:
        edit = _edit(change.text, mark, esc)
        lines.append(_("task {id} text: {edit}").format(id=task, edit=edit))
    if change.lead_added or change.lead_removed:
        signed = _signed(change.lead_added, change.lead_removed, esc)
        lines.append(_("task {id} lead {changes}").format(id=task, changes=signed))
    if change.lead_reordered:
        lines.append(
            _("task {id} lead order: {old} → {new}").format(
                id=task, old=esc(join(before.lead)), new=esc(join(after.lead))
            )
        )
    if change.support_added or change.support_removed:
        signed = _signed(change.support_added, change.support_removed, esc)
        lines.append(_("task {id} support {changes}").format(id=task, changes=signed))
    lines += [_target_line(task, t, esc) for t in change.targets]
    lines += [field_line(f, esc) for f in change.fields]
    return lines


def _whole(template: str, task: Task, esc: Callable[[str], str]) -> str:
    """A task added or removed: its text and who leads and supports it."""
    support = esc(join(task.support)) or "—"
    return template.format(
        id=task.id, text=esc(task.text), lead=esc(join(task.lead)), support=support
    )


def _target_line(task: int, change: TargetChange, esc: Callable[[str], str]) -> str:
    return _("task {id} target {metric}: {old} → {new}").format(
        id=task,
        metric=esc(change.metric),
        old=esc(_target(change.old)),
        new=esc(_target(change.new)),
    )


def _where(change: FieldChange, esc: Callable[[str], str]) -> str:
    if change.scope == "plan":
        return _("plan")
    if change.scope == "jurisdiction":
        return _("jurisdiction {name}").format(name=esc(str(change.key)))
    if change.scope == "section":
        return _("section {number}").format(number=change.key)
    if change.scope == "topic":
        return _("topic {number}").format(number=change.key)
    if change.scope == "task":
        return _("task {id}").format(id=change.key)
    return _("department {name}").format(name=esc(str(change.key)))


def _field_label(field: str) -> str:
    """A record's field as a reader calls it; each label is written out for the catalogue."""
    labels = {
        "title": _("title"),
        "document_number": _("document number"),
        "date": _("date"),
        "issuers": _("issuers"),
        "period": _("period"),
        "key": _("key"),
        "jurisdiction": _("jurisdiction"),
        "within": _("within"),
        "number": _("number"),
        "numeral": _("numeral"),
        "section": _("section"),
        "full_name": _("full name"),
        "kind": _("kind"),
        "aliases": _("aliases"),
        "description": _("description"),
        "members": _("members"),
        "scope": _("scope"),
        "lead_rule": _("lead rule"),
        "due": _("due"),
        "leaders": _("leaders"),
        "roles": _("other roles"),
        "clause": _("clause"),
    }
    return labels.get(field, field)


def field_line(change: FieldChange, esc: Callable[[str], str]) -> str:
    where = _where(change, esc)
    if change.field == "*":
        template = _("{where} added") if change.old is None else _("{where} removed")
        return template.format(where=where)
    old, new = change.old, change.new
    if isinstance(old, tuple) and isinstance(new, tuple) and change.field != "roles":
        added = tuple(x for x in new if x not in old)
        removed = tuple(x for x in old if x not in new)
        if added or removed:
            # A list that gained or lost names (各区's members): say which, as a task's
            # departments are said, rather than print both whole lists to compare by eye.
            return _("{where} {field} {changes}").format(
                where=where,
                field=_field_label(change.field),
                changes=_signed(tuple(map(str, added)), tuple(map(str, removed)), esc),
            )
    return _("{where} {field}: {old} → {new}").format(
        where=where,
        field=_field_label(change.field),
        old=esc(_show(change.old)),
        new=esc(_show(change.new)),
    )


def _show(value: Any) -> str:
    if isinstance(value, Due):
        shown = f"{value.raw} ({value.kind}"
        return shown + (f" {value.date.isoformat()})" if value.date else ")")
    if isinstance(value, Role):
        return f"{value.verb}: {'、'.join(value.departments)}"
    if isinstance(value, tuple) and value and isinstance(value[0], Role):
        return "; ".join(map(_show, value))
    if isinstance(value, tuple):
        return "、".join(map(str, value)) or "—"
    return "—" if value is None else str(value)


def impact_lines(impacts: dict[str, Impact], esc: Callable[[str], str]) -> list[tuple[str, str]]:
    """The digest: bodies with the same gains and losses share a line (the sixteen
    districts that a task no longer reaches through 各区), in the registry's order."""
    bodies: dict[str, list[str]] = {}
    for name, impact in impacts.items():
        parts = []
        for gained, lost, plus, minus in (
            (impact.lead, impact.lead_lost, _("+{count} lead"), _("−{count} lead")),
            (impact.support, impact.support_lost, _("+{count} support"), _("−{count} support")),
            (
                impact.possible,
                impact.possible_lost,
                _("+{count} possibly concerned"),
                _("−{count} possibly concerned"),
            ),
        ):
            if gained:
                parts.append(plus.format(count=gained))
            if lost:
                parts.append(minus.format(count=lost))
        bodies.setdefault(_(", ").join(parts), []).append(name)
    return [(esc(join(names)), what) for what, names in bodies.items()]


def registry_line(r: RegistryChange, esc: Callable[[str], str]) -> str:
    """An entry of a registry added, removed or renamed."""
    if r.kind == "renamed":
        return _("registry: renamed {old} → {new}").format(
            old=esc(r.name), new=esc(r.new_name or "")
        )
    if r.kind == "added":
        return _("registry: added {name}").format(name=esc(r.name))
    return _("registry: removed {name}").format(name=esc(r.name))


def _registry_lines(changes: Changes, esc: Callable[[str], str]) -> list[str]:
    return [registry_line(r, esc) for r in changes.registry]


def text_lines(changes: Changes) -> list[str]:
    """What changed, a line each, for a terminal (the digest apart)."""
    esc = one_line
    lines = [*_registry_lines(changes, esc), *(field_line(f, esc) for f in changes.fields)]
    return lines + _tasks_lines(changes, _wdiff, esc)


def digest_text(impacts: dict[str, Impact]) -> list[str]:
    if not impacts:
        # Said, not left out: a reviewer reads silence as "not checked".
        return ["", _("No department gains or loses a task.")]
    lines = ["", _("Impact by department:")]
    for name, change in impact_lines(impacts, one_line):
        lines.append("  " + _("{name}: {change}").format(name=name, change=change))
    return lines


def as_text(changes: Changes) -> str:
    if changes.empty:
        return _("no change in meaning") + "\n"
    ledger = ledger_text(changes.ledger, one_line)
    if changes.plan_empty:
        return "\n".join([_("no change in meaning of the plan"), *ledger]) + "\n"
    return "\n".join([*text_lines(changes), *digest_text(changes.impact), *ledger]) + "\n"


def markdown_sections(changes: Changes, level: str = "###") -> list[str]:
    """The plan's, sections', topics' and registry's changes, then the tasks', each under
    a heading of ``level``."""
    esc = markdown  # every piece of data: literal, one line, no HTML (a job summary)
    out: list[str] = []
    registry = [*_registry_lines(changes, esc), *(field_line(f, esc) for f in changes.fields)]
    if registry:
        out += [f"{level} " + _("Plan, sections, topics and registry"), ""]
        out += [f"- {line}" for line in registry] + [""]
    if changes.tasks:
        out += [f"{level} " + _("Tasks"), ""]
        out += [f"- {line}" for line in _tasks_lines(changes, _htmldiff, esc)]
        out.append("")
    return out


def digest_markdown(impacts: dict[str, Impact]) -> list[str]:
    out = ["### " + _("Impact by department"), ""]
    if impacts:
        out += ["| " + _("department") + " | " + _("change") + " |", "|---|---|"]
        out += [f"| {name} | {what} |" for name, what in impact_lines(impacts, markdown)]
    else:
        out.append(_("No department gains or loses a task."))
    out.append("")
    return out


def as_markdown(changes: Changes) -> str:
    out = ["## " + _("Changes to the division of work"), ""]
    if changes.empty:
        return "\n".join([*out, _("No change in meaning."), ""])
    ledger = ledger_markdown(changes.ledger, markdown)
    if changes.plan_empty:
        return "\n".join([*out, _("No change in meaning of the plan."), "", *ledger])
    out += markdown_sections(changes) + digest_markdown(changes.impact) + ledger
    return "\n".join(out)


DIFF_RENDERERS: dict[DiffFormat, Callable[[Changes], str]] = {
    DiffFormat.TEXT: as_text,
    DiffFormat.MARKDOWN: as_markdown,
    DiffFormat.JSON: as_json,
}
