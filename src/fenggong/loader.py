"""The one reader of dataset files: bytes → text → YAML → model, every problem located."""

from __future__ import annotations

import dataclasses
import difflib
import stat
import subprocess
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fenggong import lints, model, rules
from fenggong.errors import DataError, FileAccessError, Problem, Severity
from fenggong.locate import Locator, PathPart, render
from fenggong.model import Dataset, Department, Plan, Section, Task, Topic
from fenggong.rulebook import RULES

try:
    _Base: type = yaml.CSafeLoader  # libyaml's parser: several times faster on big files
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Base = yaml.SafeLoader

_BOM = b"\xef\xbb\xbf"


class DuplicateKeyError(yaml.constructor.ConstructorError):
    pass


class _Loader(_Base):  # type: ignore[misc]
    """Safe loading that refuses a repeated mapping key (PyYAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
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
                    "while constructing a mapping",
                    node.start_mark,
                    f"found duplicate key {key!r} (first at line {first.start_mark.line + 1})",
                    key_node.start_mark,
                )


@dataclass(frozen=True)
class Report:
    """What checking a file found: the dataset when it is valid, and every problem."""

    path: Path
    dataset: Dataset | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def load(path: Path) -> Dataset:
    """The valid dataset at ``path``; raises DataError with every problem otherwise."""
    report = check(path)
    if report.dataset is None or report.errors:
        raise DataError(list(report.problems))
    return report.dataset


def check(path: Path) -> Report:
    """Read and check ``path``; raises FileAccessError only when it cannot be read at all."""
    return check_bytes(read_bytes(path), path)


def load_git(revision: str, path: Path) -> Dataset:
    """The dataset at ``path`` as committed in ``revision`` of its git repository."""
    report = check_bytes(read_git(revision, path), Path(f"{revision}:{path}"))
    if report.dataset is None:
        raise DataError(list(report.problems))
    return report.dataset


def read_git(revision: str, path: Path) -> bytes:
    folder = path.resolve().parent
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "show", f"{revision}:./{path.name}"],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise FileAccessError(f"cannot run git: {err}") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise FileAccessError(
            f"cannot read {path} at {revision}: {reason[-1] if reason else 'git failed'}",
            hint="name a commit, branch or tag that has the file",
        )
    return done.stdout


def check_bytes(raw: bytes, path: Path) -> Report:
    name = str(path)
    _, problem = decode(raw)  # the decoded text is dropped: a large file is parsed as bytes
    if problem is not None:
        return Report(path, None, (problem.located(name, problem.line, problem.column),))
    body = raw.removeprefix(_BOM)
    del raw
    data, problem = parse(body)
    if problem is not None:
        return Report(path, None, (problem.located(name, problem.line, problem.column),))
    dataset, found = validate(data)
    del data
    return Report(path, dataset, tuple(_locate(found, body, name)))


def read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise FileAccessError(f"{path} is a directory, not a dataset file")
        if not stat.S_ISREG(info.st_mode):
            # Reading a device or a pipe could block forever or never end.
            raise FileAccessError(f"{path} is not a regular file")
        return path.read_bytes()
    except FileNotFoundError:
        raise FileAccessError(
            f"{path}: no such file", hint="give the path of a tasks.yaml, or leave --data out"
        ) from None
    except PermissionError:
        raise FileAccessError(f"{path}: permission denied") from None
    except OSError as err:
        raise FileAccessError(f"{path}: {err.strerror or err}") from None


def decode(raw: bytes) -> tuple[str, Problem | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", _encoding("the file is UTF-16", 1, 1)
    raw = raw.removeprefix(_BOM)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        guess = "GB18030/GBK" if _decodes(raw, "gb18030") else "not UTF-8"
        return "", _encoding(f"the file is {guess} (byte 0x{raw[err.start]:02x})", line, column)


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _encoding(what: str, line: int, column: int) -> Problem:
    rule = RULES["FG005"]
    return Problem(
        rule.code,
        rule.name,
        f"{what}; datasets are UTF-8",
        line=line,
        column=column,
        hint="re-save the file as UTF-8 (a byte order mark is accepted)",
    )


def parse(text: str | bytes) -> tuple[Any, Problem | None]:
    """YAML → Python data; bytes are parsed as UTF-8 without a decoded copy in memory."""
    try:
        return yaml.load(text, Loader=_Loader), None  # _Loader is a SafeLoader
    except DuplicateKeyError as err:
        return None, _yaml_problem("FG004", err, "remove one of the two, or rename it")
    except yaml.MarkedYAMLError as err:
        return None, _yaml_problem("FG001", err, "check indentation, colons and quotes there")
    except yaml.YAMLError as err:
        rule = RULES["FG001"]
        return None, Problem(rule.code, rule.name, str(err))


def _yaml_problem(code: str, err: yaml.MarkedYAMLError, hint: str) -> Problem:
    rule = RULES[code]
    mark = err.problem_mark or err.context_mark
    message = " ".join(filter(None, [err.problem, err.context and f"({err.context})"]))
    return Problem(
        rule.code,
        rule.name,
        message or "malformed YAML",
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint=hint,
    )


Found = tuple[Problem, tuple[PathPart, ...]]


def validate(data: Any) -> tuple[Dataset | None, list[Found]]:
    """Shape first (Pydantic), then the cross-record rules on whatever records passed."""
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        rule = RULES["FG002"]
        message = f"the top level is {kind}; a dataset is a mapping"
        hint = "start from data/tasks.yaml: plan, sections, topics, departments, tasks"
        return None, [(Problem(rule.code, rule.name, message, hint=hint), ())]
    from pydantic import ValidationError

    from fenggong.validation import validate as check_shape

    try:
        dataset = check_shape(Dataset, data)
    except ValidationError as err:
        # A union reports one error per branch it tried: one per place is enough.
        by_place = {_place(e): e for e in err.errors(include_url=False)}
        found = [_schema_problem(e) for e in by_place.values()]
        # Warnings wait for a well-shaped file: records dropped for their shape would
        # make sound entries look unused.
        return None, found + rules.check(_parts(data))
    parts = rules.Parts(
        plan=dataset.plan,
        sections=list(enumerate(dataset.sections)),
        topics=list(enumerate(dataset.topics)),
        departments=dict(dataset.departments),
        tasks=list(enumerate(dataset.tasks)),
    )
    found = rules.check(parts) + lints.check(parts)
    failed = any(p.severity is Severity.ERROR for p, _ in found)
    return (None if failed else dataset), found


def _parts(data: dict[str, Any]) -> rules.Parts:
    """The records that are valid one by one, so that one bad field hides no other problem."""
    from pydantic import ValidationError

    from fenggong.validation import validate as check_shape

    def one(cls: type[Any], item: Any) -> Any:
        try:
            return check_shape(cls, item)
        except ValidationError:
            return None

    def each(key: str, cls: type[Any]) -> list[tuple[int, Any]]:
        items = data.get(key)
        if not isinstance(items, list):
            return []
        found = ((index, one(cls, item)) for index, item in enumerate(items))
        return [(index, record) for index, record in found if record is not None]

    registry = data.get("departments")
    registry = registry if isinstance(registry, dict) else {}
    departments = {str(k): one(Department, v) for k, v in registry.items()}
    return rules.Parts(
        plan=one(Plan, data.get("plan")),
        sections=each("sections", Section),
        topics=each("topics", Topic),
        departments={k: v for k, v in departments.items() if v is not None},
        names=set(departments),
        tasks=each("tasks", Task),
    )


def _place(error: Any) -> tuple[PathPart, ...]:
    # Pydantic names the branch of a union it tried (`int`, `constrained-float`): not a path.
    return tuple(
        p for p in error["loc"] if p != "[key]" and not (isinstance(p, str) and _is_branch(p))
    )


def _schema_problem(error: Any) -> Found:
    loc = _place(error)
    kind = error["type"]
    rule = RULES["FG002"]
    field = loc[-1] if loc else ""
    hint = None
    if kind == "missing":
        message = f"missing field {field}"
        hint = f"add {field}: to this record"
    elif kind == "extra_forbidden":
        message = f"unknown field {field}"
        allowed = _fields_at(loc[:-1])
        close = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]}?" if close else "fields here: " + ", ".join(allowed)
    else:
        message = f"{error['msg']}, got {_show(error.get('input'))}"
        if kind in {"int_type", "int_parsing"} and isinstance(error.get("input"), str):
            hint = "write the number without quotes or leading zeros"
    return Problem(rule.code, rule.name, message, path=render(loc), hint=hint), loc


def _is_branch(part: str) -> bool:
    return part in {"int", "float", "constrained-int", "constrained-float", "bool", "str"}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_at(loc: tuple[PathPart, ...]) -> list[str]:
    """The field names allowed at a path, found by walking the records' annotations."""
    current: Any = Dataset
    for part in loc:
        current = _strip(current)
        if dataclasses.is_dataclass(current):
            hints = typing.get_type_hints(current, vars(model))
            if str(part) not in hints:
                return []
            current = hints[str(part)]
        else:  # a tuple (index) or a dict (key): step to the element type
            args = typing.get_args(current)
            if not args:
                return []
            current = args[-1] if typing.get_origin(current) is dict else args[0]
    current = _strip(current)
    if dataclasses.is_dataclass(current):
        return [f.name for f in dataclasses.fields(current)]
    return []


def _strip(annotation: Any) -> Any:
    """``X | None`` → ``X``."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation


def _locate(found: list[Found], body: bytes, name: str) -> list[Problem]:
    if not found:
        return []
    locator = Locator(body.decode("utf-8"))  # composing costs as much as parsing: only on failure
    placed = [locator.place(p, path, name) for p, path in found]
    return sorted(placed, key=lambda p: (p.line or 0, p.column or 0))
