"""Safe YAML parsing that refuses repeated keys and reports problems with their place."""

from __future__ import annotations

import re
from typing import IO, Any, ClassVar

import yaml

from fenggong.checks.rulebook import RULES
from fenggong.errors import Problem
from fenggong.messages import N_, _

try:
    _Base: type = yaml.CSafeLoader  # libyaml's parser: several times faster on big files
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader


# Aliases may repeat a part of the document, but a "billion laughs" repeats repetitions:
# the data would expand exponentially while the file stays small.
_EXPANSION_FACTOR = 8
_EXPANSION_FLOOR = 100_000


class DuplicateKeyError(yaml.constructor.ConstructorError):
    pass


class AliasBombError(yaml.composer.ComposerError):
    pass


# YAML 1.1 reads 010 as 8, 0x2f as 47, 1:01 as 61 and 1_000 as 1000: a typo away from a
# wrong id. Only plain decimal digits are an integer here; the rest stays text, which the
# schema then refuses where a number belongs.
_DECIMAL = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_INT = "tag:yaml.org,2002:int"


# What datetime says of a date that is none (2026-13-01, 2026-02-30).
_DETAILS = {
    "month must be in 1..12": N_("the month is not 1 to 12"),
    "day is out of range for month": N_("the month has no such day"),
}


class _Loader(_Base):  # type: ignore[misc]
    """Safe loading that refuses a repeated mapping key (PyYAML keeps the last silently)
    and aliases that expand the document many times over."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, _DECIMAL if tag == _INT else pattern) for tag, pattern in resolvers]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A value its tag cannot read (2022-02-30, !!int "abc", 5,000 digits) raises a
        # plain Python error inside PyYAML: made a YAML error, located at the value.
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, OverflowError, AttributeError) as err:
            tag = str(node.tag).rsplit(":", 1)[-1]
            shown = repr(node.value) if isinstance(node.value, str) else _("this value")
            if len(shown) > 40:
                shown = shown[:37] + "...'"
            what = _("date") if tag == "timestamp" else tag
            invalid = _("{value} is not a valid {type}").format(value=shown, type=what)
            if isinstance(err, ValueError):
                # Python's own words when they say something (day is out of range for
                # month), in the reader's language where they are known.
                detail = _DETAILS.get(str(err))
                said = _(detail) if detail is not None else str(err)
                invalid = _("{problem} ({detail})").format(problem=invalid, detail=said)
            raise yaml.constructor.ConstructorError(None, None, invalid, node.start_mark) from None

    # Counting the expanded size costs memory on the scale of the document: only a text
    # with an "&" can have anchors, and so aliases.
    aliases = True

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        if self.aliases:
            _refuse_expansion(node)
        try:
            return self.construct_document(node)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, OverflowError, AttributeError) as err:
            # A tag's constructor that PyYAML runs later, as a generator (!!set, !!omap),
            # fails outside construct_object: still a located YAML problem, at the root.
            raise yaml.constructor.ConstructorError(
                None,
                None,
                _("a tagged value cannot be read ({reason})").format(reason=err),
                node.start_mark,
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # !!set on a scalar: the base class says so
            return super().construct_mapping(node, deep=deep)
        # Keys written in this mapping; those merged in with << may be overridden.
        written = [k for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"]
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):  # only then can a key have been written twice
            self._raise_duplicate(node, written)
        return mapping  # type: ignore[no-any-return]

    def _raise_duplicate(self, node: yaml.MappingNode, written: list[yaml.Node]) -> None:
        seen: dict[Any, yaml.Node] = {}
        for key_node in written:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node)
            except TypeError:
                continue  # an unhashable key: the base class reports it
            if first is not key_node:
                raise DuplicateKeyError(
                    _("while constructing a mapping"),
                    node.start_mark,
                    _("found duplicate key {key} (first at line {line})").format(
                        key=repr(key), line=first.start_mark.line + 1
                    ),
                    key_node.start_mark,
                )


def _refuse_expansion(root: yaml.Node) -> None:
    """Measure the data every alias would expand to, without expanding it: in nodes, and in
    characters, since one alias of a long string costs as much as the string (a file of
    4 MB whose 111 texts alias one 4,000,000-character string would be 444 MB of data)."""
    # Post-order, iteratively (a deeply nested document must not exhaust the Python stack),
    # each node measured once however many aliases point at it.
    size: dict[int, tuple[int, int]] = {}  # nodes, characters, with aliases expanded
    visiting: set[int] = set()
    order: list[yaml.Node] = []
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in size:
            continue
        if children_done:
            nodes = 1
            chars = len(node.value) if isinstance(node, yaml.ScalarNode) else 0
            for child in _children(node):
                child_nodes, child_chars = size[id(child)]
                nodes, chars = nodes + child_nodes, chars + child_chars
            size[key] = (nodes, chars)
            visiting.discard(key)
            order.append(node)
            continue
        if key in visiting:  # an alias inside its own anchor: it expands without end
            raise AliasBombError(None, None, _("an alias refers to itself"), node.start_mark)
        visiting.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in size)
    unique = order
    expanded, characters = size[id(root)]
    written = sum(len(n.value) for n in order if isinstance(n, yaml.ScalarNode))
    if expanded > max(_EXPANSION_FLOOR, _EXPANSION_FACTOR * len(unique)):
        message = _('aliases expand {written} nodes to {expanded} (a "billion laughs")')
        counts = (len(unique), expanded)
    elif characters > max(_EXPANSION_FLOOR * 10, _EXPANSION_FACTOR * written):
        message = _('aliases expand {written} characters to {expanded} (a "billion laughs")')
        counts = (written, characters)
    else:
        return
    shown = message.format(written=f"{counts[0]:,}", expanded=f"{counts[1]:,}")
    raise AliasBombError(None, None, shown, root.start_mark)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def parse(text: str | bytes | IO[bytes] | Any, aliases: bool = True) -> tuple[Any, Problem | None]:
    """YAML → Python data; a byte stream is parsed as it is read, never decoded whole.

    ``aliases=False`` says the text has no "&", so no anchor: the expansion check is skipped.
    """
    loader = _Loader(text)
    loader.aliases = aliases
    try:
        return loader.get_single_data(), None
    except AliasBombError as err:
        return None, _yaml_problem("FG021", err, _("write the data out instead of nesting aliases"))
    except RecursionError:
        rule = RULES["FG001"]
        hint = _("a dataset nests a few levels deep: check the brackets")
        return None, Problem(
            rule.code, rule.name, _("the data is nested too deeply"), line=1, column=1, hint=hint
        )
    except DuplicateKeyError as err:
        return None, _yaml_problem("FG004", err, _("remove one of the two, or rename it"))
    except yaml.constructor.ConstructorError as err:
        hint = _("write a value of that type (a date as 2022-09-16), or quote it to keep it text")
        return None, _yaml_problem("FG001", err, hint)
    except yaml.MarkedYAMLError as err:
        return None, _yaml_problem("FG001", err, _("check indentation, colons and quotes there"))
    except yaml.YAMLError as err:
        rule = RULES["FG001"]
        return None, Problem(rule.code, rule.name, str(err))
    finally:
        loader.dispose()


def _yaml_problem(code: str, err: yaml.MarkedYAMLError, hint: str) -> Problem:
    rule = RULES[code]
    mark = err.problem_mark or err.context_mark
    # PyYAML's own words (did not find expected ',' …) stay as it writes them, in our frame.
    if err.problem and err.context:
        message = _("{problem} ({detail})").format(problem=err.problem, detail=err.context)
    else:
        message = err.problem or (f"({err.context})" if err.context else "")
    return Problem(
        rule.code,
        rule.name,
        message or _("malformed YAML"),
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint=hint,
    )
