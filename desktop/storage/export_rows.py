"""The export's form rows, read one form at a time (no temporary table).

`iter_form_rows` returns one row per form, in uuid order: the response columns
(RESPONSE_COLUMNS), the base revision and sha256, the answers as a JSON object, and the
texts SQLite formats for the export (SQL shared with `bundle_store.iter_form_texts`): the
content-hash head, the records.jsonl line in three pieces, a `plain` flag and the CSV's
fixed cells. Unlike `iter_form_texts`, the first piece of the line stops short of the
answers: Python joins '{"answers":' and the answers in (bundle/bundle_writer.py), so the
longest text of a row crosses from SQLite to Python once, not twice.

Each form's answers come from a correlated subquery over the answer key inside a
co-routine instead of a join with a grouped subquery, which SQLite materialised with an
automatic index before the first row (70 MB at 100k forms, ten times that at a million, and
the time to build it); here rows stream in uuid order.
"""

from __future__ import annotations

import sqlite3

from .bundle_store import _HASH_HEAD, _RECORD_AFTER_ANSWERS, _RECORD_REST, RESPONSE_COLUMNS

# LIMIT -1 keeps the ordered subquery a co-routine (streamed, never flattened or sorted
# again), so rows leave in uuid order.
_FORMS = ("(SELECT response.*, (SELECT json_group_object(question_id, value) FROM answer a "
          "WHERE a.response_uuid = response.uuid) AS answers FROM response ORDER BY uuid "
          "LIMIT -1)")


def iter_form_rows(conn: sqlite3.Connection, changed_only: bool) -> sqlite3.Cursor:
    """The export's rows (see the module docstring), ordered by uuid, streamed."""
    columns = ", ".join(f"r.{c}" for c in RESPONSE_COLUMNS)
    where = " WHERE m.revision IS NULL OR m.revision != r.revision" if changed_only else ""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        f"SELECT {columns}, m.revision, m.sha256, COALESCE(r.answers, '{{}}'), {_HASH_HEAD}, "
        f"{_RECORD_AFTER_ANSWERS}, {_RECORD_REST} "
        f"FROM {_FORMS} r LEFT JOIN export_mark m ON m.response_uuid = r.uuid "
        f"LEFT JOIN round d ON d.uuid = r.round_uuid{where}")
