"""Entry point for ``python -m fenggong``."""

from fenggong.cli import main

main()
