"""A schema-2 database (a real file kept in tests/fixtures) migrates to the bundle schema:
data kept, bundle tables present, and it can export right away."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlite_utils

from desktop.services.export_service import export_bundle
from desktop.storage import bundle_store, export_store, integrity
from desktop.storage.database import Database
from desktop.storage.migrations import SCHEMA_VERSION

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v2.db"


def test_schema_v2_database_migrates(tmp_path, hq_keys, field_key, out_dir):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    db = Database.open(path)
    try:
        assert db.schema_version == SCHEMA_VERSION >= 3
        assert integrity.check(db.conn).ok
        tables = set(sqlite_utils.Database(db.conn).table_names())
        assert {"device_trust", "response_version", "response_conflict",
                "export_mark"} <= tables
        assert db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 4
        ledger = bundle_store.ledger(db.conn)
        assert [(r["direction"], r["sequence"]) for r in ledger] == [("export", 1)]
        assert export_store.last_export(db.conn, "dev-v2").audit_through == 0
    finally:
        db.close()
    assert list(tmp_path.glob("old.db.schema2-*.bak"))
    result = export_bundle(path, field_key, [hq_keys.recipient], out_dir)
    assert result.forms == 4 and result.manifest.sequence == 1
