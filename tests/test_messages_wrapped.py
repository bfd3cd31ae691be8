"""Every message and hint of an error or a problem goes through the catalogue (`_()`).

Read from the source, not from runs: a sentence written as a plain string or f-string,
where a `FenggongError`, a `Problem` or a helper that builds one takes its message or hint,
would reach a Chinese reader in English (`错误：no task 999`). Text that no reader translates
passes: rule codes (FG001), file paths and bare placeholders (`f"{path}: {reason}"`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ROOT

SOURCE = ROOT / "src" / "fenggong"
FILES = sorted(SOURCE.rglob("*.py"))
# The parameters that carry a sentence for people, wherever they are declared.
SENTENCES = {"message", "hint", "problem"}
# The catalogue's own functions (their `message` is the English key), and `__init__`,
# which a call names by its class.
TRANSLATING = {"_", "N_", "__init__"}
_CODE = re.compile(r"FG\d{3}")
_PATH = re.compile(r"[\w.-]*(/[\w.-]+)+/?|[\w-]+\.(yaml|yml|json|py)")


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


TREES = {path: _parse(path) for path in FILES}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    return names[1:] if names[:1] in (["self"], ["cls"]) else names


def _is_text(annotation: ast.expr | None) -> bool:
    return annotation is not None and "str" in ast.unparse(annotation).split(" | ")


def _errors() -> set[str]:
    """The names of FenggongError and every class that derives from it, at any depth."""
    classes = [n for tree in TREES.values() for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    found = {"FenggongError"}
    while True:
        more = {c.name for c in classes if any(_name(b) in found for b in c.bases)} - found
        if not more:
            return found
        found |= more


def _signatures() -> dict[str, list[list[str]]]:
    """For every callee that takes a sentence, its positional parameters (each definition).

    Errors take their own `__init__`'s, or, lacking one, those of `FenggongError`; other
    functions count when a parameter of the sentence names is annotated as text.
    """
    signatures: dict[str, list[list[str]]] = {"Problem": [["code", "name", "message"]]}
    inits: dict[str, list[str]] = {}
    bases: dict[str, list[str]] = {}
    errors = _errors()
    for tree in TREES.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in errors:
                bases[node.name] = [b for b in map(_name, node.bases) if b]
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                        inits[node.name] = _parameters(item)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name not in (
                TRANSLATING
            ):
                arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
                if any(a.arg in SENTENCES and _is_text(a.annotation) for a in arguments):
                    signatures.setdefault(node.name, []).append(_parameters(node))

    def init(name: str) -> list[str]:
        if name in inits:
            return inits[name]
        return next((init(b) for b in bases.get(name, []) if b in errors), inits["FenggongError"])

    for name in errors:
        signatures[name] = [init(name)]
    return signatures


SIGNATURES = _signatures()


def _plain(text: str) -> bool:
    """Text no reader needs translated: a rule code, a path, punctuation and spaces."""
    text = text.strip()
    return not any(c.isalpha() for c in text) or bool(
        _CODE.fullmatch(text) or _PATH.fullmatch(text)
    )


def _untranslated(expr: ast.expr, scope: ast.AST, seen: frozenset[str] = frozenset()) -> bool:
    """Whether ``expr`` may give a reader a sentence that never went through `_()`."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str) and not _plain(expr.value)
    if isinstance(expr, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and not _plain(str(part.value)) for part in expr.values
        )
    if isinstance(expr, ast.Call):
        if _name(expr.func) in {"_", "N_"}:
            return False
        if isinstance(expr.func, ast.Attribute) and expr.func.attr == "format":
            return _untranslated(expr.func.value, scope, seen)
        return False  # a value computed elsewhere: its own call is checked where made
    if isinstance(expr, ast.BinOp):
        return _untranslated(expr.left, scope, seen) or _untranslated(expr.right, scope, seen)
    if isinstance(expr, ast.BoolOp):
        return any(_untranslated(v, scope, seen) for v in expr.values)
    if isinstance(expr, ast.IfExp):
        return _untranslated(expr.body, scope, seen) or _untranslated(expr.orelse, scope, seen)
    if isinstance(expr, ast.Name) and expr.id not in seen:
        # A sentence made a line before it is passed: the assignments in the same function.
        return any(
            _untranslated(value, scope, seen | {expr.id}) for value in _assigned(scope, expr.id)
        )
    return False


def _assigned(scope: ast.AST, name: str) -> Iterator[ast.expr]:
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        else:
            continue
        if node.value is not None and any(
            isinstance(t, ast.Name) and t.id == name for t in targets
        ):
            yield node.value


def _sentences(call: ast.Call) -> Iterator[ast.expr]:
    """The arguments of ``call`` that its callee takes as a message or a hint."""
    for parameters in SIGNATURES.get(_name(call.func) or "", []):
        for position, argument in enumerate(call.args):
            if position < len(parameters) and parameters[position] in SENTENCES:
                yield argument
    if _name(call.func) in SIGNATURES:
        yield from (k.value for k in call.keywords if k.arg in SENTENCES)


def _scopes(tree: ast.Module) -> Iterator[tuple[ast.AST, ast.Call]]:
    """Every call with the innermost function around it (the module for top-level code)."""

    def visit(node: ast.AST, scope: ast.AST) -> Iterator[tuple[ast.AST, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
            if isinstance(child, ast.Call):
                yield scope, child
            yield from visit(child, inner)

    yield from visit(tree, tree)


def untranslated(path: Path) -> list[str]:
    """``file:line: text`` for each sentence of ``path`` that bypasses the catalogue."""
    found = []
    for scope, call in _scopes(TREES[path]):
        for argument in _sentences(call):
            if _untranslated(argument, scope):
                where = f"{path.relative_to(ROOT)}:{argument.lineno}"
                found.append(f"{where}: {ast.unparse(argument)}")
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_every_message_and_hint_goes_through_the_catalogue(path: Path) -> None:
    assert untranslated(path) == [], "wrap each in _() and run `python tools/messages.py`"


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ('raise UsageError(f"no task {n}")', True),
        ('raise UsageError("no task", hint="tasks are numbered")', True),
        ('raise UsageError(_("no task {n}").format(n=n), hint=_("see outline"))', False),
        ('raise LookupFailedError("{a}: {b}".format(a=a, b=b))', True),
        ('raise SourceError(file, 3, "no table here")', True),
        ("raise SourceError(file, 3, _('no table here'))", False),
        ('problem("FG003", "unknown department " + name, path)', True),
        ('problem("FG003", message, path, hint=hint or "add it")', True),
        ('Problem("FG001", "yaml-syntax", f"{path}: {reason}", hint="FG001")', False),
        ('message = f"bad {x}"\nraise FenggongError(message)', True),
        ("message = _('bad {x}').format(x=x)\nraise FenggongError(message)", False),
    ],
)
def test_the_check_tells_a_sentence_from_a_code(source: str, bad: bool) -> None:
    tree = ast.parse(f"def f():\n    {source.replace(chr(10), chr(10) + '    ')}\n")
    assert any(_untranslated(a, s) for s, c in _scopes(tree) for a in _sentences(c)) is bad
