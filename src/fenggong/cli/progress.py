"""A progress bar on stderr for long work, when a person is watching a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fenggong.cli import console
from fenggong.messages import _
from fenggong.names import visible

if TYPE_CHECKING:
    from fenggong.store.loader import Progress

# Below this a file parses in well under a second: a bar would only flicker.
THRESHOLD = 4 << 20


@contextmanager
def reading(path: Path) -> Iterator[Progress | None]:
    """A callback for the loader while ``path`` is read, or None when no bar is wanted."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size < THRESHOLD or not console.is_terminal("stderr"):
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    name = visible(path.name)
    columns = (
        TextColumn("{task.description}", markup=False),  # a file name is never markup
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console.live_console(), transient=True) as bar:
        task = bar.add_task(_("reading {name}").format(name=name), total=size)

        def step(phase: str, done: int, total: int) -> None:
            if phase == "parse":
                bar.update(task, completed=done)
            else:
                bar.update(task, description=_("checking {name}").format(name=name), completed=size)

        yield step


@contextmanager
def making(count: int) -> Iterator[Callable[[str], None]]:
    """A callback to call as each of ``count`` forms is begun (its body's name), which
    shows a bar on a watched terminal: --each-dept over a library makes a hundred forms
    for half a minute, and would say nothing until the last."""
    if count < 2 or not console.is_terminal("stderr"):
        yield lambda _body: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console.live_console(), transient=True) as bar:
        task = bar.add_task("", total=count)
        done = [0]  # the forms made before the one begun

        def begun(body: str) -> None:
            described = _("making {body}'s form").format(body=visible(body))
            bar.update(task, description=described, completed=done[0])
            done[0] += 1

        yield begun
