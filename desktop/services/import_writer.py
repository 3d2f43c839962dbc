"""`ImportWriter`: the one thread that writes a bundle's rows while the import reads and
checks the next ones.

The audit rows and the forms of a bundle are written in chunks (bulk INSERTs, see
storage/bulk_rows.py: a chunk's statement runs without Python's lock, so the writer and
the reader overlap on two cores). Writes run in the order submitted, one at a time; up to
`DEPTH` wait their turn, so the writer (the import's longest path) goes on to the next
chunk as soon as one is written instead of waiting for the reader to hand it over. The
connection is never used by both threads at once: whoever touches it outside the writer
first calls `wait` (which also raises the error of a write, e.g. a broken rule, so it
rolls the transaction back; a write queued after a failed one is not run), and `close`
waits before the caller may commit or roll back. Without `background` every write runs
at once on the caller's thread.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

# Writes submitted and not finished, at most (the one running included): memory stays
# bounded by DEPTH + 1 chunks (the one the reader builds), about 1.2 MB each at 100k forms
# (import_merge.CHUNK).
DEPTH = 2


class ImportWriter:
    """Runs a bundle's writes in order on one background thread (or inline)."""

    def __init__(self, background: bool = False):
        self._pool = ThreadPoolExecutor(1, "import-writer") if background else None
        self._pending: deque[Future] = deque()
        self._failed = False  # a write raised: the ones queued after it are not run

    @property
    def background(self) -> bool:
        """Whether writes run on the writer's own thread (else at once, on the caller's)."""
        return self._pool is not None

    def submit(self, write: Callable, *args) -> None:
        """Run `write(*args)` after the writes before it (at once when not in background);
        waits while `DEPTH` writes are pending (raising the error of one that failed).
        The caller must not change `args` afterwards."""
        if self._pool is None:
            write(*args)
            return
        while len(self._pending) >= DEPTH:
            self._pending.popleft().result()
        self._pending.append(self._pool.submit(self._run, write, args))

    def _run(self, write: Callable, args: tuple) -> None:
        if self._failed:
            return  # its error is the one raised already (or by `wait`)
        try:
            write(*args)
        except BaseException:
            self._failed = True
            raise

    def wait(self) -> None:
        """Until the writer is idle; the error of a write is raised here."""
        while self._pending:
            self._pending.popleft().result()

    def close(self) -> None:
        """Wait for the writer without raising (a refusal may be on its way: the caller
        rolls back only once the connection is idle) and stop it."""
        while self._pending:
            self._pending.popleft().exception()
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
