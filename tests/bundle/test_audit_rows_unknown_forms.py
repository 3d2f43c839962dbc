"""Audit rows about a form that headquarters does not hold and that the bundle does not
bring (services/audit_subjects.py): a laptop writes an audit row only with a change to its
form, exports every form changed since its last bundle (deleted ones too: deleting is
soft), so its rows always travel with their forms. Rows naming a form neither the bundle
nor HQ holds are held: they would show in the history of a form another post sends later.
Real signed bundles of two enrolled laptops."""

from __future__ import annotations

from desktop.services.device_identity import project_device_key
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage.audit_store import AuditEntry, write_audit
from desktop.storage.database import Database

from bundle_helpers import db_state, make_hq_db
from test_audit_row_attacks import _history_of, _post_b_writes_history
from test_round_origin_attacks import _a_form, _post_b
from trust_helpers import allow_in_round, enrol_fingerprints, import_trusted


def _import(hq, hq_keys, path):
    [result] = import_bundles(hq, hq_keys.identity_path, [path]).bundles
    return result


def test_rows_about_a_form_another_post_sends_later_are_held(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers):
    """Post B learnt the uuid of post A's form 4 (A's laptop is at the post) and writes an
    audit row about it before A's bundle reaches HQ. Before: imported unjudged (HQ did not
    hold the form), and once A's form arrived B's row showed in its history. Now held, and
    once A's form is at HQ it is held as rows about another post's form."""
    hq = make_hq_db(tmp_path / "hq.db")
    key_b, b_bundle = _post_b_writes_history(tmp_path, hq_keys, field_db, valid_answers, 4)
    enrol_fingerprints(hq, field_key.fingerprint, key_b.fingerprint)
    before = db_state(hq)
    result = _import(hq, hq_keys, b_bundle)
    assert (result.status, result.refusal) == ("held", "audit_unknown_forms"), \
        (result.status, result.message)
    english, spanish = result.message_in("en"), result.message_in("es")
    assert key_b.device_id in english and "(1 in all)" in english, english
    assert "riskmap export --all" in english and "riskmap export --all" in spanish
    assert "filas de auditoría" in spanish and "(1 en total)" in spanish
    assert db_state(hq) == before
    assert _import(hq, hq_keys, bundle).status == "imported"
    a_form = _a_form(field_db, 4)[0]["uuid"]
    assert key_b.device_id not in _history_of(hq, a_form)
    again = _import(hq, hq_keys, b_bundle)
    assert (again.status, again.refusal) == ("held", "foreign_round_audit"), again.message
    assert key_b.device_id not in _history_of(hq, a_form)


def test_rows_about_a_form_that_exists_nowhere_are_held(
        tmp_path, hq_keys, field_db, field_key, valid_answers, out_dir):
    """A row about a made-up form uuid (and one naming no form at all, which is fine)."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    project = Project.open(field_db)
    try:
        with project.db.transaction() as conn:
            write_audit(conn, [
                AuditEntry("setting", "OP", field_key.device_id, None, old="a", new="b"),
                AuditEntry("edit", "OP", field_key.device_id,
                           "01890000-0000-7000-8000-00000000beef", question_id="comment",
                           old="", new="looks fine")])
    finally:
        project.close()
    before = db_state(hq)
    result = _import(hq, hq_keys, export_bundle(field_db, field_key, [hq_keys.recipient],
                                                out_dir).path)
    assert (result.status, result.refusal) == ("held", "audit_unknown_forms")
    assert db_state(hq) == before


def _keyed(db_path, device_id, answers, numbers):
    project = Project.open(db_path)
    try:
        round_ = project.create_round("Keyed", form_min=1, form_max=500)
        service = FormService(project.db, project.questionnaire, Actor("OP", device_id))
        return [service.save_new(round_.uuid, n, answers).uuid for n in numbers], service, \
            project
    except BaseException:
        project.close()
        raise


def test_a_form_deleted_before_it_was_ever_sent_travels_with_its_rows(
        tmp_path, hq_keys, field_db, field_key, valid_answers, out_dir):
    """What a laptop really writes: keyed, edited and deleted before any bundle, the form
    is still sent (status deleted, its reason), so its rows name a form the bundle brings."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    (kept, gone), service, project = _keyed(field_db, field_key.device_id, valid_answers,
                                            [1, 2])
    try:
        service.update(gone, {**service.load(gone).answers, "comment": "typo"})
        service.delete(gone, "keyed twice")
    finally:
        project.close()
    result = _import(hq, hq_keys, export_bundle(field_db, field_key, [hq_keys.recipient],
                                                out_dir).path)
    assert result.status == "imported", result.message
    db = Database.open(hq)
    try:
        row = db.conn.execute("SELECT status, deleted_reason FROM response WHERE uuid = ?",
                              (gone,)).fetchone()
        assert tuple(row) == ("deleted", "keyed twice")
    finally:
        db.close()
    assert set(_history_of(hq, gone)) == {field_key.device_id}
    assert len(_history_of(hq, gone)) == 3  # create, edit, delete


def test_a_full_export_brings_the_forms_the_rows_speak_of(
        tmp_path, hq_keys, field_db, field_key, valid_answers, out_dir):
    """Should a laptop's bundle ever leave out a form its rows name (here: the laptop's
    mark says form 2 was sent, though no bundle with it reached HQ), the sentence's
    remedy works: a full export brings every form, and it imports."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    (_, second), _, project = _keyed(field_db, field_key.device_id, valid_answers, [1, 2])
    try:
        with project.db.transaction() as conn:
            conn.execute("INSERT INTO export_mark (response_uuid, revision, sha256, "
                         "bundle_uuid) VALUES (?, 1, '', 'lost')", (second,))
    finally:
        project.close()
    partial = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    result = _import(hq, hq_keys, partial.path)
    assert (result.status, result.refusal) == ("held", "audit_unknown_forms")
    full = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, full=True)
    result = _import(hq, hq_keys, full.path)
    assert result.status == "imported", result.message
    assert _history_of(hq, second) == [field_key.device_id]


def test_a_regional_office_relaying_its_conflicts_is_not_held(
        tmp_path, hq_keys, bundle, field_db, valid_answers):
    """A regional HQ imports two laptops of one team keying one round; both keyed paper
    form 4, so it keeps the second as a conflict for its analyst. It then sends everything
    on to the national HQ: its bundle carries the laptops' rows and its own
    `import_conflict` row about that form, which no bundle carries (an HQ's bundle holds
    its forms, not its conflicts). Imported: relayed rows and an HQ's conflict rows are
    not held for a form nobody sent."""
    regional = make_hq_db(tmp_path / "regional.db")
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers, new_numbers=(4,))
    enrol_fingerprints(regional, key_b.fingerprint)
    [first] = import_trusted(regional, hq_keys.identity_path, [bundle]).bundles
    assert first.status == "imported", first.message
    allow_in_round(regional, key_b.device_id, "Demo 3")
    second = _import(regional, hq_keys, b_bundle)
    assert (second.status, second.conflicting) == ("imported", 1), second.message
    national = make_hq_db(tmp_path / "national.db")
    regional_key = project_device_key(regional)
    enrol_fingerprints(national, regional_key.fingerprint)
    out = tmp_path / "regional-out"
    out.mkdir()
    relayed = export_bundle(regional, regional_key, [hq_keys.recipient], out)
    result = _import(national, hq_keys, relayed.path)
    assert result.status == "imported", result.message
    db = Database.open(national)
    try:
        assert db.conn.execute("SELECT count(*) FROM audit_log WHERE action = "
                               "'import_conflict'").fetchone()[0] == 1
    finally:
        db.close()


def test_rows_about_a_form_hq_keeps_only_as_a_conflict_are_judged_by_its_round(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """HQ keeps a restored copy's paper form 4, keyed again under a new uuid, only as a
    conflict. Another post writes an audit row about that uuid: it is about a form HQ
    holds, in a round that post may not write, so the bundle is held (before: unjudged,
    since the uuid is in no form row)."""
    from test_restored_backup import _key_forms, _lost_and_restored
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [4])
    assert _import(hq, hq_keys, send().path).conflicting == 1
    db = Database.open(hq)
    try:
        (again,) = db.conn.execute("SELECT response_uuid FROM response_conflict").fetchone()
    finally:
        db.close()
    path = tmp_path / "post-b" / "b.db"
    project = Project.open(path)
    try:
        key_b = project_device_key(path)
        mine = project.create_round("Puesto B", form_min=1, form_max=100)
        FormService(project.db, project.questionnaire, Actor("B", key_b.device_id)).save_new(
            mine.uuid, 1, valid_answers)
        with project.db.transaction() as conn:
            write_audit(conn, [AuditEntry("edit", "B", key_b.device_id, again,
                                          question_id="comment", old="", new="fine")])
    finally:
        project.close()
    enrol_fingerprints(hq, key_b.fingerprint)
    out = tmp_path / "post-b-out"
    out.mkdir()
    before = db_state(hq)
    result = _import(hq, hq_keys, export_bundle(path, key_b, [hq_keys.recipient], out).path)
    assert (result.status, result.refusal) == ("held", "foreign_round_audit"), result.message
    assert "Keyed" in result.message_in("en")
    assert db_state(hq) == before
