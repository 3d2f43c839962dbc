"""Operators of a project: name, role, PIN hash (with its salt and parameters), active.

Rows are never deleted (a form keeps its operator id for good); a departed operator is
deactivated. Functions expect the caller to hold a transaction for writes (see
`connection.transaction`); the services decide what to write and audit it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

ROLES = ("keyer", "verifier", "supervisor")


@dataclass(frozen=True)
class OperatorRow:
    id: str
    name: str
    role: str
    pin_hash: bytes
    pin_salt: bytes
    pin_params: str
    active: bool
    created: str
    updated: str


_COLUMNS = ("id", "name", "role", "pin_hash", "pin_salt", "pin_params", "active", "created",
            "updated")
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM operator"


def _row(values: sqlite3.Row | tuple | None) -> OperatorRow | None:
    if values is None:
        return None
    data = dict(zip(_COLUMNS, tuple(values)))
    data["active"] = bool(data["active"])
    data["pin_hash"], data["pin_salt"] = bytes(data["pin_hash"]), bytes(data["pin_salt"])
    return OperatorRow(**data)


def has_operators(conn: sqlite3.Connection) -> bool:
    """Whether the project has any active operator (a project without one enforces no
    roles: see services/operator_service.py)."""
    return conn.execute("SELECT 1 FROM operator WHERE active = 1 LIMIT 1").fetchone() \
        is not None


def list_operators(conn: sqlite3.Connection, include_inactive: bool = True) -> list[OperatorRow]:
    """Every operator, active ones first, by name."""
    where = "" if include_inactive else " WHERE active = 1"
    rows = conn.execute(f"{_SELECT}{where} ORDER BY active DESC, lower(name), created")
    return [_row(r) for r in rows]  # type: ignore[misc]


def get_operator(conn: sqlite3.Connection, operator_id: str) -> OperatorRow | None:
    return _row(conn.execute(f"{_SELECT} WHERE id = ?", (operator_id,)).fetchone())


def find_active(conn: sqlite3.Connection, name: str) -> OperatorRow | None:
    """The active operator of this name (case does not matter), if any."""
    return _row(conn.execute(f"{_SELECT} WHERE active = 1 AND lower(name) = lower(?)",
                             (name.strip(),)).fetchone())


def count_active_supervisors(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM operator WHERE active = 1 "
                            "AND role = 'supervisor'").fetchone()[0])


def insert_operator(conn: sqlite3.Connection, row: OperatorRow) -> None:
    conn.execute(f"INSERT INTO operator ({', '.join(_COLUMNS)}) "
                 f"VALUES ({', '.join('?' for _ in _COLUMNS)})",
                 tuple(int(v) if isinstance(v, bool) else v
                       for v in (getattr(row, c) for c in _COLUMNS)))


def update_operator(conn: sqlite3.Connection, operator_id: str, updated: str,
                    **columns: object) -> None:
    """Set some columns (name, role, pin_hash, pin_salt, pin_params, active)."""
    unknown = set(columns) - set(_COLUMNS[1:7])
    if unknown:
        raise ValueError(f"unknown operator columns {sorted(unknown)}")
    values = [int(v) if isinstance(v, bool) else v for v in columns.values()]
    assignments = ", ".join(f"{name} = ?" for name in columns)
    conn.execute(f"UPDATE operator SET {assignments}, updated = ? WHERE id = ?",
                 (*values, updated, operator_id))
