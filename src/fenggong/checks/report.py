"""Validation reports: text for people, GitHub annotations, JSON; one registry by ReportFormat."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec

from fenggong.errors import Problem, Severity
from fenggong.messages import _
from fenggong.model import Record
from fenggong.names import one_line
from fenggong.render.jsonout import dumps

if TYPE_CHECKING:
    from fenggong.checks.kind import Kind

R = TypeVar("R", bound=Record)


class ReportFormat(StrEnum):
    TEXT = "text"
    GITHUB = "github"
    JSON = "json"


class Report(msgspec.Struct, Generic[R], frozen=True):
    """What checking a file of a kind found: its records when it is valid, and every problem."""

    path: Path
    dataset: R | None
    problems: tuple[Problem, ...]
    kind: Kind[R, Any]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


class Output(msgspec.Struct, frozen=True):
    """What to write: data for stdout, diagnostics for stderr."""

    out: str = ""
    err: str = ""


def failed(report: Report[Any], strict: bool) -> bool:
    return report.dataset is None or bool(report.errors) or (strict and bool(report.warnings))


def place(problem: Problem) -> str:
    """The data path in a maintainer's terms: ``task 3 (tasks[2]).support``."""
    end = problem.path.find("]") + 1
    if not problem.subject or not end:
        return problem.path
    record = _("{subject} ({path})").format(subject=problem.subject, path=problem.path[:end])
    return record + problem.path[end:]


def problem_line(problem: Problem) -> str:
    # The head (file:line:column, severity, code, name) is what tools and people grep
    # for: it stays as it is in every language.
    head = f"{one_line(problem.where)}: {problem.severity} {problem.code} {problem.name}"
    message = one_line(problem.message)
    text = (
        _("{head} at {place}: {message}").format(
            head=head, place=one_line(place(problem)), message=message
        )
        if problem.path
        else f"{head}: {message}"
    )
    return text + (
        "\n" + _("  hint: {hint}").format(hint=one_line(problem.hint)) if problem.hint else ""
    )


def summary(report: Report[Any], strict: bool) -> str:
    warnings = len(report.warnings)
    one, many = _(", {count} warning"), _(", {count} warnings")
    noted = (one if warnings == 1 else many).format(count=warnings) if warnings else ""
    path = one_line(str(report.path))
    if failed(report, strict):
        errors = len(report.errors)
        what = (_("{count} error") if errors == 1 else _("{count} errors")).format(count=errors)
        return _("{path}: invalid, {problems}").format(path=path, problems=what + noted) + (
            " (--strict)" if not errors else ""
        )
    assert report.dataset is not None
    summed = report.kind.describe(report.dataset)
    return _("{path}: valid — {summary}").format(path=path, summary=summed + noted)


def as_text(reports: Sequence[Report[Any]], strict: bool) -> Output:
    out: list[str] = []
    err: list[str] = []
    for report in reports:
        err += [problem_line(p) for p in report.problems]
        (err if failed(report, strict) else out).append(summary(report, strict))
    return Output("".join(f"{x}\n" for x in out), "".join(f"{x}\n" for x in err))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, strict: bool) -> str:
    """A GitHub workflow command that marks the line in a pull request."""
    level = "error" if problem.severity is Severity.ERROR or strict else "warning"
    props = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        props.append(f"line={problem.line}")
    if problem.column is not None:
        props.append(f"col={problem.column}")
    props.append(f"title={_escape_property(f'{problem.code} {problem.name}')}")
    message = (f"{place(problem)}: " if problem.path else "") + problem.message
    if problem.hint:
        message += f" ({problem.hint})"
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def as_github(reports: Sequence[Report[Any]], strict: bool) -> Output:
    lines = []
    for report in reports:
        lines += [annotation(p, strict) for p in report.problems]
        lines.append(summary(report, strict))
    return Output("".join(f"{x}\n" for x in lines))


def as_json(reports: Sequence[Report[Any]], strict: bool) -> Output:
    problems = [
        {
            "file": p.file,
            "line": p.line,
            "column": p.column,
            "path": p.path,
            "subject": p.subject or None,
            "code": p.code,
            "name": p.name,
            "severity": str(p.severity),
            "message": p.message,
            "hint": p.hint,
        }
        for report in reports
        for p in report.problems
    ]
    return Output(dumps(problems, indent=2) + "\n")


REPORTERS: dict[ReportFormat, Callable[[Sequence[Report[Any]], bool], Output]] = {
    ReportFormat.TEXT: as_text,
    ReportFormat.GITHUB: as_github,
    ReportFormat.JSON: as_json,
}
