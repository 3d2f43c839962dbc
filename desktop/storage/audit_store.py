"""The append-only audit log: who changed what, when, why, with old and new values.

Rows are written by the same transaction as the change they describe (callers pass the
open connection inside `transaction`). Triggers in the schema refuse UPDATE and DELETE.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Iterable

from .clock import new_uuid, utc_now


@dataclass(frozen=True)
class AuditEntry:
    action: str
    operator: str
    device: str
    response_uuid: str | None = None
    question_id: str | None = None
    old: str | None = None
    new: str | None = None
    reason: str | None = None


def write_audit(conn: sqlite3.Connection, entries: Iterable[AuditEntry],
                time: str | None = None) -> int:
    """Append entries; returns how many were written."""
    when = time or utc_now()
    rows = [(new_uuid(), when, e.operator, e.device, e.action, e.response_uuid, e.question_id,
             e.old, e.new, e.reason) for e in entries]
    conn.executemany(
        "INSERT INTO audit_log (uuid, time, operator, device, action, response_uuid, "
        "question_id, old, new, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def history(conn: sqlite3.Connection, response_uuid: str) -> list[dict]:
    """The audit rows of one form, oldest first."""
    rows = conn.execute(
        "SELECT time, operator, device, action, question_id, old, new, reason FROM audit_log "
        "WHERE response_uuid = ? ORDER BY id", (response_uuid,))
    return [dict(row) for row in rows]
