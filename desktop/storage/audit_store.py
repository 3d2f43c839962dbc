"""The append-only audit log: who changed what, when, why, with old and new values.

Rows are written by the same transaction as the change they describe (callers pass the
open connection inside `transaction`). Triggers in the schema refuse UPDATE, DELETE and
any replacement; each row carries the hash chain of its device (see audit_chain.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Iterable

from .audit_chain import device_head, row_hash
from .clock import new_uuid, utc_now

# The audit_log columns a bundle carries (audit.jsonl), in the order the import inserts them.
AUDIT_COLUMNS = ("uuid", "time", "operator", "device", "action", "response_uuid",
                 "question_id", "old", "new", "reason", "prev_hash", "hash")


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
    rows = []
    heads: dict[str, str] = {}
    for e in entries:
        values = (new_uuid(), when, e.operator, e.device, e.action, e.response_uuid,
                  e.question_id, e.old, e.new, e.reason)
        prev = heads.get(e.device)
        if prev is None:
            prev = device_head(conn, e.device)
        heads[e.device] = digest = row_hash(prev, values)
        rows.append(values + (prev, digest))
    conn.executemany(
        "INSERT INTO audit_log (uuid, time, operator, device, action, response_uuid, "
        "question_id, old, new, reason, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def history(conn: sqlite3.Connection, response_uuid: str) -> list[dict]:
    """The audit rows of one form, oldest first."""
    rows = conn.execute(
        "SELECT time, operator, device, action, question_id, old, new, reason FROM audit_log "
        "WHERE response_uuid = ? ORDER BY id", (response_uuid,))
    return [dict(row) for row in rows]
