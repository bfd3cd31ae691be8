"""The command-line shell: the only code that parses arguments, prints or exits."""

from fenggong.cli.app import app, main

__all__ = ["app", "main"]
