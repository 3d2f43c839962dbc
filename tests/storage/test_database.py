"""Storage: pragmas on every connection, migrations from the first schema, refusal of a
newer schema without touching the file, append-only audit, backup copies."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from desktop.storage import integrity
from desktop.storage.audit_store import AuditEntry, write_audit
from desktop.storage.connection import connect, transaction
from desktop.storage.database import Database, DatabaseError
from desktop.storage.migrations import SCHEMA_VERSION, SchemaTooNewError

FIXTURES = Path(__file__).parent.parent / "fixtures"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_has_the_pragmas(tmp_path):
    conn = connect(tmp_path / "a.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_new_database_has_current_schema_and_tables(tmp_path):
    db = Database.open(tmp_path / "new.db")
    tables = set(sqlite_utils.Database(db.conn).table_names())
    assert {"questionnaire", "round", "response", "form_answers", "verification",
            "audit_log", "bundle_ledger", "schema_version", "setting"} <= tables
    # The answers' old long table is a read-only view of the per-form rows.
    assert "answer" not in tables and "answer" in sqlite_utils.Database(db.conn).view_names()
    assert db.schema_version == SCHEMA_VERSION
    db.close()


def test_migrates_a_first_schema_database_after_a_backup(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / "schema_v1.db", path)
    db = Database.open(path)
    assert db.schema_version == SCHEMA_VERSION
    report = integrity.check(db.conn)
    assert report.ok and report.live_forms == 5
    # data kept, new columns have their defaults
    rows = db.conn.execute("SELECT form_number, keystrokes FROM response ORDER BY 1").fetchall()
    assert [tuple(r) for r in rows] == [(n, 0) for n in range(1, 6)]
    assert db.conn.execute("SELECT COUNT(*) FROM answer").fetchone()[0] > 100
    db.close()
    backups = list(tmp_path.glob("old.db.schema1-*.bak"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert old.execute("SELECT version FROM schema_version").fetchone() == (1,)
    assert old.execute("SELECT COUNT(*) FROM response").fetchone() == (5,)


def test_refuses_a_newer_schema_and_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "future.db"
    db = Database.open(path)
    with db.transaction() as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    before = _sha(path)
    with pytest.raises(SchemaTooNewError) as caught:
        Database.open(path)
    assert "newer version" in str(caught.value) and "not changed" in str(caught.value)
    assert _sha(path) == before


def test_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some text, not sqlite " * 100)
    with pytest.raises(DatabaseError) as caught:
        Database.open(path)
    assert "not a RiskMap database" in str(caught.value)


def test_audit_rows_cannot_be_changed_or_deleted(tmp_path):
    db = Database.open(tmp_path / "audit.db")
    with db.transaction() as conn:
        write_audit(conn, [AuditEntry("create", "AM", "dev", "r1", new="{}")])
    with pytest.raises(sqlite3.IntegrityError, match="cannot be changed"):
        db.conn.execute("UPDATE audit_log SET operator = 'X'")
    with pytest.raises(sqlite3.IntegrityError, match="cannot be deleted"):
        db.conn.execute("DELETE FROM audit_log")
    assert db.conn.execute("SELECT operator FROM audit_log").fetchone()[0] == "AM"
    db.close()


def test_transaction_rolls_back_on_error(tmp_path):
    db = Database.open(tmp_path / "tx.db")
    with pytest.raises(RuntimeError):
        with db.transaction() as conn:
            write_audit(conn, [AuditEntry("create", "AM", "dev")])
            raise RuntimeError("boom")
    assert db.conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == 0
    db.close()


def test_backup_copy_is_a_consistent_database(demo_project, tmp_path):
    target = demo_project.db.backup_to(tmp_path / "copy" / "backup.db")
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 60


def test_nested_transactions_join(tmp_path):
    conn = connect(tmp_path / "n.db")
    conn.execute("CREATE TABLE t (x)")
    with transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (2)")
        assert conn.in_transaction
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 2


def test_older_plaintext_file_read_only_migrates_in_memory_unless_too_big(tmp_path,
                                                                          monkeypatch):
    """An older plaintext file opened read-only is migrated in a copy in memory when it is
    small; a large one (an HQ file of a million forms is 4 GB) is refused in one sentence
    instead of being copied into memory, and the file is left as it was."""
    from desktop.storage import database as database_module

    older = tmp_path / "older.db"
    shutil.copy(FIXTURES / "schema_v4.db", older)
    before = older.read_bytes()

    db = Database.open(older, read_only=True)
    try:
        assert db.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] \
            == SCHEMA_VERSION
    finally:
        db.close()
    assert older.read_bytes() == before

    monkeypatch.setattr(database_module, "MIGRATE_IN_MEMORY_MAX_BYTES", len(before) - 1)
    with pytest.raises(DatabaseError) as refused:
        Database.open(older, read_only=True)
    assert refused.value.key == "db_older_schema"
    assert "open it once in the program" in refused.value.in_language("en")
    assert "ábralo una vez en el programa" in refused.value.in_language("es")
    assert older.read_bytes() == before
