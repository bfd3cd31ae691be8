"""The console script and ``python -m fenggong``: the collector off, then the command line."""

import gc


def main() -> None:
    # One short-lived process per command: the cyclic collector would rescan a large
    # dataset again and again (half the time of a query on 100,000 tasks) to free
    # cycles this data does not make, and it rescans what Typer, Pydantic and Rich
    # create while they are imported (4% of a small query). So it is off before any of
    # them is imported; memory is returned when the process ends.
    gc.disable()
    from fenggong.cli import main as run

    try:
        run()
    finally:
        # The interpreter's last collection, at exit, would still traverse every object
        # left (7% of a query across a library of 100 plans); nothing here needs it.
        gc.freeze()


if __name__ == "__main__":
    main()
