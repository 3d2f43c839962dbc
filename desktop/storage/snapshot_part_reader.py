"""Reading a few bytes of a stored snapshot part without reading the part whole.

A dashboard load that patches a few written forms needs, of the stored snapshot, only
where those forms are among its uuids and their own rows of each column. Fetching a part
as a value makes SQLite and Python each allocate and copy the whole part (the uuids of
100k forms are 3.7 MB: on a busy machine the page faults of those fresh allocations cost
more than everything else in the load). Both drivers open a stored value for incremental
reads (sqlite3's `blobopen`, sqlcipher3's `open_blob`): only the pages holding the bytes
asked for are read (and, encrypted, decrypted). Without either, the value is read whole
and sliced: the same bytes.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence


@dataclass
class StoredPart:
    """A part as listed without reading its bytes: row id, meta text, size in bytes."""

    rowid: int
    meta: str
    size: int


def listed_parts(conn: sqlite3.Connection,
                 names: Sequence[str] | None = None) -> dict[str, StoredPart]:
    """Every stored part by name (or only those of `names`), without reading any part's
    bytes (SQLite answers `length()` of a blob from its header)."""
    query = "SELECT rowid, name, meta, length(data) FROM analysis_snapshot"
    if names is not None:
        query += f" WHERE name IN ({', '.join('?' for _ in names)})"
    return {name: StoredPart(rowid, meta, size)
            for rowid, name, meta, size in conn.execute(query, tuple(names or ()))}


@contextlib.contextmanager
def part_reader(conn: sqlite3.Connection,
                part: StoredPart) -> Iterator[Callable[[int, int], bytes]]:
    """`read(offset, length)`: those bytes of the part (inside the caller's read
    transaction, which the reads share)."""
    opener = getattr(conn, "blobopen", None)
    if opener is not None:
        blob = opener("analysis_snapshot", "data", part.rowid, readonly=True)
    else:
        opener = getattr(conn, "open_blob", None)
        blob = (opener("analysis_snapshot", "data", part.rowid, True)
                if opener is not None else None)
    if blob is None:  # a driver without incremental reads: the value whole, sliced
        row = conn.execute("SELECT data FROM analysis_snapshot WHERE rowid = ?",
                           (part.rowid,)).fetchone()
        data = bytes(row[0]) if row is not None and row[0] is not None else b""
        yield lambda offset, length: data[offset:offset + length]
        return
    try:
        def read(offset: int, length: int) -> bytes:
            blob.seek(offset)
            return blob.read(length)
        yield read
    finally:
        blob.close()
