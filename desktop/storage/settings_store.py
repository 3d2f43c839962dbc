"""Settings kept in the project database (they travel with the file): minimum group size,
operator-controlled mode, and the like. Values are stored as text."""

from __future__ import annotations

import sqlite3

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
