"""`SnapshotReader`: a second, read-only connection to a project file holding one read
transaction open, so every query on it sees the file as it was when the reader started,
whatever the writer's connection writes meanwhile.

HQ's merge opens one inside the import's `BEGIN IMMEDIATE` transaction (while it holds
the write lock no other connection can commit, so the reader sees exactly the state that
transaction started from, and none of its uncommitted rows) and looks each chunk's forms
up on it while the import's writer thread still writes the chunk before
(services/import_merge.py). In WAL mode a reader never waits for a writer. It must be
closed before the writer commits: an open reader keeps the commit's checkpoint from
copying the WAL into the database.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .connection import BUSY_TIMEOUT_MS, DriverError, connect_raw
from .database import DatabaseLocator


class SnapshotReader:
    """A read transaction on its own connection; `conn` gives plain tuples."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @classmethod
    def open(cls, locator: DatabaseLocator) -> "SnapshotReader | None":
        """A reader of the file `locator` names, its snapshot taken now; None for a
        database in memory (no second connection can see it) or a file a second
        connection cannot open (the caller then looks up on its own connection)."""
        if locator.path is None:
            return None
        uri = Path(os.path.abspath(locator.path)).as_uri()
        try:
            conn = connect_raw(f"{uri}?mode=ro", locator.key, uri=True)
        except DriverError:
            return None
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA temp_store=MEMORY")  # as every connection (connection.py)
            conn.execute("BEGIN")
            # A deferred transaction takes its snapshot at its first read.
            conn.execute("SELECT 1 FROM response LIMIT 1").fetchone()
        except BaseException:
            conn.close()
            raise
        return cls(conn)

    def close(self) -> None:
        """End the read transaction and close the connection (twice is harmless)."""
        if self.conn is None:
            return
        conn, self.conn = self.conn, None
        try:
            if conn.in_transaction:
                conn.execute("COMMIT")
        finally:
            conn.close()
