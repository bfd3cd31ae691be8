"""The floor: a hello-world Typer app with the options of ``fenggong list``, doing nothing.

Benchmarks compare fenggong with this, run with the same arguments: what Typer itself
costs to start is the floor no Typer CLI can go below.
"""

from __future__ import annotations

import typer

app = typer.Typer()


@app.command("list")
def list_(lead: str = "", format: str = "table") -> None:
    """Do nothing."""


@app.command()
def show(ids: list[str]) -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
