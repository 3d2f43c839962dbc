"""Responses (one per paper form) and their answers (one row per form in `form_answers`:
the canonical JSON text of domain/answers_json.py; no row when a form has no answers).

Functions take an open connection and expect the caller to hold a transaction (see
`connection.transaction`); they write the rows and nothing else. The services layer
decides what to write and adds the audit rows in the same transaction.

An answer written to an existing form must come with an update of its response row
(revision, updated) in the same transaction, as every edit here does: the dashboard's
analysis snapshot learns which forms changed from triggers on `response` (answer inserts
have no trigger: it would slow down an import; see schema_steps.V7_ANALYSIS, V15_FORM_ANSWERS).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Mapping

from ..domain import answers_json


@dataclass(frozen=True)
class ResponseRow:
    uuid: str
    round_uuid: str
    form_number: int
    status: str
    operator: str
    device: str
    created: str
    updated: str
    revision: int = 1
    deleted_reason: str | None = None
    keystrokes: int = 0
    entry_seconds: float = 0.0
    # The keying operator's stable id (None for forms keyed before operators had ids, and
    # for forms from bundles: the name travels, the id stays on the laptop).
    operator_id: str | None = None


@dataclass(frozen=True)
class StoredForm:
    """A response row and its answers (question id -> canonical text)."""

    response: ResponseRow
    answers: dict[str, str] = field(default_factory=dict)


_COLUMNS = ("uuid", "round_uuid", "form_number", "status", "operator", "device", "created",
            "updated", "revision", "deleted_reason", "keystrokes", "entry_seconds")
# The columns of a ResponseRow. `_COLUMNS` (what bundles and form tables carry, by
# position) leaves out the operator id, which stays in this database.
_ROW_COLUMNS = _COLUMNS + ("operator_id",)


def insert_response(conn: sqlite3.Connection, row: ResponseRow,
                    answers: Mapping[str, str]) -> None:
    conn.execute(f"INSERT INTO response ({', '.join(_ROW_COLUMNS)}) "
                 f"VALUES ({', '.join('?' for _ in _ROW_COLUMNS)})",
                 tuple(getattr(row, name) for name in _ROW_COLUMNS))
    if answers:
        conn.execute("INSERT INTO form_answers (response_uuid, answers) VALUES (?, ?)",
                     (row.uuid, answers_json.canonical(answers)))


def answers_of(conn: sqlite3.Connection, uuid: str) -> dict[str, str]:
    """The answers of one form (question id -> stored text)."""
    row = conn.execute("SELECT answers FROM form_answers WHERE response_uuid = ?",
                       (uuid,)).fetchone()
    return answers_json.parsed(row[0] if row else None)


def replace_answers(conn: sqlite3.Connection, uuid: str, changes: Mapping[str, str | None]) -> None:
    """Apply per-question changes: a text sets the answer, None removes it. The form's
    answers text is written again whole, in the caller's transaction (with its audit
    rows); a form left without answers loses its row."""
    row = conn.execute("SELECT answers FROM form_answers WHERE response_uuid = ?",
                       (uuid,)).fetchone()
    answers = answers_json.parsed(row[0] if row else None)
    for qid, value in changes.items():
        if value is None:
            answers.pop(qid, None)
        else:
            answers[qid] = value
    if answers and row is None:
        # An INSERT below, which no trigger sees: the response row is written first, so
        # the dashboard keeps the form as it was, without answers (V16_DASH_BEFORE).
        conn.execute("UPDATE response SET revision = revision WHERE uuid = ?", (uuid,))
    if answers:
        conn.execute("INSERT INTO form_answers (response_uuid, answers) VALUES (?, ?) "
                     "ON CONFLICT(response_uuid) DO UPDATE SET answers = excluded.answers "
                     "WHERE answers IS NOT excluded.answers",
                     (uuid, answers_json.canonical(answers)))
    else:
        conn.execute("DELETE FROM form_answers WHERE response_uuid = ?", (uuid,))


def update_response(conn: sqlite3.Connection, uuid: str, **columns: object) -> None:
    """Set some columns of a response (status, updated, revision, deleted_reason, ...)."""
    unknown = set(columns) - set(_ROW_COLUMNS)
    if unknown:
        raise ValueError(f"unknown response columns {sorted(unknown)}")
    assignments = ", ".join(f"{name} = ?" for name in columns)
    conn.execute(f"UPDATE response SET {assignments} WHERE uuid = ?", (*columns.values(), uuid))


def get_form(conn: sqlite3.Connection, uuid: str) -> StoredForm | None:
    row = conn.execute(f"SELECT {', '.join(_ROW_COLUMNS)} FROM response WHERE uuid = ?",
                       (uuid,)).fetchone()
    if row is None:
        return None
    return StoredForm(ResponseRow(**dict(row)), answers_of(conn, uuid))


def find_form(conn: sqlite3.Connection, round_uuid: str, form_number: int) -> str | None:
    """The uuid of the live (not deleted) form with this number in the round, if any."""
    row = conn.execute("SELECT uuid FROM response WHERE round_uuid = ? AND form_number = ? "
                       "AND status != 'deleted'", (round_uuid, form_number)).fetchone()
    return row[0] if row else None


def count_by_status(conn: sqlite3.Connection, round_uuid: str | None = None) -> dict[str, int]:
    sql = "SELECT status, COUNT(*) FROM response"
    args: tuple = ()
    if round_uuid:
        sql += " WHERE round_uuid = ?"
        args = (round_uuid,)
    return {status: n for status, n in conn.execute(sql + " GROUP BY status", args)}


def form_number_span(conn: sqlite3.Connection, round_uuid: str) -> tuple[int, int] | None:
    """The lowest and highest form numbers keyed in a round (deleted forms included), or
    None for a round without forms."""
    low, high = conn.execute("SELECT MIN(form_number), MAX(form_number) FROM response "
                             "WHERE round_uuid = ?", (round_uuid,)).fetchone()
    return None if low is None else (low, high)


def has_forms(conn: sqlite3.Connection) -> bool:
    """Whether the project holds any form at all (deleted ones included)."""
    return conn.execute("SELECT 1 FROM response LIMIT 1").fetchone() is not None
