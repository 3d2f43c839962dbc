"""Connection factory and transactions.

Every connection gets the same pragmas: WAL journal, synchronous=FULL (a COMMIT that has
returned survives a power cut), foreign keys on, and a busy timeout so a second connection
(a worker thread, the HQ import) waits instead of failing at once. Transactions are
explicit (`BEGIN IMMEDIATE` ... `COMMIT`) so a form is either wholly written or not at all.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Iterator

# The driver's error classes, for the layers above (they never import the driver).
DatabaseDriverError = sqlite3.DatabaseError
IntegrityError = sqlite3.IntegrityError

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def connect(path: str | Path, check_same_thread: bool = True) -> sqlite3.Connection:
    """Open `path` with the project's pragmas, in autocommit mode (explicit transactions)."""
    conn = sqlite3.connect(str(path), isolation_level=None,
                           check_same_thread=check_same_thread)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE` ... `COMMIT`, or `ROLLBACK` when the block raises.

    Nested use joins the outer transaction, so a service can group several store calls.
    """
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A deferred read transaction: every query inside sees the same snapshot."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")
