"""Read what the dashboard and the reports analyse: live forms and their answers.

Each form's answers are one stored JSON object text (schema_steps.V15_FORM_ANSWERS), read
as it is: the domain layer picks the analysed questions out of it (`domain.column_snapshot`,
`domain.answer_frame`). The object holds the text answers (comments) too; nothing here
passes them on: they could identify a respondent and no chart uses them.
"""

from __future__ import annotations

import sqlite3

LIVE_STATUSES = ("entered", "verified")


def forms(conn: sqlite3.Connection, statuses: tuple[str, ...] = LIVE_STATUSES) -> list[tuple]:
    """(uuid, round name, form number, operator, created) of the forms with these statuses."""
    marks = ", ".join("?" for _ in statuses)
    return conn.execute(
        "SELECT r.uuid, d.name, r.form_number, r.operator, r.created "
        "FROM response r JOIN round d ON d.uuid = r.round_uuid "
        f"WHERE r.status IN ({marks}) ORDER BY r.created, r.uuid", statuses).fetchall()


def answers(conn: sqlite3.Connection, question_ids: list[str],
            statuses: tuple[str, ...] = LIVE_STATUSES) -> list[tuple]:
    """(response uuid, question id, value) of these questions in forms with these statuses."""
    marks = ", ".join("?" for _ in statuses)
    qmarks = ", ".join("?" for _ in question_ids)
    return conn.execute(
        "SELECT a.response_uuid, item.key, item.value FROM form_answers a "
        "JOIN response r ON r.uuid = a.response_uuid, json_each(a.answers) item "
        f"WHERE r.status IN ({marks}) AND item.key IN ({qmarks})",
        (*statuses, *question_ids)).fetchall()


def answers_by_form(conn: sqlite3.Connection, question_ids: list[str],
                    statuses: tuple[str, ...] = LIVE_STATUSES,
                    changed_only: bool = False) -> list[tuple]:
    """One row per form with answers: (uuid, JSON object question id -> stored text),
    the stored object (every answer of the form; the caller picks `question_ids`), so
    Python sees 100k rows instead of millions of answer tuples. `changed_only`: only the
    forms written since the analysis snapshot was taken (analysis_dirty)."""
    del question_ids  # the stored object is read whole
    marks = ", ".join("?" for _ in statuses)
    changed = (" AND a.response_uuid IN (SELECT response_uuid FROM analysis_dirty)"
               if changed_only else "")
    return conn.execute(
        "SELECT a.response_uuid, a.answers FROM form_answers a "
        "JOIN response r ON r.uuid = a.response_uuid "
        f"WHERE r.status IN ({marks}){changed}", statuses).fetchall()


def form_rows(conn: sqlite3.Connection, statuses: tuple[str, ...] = LIVE_STATUSES,
              changed_only: bool = False) -> list[tuple]:
    """(uuid, round uuid, form number, operator, created) of the forms with these
    statuses (`changed_only`: written since the analysis snapshot was taken)."""
    marks = ", ".join("?" for _ in statuses)
    changed = (" AND uuid IN (SELECT response_uuid FROM analysis_dirty)"
               if changed_only else "")
    return conn.execute(
        "SELECT uuid, round_uuid, form_number, operator, created FROM response "
        f"WHERE status IN ({marks}){changed}", statuses).fetchall()


def round_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Round uuid -> name (names are read fresh at every load: a rename shows at once)."""
    return {uuid: name for uuid, name in conn.execute("SELECT uuid, name FROM round")}


def form_answer_rows(conn: sqlite3.Connection, question_ids: list[str],
                     statuses: tuple[str, ...] = LIVE_STATUSES,
                     changed_only: bool = False, by_uuid: bool = False,
                     unchanged_only: bool = False,
                     between: tuple[str, str] | None = None) -> sqlite3.Cursor:
    """A cursor over (uuid, round uuid, form number, operator, created, the form's stored
    JSON object question id -> text, or None when it has no answers) per form with these
    statuses; the object holds every answer, the caller picks `question_ids`.
    `changed_only`: only forms written since the analysis snapshot was taken
    (`unchanged_only`: only the others); `by_uuid`: in uuid order (the order the answer
    rows were written in, so they are read front to back); `between`: only uuids in this
    closed range. One form at a time, so memory stays flat when the caller reads the
    cursor in chunks."""
    del question_ids  # the stored object is read whole: picking is the caller's
    return _per_form(conn, statuses, changed_only, unchanged_only, between, by_uuid)


def form_answer_json(conn: sqlite3.Connection, skipped_ids: list[str],
                     statuses: tuple[str, ...] = LIVE_STATUSES,
                     unchanged_only: bool = False) -> sqlite3.Cursor:
    """`form_answer_rows` in uuid order for `check` (the stored object whole: the reader
    leaves `skipped_ids`, the questions it does not compare, aside)."""
    del skipped_ids
    return _per_form(conn, statuses, False, unchanged_only, None, True)


def _per_form(conn: sqlite3.Connection, statuses: tuple[str, ...], changed_only: bool,
              unchanged_only: bool, between: tuple[str, str] | None,
              by_uuid: bool) -> sqlite3.Cursor:
    marks = ", ".join("?" for _ in statuses)
    where = ""
    if changed_only:
        where += " AND r.uuid IN (SELECT response_uuid FROM analysis_dirty)"
    if unchanged_only:
        where += " AND r.uuid NOT IN (SELECT response_uuid FROM analysis_dirty)"
    if between is not None:
        where += " AND r.uuid BETWEEN ? AND ?"
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        f"SELECT r.uuid, r.round_uuid, r.form_number, r.operator, r.created, "
        "(SELECT a.answers FROM form_answers a WHERE a.response_uuid = r.uuid) "
        f"FROM response r WHERE r.status IN ({marks}){where}"
        + (" ORDER BY r.uuid" if by_uuid else ""),
        (*statuses, *(between or ())))


def answers_not_compared(conn: sqlite3.Connection,
                         statuses: tuple[str, ...] = LIVE_STATUSES) -> sqlite3.Cursor:
    """(uuid, stored answers text) of every `form_answers` row that
    `form_answer_json(unchanged_only=True)` does not read: rows of forms with another
    status (deleted, draft), of forms written since the snapshot (analysis_dirty), and rows
    of no form at all. Each row once; the rest of the table is not read."""
    marks = ", ".join("?" for _ in statuses)
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        "SELECT a.response_uuid, a.answers FROM form_answers a WHERE a.response_uuid IN ("
        f"SELECT uuid FROM response WHERE status IS NULL OR status NOT IN ({marks}) "
        "UNION SELECT response_uuid FROM analysis_dirty "
        "UNION SELECT f.response_uuid FROM form_answers f "
        "WHERE NOT EXISTS (SELECT 1 FROM response r WHERE r.uuid = f.response_uuid))",
        statuses)
