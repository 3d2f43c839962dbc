"""`riskmap check` finds every kind of damage it reports, in its default (full) mode and
with --quick: each test plants one kind in a copy of a small project and runs the
command. The parts run side by side on their own connections (services/check_service.py),
so these also show that what a worker thread finds reaches the report."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from desktop.cli import main
from desktop.services import analysis_table, cell_sums_cache
from desktop.services.analysis_service import analysis_for, version_pool
from desktop.services.project import Project

from check_helpers import analysed_project

MODES = [[], ["--quick"]]


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory):
    """A plaintext project of 30 forms with its analysis snapshot and the dashboard's
    per-profile-cell sums stored (a dashboard load)."""
    return analysed_project(tmp_path_factory.mktemp("check") / "clean.db", 30, seed=4)


@pytest.fixture
def db(clean_db, tmp_path):
    copy = tmp_path / "damaged.db"
    shutil.copy(clean_db, copy)
    return copy


def _raw(path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def _check(path, mode, capsys) -> tuple[int, dict, str]:
    code = main(["check", "--db", str(path), "--json", *mode])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


@pytest.mark.parametrize("mode", MODES)
def test_a_clean_database_passes(db, mode, capsys):
    code, report, err = _check(db, mode, capsys)
    assert code == 0 and report["findings"] == [] and err == ""
    assert report["integrity_check"] == ("quick_check" if mode else "integrity_check")
    assert report["analysis"]["ok"] and report["audit_chain"] == "ok"


@pytest.mark.parametrize("mode", MODES)
def test_an_answer_of_a_form_that_does_not_exist(db, mode, capsys):
    conn = _raw(db)
    conn.execute("INSERT INTO form_answers (response_uuid, answers) "
                 "VALUES ('no-such-form', '{\"r01_likelihood\":\"3\"}')")
    conn.close()
    code, report, err = _check(db, mode, capsys)
    assert code == 1 and report["foreign_key_errors"] == 1
    assert "1 row refers to a row that does not exist" in err


@pytest.mark.parametrize("mode", MODES)
def test_a_file_with_a_page_nobody_uses(db, mode, capsys):
    conn = _raw(db)  # an index pointed at a new empty page: its old pages are orphans
    conn.execute("CREATE INDEX spare ON round(name) WHERE 0")
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'spare'").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'audit_response'", (root,))
    conn.execute("DELETE FROM sqlite_master WHERE name = 'spare'")
    conn.close()
    code, report, err = _check(db, mode, capsys)
    assert code == 1 and report["integrity"] != "ok"
    assert "is never used" in report["integrity"] and "integrity check failed" in err


def test_an_index_that_does_not_match_its_table_is_found_by_the_full_check(db, capsys):
    conn = _raw(db)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX audit_response ON "
                 "audit_log(operator)' WHERE name = 'audit_response'")
    conn.close()
    code, report, _ = _check(db, [], capsys)
    assert code == 1 and "missing from index audit_response" in report["integrity"]
    # --quick reads every page but does not look rows up in their indexes, and says so.
    assert main(["check", "--db", str(db), "--quick"]) == 0
    assert "indexes not compared with their tables" in capsys.readouterr().out


@pytest.mark.parametrize("mode", MODES)
def test_a_dropped_or_rewritten_protective_trigger(db, mode, capsys):
    conn = _raw(db)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                 "WHEN 0 BEGIN SELECT 1; END")
    conn.close()
    code, report, err = _check(db, mode, capsys)
    assert code == 1
    assert "The protective trigger audit_log_no_delete is missing" in err
    assert "The protective trigger audit_log_no_update was changed" in err


def _without_audit_triggers(path) -> sqlite3.Connection:
    conn = _raw(path)
    for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_chained",
                 "audit_log_no_replace"):
        conn.execute(f"DROP TRIGGER {name}")
    return conn


@pytest.mark.parametrize("mode", MODES)
def test_a_changed_audit_row(db, mode, capsys):
    conn = _without_audit_triggers(db)
    conn.execute("UPDATE audit_log SET operator = 'XX' WHERE id = 5")
    conn.close()
    code, report, err = _check(db, mode, capsys)
    assert code == 1 and report["audit_chain"] == "broken"
    assert "Audit row 5 of device" in err and "does not match its hash" in err


@pytest.mark.parametrize("mode", MODES)
def test_a_removed_audit_row(db, mode, capsys):
    conn = _without_audit_triggers(db)
    conn.execute("DELETE FROM audit_log WHERE id = 7")
    conn.close()
    code, report, err = _check(db, mode, capsys)
    assert code == 1 and report["audit_chain"] == "broken"
    assert "Audit row 8 of device" in err and "does not follow the row before it" in err


@pytest.mark.parametrize("mode", MODES)
def test_an_audit_row_added_around_the_program(db, mode, capsys):
    conn = _without_audit_triggers(db)
    device = conn.execute("SELECT device FROM audit_log LIMIT 1").fetchone()[0]
    conn.execute("INSERT INTO audit_log (uuid, time, operator, device, action) "
                 "VALUES ('sneaked-in', '2026-01-01T00:00:00Z', 'XX', ?, 'edit')", (device,))
    conn.close()
    code, report, err = _check(db, mode, capsys)
    assert code == 1 and report["audit_chain"] == "broken"
    assert "has no hash after the chain started" in err


@pytest.mark.parametrize("mode", MODES)
def test_a_snapshot_that_differs_from_the_answers(db, mode, capsys):
    conn = _raw(db)  # a value changed behind the triggers' back: the snapshot is stale
    conn.execute("DROP TRIGGER analysis_form_answers_updated")
    conn.execute("UPDATE form_answers SET answers = json_set(answers, '$.r03_impact', "
                 "CASE answers ->> '$.r03_impact' WHEN '1' THEN '2' ELSE '1' END) "
                 "WHERE response_uuid = (SELECT response_uuid FROM form_answers "
                 "WHERE answers ->> '$.r03_impact' IS NOT NULL LIMIT 1)")
    conn.close()
    code, report, _ = _check(db, mode, capsys)
    assert code == 1 and not report["analysis"]["ok"]
    assert "DIFFERS" in report["analysis"]["status"]
    assert main(["check", "--db", str(db), "--repair", *mode]) == 0
    assert "rebuilt from the answer rows (30 forms); ok" in capsys.readouterr().out


# Damage planted in a form's stored answers (one JSON object text per form), behind the
# program's back: each is one clear sentence, never a traceback, and --repair (which
# rebuilds the dashboard's snapshot from these rows) neither fails nor hides it.
ANSWER_DAMAGE = {
    "unknown question": ("json_set(answers, '$.no_such_question', '1')",
                         "holds an answer to a question no questionnaire version has",
                         "question no_such_question"),
    "a value that is not a text": ("json_set(answers, '$.r01_likelihood', 3)",
                                   "holds an answer that is not a text", "(the first: form"),
    "malformed JSON": ("substr(answers, 1, length(answers) - 1)",
                       "are not a JSON object", "(the first: form"),
    "not an object": ("'[\"1\", \"2\"]'", "are not a JSON object", "(the first: form"),
}


@pytest.mark.parametrize("damage", list(ANSWER_DAMAGE))
@pytest.mark.parametrize("mode", MODES)
def test_damaged_answers_of_a_form(db, mode, damage, capsys):
    expression, sentence, detail = ANSWER_DAMAGE[damage]
    conn = _raw(db)
    uuid = conn.execute("SELECT response_uuid FROM form_answers ORDER BY response_uuid "
                        "LIMIT 1 OFFSET 3").fetchone()[0]
    conn.execute(f"UPDATE form_answers SET answers = {expression} WHERE response_uuid = ?",
                 (uuid,))
    conn.close()
    code, report, err = _check(db, mode, capsys)
    assert code == 1 and "Traceback" not in err
    [finding] = [f for f in report["findings"] if sentence in f]
    assert f"1 form {sentence}" in finding or f"of 1 form {sentence}" in finding
    assert uuid in finding and detail in finding
    assert main(["check", "--db", str(db), "--repair", *mode]) == 1
    captured = capsys.readouterr()
    assert sentence in captured.err and "Traceback" not in captured.err
    assert "rebuilt from the answer rows (30 forms)" in captured.out


@pytest.mark.parametrize("mode", MODES)
def test_a_snapshot_with_a_form_too_many_or_a_part_missing(db, mode, capsys):
    conn = _raw(db)
    conn.execute("DROP TRIGGER analysis_response_deleted")
    uuid = conn.execute("SELECT uuid FROM response LIMIT 1").fetchone()[0]
    conn.execute("DELETE FROM form_answers WHERE response_uuid = ?", (uuid,))
    conn.execute("DELETE FROM analysis_dirty")
    conn.execute("DELETE FROM response WHERE uuid = ?", (uuid,))
    conn.close()
    code, report, _ = _check(db, mode, capsys)
    assert code == 1 and "DIFFERS" in report["analysis"]["status"]
    conn = _raw(db)
    conn.execute("DELETE FROM analysis_snapshot WHERE name = 'operator'")
    conn.close()
    code, report, _ = _check(db, mode, capsys)
    assert code == 1 and "DIFFERS" in report["analysis"]["status"]


@pytest.mark.parametrize("how", ["a sum changed", "bytes damaged"])
@pytest.mark.parametrize("mode", MODES)
def test_stored_sums_that_differ_from_the_snapshot(db, mode, how, capsys):
    """The dashboard's stored sums are compared with the snapshot's forms; --repair adds
    them up again, and the dashboard then reads the repaired ones."""
    conn = _raw(db)
    meta, data = conn.execute("SELECT meta, data FROM analysis_cell_sums").fetchone()
    if how == "a sum changed":  # one more form in the first cell, checksum made to fit
        from desktop.domain import cell_sums
        sums = cell_sums.decode(meta, bytes(data))
        sizes = sums.sizes.copy()
        sizes[0] += 1
        sums.sizes = sizes
        meta, data = cell_sums.encode(sums)
    else:
        data = bytes(data)[:-1] + bytes([bytes(data)[-1] ^ 1])
    conn.execute("UPDATE analysis_cell_sums SET meta = ?, data = ?", (meta, data))
    conn.close()
    code, report, _ = _check(db, mode, capsys)
    assert code == 1 and not report["analysis"]["ok"]
    assert "stored sums DIFFER" in report["analysis"]["status"]
    assert main(["check", "--db", str(db), "--repair", *mode]) == 0
    assert "rebuilt from the answer rows (30 forms); ok" in capsys.readouterr().out
    _assert_sums_stored(db, 30)


def test_sums_table_missing_still_shows_every_form(db):
    """Without the sums table (a hand edit) the dashboard adds the forms up from the
    snapshot, as before the table existed: nothing is lost."""
    conn = _raw(db)
    conn.execute("DROP TABLE analysis_cell_sums")
    conn.close()
    project = Project.open(db)
    try:
        sums, info = cell_sums_cache.load_sums(project.db.conn, project.questionnaire)
        assert info.source == cell_sums_cache.COMPUTED and sums.forms == 30
        assert analysis_for(project, "en").compute({}).n_forms == 30
    finally:
        project.close()


def test_sums_table_dropped_is_found_and_restored(db, capsys):
    """A dropped sums table would make every later snapshot write fail: `check` says the
    sums differ, and --repair creates the table again, rebuilds and stores the sums."""
    conn = _raw(db)
    conn.execute("DROP TABLE analysis_cell_sums")
    conn.close()
    code, report, _ = _check(db, (), capsys)
    assert code == 1 and "stored sums DIFFER" in report["analysis"]["status"]
    assert main(["check", "--db", str(db), "--repair"]) == 0
    assert "rebuilt from the answer rows (30 forms); ok" in capsys.readouterr().out
    code, report, _ = _check(db, (), capsys)
    assert code == 0 and report["analysis"]["ok"]
    _assert_sums_stored(db, 30)


def _assert_sums_stored(db, forms: int) -> None:
    """The dashboard reads the stored (repaired) sums, which count `forms` forms."""
    project = Project.open(db)
    try:
        sums, info = cell_sums_cache.load_sums(project.db.conn, project.questionnaire,
                                               version_pool(project).analysed)
        assert info.source == cell_sums_cache.STORED and sums.forms == forms
    finally:
        project.close()
