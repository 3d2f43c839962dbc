"""The stored per-profile-cell sums of the analysis snapshot (schema v14, V14_DASH).

One row per fingerprint (in practice one row): a JSON description and the bytes of the
sums (`domain.cell_sums` says what they mean). Triggers on `analysis_snapshot` delete
every row whenever the snapshot is written, so a row here always belongs to the stored
snapshot; this module only moves the bytes.
"""

from __future__ import annotations

import sqlite3

from .connection import OperationalError, transaction

TABLE = "analysis_cell_sums"
# Read as bytes whatever a damaged row holds: a text with bytes that are not UTF-8 would
# make the driver raise instead of letting the reader refuse the row.
_COLUMNS = "CAST(meta AS BLOB), CAST(data AS BLOB)"


def has_table(conn: sqlite3.Connection) -> bool:
    """False on a file of an older schema opened read-only (not yet migrated)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                        f"name = '{TABLE}'").fetchone() is not None


def table_lost(conn: sqlite3.Connection) -> bool:
    """True when the schema has the sums (their triggers on the snapshot exist) but the
    table itself is gone (a hand edit): every snapshot write would then fail."""
    return not has_table(conn) and conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND "
        f"name = '{TABLE}_snapshot_inserted'").fetchone() is not None


def restore_table(conn: sqlite3.Connection) -> bool:
    """Create the table (and any missing trigger) as V14_DASH did, when it is lost;
    True if anything was created (caller holds a write transaction)."""
    if not table_lost(conn):
        return False
    from .migrations import _statements
    from .schema_steps import V14_DASH
    for statement in _statements(V14_DASH):
        conn.execute(statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)
                     .replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1))
    return True


def read(conn: sqlite3.Connection, fingerprint: str) -> tuple[str, bytes | None] | None:
    """(meta JSON text, bytes) stored under this fingerprint, or None."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM {TABLE} WHERE fingerprint = ?",
                       (fingerprint,)).fetchone()
    return None if row is None else (_text(row[0]), _blob(row[1]))


def read_all(conn: sqlite3.Connection) -> list[tuple[str, str, bytes]]:
    """Every stored row: (fingerprint, meta, bytes) (`check`)."""
    return [(f, _text(m), _blob(d)) for f, m, d in
            conn.execute(f"SELECT fingerprint, {_COLUMNS} FROM {TABLE}")]


def _blob(data) -> bytes | None:
    """The stored bytes (None: the column is NULL)."""
    return bytes(data) if isinstance(data, (bytes, bytearray, memoryview)) else None


def _text(meta) -> str:
    """The description as text, whatever a damaged row holds (`domain.cell_sums.decode`
    then refuses it)."""
    return bytes(meta or b"").decode("utf-8", errors="replace")


def replace(conn: sqlite3.Connection, fingerprint: str, meta: str, data: bytes) -> None:
    """Keep only these sums (caller holds a write transaction)."""
    conn.execute(f"DELETE FROM {TABLE}")
    conn.execute(f"INSERT INTO {TABLE} (fingerprint, meta, data) VALUES (?, ?, ?)",
                 (fingerprint, meta, data))


def clear(conn: sqlite3.Connection) -> None:
    """Forget the sums (caller holds a write transaction): the next load adds them up."""
    conn.execute(f"DELETE FROM {TABLE}")


def store_if_unchanged(conn: sqlite3.Connection, fingerprint: str, meta: str, data: bytes,
                       version: int) -> bool:
    """Store the sums in one write transaction unless another connection committed since
    `version` (PRAGMA data_version) was read, when the snapshot they were added up from
    may have been replaced, or the file cannot be written now (read-only media, a long
    writer): then False, and a later load tries again."""
    try:
        with transaction(conn):
            if conn.execute("PRAGMA data_version").fetchone()[0] != version:
                return False
            replace(conn, fingerprint, meta, data)
    except OperationalError:
        return False
    return True
