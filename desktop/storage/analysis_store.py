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
                    statuses: tuple[str, ...] = LIVE_STATUSES) -> list[tuple]:
    """One row per form: (uuid, JSON object question id -> stored text) of these
    questions. SQLite groups the answers in C, so Python sees 100k rows instead of millions
    of answer tuples (a 3-4x faster load than fetching the long rows)."""
    marks = ", ".join("?" for _ in statuses)
    qmarks = ", ".join("?" for _ in question_ids)
    return conn.execute(
        "SELECT a.response_uuid, json_group_object(a.question_id, a.value) FROM answer a "
        "JOIN response r ON r.uuid = a.response_uuid "
        f"WHERE r.status IN ({marks}) AND a.question_id IN ({qmarks}) "
        "GROUP BY a.response_uuid", (*statuses, *question_ids)).fetchall()
