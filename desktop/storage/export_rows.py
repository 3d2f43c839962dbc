"""The export's form rows: a chunk of forms as a few long texts (`form_chunk`), or one
row per form (`iter_form_rows`), read in uuid order without a temporary table.

`form_chunk` returns ONE row for up to `limit` forms after a uuid: SQLite aggregates each
form's answers, formats its records.jsonl line (all but the content sha256, whose place
holds U+001F), the content-hash input and the CSV's fixed cells, and concatenates them
over the chunk (forms separated by U+001E, lines by a newline). Python then handles a few
strings per chunk of forms instead of twenty values per form, and the reading thread
takes Python's lock once per chunk rather than once per row (with two threads, each
re-take can wait for the other thread's switch interval: measured, the reader sat idle
for a third of the export). `plain` is 0 when any form of the chunk has a column of an
unusual type, no answers, an entry time SQLite cannot print as Python does, or a base
sha256 that is not one (bundle/form_chunk.py checks the texts themselves: the line quotes
the text columns without escaping them, see record_line_sql.RECORD_LINE_PRINTF).

`iter_form_rows` returns one row per form: the response columns (RESPONSE_COLUMNS), the
base revision and sha256, the answers as a JSON object, and the texts SQLite formats for
the export (SQL shared with `export_store.iter_form_texts`): the content-hash head, the
records.jsonl line in three pieces, a `plain` flag and the CSV's fixed cells. The export
reads a chunk this way when its texts are not plain (bundle_writer.add_form_rows decides
form by form).

Each form's answers (its stored text, '{}' for a form without answers) come from a
correlated subquery over the answer key inside a co-routine instead of a join, which
SQLite once materialised with an automatic index before the first row (70 MB at 100k
forms, ten times that at a million); here rows stream in uuid order.
"""

from __future__ import annotations

import sqlite3

from .record_line_sql import (BASE_PLAIN, HASH_HEAD, HASH_INPUT_PRINTF, RECORD_AFTER_ANSWERS,
                              RECORD_LINE_PRINTF, RECORD_PLAIN, RECORD_REST,
                              csv_fixed_cells_printf)
from .response_store import _COLUMNS as RESPONSE_COLUMNS

_CHANGED = ("NOT EXISTS (SELECT 1 FROM export_mark x WHERE x.response_uuid = response.uuid "
            "AND x.revision = response.revision)")
# Python's repr of a float on the 0.1 grid below 1e9 is what printf('%.1f') writes
# (x equals n / 10.0 exactly, so its shortest round-trip text has one decimal).
_SECONDS_PLAIN = ("r.entry_seconds >= 0 AND r.entry_seconds < 1e9 AND "
                  "r.entry_seconds = round(r.entry_seconds * 10) / 10.0")


def _forms(changed_only: bool, ranged: bool) -> str:
    """The ordered response rows with their answers object. LIMIT keeps the subquery a
    co-routine (streamed, never flattened or sorted again), so rows leave in uuid order."""
    where = []
    if ranged:
        where.append("uuid > ?")
    if changed_only:
        where.append(_CHANGED)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return ("(SELECT response.*, COALESCE((SELECT answers FROM form_answers a "
            f"WHERE a.response_uuid = response.uuid), '{{}}') AS answers FROM response{clause} "
            f"ORDER BY uuid LIMIT {'?' if ranged else '-1'})")


_JOINS = ("LEFT JOIN export_mark m ON m.response_uuid = r.uuid "
          "LEFT JOIN round d ON d.uuid = r.round_uuid")
_CHUNK_COLUMNS = (
    "r.uuid AS uuid, r.revision AS revision, r.round_uuid AS round_uuid, "
    f"{HASH_INPUT_PRINTF} AS hashed, {RECORD_LINE_PRINTF} AS line, "
    f"{csv_fixed_cells_printf(',')} AS fixed, "
    f"r.answers IS NOT NULL AND {RECORD_PLAIN} AND {_SECONDS_PLAIN} AND {BASE_PLAIN} AS plain")


def form_chunk(conn: sqlite3.Connection, changed_only: bool, after: str,
               limit: int) -> tuple:
    """(count, uuids, revisions, round uuids, hash inputs, record lines, CSV fixed cells,
    plain, last uuid) of the next `limit` forms after uuid `after` ('' for the first), in
    uuid order; count 0 after the last form. The long texts come as UTF-8 bytes (BLOB):
    nothing decodes them on the reading thread, and the ZIP members take bytes."""
    cursor = conn.cursor()
    cursor.row_factory = None
    sep = "char(30)"
    return cursor.execute(
        f"SELECT count(*), group_concat(uuid, {sep}), group_concat(revision, {sep}), "
        f"group_concat(round_uuid, {sep}), CAST(group_concat(hashed, {sep}) AS BLOB), "
        f"CAST(group_concat(line, char(10)) AS BLOB), "
        f"CAST(group_concat(fixed, {sep}) AS BLOB), min(COALESCE(plain, 0)), max(uuid) "
        f"FROM (SELECT {_CHUNK_COLUMNS} FROM {_forms(changed_only, True)} r {_JOINS})",
        (after, limit)).fetchone()


def iter_form_rows(conn: sqlite3.Connection, changed_only: bool, after: str | None = None,
                   limit: int | None = None) -> sqlite3.Cursor:
    """The export's rows (see the module docstring), ordered by uuid, streamed; with
    `after` and `limit`, the `limit` forms after uuid `after` (those of `form_chunk`)."""
    columns = ", ".join(f"r.{c}" for c in RESPONSE_COLUMNS)
    ranged = after is not None
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        f"SELECT {columns}, m.revision, m.sha256, COALESCE(r.answers, '{{}}'), {HASH_HEAD}, "
        f"{RECORD_AFTER_ANSWERS}, {RECORD_REST} "
        f"FROM {_forms(changed_only, ranged)} r {_JOINS}", (after, limit) if ranged else ())
