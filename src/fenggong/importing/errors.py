"""The error of a source document that cannot be read as a 分工表: where, and what was expected."""

from __future__ import annotations

from fenggong.errors import FenggongError


class SourceError(FenggongError):
    """A source document is not in the shape its importer reads; the message says where.

    Exit 2, as for an invalid ``diff`` input: there is nothing to import from it.
    """

    exit_code = 2

    def __init__(
        self,
        file: str,
        line: int,
        problem: str,
        hint: str | None = None,
        column: int | None = None,
    ) -> None:
        where = f"{file}:{line}" + (f":{column}" if column is not None else "")
        super().__init__(f"{where}: {problem}", hint)
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
