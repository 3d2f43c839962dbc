"""Read what the dashboard and the reports analyse: live forms and their answers.

Two plain queries (one row per form, one row per answer) instead of a join, so 100k forms
do not repeat the form columns on every answer row; the domain layer pivots them to one
row per form (`domain.answer_frame`). Text answers (comments) are never read here: they
could identify a respondent and no chart uses them.
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
        "SELECT a.response_uuid, a.question_id, a.value FROM answer a "
        "JOIN response r ON r.uuid = a.response_uuid "
        f"WHERE r.status IN ({marks}) AND a.question_id IN ({qmarks})",
        (*statuses, *question_ids)).fetchall()



def answers_by_form(conn: sqlite3.Connection, question_ids: list[str],
                    statuses: tuple[str, ...] = LIVE_STATUSES,
                    changed_only: bool = False) -> list[tuple]:
    """One row per form: (uuid, JSON object question id -> stored text) of these
    questions. SQLite groups the answers in C, so Python sees 100k rows instead of millions
    of answer tuples (a 3-4x faster load than fetching the long rows). `changed_only`: only
    the forms written since the analysis snapshot was taken (analysis_dirty)."""
    marks = ", ".join("?" for _ in statuses)
    qmarks = ", ".join("?" for _ in question_ids)
    changed = (" AND a.response_uuid IN (SELECT response_uuid FROM analysis_dirty)"
               if changed_only else "")
    return conn.execute(
        "SELECT a.response_uuid, json_group_object(a.question_id, a.value) FROM answer a "
        "JOIN response r ON r.uuid = a.response_uuid "
        f"WHERE r.status IN ({marks}) AND a.question_id IN ({qmarks}){changed} "
        "GROUP BY a.response_uuid", (*statuses, *question_ids)).fetchall()


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
    """A cursor over (uuid, round uuid, form number, operator, created, JSON object
    question id -> stored text of these questions, or None) per form with these statuses;
    `changed_only`: only forms written since the analysis snapshot was taken
    (`unchanged_only`: only the others); `by_uuid`: in uuid order (the answer key's order,
    so the answers are read front to back); `between`: only uuids in this closed range.
    The answers are grouped by SQLite through the answer key, one form at a time, so
    memory stays flat when the caller reads the cursor in chunks. (`+a.question_id`: one
    range read of the form's answers, not one key lookup per question.)"""
    return _per_form(conn, question_ids, statuses, changed_only, unchanged_only, between,
                     by_uuid)


def form_answer_json(conn: sqlite3.Connection, skipped_ids: list[str],
                     statuses: tuple[str, ...] = LIVE_STATUSES,
                     unchanged_only: bool = False) -> sqlite3.Cursor:
    """`form_answer_rows` in uuid order for `check`, with the answers to every question
    except `skipped_ids` (the questionnaire's text questions, never read here) instead of
    the answers to a list of questions: a million forms are read 30% faster when SQLite
    does not look each answer's question up in a list of 37 (what it reads of another
    questionnaire version is left aside by the reader)."""
    return _per_form(conn, skipped_ids, statuses, False, unchanged_only, None, True,
                     skip=True)


def _per_form(conn: sqlite3.Connection, question_ids: list[str],
              statuses: tuple[str, ...], changed_only: bool, unchanged_only: bool,
              between: tuple[str, str] | None, by_uuid: bool,
              skip: bool = False) -> sqlite3.Cursor:
    marks = ", ".join("?" for _ in statuses)
    qmarks = ", ".join("?" for _ in question_ids)
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
        "(SELECT json_group_object(a.question_id, a.value) FROM answer a "
        f"WHERE a.response_uuid = r.uuid"
        + (f" AND +a.question_id {'NOT IN' if skip else 'IN'} ({qmarks})"
           if question_ids or not skip else "") + ") "
        f"FROM response r WHERE r.status IN ({marks}){where}"
        + (" ORDER BY r.uuid" if by_uuid else ""),
        (*question_ids, *statuses, *(between or ())))
