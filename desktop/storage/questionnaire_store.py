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


def stored_texts(conn: sqlite3.Connection) -> dict[str, str]:
    """sha256 -> definition of every version the project stores."""
    return dict(conn.execute("SELECT sha256, definition FROM questionnaire"))


def latest_questionnaire_text(conn: sqlite3.Connection) -> str | None:
    """The most recently added definition (the one new rounds use)."""
    row = conn.execute("SELECT definition FROM questionnaire ORDER BY added DESC, rowid DESC "
                       "LIMIT 1").fetchone()
    return row[0] if row else None


def known_sha256s(conn: sqlite3.Connection) -> set[str]:
    """The sha256 of every questionnaire version the project holds."""
    return {row[0] for row in conn.execute("SELECT sha256 FROM questionnaire")}


# The project's adopted questionnaire (labels, bands and new rounds): changed only by an
# explicit, audited act, never by an imported bundle.
ADOPTED_SETTING = "adopted_questionnaire_sha256"


def adopted_sha256(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (ADOPTED_SETTING,)).fetchone()
    return row[0] if row and row[0] else None


def set_adopted(conn: sqlite3.Connection, sha256: str) -> None:
    conn.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                 "SET value = excluded.value", (ADOPTED_SETTING, sha256))


def effective_sha256(conn: sqlite3.Connection) -> str | None:
    """The adopted version, or (a project from before adoption existed) the latest one."""
    adopted = adopted_sha256(conn)
    if adopted is not None:
        return adopted
    row = conn.execute("SELECT sha256 FROM questionnaire ORDER BY added DESC, rowid DESC "
                       "LIMIT 1").fetchone()
    return row[0] if row else None


def effective_questionnaire_text(conn: sqlite3.Connection) -> str | None:
    sha = effective_sha256(conn)
    return questionnaire_text(conn, sha) if sha else None


def questionnaires(conn: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    """(sha256, id, version, added) of every stored version, oldest first."""
    return [tuple(r) for r in conn.execute(
        "SELECT sha256, id, version, added FROM questionnaire ORDER BY added, rowid")]


def version_sha256s(conn: sqlite3.Connection, qid: str, version: str) -> list[str]:
    """The sha256 of every stored definition with this id and version string."""
    return [row[0] for row in conn.execute(
        "SELECT sha256 FROM questionnaire WHERE id = ? AND version = ?", (qid, version))]
