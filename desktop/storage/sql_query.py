"""Read-only SQL for analysts (`riskmap query`), on sqlite-utils.

Three locks, so no statement can change a project through this door: the file is opened
with `mode=ro` (SQLite itself refuses writes), `PRAGMA query_only` is on, and an
authorizer allows only reading (SELECT, reading columns, functions, recursive CTEs); a
statement that would write, attach, or change a pragma is refused before it runs with
`QueryRefused`. Rows come back as dicts through `sqlite_utils.Database.query`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterator

from ..domain.user_error import UserError
from .connection import BUSY_TIMEOUT_MS, DriverError

_ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION,
            getattr(sqlite3, "SQLITE_RECURSIVE", 33)}


class QueryRefused(UserError, ValueError):
    """The statement would do more than read, or is not valid SQL; for people."""


def _authorize(action: int, *_: object) -> int:
    return sqlite3.SQLITE_OK if action in _ALLOWED else sqlite3.SQLITE_DENY


def open_read_only(path: str | Path) -> sqlite3.Connection:
    """A connection that cannot write: mode=ro, query_only, and a read-only authorizer;
    an encrypted project through the key the command unlocked for it."""
    from .database import unlocked_key
    from .file_check import connect_read_only
    conn = connect_read_only(Path(path), key=unlocked_key(path))
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only=ON")
    conn.set_authorizer(_authorize)
    return conn


def run_query(path: str | Path, sql: str) -> tuple[list[str], Iterator[dict]]:
    """The column names and the rows (dicts) of one read-only statement."""
    import sqlite_utils

    conn = open_read_only(path)
    # No recursive_triggers pragma and no plugins: the connection only reads.
    db = sqlite_utils.Database(conn, recursive_triggers=False, execute_plugins=False)
    try:
        cursor = db.execute(sql)
    except DriverError as exc:
        conn.close()
        if "not authorized" in str(exc) or "readonly" in str(exc):
            raise QueryRefused("query.writes") from exc
        if "one statement at a time" in str(exc):  # the driver's ProgrammingError
            raise QueryRefused("query.one_statement") from exc
        raise QueryRefused("query.failed", problem=str(exc).rstrip(".")) from exc
    columns = [d[0] for d in cursor.description or ()]

    def rows() -> Iterator[dict]:
        count = 0
        try:
            for row in cursor:
                yield dict(zip(columns, row))
                count += 1
        except DriverError as exc:  # a later row fails (an overflow, bad JSON in a row)
            raise QueryRefused("query.stopped", n=count,
                               problem=str(exc).rstrip(".")) from exc
        finally:
            conn.close()
    return columns, rows()
