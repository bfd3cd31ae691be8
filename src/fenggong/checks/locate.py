"""Map a path in the data (``tasks[46].lead[0]``) to its line and column in the YAML text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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


# Many paths at once (``places``): ``Locator`` composes the whole document into nodes,
# resolving every scalar's type on the way, which for a file of 100,000 reports is seven
# times the work of reading its events. The paths asked about make a tree; one pass over
# the parser's events notes the mark of each of its nodes the text has, as
# ``Locator.find`` would find it: a mapping's child at its key, a sequence's item at its
# start, the first of duplicate keys, a missing key answered by the closest enclosing
# node. An alias on the way of a path (what it stands for is elsewhere) leaves every
# answer to ``Locator``.


def places(text: str, paths: Sequence[Sequence[PathPart]]) -> list[tuple[int, int] | None]:
    """Each path's 1-based line and column, as ``Locator(text).find`` gives it."""
    root = _Spot()
    for path in paths:
        spot = root
        for part in path:
            spot = spot.add(part)
    if not _walk(text, root):
        locator = Locator(text)
        return [locator.find(path) for path in paths]
    return [_found(root, path) for path in paths]


class _Spot:
    """A node of the tree of paths asked about, and where the text has it, once met."""

    __slots__ = ("below", "keyed", "mark")

    def __init__(self) -> None:
        self.below: dict[PathPart, _Spot] = {}
        self.keyed: dict[str, list[_Spot]] = {}  # as a mapping's key: str(part) → spots
        self.mark: Any = None  # yaml.Mark

    def add(self, part: PathPart) -> _Spot:
        spot = self.below.get(part)
        if spot is None:
            spot = self.below[part] = _Spot()
            self.keyed.setdefault(str(part), []).append(spot)
        return spot


class _Open:
    """A collection the walk is inside that a path goes into: the spots it is; a
    sequence's count of items, or a mapping's state (awaiting a key or its value), its
    last key and where that was written, and the keys met, that a repeated one is passed."""

    __slots__ = ("count", "key", "keyed_at", "keys", "mapping", "spots", "wants_key")

    def __init__(self, spots: list[_Spot], mapping: bool) -> None:
        self.spots = spots
        self.mapping = mapping
        self.count = 0
        self.wants_key = True
        self.key: str | None = None
        self.keyed_at: Any = None
        self.keys: set[str] = set()

    def child(self, event: Any, scalar: bool) -> list[_Spot]:
        """The spots of the node ``event`` (a scalar or not) opens in this collection."""
        if not self.mapping:
            index = self.count
            self.count += 1
            found = [s.below[index] for s in self.spots if index in s.below]
            for spot in found:
                spot.mark = event.start_mark
            return found
        if self.wants_key:  # only a scalar key can be on a path
            self.wants_key = False
            self.key = event.value if scalar else None
            self.keyed_at = event.start_mark
            return []
        self.wants_key = True
        key = self.key
        if key is None or key in self.keys:
            return []
        self.keys.add(key)
        found = [s for spot in self.spots for s in spot.keyed.get(key, ())]
        for spot in found:
            spot.mark = self.keyed_at  # a mapping's child is found at its key
        return found


def _found(root: _Spot, path: Sequence[PathPart]) -> tuple[int, int] | None:
    if root.mark is None:  # no document, or none that parses
        return (1, 1) if not path else None
    spot, mark = root, root.mark
    for part in path:
        spot = spot.below[part]
        if spot.mark is None:
            break
        mark = spot.mark
    return mark.line + 1, mark.column + 1


def _walk(text: str, root: _Spot) -> bool:
    """Note the mark of every spot the text has; False if a path goes through an alias."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    opening = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    closing = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    nodes = (yaml.ScalarEvent, yaml.AliasEvent, *opening)
    stack: list[_Open] = []
    dead = 0  # how deep the walk is inside a collection no path goes into
    try:
        for event in yaml.parse(text, Loader=loader):
            if dead:  # most of a file: only how deep, until it is left
                if isinstance(event, opening):
                    dead += 1
                elif isinstance(event, closing):
                    dead -= 1
                continue
            if isinstance(event, closing):
                stack.pop()
                continue
            if not isinstance(event, nodes):
                continue  # the stream's and the document's start and end
            if stack:
                spots = stack[-1].child(event, isinstance(event, yaml.ScalarEvent))
            else:
                spots = [root]
                root.mark = event.start_mark
            # What an alias stands for is elsewhere: its children, and as a sequence's
            # item its start, which Locator finds where the anchor is.
            if (
                spots
                and isinstance(event, yaml.AliasEvent)
                and (any(s.below for s in spots) or not stack[-1].mapping)
            ):
                return False
            if isinstance(event, opening):
                if any(s.below for s in spots):
                    stack.append(_Open(spots, isinstance(event, yaml.MappingStartEvent)))
                else:
                    dead = 1
    except yaml.YAMLError:
        root.mark = None  # as Locator: a text that does not parse has no places
    return True
