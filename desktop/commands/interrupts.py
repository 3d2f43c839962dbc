"""Ctrl+C while a command draws with Qt (charts, the report and paper-form PDFs).

Python raises KeyboardInterrupt in whatever Python code runs when the signal arrives; while
Qt draws, that is often a callback Qt itself called (pyqtgraph's `viewTransformChanged`),
where PySide prints the traceback, drops the exception and goes on: the command ended with
a traceback on screen and exit code 0, and once it crashed (SIGSEGV). Inside `held()` the
signal is only noted; when the block ends it is raised from plain Python code, where the
command line turns it into its one line ("interrupted", exit code 130). A file drawn inside
`held()` by a writer that `atomic_files` stages is removed with the temporary name, so an
interrupted drawing leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Note Ctrl+C inside the block; raise KeyboardInterrupt when it ends (main thread;
    elsewhere signals never arrive, so the block just runs)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: noted.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if noted:
        raise KeyboardInterrupt


def drawn(draw: Callable[..., T], *args: object) -> T:
    """`draw(*args)` with Ctrl+C held until it returns."""
    with held():
        return draw(*args)


def ignore_from_now_on() -> None:
    """The command is over (its last line is printed): a late Ctrl+C must not kill the
    interpreter while it shuts down (Qt's objects half torn down)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
