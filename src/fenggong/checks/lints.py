"""Warnings (FG101, FG102, FG104, FG105): sound data that is probably not what was meant."""

from __future__ import annotations

from collections.abc import Iterator

from fenggong.checks.explain import split_names
from fenggong.checks.locate import Path
from fenggong.checks.rulebook import problem
from fenggong.checks.rules import Found, Parts
from fenggong.messages import _
from fenggong.names import fold
from fenggong.quantities import first


def check(parts: Parts) -> list[Found]:
    return [
        *whitespace(parts),
        *_unused(parts),
        *_unrecorded_targets(parts),
        *_empty(parts),
    ]


def _strings(parts: Parts) -> Iterator[tuple[str, Path]]:
    """Every free-text field and registry spelling, with its path."""
    for index, section in parts.sections:
        yield section.title, ("sections", index, "title")
    for index, topic in parts.topics:
        yield topic.title, ("topics", index, "title")
    for key, dept in parts.departments.items():
        yield key, ("departments", key)
        yield dept.full_name, ("departments", key, "full_name")
        for pos, alias in enumerate(dept.aliases):
            yield alias, ("departments", key, "aliases", pos)
    for index, task in parts.tasks:
        yield task.text, ("tasks", index, "text")
        for pos, target in enumerate(task.targets):
            yield target.metric, ("tasks", index, "targets", pos, "metric")


def whitespace(parts: Parts) -> Iterator[Found]:
    for value, path in _strings(parts):
        if value != value.strip():
            yield problem(
                "FG101",
                _("{value} has leading or trailing whitespace").format(value=repr(value)),
                path,
                hint=_("remove the spaces: they change the name, and no reader sees them"),
            )


def _unused(parts: Parts) -> Iterator[Found]:
    used: set[str] = set()
    if parts.plan is not None:
        used.update(parts.plan.issuers)
    for _index, task in parts.tasks:
        used.update(task.lead)
        used.update(task.support)
        used.update(task.others)
    registered = {fold(key): key for key in parts.departments}

    def bodies(names: set[str]) -> set[str]:
        # A width or space variant (FG103) uses the body it stands for, and names joined
        # in one item (FG023) each body they name.
        names = names | {part for name in names for part in split_names(name)}
        return names | {registered.get(fold(name), name) for name in names}

    used = bodies(used)
    for key in list(used):
        group = parts.departments.get(key)
        if group is not None:
            used |= bodies(set(group.members or ()))
    for key in parts.departments:
        if key not in used:
            yield problem(
                "FG102",
                _("{name} is in the registry but no task, issuer or group uses it").format(
                    name=key
                ),
                ("departments", key),
                hint=_("remove the entry, or check the task that should name it"),
            )


def _unrecorded_targets(parts: Parts) -> Iterator[Found]:
    for index, task in parts.tasks:
        recorded = (*task.targets, *task.basis)
        if "十四五" not in task.text or any(not t.qualitative for t in recorded):
            continue
        stated = first(task.text)
        if stated is not None:
            yield problem(
                "FG104",
                _("task {id} states {figure} but records no quantified target").format(
                    id=task.id, figure=stated.raw
                ),
                ("tasks", index, "text"),
                hint=_(
                    "add a target with metric, value, unit and quantity; a figure already "
                    "reached goes under basis:, in the same shape"
                ),
            )


def _empty(parts: Parts) -> Iterator[Found]:
    """A topic no task is in, a section no task is in (through its topics).

    A warning, as FG102 is for a registry entry nothing names: every reference still
    resolves and every command still answers, but a heading of the table with nothing
    under it is almost always a task moved or deleted by mistake.
    """
    used = {task.topic for _index, task in parts.tasks}
    # A task or topic naming one that does not exist (FG008, FG009) may be the one that
    # belongs in an empty heading: the error says so, and a warning would only echo it.
    topic_numbers = {t.number for _index, t in parts.topics}
    section_numbers = {s.number for _index, s in parts.sections}
    if not used <= topic_numbers:
        return
    sections = parts.sections
    if any(t.section not in section_numbers for _index, t in parts.topics):
        sections = []
    by_section: dict[int, list[int]] = {}
    for _index, topic in parts.topics:
        by_section.setdefault(topic.section, []).append(topic.number)
    for index, section in sections:
        topics = by_section.get(section.number, [])
        if any(number in used for number in topics):
            continue
        hint = (
            _("its topics ({topics}) have no task either").format(
                topics=", ".join(map(str, topics))
            )
            if topics
            else _("no topic is in it: add its topics with section: {number}, or remove it").format(
                number=section.number
            )
        )
        yield problem(
            "FG105",
            _("section {number} has no task").format(number=section.number),
            ("sections", index),
            hint=hint,
        )
    for index, topic in parts.topics:
        if topic.number not in used:
            yield problem(
                "FG105",
                _("topic {number} has no task").format(number=topic.number),
                ("topics", index),
                hint=_(
                    "give it its tasks (topic: {number}), or remove it and renumber the "
                    "topics after it"
                ).format(number=topic.number),
            )
