"""The stored analysis snapshot and the forms written since it was taken (schema v7).

`analysis_snapshot` rows are named parts (one per column, plus a header named '') with a
JSON description and the column's bytes; `analysis_dirty` is filled by triggers on
`answer` and `response` (see schema_steps.V7_ANALYSIS), and `analysis_dirty_before`
(v16, V16_DASH_BEFORE) keeps a dirty form as it was before its first write since. What
the bytes mean is `domain.column_snapshot`'s business; this module only moves them.
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Iterable, Sequence

from .connection import OperationalError, read_snapshot, transaction

__all__ = ["before_table_lost", "clear_dirty", "data_version", "dirty_before", "dirty_uuids",
           "drop_snapshot", "has_dirty", "has_tables", "read_named_parts", "read_parts",
           "read_snapshot", "replace_snapshot", "restore_before_table", "store_if_unchanged",
           "transaction", "write_parts"]

HEADER = ""


def has_tables(conn: sqlite3.Connection) -> bool:
    """False on a file of an older schema opened read-only (not yet migrated)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                        "name = 'analysis_snapshot'").fetchone() is not None


def read_parts(conn: sqlite3.Connection) -> dict[str, tuple[str, bytes]]:
    """Every stored part: name -> (meta JSON text, bytes); empty without a snapshot."""
    return {name: (meta, bytes(data)) for name, meta, data in
            conn.execute("SELECT name, meta, data FROM analysis_snapshot")}


def read_named_parts(conn: sqlite3.Connection, names: Sequence[str],
                     each: Callable[[], None] | None = None) -> dict[str, tuple[str, bytes]]:
    """These parts (those stored): name -> (meta JSON text, bytes), one query per part so
    `each()` can report progress after each (a million forms: a part is 1-8 MB)."""
    parts = {}
    for name in names:
        row = conn.execute("SELECT meta, data FROM analysis_snapshot WHERE name = ?",
                           (name,)).fetchone()
        if row is not None:
            parts[name] = (row[0], bytes(row[1]))
        if each is not None:
            each()
    return parts


def has_dirty(conn: sqlite3.Connection) -> bool:
    """True when a form was written since the snapshot was taken."""
    return conn.execute("SELECT EXISTS (SELECT 1 FROM analysis_dirty)").fetchone()[0] == 1


def write_parts(conn: sqlite3.Connection, parts: Iterable[tuple[str, str, bytes]]) -> None:
    """Replace the snapshot with these (name, meta, bytes) parts (caller holds a write
    transaction)."""
    conn.execute("DELETE FROM analysis_snapshot")
    conn.executemany("INSERT INTO analysis_snapshot (name, meta, data) VALUES (?, ?, ?)",
                     parts)


def drop_snapshot(conn: sqlite3.Connection) -> None:
    """Forget the snapshot: the next load builds one from the answer rows."""
    conn.execute("DELETE FROM analysis_snapshot")
    clear_dirty(conn)


def dirty_uuids(conn: sqlite3.Connection) -> list[str]:
    """The forms written since the snapshot was taken."""
    return [row[0] for row in conn.execute("SELECT response_uuid FROM analysis_dirty")]


def dirty_before(conn: sqlite3.Connection) -> dict[str, tuple] | None:
    """The dirty forms kept as they were before their first write since the snapshot:
    uuid -> (status, round uuid, form number, operator, created, answers text or None);
    status None when there was no such form. A dirty form missing here was not kept
    (saved since, or dirty before schema v16). None on an older schema."""
    if not _has_before(conn):
        return None
    return {row[0]: row[1:] for row in conn.execute(
        "SELECT b.response_uuid, b.status, b.round_uuid, b.form_number, b.operator, "
        "b.created, b.answers FROM analysis_dirty_before b "
        "JOIN analysis_dirty d ON d.response_uuid = b.response_uuid")}


_BEFORE_TABLES = ("analysis_dirty_before", "analysis_before_room")


def _has_before(conn: sqlite3.Connection) -> bool:
    return _tables(conn, _BEFORE_TABLES) == len(_BEFORE_TABLES)


def _tables(conn: sqlite3.Connection, names: Sequence[str]) -> int:
    marks = ", ".join("?" for _ in names)
    return conn.execute(f"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND "
                        f"name IN ({marks})", tuple(names)).fetchone()[0]


def before_table_lost(conn: sqlite3.Connection) -> bool:
    """True when the schema keeps forms (V16_DASH_BEFORE's triggers exist) but one of its
    tables is gone (a hand edit): every write of a form would then fail."""
    return not _has_before(conn) and conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND "
        "name = 'analysis_before_response_updated'").fetchone() is not None


def restore_before_table(conn: sqlite3.Connection) -> bool:
    """Create the tables (and any missing trigger) as V16_DASH_BEFORE did, when one is
    lost, with no room to keep forms until the next snapshot is stored; True if anything
    was created (caller holds a write transaction; `check --repair`)."""
    if not before_table_lost(conn):
        return False
    from .migrations import _statements
    from .schema_steps import V16_DASH_BEFORE
    for statement in _statements(V16_DASH_BEFORE):
        if not statement.lstrip().startswith("INSERT"):
            conn.execute(statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)
                         .replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1))
    conn.execute("INSERT INTO analysis_before_room (forms) SELECT 0 "
                 "WHERE NOT EXISTS (SELECT 1 FROM analysis_before_room)")
    return True


# Forms kept before their first write since the snapshot, at most: as many as a load
# patches (services/analysis_table.STORE_AFTER); past that it builds the snapshot again.
KEPT_AT_MOST = 1_000


def clear_dirty(conn: sqlite3.Connection) -> None:
    """The snapshot now includes every written form (caller holds a write transaction and
    checked that nobody wrote since it read the dirty set); forms are kept again."""
    conn.execute("DELETE FROM analysis_dirty")
    if _has_before(conn):
        conn.execute("DELETE FROM analysis_dirty_before")
        conn.execute("UPDATE analysis_before_room SET forms = ?", (KEPT_AT_MOST,))


def data_version(conn: sqlite3.Connection) -> int:
    """Changes when ANOTHER connection commits (SQLite's PRAGMA data_version)."""
    return conn.execute("PRAGMA data_version").fetchone()[0]


def replace_snapshot(conn: sqlite3.Connection, parts: Iterable[tuple[str, str, bytes]]) -> None:
    """Store a snapshot and mark every form clean, in the caller's transaction."""
    write_parts(conn, parts)
    clear_dirty(conn)


def store_if_unchanged(conn: sqlite3.Connection, parts: Iterable[tuple[str, str, bytes]],
                       version: int) -> bool:
    """Store the snapshot and clear the dirty list in one write transaction, unless another
    connection committed since `version` was read (its forms would be marked clean without
    being in the snapshot), or the file cannot be written now (read-only media, a long
    writer): then False, and the next load tries again."""
    try:
        with transaction(conn):
            if data_version(conn) != version:
                raise _Stale
            replace_snapshot(conn, parts)
    except (_Stale, *OperationalError):
        return False
    return True


class _Stale(Exception):
    """Another connection wrote since the read."""
