"""A returned form's locked cells, compared with the plan's: the cells a body does not fill."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fenggong.errors import Problem
from fenggong.forms import (
    LOCKED_COLUMNS,
    PLAN_HEADERS,
    UNIT_COLUMN,
    VALUE_COLUMN,
    Returned,
    where,
)
from fenggong.messages import _
from fenggong.query.cells import cell_text, form_problem, unit_cell

if TYPE_CHECKING:
    from fenggong.query.forms import Row


def locked(returned: Returned, row: Row, at_rows: list[int]) -> list[Problem]:
    """Each cell of a task's rows the body does not fill that differs from the form as it
    was sent: the plan's cells, the merged cells of a task's further rows, its 目标及单位."""
    found = []
    plan = len(PLAN_HEADERS)
    # The plan's cells as a form reads them back: an empty text is an empty cell.
    as_sent = tuple(None if cell == "" else cell for cell in row.cells)
    for index, number in enumerate(at_rows):
        values = returned.cells.get(number, ())
        # A task's only row as it was sent (the plan's cells, of their types, and its
        # 目标及单位 cell), as nearly every row comes back: judged at once, not cell by cell.
        if (
            len(at_rows) == 1
            and not row.targets
            and len(values) == UNIT_COLUMN
            and values[:plan] == as_sent
            and list(map(type, values[:plan])) == list(map(type, as_sent))
            and values[UNIT_COLUMN - 1] is None
            and values[VALUE_COLUMN - 1] is None
        ):
            continue
        expected: dict[int, object] = {}
        if index == 0:
            expected.update({c: row.cells[c - 1] for c in range(1, len(PLAN_HEADERS) + 1)})
        else:  # the plan's and the answers' cells are merged over a task's rows
            expected.update(dict.fromkeys(range(1, VALUE_COLUMN)))
        if index < len(row.targets):
            expected[UNIT_COLUMN] = unit_cell(*row.targets[index])
        else:
            expected[UNIT_COLUMN] = None
            expected[VALUE_COLUMN] = None
        for column in sorted(expected):
            value = values[column - 1] if column <= len(values) else None
            sent = expected[column]
            # The same value of the same type reads the same (1 and TRUE do not).
            if (type(value) is type(sent) and value == sent) or cell_text(value) == cell_text(sent):
                continue
            if column in LOCKED_COLUMNS or index > 0 or column == VALUE_COLUMN:
                found.append(
                    form_problem(
                        "form-locked",
                        _("a cell the body does not fill was changed: {value}").format(
                            value=repr(cell_text(value))[:60]
                        ),
                        where(returned.file, number, column),
                        _("restore it as the form was sent ({value}), or make a new form").format(
                            value=repr(cell_text(sent))[:60]
                        ),
                    )
                )
    return found
