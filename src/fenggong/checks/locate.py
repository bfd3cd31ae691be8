"""Map a path in the data (``tasks[46].lead[0]``) to its line and column in the YAML text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fenggong.errors import Problem
from fenggong.render.jsonout import dumps

if TYPE_CHECKING:
    import yaml

PathPart = str | int
Path = tuple[PathPart, ...]


def render(path: Sequence[PathPart]) -> str:
    """``("tasks", 46, "lead", 0)`` → ``tasks[46].lead[0]``; odd keys are quoted: ``["a b"]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part and not any(ch.isspace() or ch in _SPECIAL for ch in part):
            out += f".{part}" if out else part
        else:
            out += "[" + dumps(part) + "]"
    return out


_SPECIAL = set(".[]\"'\\")


class Locator:
    """Composes the YAML once and answers where a path is: 1-based line and column."""

    def __init__(self, text: str) -> None:
        import yaml  # only a file with problems is composed: rules need no YAML to render

        composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        self._keys: dict[int, dict[str, tuple[yaml.Mark, yaml.Node]]] = {}
        try:
            self._root: yaml.Node | None = yaml.compose(text, Loader=composer)
        except yaml.YAMLError:
            self._root = None

    def find(self, path: Sequence[PathPart]) -> tuple[int, int] | None:
        node = self._root
        if node is None:
            return (1, 1) if not path else None
        mark = node.start_mark
        for part in path:
            child = self._child(node, part)
            if child is None:
                break  # a missing key: the closest enclosing node is the best place
            mark, node = child
        return mark.line + 1, mark.column + 1

    def place(self, problem: Problem, path: Sequence[PathPart], file: str) -> Problem:
        spot = self.find(path)
        return problem.located(file, *(spot if spot else (None, None)))

    def _child(self, node: yaml.Node, part: PathPart) -> tuple[yaml.Mark, yaml.Node] | None:
        import yaml

        if isinstance(node, yaml.MappingNode):
            # Each mapping's keys are indexed once, when first asked: a file with thousands
            # of problems in one mapping is located in linear time, not quadratic.
            keys = self._keys.get(id(node))
            if keys is None:
                keys = self._keys[id(node)] = {}
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode):
                        # The first of duplicate keys, as a scan from the top finds it.
                        keys.setdefault(key.value, (key.start_mark, value))
            # Point at the key: the line a reader scans for (`lead:`, `市教委:`).
            return keys.get(str(part))
        if (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            item = node.value[part]
            return item.start_mark, item
        return None
