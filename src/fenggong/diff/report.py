"""Writing Changes: text for a terminal, markdown for a pull request summary, JSON for tools."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from fenggong.names import one_line
from fenggong.render.jsonout import dumps
from fenggong.render.text import join, markdown, target_text

if TYPE_CHECKING:
    from fenggong.diff.compare import Changes, FieldChange, Ops, TargetChange, TaskChange
    from fenggong.model import Target

_CONTEXT = 12  # characters of unchanged text shown around an edit


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


def _target(target: Target | None) -> str:
    return "—" if target is None else target_text(target)


def _signed(added: tuple[str, ...], removed: tuple[str, ...], esc: Callable[[str], str]) -> str:
    return " ".join([*(f"+{esc(n)}" for n in added), *(f"−{esc(n)}" for n in removed)])


def task_lines(
    change: TaskChange, mark: Callable[[str, str], str], esc: Callable[[str], str]
) -> list[str]:
    if change.kind == "added" and change.new:
        t = change.new
        support = esc(join(t.support)) or "—"
        return [f"新增 任务{t.id}：{esc(t.text)}（牵头：{esc(join(t.lead))}；配合：{support}）"]
    if change.kind == "removed" and change.old:
        return [f"删除 任务{change.old.id}：{esc(change.old.text)}"]
    assert change.old is not None and change.new is not None
    name = f"任务{change.new.id}"
    lines = []
    if change.renumbered:
        lines.append(f"{name} 重新编号：{change.old.id} → {change.new.id}")
    if change.moved:
        lines.append(f"{name} 主题：{change.old.topic} → {change.new.topic}")
    if change.text:
        lines.append(f"{name} 重点任务：{_edit(change.text, mark, esc)}")
    if change.lead_added or change.lead_removed:
        lines.append(f"{name} 牵头部门 {_signed(change.lead_added, change.lead_removed, esc)}")
    if change.lead_reordered:
        before, after = esc(join(change.old.lead)), esc(join(change.new.lead))
        lines.append(f"{name} 牵头部门顺序：{before} → {after}")
    if change.support_added or change.support_removed:
        signed = _signed(change.support_added, change.support_removed, esc)
        lines.append(f"{name} 配合部门 {signed}")
    lines += [_target_line(name, t, esc) for t in change.targets]
    return lines


def _target_line(name: str, change: TargetChange, esc: Callable[[str], str]) -> str:
    before, after = esc(_target(change.old)), esc(_target(change.new))
    return f"{name} 目标 {esc(change.metric)}：{before} → {after}"


def _field_line(change: FieldChange, esc: Callable[[str], str]) -> str:
    where = esc(change.where)  # "department NAME" carries a name from the data
    if change.field == "*":
        what = "新增" if change.old is None else "删除"
        return f"{where} {what}"
    return f"{where} {change.field}：{esc(_show(change.old))} → {esc(_show(change.new))}"


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return "、".join(map(str, value)) or "—"
    return "—" if value is None else str(value)


def _impact_lines(changes: Changes, esc: Callable[[str], str]) -> list[tuple[str, str]]:
    lines = []
    for name, impact in changes.impact.items():
        parts = []
        for gained, lost, label in (
            (impact.lead, impact.lead_lost, "lead"),
            (impact.support, impact.support_lost, "support"),
        ):
            if gained:
                parts.append(f"+{gained} {label}")
            if lost:
                parts.append(f"−{lost} {label}")
        lines.append((esc(name), ", ".join(parts)))
    return lines


def _registry_lines(changes: Changes, esc: Callable[[str], str]) -> list[str]:
    words = {"added": "新增", "removed": "删除", "renamed": "更名"}
    return [
        f"部门登记 {words[r.kind]} {esc(r.name)}" + (f" → {esc(r.new_name)}" if r.new_name else "")
        for r in changes.registry
    ]


def as_text(changes: Changes) -> str:
    if changes.empty:
        return "no change in meaning\n"
    esc = one_line
    lines = [*_registry_lines(changes, esc), *(_field_line(f, esc) for f in changes.fields)]
    for change in changes.tasks:
        lines += task_lines(change, _wdiff, esc)
    if changes.impact:
        impact = _impact_lines(changes, esc)
        lines += ["", "影响（按部门）：", *(f"  {name}: {what}" for name, what in impact)]
    return "\n".join(lines) + "\n"


def as_markdown(changes: Changes) -> str:
    out = ["## 分工表 changes", ""]
    if changes.empty:
        return "\n".join([*out, "No change in meaning.", ""])
    esc = markdown  # every piece of data: literal, one line, no HTML (a job summary)
    registry = [*_registry_lines(changes, esc), *(_field_line(f, esc) for f in changes.fields)]
    if registry:
        out += ["### Plan, sections, topics and registry", ""]
        out += [f"- {line}" for line in registry] + [""]
    if changes.tasks:
        out += ["### Tasks", ""]
        for change in changes.tasks:
            out += [f"- {line}" for line in task_lines(change, _htmldiff, esc)]
        out.append("")
    if changes.impact:
        out += ["### Impact by department", "", "| department | change |", "|---|---|"]
        out += [f"| {name} | {what} |" for name, what in _impact_lines(changes, esc)]
        out.append("")
    return "\n".join(out)


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
    }


def as_json(changes: Changes) -> str:
    from msgspec import to_builtins as dump

    payload = {
        "changed": not changes.empty,
        "registry": [
            {"kind": r.kind, "name": r.name, "new_name": r.new_name} for r in changes.registry
        ],
        "fields": [
            {"where": f.where, "field": f.field, "old": dump(f.old), "new": dump(f.new)}
            for f in changes.fields
        ],
        "tasks": [_task_json(c) for c in changes.tasks],
        "impact": {
            name: {
                "lead": i.lead,
                "lead_lost": i.lead_lost,
                "support": i.support,
                "support_lost": i.support_lost,
            }
            for name, i in changes.impact.items()
        },
    }
    return dumps(payload, indent=2) + "\n"


DIFF_RENDERERS: dict[DiffFormat, Callable[[Changes], str]] = {
    DiffFormat.TEXT: as_text,
    DiffFormat.MARKDOWN: as_markdown,
    DiffFormat.JSON: as_json,
}
