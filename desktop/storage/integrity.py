"""`check`: the integrity and schema report of a project database (`riskmap check`).

Besides SQLite's own integrity and foreign-key checks and the schema version, it verifies
that every protective trigger is present exactly as the migrations made it (a dropped or
rewritten trigger would let the audit log be rewritten) and walks the audit hash chain of
every device, and that every form's stored answers are a JSON object of texts answering
known questions (storage/answers_check.py). Each problem is one `Finding` (a catalogue
key and its fields) in `findings`. It only reads. `check` runs the parts one after the
other; the parts are public so `services.check_service` can run them side by side on
their own connections.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from . import audit_chain
from .answers_check import answer_findings
from .audit_chain import Finding
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


# SQLite's own check of the file: `integrity_check` reads every page and looks every row
# up in each of its indexes; `quick_check` reads every page but skips the index lookups.
FULL, QUICK = "integrity_check", "quick_check"


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
    audit_chain: str = "ok"  # "ok", "broken" or "not checked"
    devices: int = 0
    findings: list[Finding] = field(default_factory=list)
    page_check: str = FULL  # which of SQLite's checks gave `integrity`

    @property
    def ok(self) -> bool:
        return (self.integrity == "ok" and self.foreign_key_errors == 0
                and self.schema_version == self.schema_expected and not self.findings)

    @property
    def live_forms(self) -> int:
        return sum(n for status, n in self.forms_by_status.items() if status != "deleted")

    def as_json(self) -> dict:
        """The `riskmap check --json` object (findings as English sentences)."""
        return {"integrity": self.integrity, "integrity_check": self.page_check,
                "schema_version": self.schema_version,
                "forms": {s: self.forms_by_status.get(s, 0)
                          for s in ("entered", "verified", "draft", "deleted")},
                "audit_rows": self.audit_rows, "audit_chain": self.audit_chain,
                "devices": self.devices, "foreign_key_errors": self.foreign_key_errors,
                "findings": [str(f) for f in self.findings]}


def check(conn: sqlite3.Connection, full: bool = True) -> IntegrityReport:
    """Every check on one connection, one after the other (`services.check_service` runs
    the same parts side by side on their own connections)."""
    report = summary(conn)
    add_page_check(report, page_check(conn, full), full)
    add_foreign_keys(report, foreign_key_errors(conn))
    report.findings.extend(answer_findings(conn))
    if report.audit_chain != "not checked":
        add_chain(report, audit_chain.verify_chains(conn))
    return finish(report)


_ORDER = ("integrity", "foreign_keys", "answers", "schema", "trigger", "chain")


def finish(report: IntegrityReport) -> IntegrityReport:
    """The findings in the order people read them: the file, the references, the schema,
    the triggers, then the audit rows in id order (the parts may come in any order)."""
    report.findings.sort(key=lambda f: next(
        (i for i, part in enumerate(_ORDER) if f.key.startswith(f"out.check_finding_{part}")),
        len(_ORDER)))
    return report


def summary(conn: sqlite3.Connection) -> IntegrityReport:
    """The counts, the schema version and the protective triggers (quick: no table is
    read whole); SQLite's page check, the foreign keys and the audit chain are added by
    `add_page_check`, `add_foreign_keys` and `add_chain`."""
    version = current_version(conn)
    report = IntegrityReport(
        integrity="not checked",
        journal_mode=conn.execute("PRAGMA journal_mode").fetchone()[0],
        schema_version=version,
        schema_expected=SCHEMA_VERSION,
        foreign_key_errors=0,
        forms_by_status={s: n for s, n in conn.execute(
            "SELECT status, COUNT(*) FROM response GROUP BY status")},
        rounds=conn.execute("SELECT COUNT(*) FROM round").fetchone()[0],
        audit_rows=conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
        questionnaires=[f"{r[0]} {r[1]}" for r in conn.execute(
            "SELECT id, version FROM questionnaire ORDER BY added")],
    )
    if version != SCHEMA_VERSION:
        report.findings.append(Finding("out.check_finding_schema",
                                       {"version": version, "expected": SCHEMA_VERSION}))
    if version >= SCHEMA_VERSION:
        report.findings.extend(trigger_findings(conn))
        report.devices = conn.execute("SELECT COUNT(*) FROM device_register").fetchone()[0]
    else:
        report.audit_chain = "not checked"
    return report


def chain_checked(conn: sqlite3.Connection) -> bool:
    """`check` walks the audit chain (a database of this schema; an older one is
    reported as such and its chain is checked after it is updated)."""
    return current_version(conn) >= SCHEMA_VERSION


def page_check(conn: sqlite3.Connection, full: bool = True) -> str:
    """"ok" or SQLite's own account of the damage (`integrity_check` when `full`, else
    `quick_check`). Reads every page of the file; SQLite releases the GIL meanwhile."""
    pragma = FULL if full else QUICK
    return "; ".join(row[0] for row in conn.execute(f"PRAGMA {pragma}"))


def add_page_check(report: IntegrityReport, result: str, full: bool) -> None:
    report.integrity = result
    report.page_check = FULL if full else QUICK
    if result != "ok":
        report.findings.append(Finding("out.check_finding_integrity", {"detail": result}))


def foreign_key_errors(conn: sqlite3.Connection) -> int:
    """The rows that refer to a row that does not exist (what `PRAGMA foreign_key_check`
    counts). Each reference is looked up once per distinct value, not once per row: the
    answer rows of a million forms name a million forms, not 34 million (4x faster);
    only a table with a missing parent is counted row by row, by SQLite itself."""
    errors = 0
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        keys = conn.execute(f"PRAGMA foreign_key_list({_quoted(table)})").fetchall()
        if keys and _references_missing(conn, table, keys):
            errors += len(conn.execute(
                f"PRAGMA foreign_key_check({_quoted(table)})").fetchall())
    return errors


def _references_missing(conn: sqlite3.Connection, table: str, keys: list) -> bool:
    """True when a row of `table` may refer to a missing row (exact for one-column keys
    to a named column; any other key is left to `PRAGMA foreign_key_check`)."""
    by_id: dict[int, list] = {}
    for key in keys:  # (id, seq, parent table, from, to, ...)
        by_id.setdefault(key[0], []).append(key)
    for columns in by_id.values():
        if len(columns) != 1 or columns[0][4] is None:
            return True
        _, _, parent, child_column, parent_column = columns[0][:5]
        missing = conn.execute(
            f"SELECT 1 FROM (SELECT DISTINCT {_quoted(child_column)} AS v "
            f"FROM {_quoted(table)} WHERE {_quoted(child_column)} IS NOT NULL) c "
            f"WHERE NOT EXISTS (SELECT 1 FROM {_quoted(parent)} p "
            f"WHERE p.{_quoted(parent_column)} = c.v) LIMIT 1").fetchone()
        if missing:
            return True
    return False


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def add_foreign_keys(report: IntegrityReport, errors: int) -> None:
    report.foreign_key_errors = errors
    if errors:
        report.findings.append(Finding("out.check_finding_foreign_keys", {"n": errors}))


def add_chain(report: IntegrityReport, chain: audit_chain.ChainReport) -> None:
    report.audit_chain = "ok" if chain.ok else "broken"
    report.findings.extend(chain.findings)


def trigger_findings(conn: sqlite3.Connection) -> list[Finding]:
    """One finding per protective trigger that is missing or not as the schema made it."""
    present = {name: _normal(sql or "") for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    findings = []
    for name, sql in _expected_triggers().items():
        if name not in present:
            findings.append(Finding("out.check_finding_trigger_missing", {"name": name}))
        elif present[name] != sql:
            findings.append(Finding("out.check_finding_trigger_changed", {"name": name}))
    return findings
