"""`Database`: one open project file (a survey campaign), migrated and ready.

Opening checks the schema version through a read-only connection first, so a file from a
newer program is refused without a single byte changed; then it connects with the
project's pragmas and applies any pending migrations (after a backup copy).
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path

from .connection import connect, transaction
from .migrations import SCHEMA_VERSION, SchemaTooNewError, backup_copy, current_version, migrate


class DatabaseError(RuntimeError):
    """A file that cannot be opened as a project database; the message is for people."""


class Database:
    """An open project database. Use `Database.open(path)`; close with `close()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | Path, check_same_thread: bool = True) -> "Database":
        """Open (creating if needed) and migrate `path`; ':memory:' gives a scratch one."""
        if str(path) == ":memory:":
            conn = connect(":memory:", check_same_thread)
            migrate(conn, None)
            return cls(conn, None)
        path = Path(path)
        if path.exists():
            _refuse_newer(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = connect(path, check_same_thread)
            migrate(conn, path)
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{path} is not a RiskMap database or is damaged ({exc}).") \
                from exc
        return cls(conn, path)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """An IMMEDIATE transaction on this connection (nested calls join it)."""
        return transaction(self.conn)

    def backup_to(self, target: str | Path) -> Path:
        """A consistent copy of the open database through the SQLite backup API."""
        return backup_copy(self.conn, Path(target))

    @property
    def schema_version(self) -> int:
        return current_version(self.conn)

    def close(self) -> None:
        self.conn.close()


def _refuse_newer(path: Path) -> None:
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{path} cannot be opened ({exc}).") from exc
    try:
        found = current_version(probe)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a RiskMap database or is damaged ({exc}).") from exc
    finally:
        probe.close()
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(path, found)
