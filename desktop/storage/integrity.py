"""`check`: the integrity and schema report of a project database (`riskmap check`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from .migrations import SCHEMA_VERSION, current_version


@dataclass
class IntegrityReport:
    integrity: str
    journal_mode: str
    schema_version: int
    schema_expected: int
    foreign_key_errors: int
    forms_by_status: dict[str, int] = field(default_factory=dict)
    rounds: int = 0
    audit_rows: int = 0
    questionnaires: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.integrity == "ok" and self.foreign_key_errors == 0
                and self.schema_version == self.schema_expected)

    @property
    def live_forms(self) -> int:
        return sum(n for status, n in self.forms_by_status.items() if status != "deleted")


def check(conn: sqlite3.Connection) -> IntegrityReport:
    integrity = "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    return IntegrityReport(
        integrity=integrity,
        journal_mode=conn.execute("PRAGMA journal_mode").fetchone()[0],
        schema_version=current_version(conn),
        schema_expected=SCHEMA_VERSION,
        foreign_key_errors=len(conn.execute("PRAGMA foreign_key_check").fetchall()),
        forms_by_status={s: n for s, n in conn.execute(
            "SELECT status, COUNT(*) FROM response GROUP BY status")},
        rounds=conn.execute("SELECT COUNT(*) FROM round").fetchone()[0],
        audit_rows=conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
        questionnaires=[f"{r[0]} {r[1]}" for r in conn.execute(
            "SELECT id, version FROM questionnaire ORDER BY added")],
    )
