"""Bulk inserts in few statements: many rows per INSERT (a multi-row VALUES list), so a
chunk of 5,000 forms is a handful of `sqlite3_step` calls instead of one per row.

Why not `executemany`: it binds and steps row by row, taking Python's lock (the GIL)
back between rows. The import writes on a second thread while the first one parses and
checks the next forms (pure Python, holding the GIL); a writer that needs the GIL for
every row waits up to the interpreter's switch interval (5 ms) each time: the measured
100k import spent most of its writer's time waiting (16 s of wall time for 4.5 s of CPU).
A statement of thousands of rows binds them in one go (C, quick) and then runs start to
end without the GIL, so the two threads really overlap. The values are bound as they are
(no text round trip), so every type and every float stays exactly what Python held.
"""

from __future__ import annotations

import itertools
import sqlite3
from typing import Sequence

from ..domain import answers_json

# SQLite's default limit of bound parameters per statement (SQLITE_MAX_VARIABLE_NUMBER).
MAX_PARAMETERS = 32766
_flatten = itertools.chain.from_iterable


def insert_rows(conn: sqlite3.Connection, table: str, columns: Sequence[str],
                rows: Sequence[tuple], or_ignore: bool = False) -> None:
    """INSERT the `rows` (tuples in `columns` order) into `table`, in order, with as few
    statements as the parameter limit allows."""
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    head = f"{verb} INTO {table} ({', '.join(columns)}) VALUES "
    one = "(" + ", ".join("?" for _ in columns) + ")"
    _run_batches(conn, rows, len(columns), lambda n: head + ", ".join([one] * n))


def insert_form_answers(conn: sqlite3.Connection, pairs: Sequence[tuple[str, str]],
                        canonical: bool = False) -> None:
    """The answers of many forms, one row each: `pairs` of (response uuid, answers as a
    JSON object text of question id -> value). A text already canonical (what every
    bundle writer sends) is stored as it is, any other is normalised first
    (domain/answers_json.py; ValueError when it is not an object of texts); a form without
    answers gets no row. `canonical`: the caller vouches every text is canonical already
    (HQ's import decides it as it reads each record, bundle/records.py), so none is
    tested here again."""
    if canonical:
        rows = pairs
    else:
        is_canonical, normalised = answers_json.is_canonical, answers_json.normalised
        rows = [pair if is_canonical(pair[1]) else (pair[0], normalised(pair[1]))
                for pair in pairs]
    insert_rows(conn, "form_answers", ("response_uuid", "answers"),
                [row for row in rows if row[1] != answers_json.EMPTY])


def _run_batches(conn: sqlite3.Connection, rows: Sequence[tuple], width: int,
                 statement) -> None:
    """Execute `statement(n)` (n rows of `width` parameters) over `rows`, n as large as
    the limit allows (the same text each full batch: SQLite's statement cache keeps it)."""
    per = MAX_PARAMETERS // width
    for start in range(0, len(rows), per):
        batch = rows[start:start + per]
        conn.execute(statement(len(batch)), list(_flatten(batch)))
