"""The audit hash chain: each audit row hashes its content and the previous row of its device.

`row_hash(prev_hash, values)` is sha256 over the previous row's hash (empty text for the
first row of a device), a newline, and the compact JSON list of the row's AUDIT_FIELDS
values. A changed, removed or reordered row breaks every hash after it, and HQ holds the
last hash it received from each device, so a field database cannot rewrite what it has
already sent. Rows written before schema V5 carry no hash and stand before the chain.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Iterable, Sequence

AUDIT_FIELDS = ("uuid", "time", "operator", "device", "action", "response_uuid",
                "question_id", "old", "new", "reason")
GENESIS = ""
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def row_hash(prev_hash: str, values: Sequence) -> str:
    """The hash of one audit row (values in AUDIT_FIELDS order) after `prev_hash`."""
    return hashlib.sha256(f"{prev_hash}\n{_encode(list(values))}".encode("utf-8")).hexdigest()


def device_head(conn: sqlite3.Connection, device: str) -> str:
    """The hash of the newest chained row of `device` (GENESIS when it has none)."""
    row = conn.execute("SELECT hash FROM audit_log WHERE device = ? AND hash IS NOT NULL "
                       "ORDER BY id DESC LIMIT 1", (device,)).fetchone()
    return row[0] if row else GENESIS


def device_heads(conn: sqlite3.Connection, devices: Iterable[str]) -> dict[str, str]:
    return {device: device_head(conn, device) for device in set(devices)}


@dataclass
class ChainReport:
    """The result of walking every device's chain in a database."""

    rows: int = 0
    legacy_rows: int = 0
    devices: int = 0
    findings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def verify_chains(conn: sqlite3.Connection, limit: int = 20) -> ChainReport:
    """Walk every audit row in id order and check each device's chain (read only)."""
    columns = ", ".join(AUDIT_FIELDS)
    cursor = conn.execute(f"SELECT id, {columns}, prev_hash, hash FROM audit_log ORDER BY id")
    cursor.row_factory = None
    report = ChainReport()
    heads: dict[str, str | None] = {}
    width = len(AUDIT_FIELDS)
    for row in cursor:
        report.rows += 1
        row_id, values, prev, digest = row[0], row[1:width + 1], row[width + 1], row[width + 2]
        device = values[3]
        head = heads.get(device)
        if digest is None and prev is None:
            if head is not None:
                _find(report, limit, f"Audit row {row_id} of device {device} has no hash "
                      "after the chain started, so it was added around the program.")
            report.legacy_rows += 1
            heads.setdefault(device, None)
            continue
        expected_prev = head if head is not None else GENESIS
        if prev != expected_prev:
            _find(report, limit, f"Audit row {row_id} of device {device} does not follow "
                  "the row before it, so a row was removed, added or moved.")
        if digest != row_hash(prev or "", values):
            _find(report, limit, f"Audit row {row_id} of device {device} does not match its "
                  "hash, so it was changed after it was written.")
        heads[device] = digest
    report.devices = len(heads)
    return report


def _find(report: ChainReport, limit: int, sentence: str) -> None:
    if len(report.findings) < limit:
        report.findings.append(sentence)
