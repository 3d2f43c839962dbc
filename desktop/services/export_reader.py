"""`PartReader`: the export's SQL on a second thread, so SQLite reads the next rows while
the export formats, hashes and compresses the previous ones.

SQLite releases the GIL while it steps through a query (here: aggregating 3.4M answer rows
into 100k JSON objects and formatting a chunk of forms into a few texts, one row per
chunk: storage/export_rows.form_chunk), so on two cores the reading and the Python per
form overlap. The
reader walks the snapshot's forms in uuid order and cuts them into parts of `per_part`
forms; at the end of each part it reads that part's audit rows. Everything arrives through
a small bounded queue, in order, as events:

    ("texts", FormChunk)    a chunk of forms as SQLite's texts (bundle/form_chunk.py)
    ("audit", (n, text))    n audit.jsonl lines of the part just read, joined by newlines
    ("end", high)           the part is complete; `high` is the first uuid of the next
                            part (None after the last part)

The caller owns the read transaction; it must `close()` the reader (which stops and joins
the thread) before it ends that transaction.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from typing import Iterator

from ..bundle.form_chunk import FormChunk
from ..storage import export_rows, series_store

TEXTS, AUDIT, END = "texts", "audit", "end"
_ERROR, _DONE = "error", "done"
# One chunk is one SQLite step without Python's lock; taking the lock back after it can
# wait a switch interval (5 ms) while the caller runs Python, so chunks are large and few.
CHUNK = 2000
AUDIT_CHUNK = 4000  # audit lines per event (about 1.3 kB each)
QUEUE_CHUNKS = 4  # at most this many chunks wait for the caller (memory stays bounded)


class _Stopped(Exception):
    pass


class PartReader:
    """Reads the forms (split into parts) and each part's audit rows on its own thread."""

    def __init__(self, conn: sqlite3.Connection, changed_only: bool, per_part: int,
                 after_audit_id: int):
        self._conn = conn
        self._changed_only = changed_only
        self._per_part = per_part
        self._after = after_audit_id
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_CHUNKS)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="export-reader", daemon=True)

    def __enter__(self) -> "PartReader":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def events(self) -> Iterator[tuple[str, object]]:
        while True:
            kind, payload = self._queue.get()
            if kind == _ERROR:
                raise payload  # type: ignore[misc]
            if kind == _DONE:
                return
            yield kind, payload

    def close(self) -> None:
        """Stop the thread (if it still runs) and wait for it."""
        self._stop.set()
        while self._thread.is_alive():
            try:
                self._queue.get(timeout=0.05)
            except queue.Empty:
                pass
        self._thread.join()

    def _put(self, item: tuple[str, object]) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
        raise _Stopped

    def _run(self) -> None:
        try:
            self._read()
            self._put((_DONE, None))
        except _Stopped:
            pass
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
            try:
                self._put((_ERROR, exc))
            except _Stopped:
                pass

    def _read(self) -> None:
        low, in_part, first = None, 0, True
        after = ""
        while True:
            room = self._per_part - in_part
            if room == 0:  # the part is full: its audit rows, then the next part
                high = self._next_uuid(after)
                if high is None:
                    break
                self._end_part(low, high, first)
                low, in_part, first = high, 0, False
                continue
            row = export_rows.form_chunk(self._conn, self._changed_only, after,
                                         min(CHUNK, room))
            if not row[0]:
                break
            self._put((TEXTS, FormChunk.from_row(after, row)))
            after = row[8]
            in_part += row[0]
        self._end_part(low, None, first)

    def _next_uuid(self, after: str) -> str | None:
        """The first form after uuid `after` (None: there is none)."""
        row = export_rows.form_chunk(self._conn, self._changed_only, after, 1)
        return row[8] if row[0] else None

    def _end_part(self, low: str | None, high: str | None, first: bool) -> None:
        for count, text in series_store.iter_part_audit_texts(
                self._conn, self._after, low, high, first, AUDIT_CHUNK):
            self._put((AUDIT, (count, text)))
        self._put((END, high))
