"""Read the live forms for the analysts' files (`riskmap data`): one row per form, and
its answers as stored (one JSON object text per form, question id -> stored text; see
schema_steps.V15_FORM_ANSWERS). The caller picks the questions it wants out of each object:
the object holds every answer of the form."""

from __future__ import annotations

import sqlite3

from .analysis_store import LIVE_STATUSES
from .connection import DataError, OperationalError

# What `form_texts` raises past SQLite's string limit, from either driver (sqlite3, and
# sqlcipher3 for an encrypted project, whose classes are not sqlite3's).
TEXT_TOO_LONG = (*DataError, *OperationalError)


def _live(round_name: str | None, params_before: tuple = ()) -> tuple[str, list]:
    """The WHERE condition of the live forms (`r` the response, `d` its round), of one
    round when a name is given, and its parameters after `params_before`."""
    marks = ", ".join("?" for _ in LIVE_STATUSES)
    where, params = f"r.status IN ({marks})", [*params_before, *LIVE_STATUSES]
    if round_name:
        where, params = where + " AND d.name = ?", params + [round_name]
    return where, params


def data_forms(conn: sqlite3.Connection, round_name: str | None = None) -> list[tuple]:
    """(uuid, round name, form number, status, device, created) of the live forms, oldest
    first, of one round when a name is given."""
    where, params = _live(round_name)
    return [tuple(row) for row in conn.execute(
        "SELECT r.uuid, d.name, r.form_number, r.status, r.device, r.created "
        "FROM response r JOIN round d ON d.uuid = r.round_uuid "
        f"WHERE {where} ORDER BY r.created, r.uuid", params)]


def data_answers(conn: sqlite3.Connection, question_ids: list[str],
                 round_name: str | None = None) -> list[tuple]:
    """(uuid, JSON object of its answers) per live form with answers; the object holds
    every answer of the form, `question_ids` (the ones the caller reads) included."""
    marks = ", ".join("?" for _ in LIVE_STATUSES)
    where, params = "", [*LIVE_STATUSES]
    if round_name:
        where = " AND r.round_uuid IN (SELECT uuid FROM round WHERE name = ?)"
        params.append(round_name)
    return [tuple(row) for row in conn.execute(
        "SELECT a.response_uuid, a.answers FROM form_answers a "
        "JOIN response r ON r.uuid = a.response_uuid "
        f"WHERE r.status IN ({marks}){where}", params)]


def data_rows(conn: sqlite3.Connection, question_ids: list[str],
              round_name: str | None = None) -> sqlite3.Cursor:
    """A cursor over (uuid, round name, form number, status, device, created, JSON object
    of the form's answers to these questions) per live form, of one round when a name is
    given: what `data_forms` and `data_answers` give together, one form at a time, so the
    caller can read a million forms in chunks without holding them. In uuid order, the
    order the answer rows were written in, so they are read front to back; the caller
    puts the rows in keying order (created, uuid).

    The caller asks for a few questions (those the dashboard's snapshot does not hold):
    SQLite picks them out of each stored object (json_each, in C), so Python parses a
    few answers per form, not all of them (`riskmap data` in four formats at 100k forms,
    bench_data: 2.1 s with the subset, 6.8 s parsing whole objects in Python; a busy
    machine, not the same minute). A row that is not JSON (damage `check` reports) reads
    as no answers."""
    qmarks = ", ".join("?" for _ in question_ids) or "NULL"
    where, params = _live(round_name, tuple(question_ids))
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        "SELECT r.uuid, d.name, r.form_number, r.status, r.device, r.created, "
        "(SELECT json_group_object(item.key, item.value) FROM form_answers a, "
        "json_each(CASE WHEN json_valid(a.answers) THEN a.answers ELSE '{}' END) item "
        f"WHERE a.response_uuid = r.uuid AND item.key IN ({qmarks})) "
        "FROM response r JOIN round d ON d.uuid = r.round_uuid "
        f"WHERE {where} ORDER BY r.uuid", params)


def form_rows(conn: sqlite3.Connection, round_name: str | None = None) -> sqlite3.Cursor:
    """A cursor over (uuid, round name, form number, status, device, created) of the live
    forms, of one round when a name is given, in no particular order (the caller sorts:
    SQLite's sort of a million rows costs more than numpy's)."""
    where, params = _live(round_name)
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        "SELECT r.uuid, d.name, r.form_number, r.status, r.device, r.created "
        "FROM response r JOIN round d ON d.uuid = r.round_uuid "
        f"WHERE {where}", params)


SEPARATOR = "\x1e"  # the ASCII record separator, between the values of `form_texts`


def form_texts(conn: sqlite3.Connection, round_name: str | None = None
               ) -> tuple[int, int, list[str]]:
    """What `form_rows` gives, as one text per column: (forms, forms whose number is not
    an integer, [uuids, round uuids, numbers, statuses, devices, created]), the values of
    each text joined by SEPARATOR in the same row order. SQLite joins them in C: for a
    million forms 3x less work than a Python tuple per row. The caller checks that each
    text splits into exactly `forms` values (a value holding the separator would not)."""
    where, params = _live(round_name, (SEPARATOR,) * 6)
    row = conn.execute(
        "SELECT COUNT(*), TOTAL(typeof(r.form_number) != 'integer'), "
        "group_concat(r.uuid, ?), group_concat(r.round_uuid, ?), "
        "group_concat(r.form_number, ?), group_concat(r.status, ?), "
        "group_concat(r.device, ?), group_concat(r.created, ?) "
        "FROM response r JOIN round d ON d.uuid = r.round_uuid "
        f"WHERE {where}", params).fetchone()
    return int(row[0]), int(row[1]), [text or "" for text in row[2:]]
