"""Settings kept in the project database (they travel with the file): minimum group size,
operator-controlled mode, and the like. Values are stored as text."""

from __future__ import annotations

import sqlite3

from .connection import BUSY_TIMEOUT_MS, OperationalError, transaction

# The minimum group size of a project that never set one: the one place this default
# lives (the workspace's typed settings and the analysis take it from here).
DEFAULT_MIN_N = 5

DEFAULTS = {
    "min_group_size": str(DEFAULT_MIN_N),
    "operator_controlled": "0",
}


def get_setting(conn: sqlite3.Connection, key: str) -> str:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else DEFAULTS.get(key, "")


def set_setting(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(value)))


def set_setting_unless_busy(conn: sqlite3.Connection, key: str, value: str) -> bool:
    """Store one setting in its own transaction, without waiting for another connection's
    write to end (an import holds the database for seconds): False when the database was
    busy and nothing was written. For a preference of the window (the round last used),
    which must never hold up the person who changed it."""
    if conn.in_transaction:  # inside another write: join it, as every store call does
        set_setting(conn, key, value)
        return True
    conn.execute("PRAGMA busy_timeout=0")
    try:
        with transaction(conn):
            set_setting(conn, key, value)
        return True
    except OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return False
        raise
    finally:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
