"""Command-line values converted without pydantic give exactly what Typer's own adapters
give: the same value of the same type, or the same error in the same words, for every
parameter of every command; and a command reading its cached dataset imports no pydantic at all."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer
from typer import _click, _coercion

from fenggong.cli import coercion

app = importlib.import_module("fenggong.cli.app")


def _commands() -> Iterator[tuple[str, Any]]:
    root: Any = typer.main.get_command(app.app)
    context = _click.Context(root)
    yield "fenggong", root
    for name in root.list_commands(context):
        command = root.get_command(context, name)
        yield name, command
        if hasattr(command, "list_commands"):
            for sub in command.list_commands(context):
                yield f"{name} {sub}", command.get_command(context, sub)


PARAMS = [
    pytest.param(command, param, id=f"{name}:{param.name}")
    for name, command in _commands()
    for param in [*command.params, command.get_help_option(_click.Context(command))]
    if param is not None and hasattr(param, "type_descriptor")
]


def _samples(annotation: Any, tmp_path: Path) -> list[Any]:
    """Values of every shape a command line, a default or an environment variable gives."""
    if get_origin(annotation) is list:
        items = _samples(get_args(annotation)[0], tmp_path)
        return [(), tuple(items[:3]), tuple(items), items[0], "one"]
    if annotation is bool:
        return [True, False, "true", "no", 1, "maybe"]
    if annotation is int:
        return ["0", "7", "47", "007", " 7", "-1", "+3", "1_000", "1e3", "٣", "x", "", 5, 2.5]
    if annotation is Path:
        (tmp_path / "file.yaml").write_text("x", encoding="utf-8")
        return ["data", str(tmp_path), str(tmp_path / "file.yaml"), "-", "", "./a/../b", "~"]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        names = [str(member.value) for member in annotation]
        return [*names, *(n.upper() for n in names), "nope", "", next(iter(annotation))]
    return ["市教委", "", "  spaced ", "--flag", "Ⅻ", b"bytes", 3]


def _outcome(runtime: Any, value: Any, param: Any, context: Any) -> tuple[str, Any]:
    try:
        result = runtime.coerce(value, param=param, ctx=context)
    except Exception as error:
        return "error", (type(error).__name__, str(error))
    items = result if isinstance(result, list | tuple) else [result]
    return "value", (type(result), result, [type(item) for item in items])


@pytest.mark.parametrize(("command", "param"), PARAMS)
def test_every_parameter_coerces_as_typer_does(command: Any, param: Any, tmp_path: Path) -> None:
    coercion.install()
    descriptor = param.type_descriptor
    typer_own = _coercion.build_runtime_param(descriptor)
    convert = coercion.converter(descriptor.annotation, descriptor.parameter_info)
    assert convert is not None, "a parameter of a type coerced by Typer alone (and pydantic)"
    light = coercion._Light(
        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, convert=convert
    )
    context = _click.Context(command)
    for value in [None, *_samples(descriptor.annotation, tmp_path)]:
        assert _outcome(light, value, param, context) == _outcome(
            typer_own, value, param, context
        ), value


def test_values_are_converted_quickly_not_declined() -> None:
    """The quick conversion does take the values a command line gives (not passing all of
    them on to Typer, which would leave every run as slow as before)."""
    info = typer.models.OptionInfo()
    param = type("P", (), {"type_descriptor": type("D", (), {"parameter_info": info})})()

    def convert(annotation: Any, value: Any) -> Any:
        quick = coercion.converter(annotation, info)
        assert quick is not None
        return quick(value, param, None)

    assert convert(str, "市教委") == "市教委"
    assert convert(list[int], ("4", "47")) == [4, 47]
    assert convert(Path, "data") == Path("data")
    assert convert(bool, True) is True
    assert convert(int, "007") is coercion._DECLINE
    assert convert(str, b"x") is coercion._DECLINE


@pytest.mark.slow
def test_a_warm_command_imports_no_pydantic(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from fenggong.cli.app import main\n"
        "sys.argv = ['fenggong', 'list', '--lead', '市教委', '--section', '3',\n"
        "            '--how', 'direct', '-f', 'json']\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60
        )
        for _ in range(2)
    ]
    # The first run validates the dataset (pydantic, the model's checks) and caches it.
    run = runs[1]
    assert (run.returncode, run.stderr) == (0, "False\n")
    assert '"document_number": "沪人社职〔2022〕256号"' in run.stdout
