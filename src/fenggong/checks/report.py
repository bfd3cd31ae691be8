"""Validation reports: text for people, GitHub annotations, JSON; one registry by ReportFormat.

A report covers files, and libraries: each file of a library as a file, then the problems
between its files, then a line for the library as a whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import msgspec

from fenggong.errors import Problem, Severity, shown_path
from fenggong.messages import _, ngettext
from fenggong.model import Record, Shelf
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


class Library(Protocol):
    """What checking a library folder found (store.library.LibraryReport): the report of
    each of its files, the problems between them, and its plans when it is valid."""

    @property
    def folder(self) -> Path: ...
    @property
    def reports(self) -> tuple[Report[Any], ...]: ...
    @property
    def problems(self) -> tuple[Problem, ...]: ...
    @property
    def shelf(self) -> Shelf | None: ...


Checked = Report[Any] | Library  # what validate was asked about: a file, or a folder


class Output(msgspec.Struct, frozen=True):
    """What to write: data for stdout, diagnostics for stderr."""

    out: str = ""
    err: str = ""


def failed(checked: Checked, strict: bool) -> bool:
    if isinstance(checked, Report):
        return (
            checked.dataset is None or bool(checked.errors) or (strict and bool(checked.warnings))
        )
    problems = everything(checked)
    return checked.shelf is None or any(p.severity is Severity.ERROR or strict for p in problems)


def between(library: Library) -> tuple[Problem, ...]:
    """The problems between the files of a library, each in a file: one that lies in none
    (a folder without plans) is said of the folder."""
    folder = str(library.folder)
    return tuple(p if p.file else p.located(folder, None, None) for p in library.problems)


def everything(library: Library) -> tuple[Problem, ...]:
    return (*(p for r in library.reports for p in r.problems), *between(library))


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


def summary(checked: Checked, strict: bool) -> str:
    if isinstance(checked, Report):
        problems, path = checked.problems, checked.path
    else:
        problems, path = everything(checked), checked.folder
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    noted = (
        ngettext(", {count} warning", ", {count} warnings", warnings).format(count=warnings)
        if warnings
        else ""
    )
    shown = one_line(shown_path(str(path)))
    if failed(checked, strict):
        what = ngettext("{count} error", "{count} errors", errors).format(count=errors)
        return _("{path}: invalid, {problems}").format(path=shown, problems=what + noted) + (
            " (--strict)" if not errors else ""
        )
    if isinstance(checked, Report):
        assert checked.dataset is not None
        summed = checked.kind.describe(checked.dataset)
    else:
        from fenggong.checks.library import LIBRARY

        assert checked.shelf is not None
        summed = LIBRARY.describe(checked.shelf)
    return _("{path}: valid — {summary}").format(path=shown, summary=summed + noted)


def _lines(checked: Sequence[Checked], strict: bool) -> Iterator[tuple[Problem | None, Checked]]:
    """In the order a report is read: each file's problems, then its summary (None); a
    library's files so, then the problems between them, then the library's summary."""
    for item in checked:
        for report in (item,) if isinstance(item, Report) else item.reports:
            yield from ((p, report) for p in report.problems)
            yield None, report
        if not isinstance(item, Report):
            yield from ((p, item) for p in between(item))
            yield None, item


# The problems of one rule in one file that text shows: a thousand lines of one mistake
# (a body renamed, a unit misread in every report) bury everything else, and a few say
# what it is and where. The rest are counted; JSON and GitHub's annotations list them all.
SHOWN = 10


def as_text(checked: Sequence[Checked], strict: bool) -> Output:
    out: list[str] = []
    err: list[str] = []
    seen: dict[tuple[str, str], list[Problem]] = {}  # by file and rule, in order met
    for problem, item in _lines(checked, strict):
        if problem is not None:
            same = seen.setdefault((problem.file, problem.code), [])
            same.append(problem)
            if len(same) <= SHOWN:
                err.append(problem_line(problem))
            continue
        err += (_unshown(same[0], len(same) - SHOWN) for same in seen.values() if len(same) > SHOWN)
        seen.clear()
        (err if failed(item, strict) else out).append(summary(item, strict))
    return Output("".join(f"{x}\n" for x in out), "".join(f"{x}\n" for x in err))


def _unshown(first: Problem, count: int) -> str:
    """The line that counts the problems of a rule in a file that text leaves out."""
    said = (
        _("{file}: 1 more {code} {name} not shown (--format json lists every problem)")
        if count == 1
        else _("{file}: {count} more {code} {name} not shown (--format json lists every problem)")
    )
    file = one_line(shown_path(first.file)) if first.file else "<data>"
    return said.format(file=file, count=count, code=first.code, name=first.name)


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


def as_github(checked: Sequence[Checked], strict: bool) -> Output:
    lines = [
        summary(item, strict) if problem is None else annotation(problem, strict)
        for problem, item in _lines(checked, strict)
    ]
    return Output("".join(f"{x}\n" for x in lines))


def as_json(checked: Sequence[Checked], strict: bool) -> Output:
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
        for p, _item in _lines(checked, strict)
        if p is not None
    ]
    return Output(dumps(problems, indent=2) + "\n")


REPORTERS: dict[ReportFormat, Callable[[Sequence[Checked], bool], Output]] = {
    ReportFormat.TEXT: as_text,
    ReportFormat.GITHUB: as_github,
    ReportFormat.JSON: as_json,
}
