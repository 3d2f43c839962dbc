"""Double-entry verification rows: a second keying of a form and its discrepancies.

`verification` holds one blind second keying (the answers as keyed, how many fields were
compared, how many differed, open/resolved); `verification_item` one row per discrepancy
with the first and second values and, once decided, the final value and the decision.
Functions expect the caller to hold a transaction for writes (see `connection.transaction`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping


@dataclass(frozen=True)
class VerificationRow:
    id: int
    response_uuid: str
    operator: str
    created: str
    answers: dict[str, str]
    fields_compared: int
    discrepancies: int
    status: str


@dataclass(frozen=True)
class ItemRow:
    verification_id: int
    question_id: str
    first_value: str
    second_value: str
    final_value: str | None = None
    decision: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None

    @property
    def decided(self) -> bool:
        return self.decision is not None


def insert_verification(conn: sqlite3.Connection, response_uuid: str, operator: str,
                        created: str, answers: Mapping[str, str], fields_compared: int,
                        items: Iterable[tuple[str, str, str]]) -> int:
    """Store a second keying and its discrepancies (question id, first, second); returns
    the verification id. Status starts 'open'."""
    items = list(items)
    cursor = conn.execute(
        "INSERT INTO verification (response_uuid, operator, created, answers, "
        "fields_compared, discrepancies, status) VALUES (?, ?, ?, ?, ?, ?, 'open')",
        (response_uuid, operator, created, json.dumps(dict(answers), sort_keys=True),
         fields_compared, len(items)))
    verification_id = int(cursor.lastrowid)
    conn.executemany(
        "INSERT INTO verification_item (verification_id, question_id, first_value, "
        "second_value) VALUES (?, ?, ?, ?)",
        [(verification_id, qid, first, second) for qid, first, second in items])
    return verification_id


def get_verification(conn: sqlite3.Connection, verification_id: int) -> VerificationRow | None:
    row = conn.execute("SELECT * FROM verification WHERE id = ?", (verification_id,)).fetchone()
    return _verification(row) if row else None


def open_verification(conn: sqlite3.Connection, response_uuid: str) -> VerificationRow | None:
    """The open (unresolved) verification of a form, if any."""
    row = conn.execute("SELECT * FROM verification WHERE response_uuid = ? AND status = 'open' "
                       "ORDER BY id DESC LIMIT 1", (response_uuid,)).fetchone()
    return _verification(row) if row else None


def items(conn: sqlite3.Connection, verification_id: int) -> list[ItemRow]:
    """The discrepancies of a verification (in insertion order: paper order)."""
    rows = conn.execute("SELECT * FROM verification_item WHERE verification_id = ? "
                        "ORDER BY rowid", (verification_id,)).fetchall()
    return [ItemRow(**dict(row)) for row in rows]


def decide_item(conn: sqlite3.Connection, verification_id: int, question_id: str,
                final_value: str, decision: str, decided_by: str, decided_at: str) -> None:
    conn.execute(
        "UPDATE verification_item SET final_value = ?, decision = ?, decided_by = ?, "
        "decided_at = ? WHERE verification_id = ? AND question_id = ?",
        (final_value, decision, decided_by, decided_at, verification_id, question_id))


def set_status(conn: sqlite3.Connection, verification_id: int, status: str) -> None:
    conn.execute("UPDATE verification SET status = ? WHERE id = ?", (status, verification_id))


def live_forms(conn: sqlite3.Connection,
               round_uuid: str) -> list[tuple[str, int, str, str, str | None]]:
    """(uuid, form number, status, operator, operator id) of the live forms of a round, by
    number."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: several times quicker over 100k rows
    return cursor.execute(
        "SELECT uuid, form_number, status, operator, operator_id FROM response "
        "WHERE round_uuid = ? "
        "AND status != 'deleted' ORDER BY form_number", (round_uuid,)).fetchall()


def entered_forms(conn: sqlite3.Connection,
                  round_uuid: str) -> Iterator[tuple[str, int, str, str | None]]:
    """(uuid, form number, operator, operator id) of the entered (not yet verified) forms,
    by number, read lazily so a caller looking for the first match stops early."""
    cursor = conn.cursor()
    cursor.row_factory = None
    yield from cursor.execute(
        "SELECT uuid, form_number, operator, operator_id FROM response WHERE round_uuid = ? "
        "AND status = 'entered' ORDER BY form_number", (round_uuid,))


def open_response_uuids(conn: sqlite3.Connection, round_uuid: str) -> set[str]:
    """Forms of the round that have an open verification."""
    return {row[0] for row in conn.execute(
        "SELECT DISTINCT v.response_uuid FROM verification v JOIN response r "
        "ON r.uuid = v.response_uuid WHERE r.round_uuid = ? AND v.status = 'open'",
        (round_uuid,))}


def _verification(row: sqlite3.Row) -> VerificationRow:
    values = dict(row)
    values["answers"] = json.loads(values["answers"])
    return VerificationRow(**values)
