"""Collection rounds: name, institution, place, dates, target count, form-number range,
and the verification sample rule."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field

from ..domain.user_error import UserError
from .clock import new_uuid, utc_now
from .connection import IntegrityError


@dataclass(frozen=True)
class Round:
    name: str
    questionnaire_sha256: str
    institution: str = ""
    place: str = ""
    start_date: str | None = None
    end_date: str | None = None
    target_count: int = 0
    form_min: int | None = None
    form_max: int | None = None
    verify_mode: str = "share"
    verify_value: float = 0.1
    uuid: str = field(default_factory=new_uuid)
    created: str = field(default_factory=utc_now)


class RoundNameTaken(UserError, ValueError):
    """A round with this name exists already."""


def insert_round(conn: sqlite3.Connection, round_: Round) -> Round:
    values = asdict(round_)
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    try:
        conn.execute(f"INSERT INTO round ({columns}) VALUES ({marks})", tuple(values.values()))
    except IntegrityError as exc:
        if "round.name" in str(exc) or "round_name" in str(exc):
            raise RoundNameTaken(round_.name) from exc
        raise
    return round_


def update_round(conn: sqlite3.Connection, round_: Round) -> None:
    values = asdict(round_)
    uuid = values.pop("uuid")
    values.pop("created")
    assignments = ", ".join(f"{key} = ?" for key in values)
    conn.execute(f"UPDATE round SET {assignments} WHERE uuid = ?", (*values.values(), uuid))


def list_rounds(conn: sqlite3.Connection) -> list[Round]:
    rows = conn.execute("SELECT * FROM round ORDER BY created, name").fetchall()
    return [Round(**dict(row)) for row in rows]


def get_round(conn: sqlite3.Connection, uuid: str) -> Round | None:
    row = conn.execute("SELECT * FROM round WHERE uuid = ?", (uuid,)).fetchone()
    return Round(**dict(row)) if row else None


def find_round(conn: sqlite3.Connection, name: str) -> Round | None:
    row = conn.execute("SELECT * FROM round WHERE name = ?", (name,)).fetchone()
    return Round(**dict(row)) if row else None
