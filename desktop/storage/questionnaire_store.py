"""Questionnaire definitions stored in the database, keyed by their sha256."""

from __future__ import annotations

import sqlite3

from .clock import utc_now


def store_questionnaire(conn: sqlite3.Connection, sha256: str, qid: str, version: str,
                        definition: str) -> None:
    """Store a definition once (a second store of the same bytes changes nothing)."""
    conn.execute("INSERT OR IGNORE INTO questionnaire (sha256, id, version, definition, added) "
                 "VALUES (?, ?, ?, ?, ?)", (sha256, qid, version, definition, utc_now()))


def questionnaire_text(conn: sqlite3.Connection, sha256: str) -> str | None:
    row = conn.execute("SELECT definition FROM questionnaire WHERE sha256 = ?",
                       (sha256,)).fetchone()
    return row[0] if row else None


def latest_questionnaire_text(conn: sqlite3.Connection) -> str | None:
    """The most recently added definition (the one new rounds use)."""
    row = conn.execute("SELECT definition FROM questionnaire ORDER BY added DESC, rowid DESC "
                       "LIMIT 1").fetchone()
    return row[0] if row else None


def known_sha256s(conn: sqlite3.Connection) -> set[str]:
    """The sha256 of every questionnaire version the project holds."""
    return {row[0] for row in conn.execute("SELECT sha256 FROM questionnaire")}
