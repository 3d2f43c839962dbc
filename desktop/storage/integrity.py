"""`check`: the integrity and schema report of a project database (`riskmap check`).

Besides SQLite's own integrity and foreign-key checks and the schema version, it verifies
that every protective trigger is present exactly as the migrations made it (a dropped or
rewritten trigger would let the audit log be rewritten) and walks the audit hash chain of
every device. Each problem is one sentence in `findings`. It only reads.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from . import audit_chain
from .migrations import MIGRATIONS, SCHEMA_VERSION, _statements, current_version

# Triggers that keep the audit log append-only and chained (name -> migration text).
PROTECTIVE_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace",
                       "audit_log_chained")


def _expected_triggers() -> dict[str, str]:
    found = {}
    for script in MIGRATIONS:
        for statement in _statements(script):
            match = re.match(r"CREATE TRIGGER (\w+)", statement)
            if match and match.group(1) in PROTECTIVE_TRIGGERS:
                found[match.group(1)] = _normal(statement)
    return found


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql.strip().rstrip(";")).strip()


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
    audit_chain: str = "ok"
    devices: int = 0
    findings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (self.integrity == "ok" and self.foreign_key_errors == 0
                and self.schema_version == self.schema_expected and not self.findings)

    @property
    def live_forms(self) -> int:
        return sum(n for status, n in self.forms_by_status.items() if status != "deleted")

    def as_json(self) -> dict:
        """The `riskmap check --json` object."""
        return {"integrity": self.integrity, "schema_version": self.schema_version,
                "forms": {s: self.forms_by_status.get(s, 0)
                          for s in ("entered", "verified", "draft", "deleted")},
                "audit_rows": self.audit_rows, "audit_chain": self.audit_chain,
                "devices": self.devices, "findings": list(self.findings)}


def check(conn: sqlite3.Connection) -> IntegrityReport:
    integrity = "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    version = current_version(conn)
    report = IntegrityReport(
        integrity=integrity,
        journal_mode=conn.execute("PRAGMA journal_mode").fetchone()[0],
        schema_version=version,
        schema_expected=SCHEMA_VERSION,
        foreign_key_errors=len(conn.execute("PRAGMA foreign_key_check").fetchall()),
        forms_by_status={s: n for s, n in conn.execute(
            "SELECT status, COUNT(*) FROM response GROUP BY status")},
        rounds=conn.execute("SELECT COUNT(*) FROM round").fetchone()[0],
        audit_rows=conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
        questionnaires=[f"{r[0]} {r[1]}" for r in conn.execute(
            "SELECT id, version FROM questionnaire ORDER BY added")],
    )
    if integrity != "ok":
        report.findings.append(f"SQLite's integrity check failed: {integrity}.")
    if report.foreign_key_errors:
        report.findings.append(f"{report.foreign_key_errors} rows refer to rows that do not "
                               "exist (foreign keys).")
    if version != SCHEMA_VERSION:
        report.findings.append(f"The schema is version {version}; this program expects "
                               f"{SCHEMA_VERSION}.")
    if version >= SCHEMA_VERSION:
        report.findings.extend(trigger_findings(conn))
        chain = audit_chain.verify_chains(conn)
        report.audit_chain = "ok" if chain.ok else "broken"
        report.findings.extend(chain.findings)
        report.devices = conn.execute("SELECT COUNT(*) FROM device_register").fetchone()[0]
    else:
        report.audit_chain = "not checked"
    return report


def trigger_findings(conn: sqlite3.Connection) -> list[str]:
    """One sentence per protective trigger that is missing or not as the schema made it."""
    present = {name: _normal(sql or "") for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    findings = []
    for name, sql in _expected_triggers().items():
        if name not in present:
            findings.append(f"The protective trigger {name} is missing, so audit rows could "
                            "be rewritten without a trace.")
        elif present[name] != sql:
            findings.append(f"The protective trigger {name} was changed from what the "
                            "schema made.")
    return findings
