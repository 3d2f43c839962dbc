"""Every questionnaire version a project has stored, oldest first (codebook, version lists)."""

from __future__ import annotations

import sqlite3


def all_questionnaires(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(sha256, definition text) of every stored version, in the order they were added."""
    rows = conn.execute("SELECT sha256, definition FROM questionnaire ORDER BY added, rowid")
    return [(row[0], row[1]) for row in rows]


def version_list(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(sha256, questionnaire id, version, added) of every stored version, oldest first."""
    rows = conn.execute("SELECT sha256, id, version, added FROM questionnaire "
                        "ORDER BY added, rowid")
    return [tuple(row) for row in rows]  # type: ignore[misc]


def versions_in_play(conn: sqlite3.Connection,
                     statuses: tuple[str, ...] = ("entered", "verified")) -> list[str]:
    """The sha256 of every version that rounds with live forms were keyed with, oldest
    first. (Per round, one look into the round/status index for a live form: the join
    of every form it replaced took seconds at a million forms.)"""
    marks = ", ".join("?" for _ in statuses)
    rows = conn.execute(
        "SELECT q.sha256 FROM questionnaire q WHERE EXISTS (SELECT 1 FROM round d "
        "WHERE d.questionnaire_sha256 = q.sha256 AND EXISTS (SELECT 1 FROM response r "
        f"WHERE r.round_uuid = d.uuid AND r.status IN ({marks}))) "
        "ORDER BY q.added, q.rowid", statuses)
    return [row[0] for row in rows]
