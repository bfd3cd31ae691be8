"""The layout ARCHITECTURE.md describes: no import cycles, a small top level, small modules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import grimp
import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "src" / "fenggong"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [["a", "b", "c"]]
    assert _cycles({"a": ["b"], "b": []}) == []


def test_no_module_imports_itself_round_about() -> None:
    # Imports inside functions count too: a lazy import is still a dependency.
    graph = grimp.build_graph("fenggong", exclude_type_checking_imports=True)
    edges = {
        module: sorted(
            m for m in graph.find_modules_directly_imported_by(module) if m in graph.modules
        )
        for module in sorted(graph.modules)
    }
    assert _cycles(edges) == []


def test_the_top_level_holds_the_domain_core_only() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    # The records, names, errors, the catalog and matching, resolving typed names, the
    # small grammars of a plan's text (deadlines, quantities) and of the 台账's reporting
    # periods, the lights computed from a task's deadline and reports, and the report
    # form's layout the writer and the reader share: the rest is a package.
    assert len(top) <= 13, top


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_opens_with_a_docstring_and_stays_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring, f"{path} has no docstring"
    assert len(source.splitlines()) < 400


def test_architecture_md_maps_every_package() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    mapped = set(re.findall(r"^### `(\w+)/`", text, re.M))
    assert mapped == set(packages)
    for path in PACKAGE.glob("*.py"):
        assert f"`{path.name}`" in text, f"ARCHITECTURE.md does not name {path.name}"
