"""Tables a migration step leaves behind (schema_steps.LEFT_BEHIND) are dropped after the
steps, outside their transaction (a DROP inside one held a statement journal in memory:
2.2 GB at a million forms), and at a later open when a killed process left one."""

from __future__ import annotations

from desktop.storage.database import Database
from desktop.storage.schema_steps import LEFT_BEHIND


def _tables(db) -> set[str]:
    return {r[0] for r in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_table_left_by_a_killed_migration_is_dropped_at_the_next_open(tmp_path):
    path = tmp_path / "p.db"
    db = Database.open(path)
    db.conn.execute(f'CREATE TABLE "{LEFT_BEHIND[0]}" (x)')
    db.conn.execute(f'INSERT INTO "{LEFT_BEHIND[0]}" VALUES (1)')
    db.close()
    db = Database.open(path)
    try:
        assert LEFT_BEHIND[0] not in _tables(db)
        assert "form_answers" in _tables(db)
    finally:
        db.close()


def test_a_read_only_open_leaves_the_file_as_it_is(tmp_path):
    path = tmp_path / "p.db"
    db = Database.open(path)
    db.conn.execute(f'CREATE TABLE "{LEFT_BEHIND[0]}" (x)')
    db.close()
    db = Database.open(path, read_only=True)
    try:
        assert LEFT_BEHIND[0] in _tables(db)
    finally:
        db.close()
