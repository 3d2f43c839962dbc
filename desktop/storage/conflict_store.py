"""Conflicts kept by the HQ import (`response_conflict`) and the analyst's resolution of
them. The only SQL for resolving conflicts; callers hold the transaction.

A resolved conflict keeps its row and the incoming record exactly as they arrived: only
`status`, `resolved_by`, `resolved_at` and `resolution` (schema 4) are set, once.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

_COLUMNS = ("id", "response_uuid", "revision", "sha256", "device_id", "bundle_uuid", "record",
            "hq_revision", "hq_sha256", "reason", "detected", "status", "resolved_by",
            "resolved_at", "resolution")


@dataclass(frozen=True)
class ConflictRow:
    """One stored conflict: the incoming version (`record`, the records.jsonl line) and
    what HQ had when the import met it."""

    id: int
    response_uuid: str
    revision: int
    sha256: str
    device_id: str
    bundle_uuid: str
    record: str
    hq_revision: int | None
    hq_sha256: str | None
    reason: str
    detected: str
    status: str
    resolved_by: str | None
    resolved_at: str | None
    resolution: str | None


def list_conflicts(conn: sqlite3.Connection, status: str | None = "open") -> list[ConflictRow]:
    """Conflicts with this status (all when None), oldest first."""
    sql = f"SELECT {', '.join(_COLUMNS)} FROM response_conflict"
    args: tuple = ()
    if status is not None:
        sql += " WHERE status = ?"
        args = (status,)
    return [ConflictRow(*row) for row in conn.execute(sql + " ORDER BY id", args)]


def get_conflict(conn: sqlite3.Connection, conflict_id: int) -> ConflictRow | None:
    row = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM response_conflict WHERE id = ?",
                       (conflict_id,)).fetchone()
    return ConflictRow(*row) if row else None


def count_open(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM response_conflict WHERE status = 'open'"
                        ).fetchone()[0]


def mark_resolved(conn: sqlite3.Connection, conflict_id: int, resolved_by: str,
                  resolved_at: str, resolution: str) -> bool:
    """Close an open conflict; False when it was not open (resolved meanwhile)."""
    cursor = conn.execute(
        "UPDATE response_conflict SET status = 'resolved', resolved_by = ?, resolved_at = ?, "
        "resolution = ? WHERE id = ? AND status = 'open'",
        (resolved_by, resolved_at, resolution, conflict_id))
    return cursor.rowcount == 1


def last_editor(conn: sqlite3.Connection, response_uuid: str,
                device_id: str) -> tuple[str, str] | None:
    """(operator, time) of the newest audit row of a form written on one device (the
    laptops' audit rows travel in the bundles), or None."""
    row = conn.execute("SELECT operator, time FROM audit_log WHERE response_uuid = ? AND "
                       "device = ? ORDER BY time DESC, id DESC LIMIT 1",
                       (response_uuid, device_id)).fetchone()
    return (row[0], row[1]) if row else None
