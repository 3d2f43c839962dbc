"""V15_FORM_ANSWERS on real databases: a project of schema 13 (answers one row per answer)
holding forms, edits, deletions, verifications, a conflict and a dashboard snapshot with
forms written since is migrated, plaintext and at rest (SQLCipher); every reader then
gives what it gives on the same project written by this version directly, the `answer`
view gives exactly the old table's rows, and each form's text is the canonical one
(domain/answers_json.py) that SQLite's json_group_object made from the old rows.

The schema-13 copy is made from a project of this version by putting the old table back
(the rows from json_each, the table and its triggers from the migrations' own text), so
both sides hold the same forms."""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain import answers_json
from desktop.services import analysis_table, db_keys
from desktop.services.demo_service import fill_demo
from desktop.services.form_service import Actor, FormService
from desktop.services.project import Project
from desktop.services.verification_demo import simulate_verifications
from desktop.storage import (analysis_store, bundle_store, data_store, export_rows, export_store,
                             integrity, response_store, round_store)
from desktop.storage.connection import connect_raw
from desktop.storage.database import Database, DatabaseLocator
from desktop.storage.migrations import _statements, migrate
from desktop.storage.schema_steps import MIGRATIONS, V1, V7_ANALYSIS, V15_FORM_ANSWERS
from tests.services.conflict_scenarios import same_revision

OLD_VERSION = MIGRATIONS.index(V15_FORM_ANSWERS)  # the version before V15
AWKWARD = ["", "a,b", 'quote " inside', "back\\slash", "línea\nnueva\ttab", "ñ 中文 🙂",
           "ctl \x01\x1f\x7f", "\u2028 sep", "{\"json\": 1}", "/slash/"]


def _old_definitions() -> list[str]:
    """The long answer table (V1) and its dirty-mark triggers (V7_ANALYSIS), verbatim."""
    table = [s for s in _statements(V1) if re.match(r"CREATE TABLE answer\b", s)]
    triggers = [s for s in _statements(V7_ANALYSIS)
                if re.match(r"CREATE TRIGGER analysis_answer_", s)]
    assert len(table) == 1 and len(triggers) == 2
    return table + triggers


def _downgrade(path: Path, key: bytes | None = None) -> list[tuple]:
    """Rewrite a database of this version as schema 13; returns the old table's rows."""
    conn = connect_raw(path, key)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN")
        # The steps after V15 undone first (V16_DASH_BEFORE: the kept versions;
        # V17_ROUND_ORIGIN: whose rounds; V18_ROUND_MAKER: who made them).
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                    "AND name LIKE 'analysis_before_%'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("DROP TABLE analysis_dirty_before")
        conn.execute("DROP TABLE analysis_before_room")
        for table in ("round_maker",  # V18_ROUND_MAKER
                      "round_origin", "round_device"):  # V17_ROUND_ORIGIN
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP VIEW answer")
        for statement in _old_definitions()[:1]:
            conn.execute(statement)
        conn.execute("INSERT INTO answer (response_uuid, question_id, value) "
                     "SELECT f.response_uuid, item.key, item.value "
                     "FROM form_answers f, json_each(f.answers) item")
        conn.execute("DROP TABLE form_answers")
        for statement in _old_definitions()[1:]:
            conn.execute(statement)
        conn.execute("UPDATE schema_version SET version = ?", (OLD_VERSION,))
        conn.execute("COMMIT")
        return conn.execute("SELECT response_uuid, question_id, value FROM answer "
                            "ORDER BY response_uuid, question_id").fetchall()
    finally:
        conn.close()


def _readings(db: Database) -> dict:
    """What every reader of the answers gives (and the rows around them)."""
    conn = db.conn
    uuids = [r[0] for r in conn.execute("SELECT uuid FROM response ORDER BY uuid")]
    ids = sorted({r[0] for r in conn.execute("SELECT DISTINCT question_id FROM answer")})
    report = integrity.check(conn)

    def rows(cursor):
        return [tuple(r) for r in cursor]

    return {
        "forms": [response_store.get_form(conn, uuid) for uuid in uuids],
        "export": rows(export_store.iter_forms(conn, False)),
        "export_texts": rows(export_store.iter_form_texts(conn, False)),
        "export_rows": rows(export_rows.iter_form_rows(conn, False)),
        "export_chunk": tuple(export_rows.form_chunk(conn, False, "", 10_000)),
        "existing": bundle_store.existing_forms(conn, uuids),
        "data": rows(data_store.data_rows(conn, ids)),
        "data_answers": sorted(rows(data_store.data_answers(conn, ids))),
        "analysis": rows(analysis_store.form_answer_rows(conn, ids, by_uuid=True)),
        "long": sorted(rows(analysis_store.answers(conn, ids))),
        "view": rows(conn.execute("SELECT response_uuid, question_id, value FROM answer "
                                  "ORDER BY response_uuid, question_id")),
        "dirty": rows(conn.execute("SELECT response_uuid FROM analysis_dirty ORDER BY 1")),
        "conflicts": rows(conn.execute("SELECT * FROM response_conflict ORDER BY id")),
        "verifications": rows(conn.execute("SELECT * FROM verification ORDER BY id")),
        "check": (report.ok, [str(f) for f in report.findings]),
    }


@pytest.fixture(scope="module")
def project_path(tmp_path_factory) -> Path:
    """An HQ project with a conflict, 60 demo forms, verifications, edits (one emptied of
    its answers), a deletion, the dashboard's snapshot and forms written after it."""
    from desktop.domain.demo_forms import generate_forms
    tmp = tmp_path_factory.mktemp("v15")
    project = Project.open(tmp / "seed.db")
    answers = next(dict(f.answers) for f in generate_forms(project.questionnaire, 50, seed=7)
                   if f.answers.get("exp_offered") == "2")
    project.close()
    scenario = same_revision(tmp, answers)
    project = Project.open(scenario.hq)
    try:
        round_uuid = fill_demo(project, 60, seed=3)
        # Every 5th form sampled (not a share of random uuids, which can pick too few).
        with project.db.transaction():
            round_store.update_round(project.db.conn, replace(
                round_store.get_round(project.db.conn, round_uuid),
                verify_mode="every_nth", verify_value=5))
        simulate_verifications(project.db, project.questionnaire, round_uuid, share=0.3)
        analysis_table.load_frame(project.db.conn, project.questionnaire)
        service = FormService(project.db, project.questionnaire, Actor("HQ", "dev-hq"))
        live = [r[0] for r in project.db.conn.execute(
            "SELECT uuid FROM response WHERE round_uuid = ? AND status = 'entered' "
            "ORDER BY uuid LIMIT 3", (round_uuid,))]
        form = service.load(live[0])
        service.update(live[0], {**form.answers, "comment": AWKWARD[4] + AWKWARD[5]},
                       reason="typo")
        service.delete(live[1], "duplicate")
        with project.db.transaction():  # a form left without answers has no row
            response_store.replace_answers(project.db.conn, live[2],
                                           dict.fromkeys(service.load(live[2]).answers))
        project.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        project.close()
    return scenario.hq


def _open(path: Path, key: bytes | None = None) -> Database:
    return Database.open(DatabaseLocator(path, key))


def test_a_schema_13_project_reads_the_same_after_the_migration(project_path, tmp_path):
    direct = _open(project_path)
    try:
        expected = _readings(direct)
    finally:
        direct.close()
    assert expected["check"] == (True, []) and expected["conflicts"] and expected["dirty"]
    assert expected["verifications"] and any(f.answers == {} for f in expected["forms"])
    old = tmp_path / "old.db"
    shutil.copy(project_path, old)
    old_rows = _downgrade(old)
    assert len(old_rows) > 60 * 30
    migrated = _open(old)
    try:
        got = _readings(migrated)
        texts = dict(migrated.conn.execute("SELECT response_uuid, answers FROM form_answers"))
    finally:
        migrated.close()
    assert got == expected
    assert got["view"] == [tuple(r) for r in old_rows]
    by_form: dict[str, dict] = {}
    for uuid, qid, value in old_rows:
        by_form.setdefault(uuid, {})[qid] = value
    assert texts == {uuid: answers_json.canonical(a) for uuid, a in by_form.items()}
    assert list(old.parent.glob("old.db.schema13-*.bak"))  # backed up before migrating


def test_an_encrypted_schema_13_project_is_migrated(project_path, tmp_path):
    key = db_keys.new_key()
    encrypted = tmp_path / "at-rest.db"
    plain = connect_raw_sqlcipher(project_path)
    try:
        plain.execute(f"ATTACH DATABASE '{encrypted}' AS enc KEY \"x'{key.hex()}'\"")
        plain.execute("SELECT sqlcipher_export('enc')")
        plain.execute("DETACH DATABASE enc")
    finally:
        plain.close()
    old_rows = _downgrade(encrypted, key)
    direct = _open(project_path)
    try:
        expected = _readings(direct)
    finally:
        direct.close()
    migrated = _open(encrypted, key)
    try:
        assert migrated.schema_version == len(MIGRATIONS)
        got = _readings(migrated)
    finally:
        migrated.close()
    assert got == expected and got["view"] == [tuple(r) for r in old_rows]
    assert b"form_answers" not in encrypted.read_bytes()  # still encrypted at rest


def connect_raw_sqlcipher(path: Path):
    """A plaintext file opened through SQLCipher (to export it encrypted)."""
    import sqlcipher3.dbapi2 as sqlcipher
    conn = sqlcipher.connect(str(path), isolation_level=None)
    return conn


def test_the_migration_makes_the_canonical_text_byte_for_byte():
    """SQLite's json_group_object over the old rows (what the migration writes) and the
    encoder every writer uses agree on awkward texts and key order (code points)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn, None, MIGRATIONS[:OLD_VERSION])
    conn.execute("PRAGMA foreign_keys = OFF")
    keys = ["Z", "a", "a b", "é", "ñ", "中", "🙂", "z", "_x", "10", "9"]
    forms = {f"form-{i}": {k: AWKWARD[(i + j) % len(AWKWARD)] for j, k in enumerate(keys)}
             for i in range(len(AWKWARD))}
    conn.executemany("INSERT INTO answer (response_uuid, question_id, value) VALUES (?, ?, ?)",
                     [(u, k, v) for u, a in forms.items() for k, v in a.items()])
    migrate(conn, None)
    texts = dict(conn.execute("SELECT response_uuid, answers FROM form_answers"))
    assert texts == {u: answers_json.canonical(a) for u, a in forms.items()}
    assert all(answers_json.is_canonical(t) == ("\\" not in t) for t in texts.values())
    assert all(answers_json.normalised(t) == t for t in texts.values())
    with pytest.raises(sqlite3.OperationalError, match="cannot modify answer"):
        conn.execute("INSERT INTO answer VALUES ('x', 'q', 'v')")
