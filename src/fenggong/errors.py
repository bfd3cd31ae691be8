"""The exception hierarchy and the located problem that every diagnostic is made of."""

from __future__ import annotations

import os
import stat
from enum import StrEnum
from pathlib import Path

import msgspec

from fenggong.messages import _, ngettext


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(msgspec.Struct, frozen=True):
    """One finding about a dataset: what, where (file, line, column, data path) and a fix."""

    code: str
    name: str
    message: str
    path: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    # The record the path is in, as a maintainer names it ("task 3" for tasks[2]).
    subject: str = ""

    def located(self, file: str, line: int | None, column: int | None) -> Problem:
        return msgspec.structs.replace(self, file=file, line=line, column=column)

    @property
    def where(self) -> str:
        """``file:line:column`` as far as it is known."""
        parts = [shown_path(self.file) if self.file else "<data>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


def shown_path(path: str) -> str:
    """A path as a line of a report begins with it: one named ``::error …`` would be a
    GitHub workflow command there, so it is written ``./::error …``, the same file."""
    return f".{os.sep}{path}" if path.lstrip().startswith("::") else path


class FenggongError(Exception):
    """Base of every error the tool reports to a user; ``exit_code`` says how it ends."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class DataError(FenggongError):
    """A dataset file is invalid; carries every problem found, not just the first."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        errors = sum(p.severity is Severity.ERROR for p in problems)
        warnings = len(problems) - errors
        if warnings:
            message = _("{errors} and {warnings} in the dataset").format(
                errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
                warnings=ngettext("{count} warning", "{count} warnings", warnings).format(
                    count=warnings
                ),
            )
        else:
            message = ngettext(
                "{errors} error in the dataset", "{errors} errors in the dataset", errors
            ).format(errors=errors)
        super().__init__(message)
        self.problems = problems


class FormError(DataError):
    """A returned report form that cannot be collected: every problem of its cells, or a
    conflict between forms; nothing is written (exit 1)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.message = ngettext(
            "{errors} problem in the forms; nothing was written",
            "{errors} problems in the forms; nothing was written",
            len(problems),
        ).format(errors=len(problems))
        self.args = (self.message,)


class InputError(DataError):
    """An input that must be valid for the command to mean anything (``diff``): exit 2."""

    exit_code = 2


class UsageError(FenggongError):
    """The command line asked for something that does not exist or cannot be done."""

    exit_code = 2


class FileAccessError(UsageError):
    """A path names no readable file."""


def stat_regular(path: Path, noun: str, missing_hint: str | None = None) -> os.stat_result:
    """The status of ``path`` if it is a regular file; else FileAccessError, saying why.

    A device or a pipe is refused before anything opens it: reading one could block
    forever or never end. ``noun`` names what the file should have been (a dataset file).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileAccessError(
            _("{path}: no such file").format(path=path), hint=missing_hint
        ) from None
    except OSError as err:
        raise FileAccessError(
            _("{path}: {reason}").format(path=path, reason=err.strerror or err)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileAccessError(_("{path} is a directory, not {noun}").format(path=path, noun=noun))
    if not stat.S_ISREG(info.st_mode):
        raise FileAccessError(_("{path} is not a regular file").format(path=path))
    return info


class LookupFailedError(UsageError):
    """A department, task, section or topic named on the command line is unknown or ambiguous."""


class SourceError(FenggongError):
    """A source document is not in the shape its importer reads; the message says where.

    Exit 2, as for an invalid ``diff`` input: there is nothing to import from it.
    """

    exit_code = 2

    def __init__(
        self,
        file: str,
        line: int | None,
        problem: str,
        hint: str | None = None,
        column: int | None = None,
    ) -> None:
        # A line is None where a file has none to cite (a corrupt workbook, a binary file).
        where = file if line is None else f"{file}:{line}"
        where += f":{column}" if line is not None and column is not None else ""
        super().__init__(f"{where}: {problem}", hint)
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
