"""HQ's device register: the field laptops headquarters enrolled, by key fingerprint.

A bundle is imported only when the fingerprint of the key that signed it is enrolled and
not revoked. The device id is bound to the fingerprint by the first bundle that arrives
(a key cannot later speak for another device id). Revoking keeps the row (who, when, why,
how many forms the device had sent): those forms stay and are listed as from a revoked
device. Callers hold the transaction and write the audit row of every change.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class EnrolledDevice:
    fingerprint: str  # 32 hex digits, no spaces
    name: str
    device_id: str | None
    enrolled: str
    enrolled_by: str
    revoked: str | None = None
    revoked_by: str | None = None
    revoke_reason: str | None = None
    forms_at_revocation: int | None = None

    @property
    def active(self) -> bool:
        return self.revoked is None


_COLUMNS = ("fingerprint, name, device_id, enrolled, enrolled_by, revoked, revoked_by, "
            "revoke_reason, forms_at_revocation")


def get_device(conn: sqlite3.Connection, fingerprint: str) -> EnrolledDevice | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM device_register WHERE fingerprint = ?",
                       (fingerprint,)).fetchone()
    return EnrolledDevice(*row) if row else None


def devices(conn: sqlite3.Connection) -> list[EnrolledDevice]:
    return [EnrolledDevice(*row) for row in conn.execute(
        f"SELECT {_COLUMNS} FROM device_register ORDER BY enrolled, fingerprint")]


def count_devices(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM device_register").fetchone()[0]


def enrol(conn: sqlite3.Connection, fingerprint: str, name: str, when: str,
          operator: str) -> None:
    conn.execute("INSERT INTO device_register (fingerprint, name, enrolled, enrolled_by) "
                 "VALUES (?, ?, ?, ?)", (fingerprint, name, when, operator))


def is_bound(conn: sqlite3.Connection, device_id: str) -> bool:
    """Whether an enrolled key (revoked or not) speaks for `device_id`."""
    return conn.execute("SELECT 1 FROM device_register WHERE device_id = ? LIMIT 1",
                        (device_id,)).fetchone() is not None


def bound_device_ids(conn: sqlite3.Connection) -> dict[str, str]:
    """fingerprint -> device id of every enrolled key (revoked or not) that signed a
    bundle here."""
    return dict(conn.execute("SELECT fingerprint, device_id FROM device_register "
                             "WHERE device_id IS NOT NULL"))


def bind_device_id(conn: sqlite3.Connection, fingerprint: str, device_id: str) -> None:
    """Remember the device id the enrolled key speaks for (first bundle only)."""
    conn.execute("UPDATE device_register SET device_id = ? WHERE fingerprint = ? AND "
                 "device_id IS NULL", (device_id, fingerprint))


def revoke(conn: sqlite3.Connection, fingerprint: str, when: str, operator: str,
           reason: str) -> int:
    """Mark a device revoked; returns how many forms from it HQ keeps (marked)."""
    device = get_device(conn, fingerprint)
    forms = forms_of_device(conn, device.device_id) if device and device.device_id else 0
    conn.execute("UPDATE device_register SET revoked = ?, revoked_by = ?, revoke_reason = ?, "
                 "forms_at_revocation = ? WHERE fingerprint = ? AND revoked IS NULL",
                 (when, operator, reason, forms, fingerprint))
    return forms


def forms_of_device(conn: sqlite3.Connection, device_id: str) -> int:
    """Forms at HQ keyed on this device (the device column of each form)."""
    return conn.execute("SELECT COUNT(*) FROM response WHERE device = ?",
                        (device_id,)).fetchone()[0]


def revoked_device_ids(conn: sqlite3.Connection) -> set[str]:
    """Device ids of revoked devices: their forms are marked in reports and listings."""
    return {r[0] for r in conn.execute("SELECT device_id FROM device_register WHERE "
                                       "revoked IS NOT NULL AND device_id IS NOT NULL")}
