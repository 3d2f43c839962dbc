"""The versioned schema: ordered, forward-only migrations.

`MIGRATIONS[n]` takes a database from version n to n + 1. `migrate` backs the file up
through the SQLite backup API before changing anything, refuses a database written by a
newer program (leaving it untouched), and applies each step in its own transaction.
Old schema versions are kept as fixture files under tests/fixtures/ (see
tests/storage/test_migrations.py). The steps themselves, as SQL, are in schema_steps.py.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from ..domain.user_error import UserError
from .connection import connect_raw, transaction
from .file_check import APPLICATION_ID
from .schema_steps import LEFT_BEHIND, MIGRATIONS

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(UserError, RuntimeError):
    """The database was written by a newer version of the program."""

    def __init__(self, path: Path, found: int):
        super().__init__("db_too_new", path=path, found=found, known=SCHEMA_VERSION)
        self.found = found


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open database (0 for an empty file)."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def backup_copy(conn: sqlite3.Connection, target: Path, key: bytes | None = None) -> Path:
    """Copy the database to `target` through the SQLite backup API (consistent while open);
    an encrypted database is copied encrypted with the same key.

    The copy is made under a temporary name in the target folder and renamed when complete,
    so a full disk leaves no partial backup (and an older backup of that name intact)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        destination = connect_raw(temp, key)
        try:
            conn.backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")
        finally:
            destination.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return target


def migrate(conn: sqlite3.Connection, path: Path | None,
            migrations: list[str] | None = None, key: bytes | None = None) -> int:
    """Bring the schema up to date; returns the version found before migrating."""
    steps = MIGRATIONS if migrations is None else migrations
    found = current_version(conn)
    if found > len(steps):
        raise SchemaTooNewError(path or Path(":memory:"), found)
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        # Our mark, set at creation and on the first writable open of an older RiskMap
        # file (callers have checked it has our schema_version table before coming here).
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    if found == len(steps):
        _drop_left_behind(conn)
        return found
    if found > 0 and path is not None:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        backup_copy(conn, path.with_name(f"{path.name}.schema{found}-{stamp}.bak"), key)
    for version in range(found, len(steps)):
        with transaction(conn):
            if current_version(conn) > version:
                continue  # another process took this step while we waited for the lock
            for statement in _statements(steps[version]):
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
    _drop_left_behind(conn)
    return found


def _drop_left_behind(conn: sqlite3.Connection) -> None:
    """Drop the tables the steps left behind (schema_steps.LEFT_BEHIND), each in a
    transaction of its own; inside a caller's transaction, leave them to a later open."""
    if conn.in_transaction:
        return
    marks = ", ".join("?" for _ in LEFT_BEHIND)
    for (name,) in conn.execute(f"SELECT name FROM sqlite_master WHERE type = 'table' "
                                f"AND name IN ({marks})", LEFT_BEHIND).fetchall():
        conn.execute(f'DROP TABLE "{name}"')


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
