"""The project's device key, stored inside the database (table `device_secret`, one row).

The private key is kept as PKCS#8 DER in the (SQLCipher-encrypted) database, so it can be
read only once the project is unlocked. Callers hold the transaction and write the audit
row of the change (services/device_identity.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class DeviceSecret:
    device_id: str
    private_key_der: bytes
    created: str
    origin: str  # 'created' or 'imported'


def has_table(conn: sqlite3.Connection) -> bool:
    """False for a database older than the device key's table (read-only inspection)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                        "name = 'device_secret'").fetchone() is not None


def get_device_secret(conn: sqlite3.Connection) -> DeviceSecret | None:
    if not has_table(conn):
        return None
    row = conn.execute("SELECT device_id, private_key, created, origin FROM device_secret "
                       "WHERE slot = 1").fetchone()
    return DeviceSecret(row[0], bytes(row[1]), row[2], row[3]) if row else None


def put_device_secret(conn: sqlite3.Connection, secret: DeviceSecret) -> None:
    """Store the key; refused (IntegrityError) when the project has one already."""
    conn.execute("INSERT INTO device_secret (slot, device_id, private_key, created, origin) "
                 "VALUES (1, ?, ?, ?, ?)",
                 (secret.device_id, secret.private_key_der, secret.created, secret.origin))


def device_id_in_use(conn: sqlite3.Connection, device_id: str) -> bool:
    """Whether forms, audit rows or exports of this project name `device_id`."""
    return any(conn.execute(sql, (device_id,)).fetchone() is not None for sql in (
        "SELECT 1 FROM audit_log WHERE device = ? LIMIT 1",
        "SELECT 1 FROM response WHERE device = ? LIMIT 1",
        "SELECT 1 FROM bundle_ledger WHERE direction = 'export' AND device_id = ? LIMIT 1"))

