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
# The columns of a RecordRow, in its order.
_ROW_SELECT = ("SELECT r.uuid, r.form_number, d.name, r.status, r.operator, r.created, "
               "r.updated, r.revision, r.deleted_reason FROM response r "
               "JOIN round d ON d.uuid = r.round_uuid")


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
    if flt.status == LIVE and not flt.operator and flt.form_number is None:
        # All forms (SQLite counts a b-tree without reading its rows) less the deleted ones
        # (through the round/status index): 10x faster than testing every row's status,
        # and the view opens with this count.
        rounds = "= ?" if flt.round_uuid else "IN (SELECT uuid FROM round)"
        args = [flt.round_uuid] if flt.round_uuid else []
        total = ("SELECT COUNT(*) FROM response WHERE round_uuid = ?" if flt.round_uuid
                 else "SELECT COUNT(*) FROM response")
        return conn.execute(
            f"SELECT ({total}) - (SELECT COUNT(*) FROM response WHERE status = 'deleted' "
            f"AND round_uuid {rounds})", args * 2).fetchone()[0]
    where, args = _where(flt)
    # The round table is joined only for sorting, so counting never touches it.
    return conn.execute(f"SELECT COUNT(*) FROM response r{where}", args).fetchone()[0]


def page_records(conn: sqlite3.Connection, flt: RecordFilter, sort: str = "form_number",
                 descending: bool = False, offset: int = 0, limit: int = 200,
                 ) -> list[RecordRow]:
    """Rows `offset`..`offset + limit` of the filtered, sorted list."""
    if sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort column {sort!r}")
    if sort == "form_number" and flt.status not in ("", "deleted"):  # the index's forms
        return _page_by_form_number(conn, flt, descending, offset, limit)
    return _page_by_scan(conn, flt, sort, descending, offset, limit)


def _page_by_form_number(conn: sqlite3.Connection, flt: RecordFilter, descending: bool,
                         offset: int, limit: int) -> list[RecordRow]:
    """The form-number order (the view's default) without sorting every form: each round's
    first `offset + limit` forms come in order from the round/form-number index (which
    holds exactly the forms not deleted), and only those are merged. The first window of a
    million forms costs what it costs for a thousand; a deep window costs what the scan
    would. The same rows in the same order as `_page_by_scan`."""
    where, args = _where(flt)
    direction = "DESC" if descending else "ASC"
    rounds = [flt.round_uuid] if flt.round_uuid else [
        row[0] for row in conn.execute("SELECT uuid FROM round ORDER BY uuid")]
    if not rounds:
        return []
    each = (f"SELECT * FROM (SELECT r.rowid AS id, r.form_number AS number "
            f"FROM response r INDEXED BY response_form_number"
            f"{where}{' AND' if where else ' WHERE'} r.round_uuid = ? "
            f"AND r.status != 'deleted' ORDER BY r.form_number {direction} LIMIT ?)")
    union = " UNION ALL ".join(each for _ in rounds)
    params: list = []
    for round_uuid in rounds:
        params += [*args, round_uuid, offset + limit]
    rows = conn.execute(
        f"{_ROW_SELECT} "
        f"JOIN (SELECT id, number FROM ({union}) ORDER BY number {direction}, id {direction} "
        f"LIMIT ? OFFSET ?) w ON w.id = r.rowid ORDER BY w.number {direction}, w.id {direction}",
        [*params, limit, offset]).fetchall()
    return [RecordRow(*tuple(row)) for row in rows]


def _page_by_scan(conn: sqlite3.Connection, flt: RecordFilter, sort: str, descending: bool,
                  offset: int, limit: int) -> list[RecordRow]:
    """Any order: sort the (key, rowid) pairs of every matching form, read the window."""
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
        f"{_ROW_SELECT} "
        f"WHERE r.rowid IN (SELECT r.rowid FROM response r{join}{where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}",
        [*args, limit, offset]).fetchall()
    return [RecordRow(*tuple(row)) for row in rows]


def operators(conn: sqlite3.Connection) -> list[str]:
    """Every operator who keyed a form, sorted: one step of the operator index per name
    (a million forms by ten operators cost ten index look-ups, not a million rows)."""
    return [row[0] for row in conn.execute(
        "WITH RECURSIVE name(value) AS (SELECT MIN(operator) FROM response UNION ALL "
        "SELECT (SELECT MIN(operator) FROM response WHERE operator > name.value) FROM name "
        "WHERE name.value IS NOT NULL) SELECT value FROM name WHERE value IS NOT NULL")]


def round_counts(conn: sqlite3.Connection, round_uuid: str) -> dict[str, int]:
    """Forms of one round by status (deleted included)."""
    return {status: n for status, n in conn.execute(
        "SELECT status, COUNT(*) FROM response WHERE round_uuid = ? GROUP BY status",
        (round_uuid,))}
