"""Entry point for ``python -m fenggong``."""

from fenggong.entry import main

main()
