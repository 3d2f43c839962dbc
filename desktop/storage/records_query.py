"""The records list: count and one page of forms, filtered and sorted, for the records view.

Built for 100k forms: the view never holds every row; it asks for the count and then for
windows of rows (LIMIT/OFFSET over an indexed order) as the user scrolls. Filters and the
sort column are whitelisted here, so no caller text reaches the SQL.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# Column key -> SQL expression used for sorting (a second key keeps the order stable).
SORT_COLUMNS = {
    "form_number": "r.form_number",
    "round": "d.name",
    "status": "r.status",
    "operator": "r.operator",
    "created": "r.created",
    "updated": "r.updated",
    "revision": "r.revision",
}

LIVE = "live"  # status filter meaning "every status but deleted"


@dataclass(frozen=True)
class RecordFilter:
    """What the records view shows. Empty fields do not filter."""

    form_number: int | None = None
    status: str = LIVE
    operator: str = ""
    round_uuid: str = ""


@dataclass(frozen=True)
class RecordRow:
    """One line of the records list."""

    uuid: str
    form_number: int
    round_name: str
    status: str
    operator: str
    created: str
    updated: str
    revision: int
    deleted_reason: str | None = None


def _where(flt: RecordFilter, scan: bool = False) -> tuple[str, list]:
    """WHERE clause and arguments; `scan` keeps SQLite off the partial form-number index
    (a table scan beats walking that index and looking up each row, for sorting)."""
    clauses: list[str] = []
    args: list = []
    if flt.status == LIVE:
        clauses.append("+r.status != 'deleted'" if scan else "r.status != 'deleted'")
    elif flt.status:
        clauses.append("r.status = ?")
        args.append(flt.status)
    if flt.round_uuid:
        clauses.append("r.round_uuid = ?")
        args.append(flt.round_uuid)
    if flt.operator:
        clauses.append("r.operator = ?")
        args.append(flt.operator)
    if flt.form_number is not None:
        clauses.append("r.form_number = ?")
        args.append(flt.form_number)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def count_records(conn: sqlite3.Connection, flt: RecordFilter) -> int:
    """How many forms match the filter."""
    where, args = _where(flt)
    # The round table is joined only for sorting, so counting never touches it.
    return conn.execute(f"SELECT COUNT(*) FROM response r{where}", args).fetchone()[0]


def page_records(conn: sqlite3.Connection, flt: RecordFilter, sort: str = "form_number",
                 descending: bool = False, offset: int = 0, limit: int = 200,
                 ) -> list[RecordRow]:
    """Rows `offset`..`offset + limit` of the filtered, sorted list."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    where, args = _where(flt, scan=True)
    direction = "DESC" if descending else "ASC"
    # Unary + keeps SQLite from walking a whole index in sort order and looking up every
    # row (measured 0.6 s at 100k forms). The window's rowids are chosen first, sorting
    # only (key, rowid) pairs, and the few rows are read after: about half the time of
    # sorting whole rows.
    order = (f"+{SORT_COLUMNS[sort]} {direction}, +r.form_number {direction}, "
             f"r.rowid {direction}")
    join = " JOIN round d ON d.uuid = r.round_uuid" if sort == "round" else ""
    rows = conn.execute(
        "SELECT r.uuid, r.form_number, d.name, r.status, r.operator, r.created, r.updated, "
        "r.revision, r.deleted_reason FROM response r JOIN round d ON d.uuid = r.round_uuid "
        f"WHERE r.rowid IN (SELECT r.rowid FROM response r{join}{where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}",
        [*args, limit, offset]).fetchall()
    return [RecordRow(*tuple(row)) for row in rows]


def operators(conn: sqlite3.Connection) -> list[str]:
    """Every operator who keyed a form, sorted."""
    return [row[0] for row in conn.execute(
        "SELECT DISTINCT operator FROM response ORDER BY operator")]


def round_counts(conn: sqlite3.Connection, round_uuid: str) -> dict[str, int]:
    """Forms of one round by status (deleted included)."""
    return {status: n for status, n in conn.execute(
        "SELECT status, COUNT(*) FROM response WHERE round_uuid = ? GROUP BY status",
        (round_uuid,))}
