"""The console script and `python -m fenggong`: the collector off, the command, a quick end."""

import gc


def main() -> None:
    # One short-lived process per command: the cyclic collector would rescan a large
    # dataset again and again (half the time of a query on 100,000 tasks) to free
    # cycles this data does not make, and it rescans what Typer, Pydantic and Rich
    # create while they are imported (4% of a small query). So it is off before any of
    # them is imported; memory is returned when the process ends.
    gc.disable()
    from fenggong.cli import main as run

    run()


def console() -> None:
    """The console script: ``main``, then the process ends at once (``_leave``)."""
    try:
        main()
    except SystemExit as stop:
        _leave(stop.code)
    _leave(0)


def _leave(code: object) -> None:
    """End the process as the interpreter would after ``sys.exit(code)``, without taking
    down every object one by one: a collect over a library of 100 plans would spend a
    tenth of its time freeing, at exit, memory the system takes back at once. The exit
    handlers run and the standard streams are flushed first, as at a normal exit. Only
    the console script and ``python -m`` end so; ``main`` returns to a caller."""
    import atexit
    import os
    import sys

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): said on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: started without it (`>&-`)
                stream.flush()
        except OSError:  # the reader went away (`| head`): nothing more to tell it
            status = status or 141
    os._exit(status)


if __name__ == "__main__":
    console()
