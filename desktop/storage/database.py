"""`Database`: one open project file (a survey campaign), migrated and ready.

Opening checks the file first through its header and a read-only connection (see
file_check): an empty file, a file that is not SQLite, another program's database and a
file from a newer program are refused without a single byte changed. Then it connects with
the project's pragmas and applies any pending migrations (after a backup copy). A new file
is built under a temporary name and linked into place. `read_only=True` never writes at
all: no migration (an older schema is migrated in a copy in memory), no WAL switch, and it
works on read-only files, folders and disks.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Callable

from ..domain.user_error import translate
from .connection import connect, transaction
from .file_check import (
    DatabaseError, connect_read_only, create_new, header_application_id, identify,
)
from .migrations import SCHEMA_VERSION, SchemaTooNewError, backup_copy, current_version, migrate

__all__ = ["Database", "DatabaseError", "SchemaTooNewError"]


class Database:
    """An open project database. Use `Database.open(path)`; close with `close()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, read_only: bool = False,
                 file_version: int | None = None):
        self.conn = conn
        self.path = path
        self.read_only = read_only
        # The schema version of the file itself (a read-only open of an older file works
        # on a migrated copy in memory, whose version is SCHEMA_VERSION).
        self.file_version = file_version

    @classmethod
    def open(cls, path: str | Path, check_same_thread: bool = True,
             read_only: bool = False,
             on_create: Callable[[sqlite3.Connection], None] | None = None) -> "Database":
        """Open (creating if needed) and migrate `path`; ':memory:' gives a scratch one.
        With `read_only`, open an existing file for inspection without writing anything.
        `on_create` fills a new file before it appears under its name (so a second
        process never sees it half-made)."""
        if str(path) == ":memory:":
            conn = connect(":memory:", check_same_thread)
            migrate(conn, None)
            return cls(conn, None)
        path = Path(path)
        if read_only:
            return cls._open_read_only(path, check_same_thread)
        try:
            if path.exists():
                found = _inspect(path)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                def build(conn: sqlite3.Connection) -> None:
                    migrate(conn, None)
                    if on_create is not None:
                        with transaction(conn):
                            on_create(conn)

                create_new(path, build, lambda temp: connect(temp, check_same_thread))
                found = SCHEMA_VERSION
            conn = connect(path, check_same_thread)
            try:
                migrate(conn, path)
            except BaseException:
                conn.close()
                raise
        except (sqlite3.Error, OSError) as exc:
            raise _as_user_error(exc, path) from exc
        return cls(conn, path, file_version=found)

    @classmethod
    def _open_read_only(cls, path: Path, check_same_thread: bool) -> "Database":
        try:
            if not path.exists():
                raise DatabaseError("db_missing", path=path)
            header_application_id(path)
            conn = connect_read_only(path, check_same_thread)
            try:
                found = identify(conn, path)
                if found > SCHEMA_VERSION:
                    raise SchemaTooNewError(path, found)
                if found < SCHEMA_VERSION:
                    conn = _migrated_copy(conn, check_same_thread)
            except BaseException:
                conn.close()
                raise
        except (sqlite3.Error, OSError) as exc:
            raise _as_user_error(exc, path) from exc
        return cls(conn, path, read_only=True, file_version=found)

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


def _inspect(path: Path) -> int:
    """The schema version of an existing file, refusing anything that is not ours (or is
    newer) before the file is opened for writing."""
    header_application_id(path)
    probe = connect_read_only(path)
    try:
        found = identify(probe, path)
    finally:
        probe.close()
    if found > SCHEMA_VERSION:
        raise SchemaTooNewError(path, found)
    return found


def _migrated_copy(conn: sqlite3.Connection, check_same_thread: bool) -> sqlite3.Connection:
    """An in-memory copy of an older database, migrated, so reading never writes the file."""
    copy = sqlite3.connect(":memory:", isolation_level=None,
                           check_same_thread=check_same_thread)
    copy.row_factory = sqlite3.Row
    try:
        conn.backup(copy)
    finally:
        conn.close()
    migrate(copy, None)
    copy.execute("PRAGMA query_only=ON")
    return copy


def _as_user_error(exc: BaseException, path: Path) -> BaseException:
    """A sentence naming `path` for a database or file failure (the cause stays chained)."""
    if isinstance(exc, DatabaseError):
        return exc
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, sqlite3.OperationalError) and path.exists() and not (
            os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        # SQLite says "unable to open database file" when it cannot make the -wal file.
        return DatabaseError("db_read_only", path=path, detail=detail)
    error = translate(exc, path)
    if error is None:
        return DatabaseError("cannot_open", path=path, detail=detail)
    return DatabaseError(error.key or "cannot_open", detail=error.detail, **error.params)
