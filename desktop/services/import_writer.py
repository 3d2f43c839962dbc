"""`ImportWriter`: the one thread that writes a bundle's rows while the import reads and
checks the next ones.

The audit rows and the forms of a bundle are written in chunks (bulk INSERTs, see
storage/bulk_rows.py: a chunk's statement runs without Python's lock, so the writer and
the reader overlap on two cores). Writes run in the order submitted, one at a time. The
connection is never used by both threads at once: whoever touches it outside the writer
first calls `wait` (which also raises the error of a write, e.g. a broken rule, so it
rolls the transaction back), and `close` waits before the caller may commit or roll back.
Without `background` every write runs at once on the caller's thread.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable


class ImportWriter:
    """Runs a bundle's writes in order on one background thread (or inline)."""

    def __init__(self, background: bool = False):
        self._pool = ThreadPoolExecutor(1, "import-writer") if background else None
        self._pending: Future | None = None

    def submit(self, write: Callable, *args) -> None:
        """Run `write(*args)` after the writes before it (at once when not in background).
        The caller must not change `args` afterwards."""
        if self._pool is None:
            write(*args)
            return
        self.wait()  # one write queued at most: memory stays bounded by two chunks
        self._pending = self._pool.submit(write, *args)

    def wait(self) -> None:
        """Until the writer is idle; the error of its last write is raised here."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def close(self) -> None:
        """Wait for the writer without raising (a refusal may be on its way: the caller
        rolls back only once the connection is idle) and stop it."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.exception()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
