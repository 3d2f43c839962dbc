"""The export's reads and bookkeeping: the last export of this laptop, the forms (all,
or those changed since they were last sent) and audit lines to send, streamed in order,
and the ledger row and export marks of an export (the `base` of each form's next
version). Callers hold the transaction.

`iter_forms` streams response + answers in one query ordered by uuid, so a 100k-form
export never holds the database in memory twice; `iter_form_texts` adds the texts SQLite
formats (storage/record_line_sql.py).
"""

from __future__ import annotations

import json
import operator
import sqlite3
from dataclasses import dataclass
from typing import Iterator, Sequence

from .audit_store import AUDIT_COLUMNS
from .record_line_sql import FORM_TEXTS
from .response_store import _COLUMNS as RESPONSE_COLUMNS

_ANSWERS = "form_answers"


@dataclass(frozen=True)
class LastExport:
    sequence: int
    bundle_uuid: str | None
    audit_through: int
    created: str | None


def last_export(conn: sqlite3.Connection, device_id: str) -> LastExport:
    """The newest export of this device (sequence 0 when there is none)."""
    row = conn.execute(
        "SELECT sequence, bundle_uuid, audit_through, created FROM bundle_ledger "
        "WHERE direction = 'export' AND device_id = ? ORDER BY sequence DESC, id DESC LIMIT 1",
        (device_id,)).fetchone()
    if row is None:
        return LastExport(0, None, 0, None)
    return LastExport(row[0], row[1], row[2], row[3])


def max_audit_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]


def count_forms(conn: sqlite3.Connection, changed_only: bool) -> int:
    sql = "SELECT COUNT(*) FROM response r"
    if changed_only:
        sql += (" LEFT JOIN export_mark m ON m.response_uuid = r.uuid "
                "WHERE m.revision IS NULL OR m.revision != r.revision")
    return conn.execute(sql).fetchone()[0]


def iter_forms(conn: sqlite3.Connection, changed_only: bool
               ) -> Iterator[tuple[tuple, str, tuple[int, str] | None]]:
    """(response columns, answers as a JSON object text, last exported (revision, sha256)
    or None) per form, ordered by uuid; with `changed_only`, only forms changed since they
    were last sent. The answers are the stored canonical text (keys in code-point order;
    '{}' for a form without answers)."""
    columns = ", ".join(f"r.{c}" for c in RESPONSE_COLUMNS)
    where = " WHERE m.revision IS NULL OR m.revision != r.revision" if changed_only else ""
    cursor = conn.execute(
        f"SELECT {columns}, m.revision, m.sha256, COALESCE(g.answers, '{{}}') FROM response r "
        "LEFT JOIN export_mark m ON m.response_uuid = r.uuid "
        f"LEFT JOIN {_ANSWERS} g ON g.response_uuid = r.uuid{where} ORDER BY r.uuid")
    cursor.row_factory = None
    width = len(RESPONSE_COLUMNS)
    for row in cursor:
        base = None if row[width] is None else (row[width], row[width + 1])
        yield row[:width], row[width + 2], base


def iter_form_texts(conn: sqlite3.Connection, changed_only: bool) -> sqlite3.Cursor:
    """The rows of `iter_forms` (response columns, base revision, base sha256, answers
    JSON) followed by text SQLite formats for the export: the content-hash head, the
    records.jsonl line in three pieces, a `plain` flag and the CSV's fixed cells (see
    FORM_TEXTS); ordered by uuid, streamed."""
    columns = ", ".join(f"r.{c}" for c in RESPONSE_COLUMNS)
    where = " WHERE m.revision IS NULL OR m.revision != r.revision" if changed_only else ""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        f"SELECT {columns}, m.revision, m.sha256, COALESCE(g.answers, '{{}}'), {FORM_TEXTS} "
        "FROM response r LEFT JOIN export_mark m ON m.response_uuid = r.uuid "
        f"LEFT JOIN {_ANSWERS} g ON g.response_uuid = r.uuid "
        f"LEFT JOIN round d ON d.uuid = r.round_uuid{where} ORDER BY r.uuid")


def iter_audit_lines(conn: sqlite3.Connection, after_id: int) -> Iterator[str]:
    """Audit rows with id > after_id, oldest first, each as a JSON object text (keys in
    sorted order) made by SQLite: the lines of audit.jsonl."""
    pairs = ", ".join(f"'{c}', {c}" for c in sorted(AUDIT_COLUMNS))
    cursor = conn.execute(f"SELECT json_object({pairs}) FROM audit_log WHERE id > ? "
                          "ORDER BY id", (after_id,))
    cursor.row_factory = None
    return map(operator.itemgetter(0), cursor)


def rounds(conn: sqlite3.Connection) -> list[dict]:
    return [dict(row) for row in conn.execute("SELECT * FROM round ORDER BY created, uuid")]


def record_export(conn: sqlite3.Connection, *, bundle_uuid: str, device_id: str,
                  sequence: int, previous_uuid: str | None, created: str, recorded: str,
                  file_name: str, counts: dict, audit_through: int,
                  marks: Sequence[tuple[str, int, str]]) -> None:
    """The ledger row of an export and the export marks of the forms it carried."""
    conn.execute(
        "INSERT INTO bundle_ledger (direction, bundle_uuid, device_id, sequence, previous_uuid,"
        " created, recorded, file_name, counts, audit_through) "
        "VALUES ('export', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (bundle_uuid, device_id, sequence, previous_uuid, created, recorded, file_name,
         json.dumps(counts, sort_keys=True), audit_through))
    _mark_exported(conn, bundle_uuid, marks)


def complete_export(conn: sqlite3.Connection, bundle_uuid: str, audit_through: int,
                    marks: Sequence[tuple[str, int, str]]) -> None:
    """After the file exists: the audit watermark and the marks of a claimed export."""
    conn.execute("UPDATE bundle_ledger SET audit_through = ? WHERE direction = 'export' AND "
                 "bundle_uuid = ?", (audit_through, bundle_uuid))
    _mark_exported(conn, bundle_uuid, marks)


def _mark_exported(conn: sqlite3.Connection, bundle_uuid: str,
                   marks: Sequence[tuple[str, int, str]]) -> None:
    """The export mark of each (form uuid, revision, sha256) sent in `bundle_uuid`."""
    conn.executemany(
        "INSERT INTO export_mark (response_uuid, revision, sha256, bundle_uuid) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(response_uuid) DO UPDATE SET "
        "revision = excluded.revision, sha256 = excluded.sha256, "
        "bundle_uuid = excluded.bundle_uuid",
        [(uuid, revision, sha, bundle_uuid) for uuid, revision, sha in marks])


def drop_export_claim(conn: sqlite3.Connection, bundle_uuid: str) -> None:
    """Remove the claim of an export whose file could not be written."""
    conn.execute("DELETE FROM bundle_ledger WHERE direction = 'export' AND bundle_uuid = ?",
                 (bundle_uuid,))
