"""Reads a forms import needs: the form numbers a round has used already."""

from __future__ import annotations

import sqlite3
from typing import Mapping

from ..domain import answers_json
from .response_store import _COLUMNS as RESPONSE_COLUMNS
from .response_store import ResponseRow


def live_form_numbers(conn: sqlite3.Connection, round_uuid: str) -> frozenset[int]:
    """Form numbers of the live (not deleted) forms of a round."""
    rows = conn.execute("SELECT form_number FROM response WHERE round_uuid = ? "
                        "AND status != 'deleted'", (round_uuid,))
    return frozenset(row[0] for row in rows)


def latest_questionnaire_sha256(conn: sqlite3.Connection) -> str | None:
    """The sha256 of the most recently added questionnaire version."""
    row = conn.execute("SELECT sha256 FROM questionnaire ORDER BY added DESC, rowid DESC "
                       "LIMIT 1").fetchone()
    return row[0] if row else None


def insert_responses(conn: sqlite3.Connection,
                     forms: list[tuple[ResponseRow, Mapping[str, str]]]) -> None:
    """Insert many responses and their answers with one statement each (the caller holds
    the transaction); the same rows `response_store.insert_response` writes one by one."""
    columns = RESPONSE_COLUMNS
    conn.executemany(f"INSERT INTO response ({', '.join(columns)}) "
                     f"VALUES ({', '.join('?' for _ in columns)})",
                     [tuple(getattr(row, name) for name in columns) for row, _ in forms])
    conn.executemany("INSERT INTO form_answers (response_uuid, answers) VALUES (?, ?)",
                     [(row.uuid, answers_json.canonical(answers)) for row, answers in forms
                      if answers])
