"""Every questionnaire version a project has stored, oldest first (codebook, version lists)."""

from __future__ import annotations

import sqlite3


def all_questionnaires(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(sha256, definition text) of every stored version, in the order they were added."""
    rows = conn.execute("SELECT sha256, definition FROM questionnaire ORDER BY added, rowid")
    return [(row[0], row[1]) for row in rows]
