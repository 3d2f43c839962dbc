"""Wrong PINs in a row per operator, kept in the project so a restart does not reset them.

One row per operator with at least one wrong PIN since their last correct one: the count
and the time of the last wrong PIN (seconds since 1970, UTC). The service decides what the
count means (services/operator_service.py); writes expect the caller's transaction.
"""

from __future__ import annotations

import sqlite3


def get_failures(conn: sqlite3.Connection, operator_id: str) -> tuple[int, float]:
    """(wrong PINs in a row, time of the last one) for `operator_id`; (0, 0.0) if none."""
    row = conn.execute("SELECT failures, last_failure FROM pin_attempt WHERE operator_id = ?",
                       (operator_id,)).fetchone()
    return (int(row[0]), float(row[1])) if row else (0, 0.0)


def record_failure(conn: sqlite3.Connection, operator_id: str, when: float) -> int:
    """One more wrong PIN for `operator_id` at `when`; returns the new count."""
    conn.execute("INSERT INTO pin_attempt (operator_id, failures, last_failure) "
                 "VALUES (?, 1, ?) ON CONFLICT (operator_id) DO UPDATE SET "
                 "failures = failures + 1, last_failure = excluded.last_failure",
                 (operator_id, when))
    return get_failures(conn, operator_id)[0]


def clear_failures(conn: sqlite3.Connection, operator_id: str) -> bool:
    """Forget the wrong PINs of `operator_id` (a correct PIN); True if there were some."""
    return conn.execute("DELETE FROM pin_attempt WHERE operator_id = ?",
                        (operator_id,)).rowcount > 0
