"""Connection factory and transactions.

Every connection gets the same pragmas: WAL journal, synchronous=FULL (a COMMIT that has
returned survives a power cut), foreign keys on, and a busy timeout so a second connection
(a worker thread, the HQ import) waits instead of failing at once. Transactions are
explicit (`BEGIN IMMEDIATE` ... `COMMIT`) so a form is either wholly written or not at all.

A file with a key is opened through SQLCipher 4 (`sqlcipher3`, the same DB-API as sqlite3)
with the raw 256-bit key (`PRAGMA key = "x'...'"`, no key derivation); a file without one
through the standard library. Both drivers' errors are caught as one (`DriverError`...).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Iterator

try:  # SQLCipher 4; without it only plaintext projects can be opened
    import sqlcipher3.dbapi2 as sqlcipher
except ImportError:  # pragma: no cover - a dependency, present in every install
    sqlcipher = None  # type: ignore[assignment]

# The drivers' error classes as tuples, for `except` (the layers above never import a
# driver).
_DRIVERS = (sqlite3,) + ((sqlcipher,) if sqlcipher is not None else ())
DriverError = tuple(d.Error for d in _DRIVERS)
DatabaseDriverError = tuple(d.DatabaseError for d in _DRIVERS)
IntegrityError = tuple(d.IntegrityError for d in _DRIVERS)
DataError = tuple(d.DataError for d in _DRIVERS)
OperationalError = tuple(d.OperationalError for d in _DRIVERS)

BUSY_TIMEOUT_MS = 10_000
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    # SQLite's temporary tables and sort spills stay in memory, never in a plaintext file
    # in the system temp folder (sqlcipher3 is built with SQLITE_TEMP_STORE=2, which this
    # makes explicit for any build).
    "PRAGMA temp_store=MEMORY",
)


class WrongKeyError(Exception):
    """The key does not open this file (or the file is not a database at all)."""


def key_pragma(key: bytes) -> str:
    """The SQLCipher statement that sets a raw 256-bit key."""
    if len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def connect_raw(path: str | Path, key: bytes | None = None, check_same_thread: bool = True,
                uri: bool = False) -> sqlite3.Connection:
    """A connection with the key set and checked, and no other pragma (copies, probes)."""
    if key is None:
        return sqlite3.connect(str(path), isolation_level=None,
                               check_same_thread=check_same_thread, uri=uri)
    if sqlcipher is None:  # pragma: no cover
        raise WrongKeyError("SQLCipher (the sqlcipher3 package) is not installed")
    conn = sqlcipher.connect(str(path), isolation_level=None,
                             check_same_thread=check_same_thread, uri=uri)
    conn.execute("PRAGMA cipher_log_level = NONE")  # its own messages go to stderr
    conn.execute(key_pragma(key))
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):  # what SQLCipher says for a wrong key
            raise WrongKeyError(str(exc)) from exc
        raise
    return conn


def row_factory(conn) -> type:
    """The Row class of the driver behind `conn`."""
    return sqlcipher.Row if sqlcipher is not None and isinstance(conn, sqlcipher.Connection) \
        else sqlite3.Row


def connect(path: str | Path, check_same_thread: bool = True,
            key: bytes | None = None) -> sqlite3.Connection:
    """Open `path` with the project's pragmas, in autocommit mode (explicit transactions);
    with `key`, through SQLCipher."""
    conn = connect_raw(path, key, check_same_thread)
    conn.row_factory = row_factory(conn)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


def is_plaintext_file(path: str | Path) -> bool:
    """Whether a file starts with the plain SQLite header (an encrypted one looks random)."""
    with open(path, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


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
        conn.execute("COMMIT")
    except BaseException:
        # SQLite may have rolled back already (a full disk, an I/O error): a second
        # ROLLBACK would raise "no transaction is active" and hide the real error.
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except DriverError:
                pass  # the error that got us here is the one to report
        raise


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
