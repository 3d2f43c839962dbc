"""A post writes audit rows about another post's forms (its own laptop, its own chain, its
own enrolled key: nothing forged) and sends them: they would show in those forms' history
at HQ under its device id. HQ holds such a bundle whole, as for forms written into a round
the device may not write (services/audit_subjects.py); rows about its own forms, or about
forms of a round HQ allowed it into, import as before."""

from __future__ import annotations

from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage.audit_store import AuditEntry, write_audit
from desktop.storage.database import Database

from bundle_helpers import db_state, make_hq_db
from test_round_origin_attacks import _a_form, _post_a
from trust_helpers import allow_in_round, enrol_fingerprints


def _post_b_writes_history(tmp_path, hq_keys, field_db, valid_answers, about: int | None):
    """Post B keys one form into a round of its own and, with `about`, writes an audit row
    about post A's form of that number (as if it had edited it). Returns (B's key, bundle)."""
    from desktop.services.device_identity import project_device_key
    path = tmp_path / "post-b" / "b.db"
    project = Project.open(path)
    try:
        key = project_device_key(path)
        mine = project.create_round("Puesto B", form_min=1, form_max=100)
        service = FormService(project.db, project.questionnaire, Actor("B", key.device_id))
        own = service.save_new(mine.uuid, 1, valid_answers)
        with project.db.transaction() as conn:
            subject = _a_form(field_db, about)[0]["uuid"] if about is not None else own.uuid
            write_audit(conn, [AuditEntry("edit", "B", key.device_id, subject,
                                          question_id="comment", old="",
                                          new="paid to look away", reason="correction")])
    finally:
        project.close()
    out = tmp_path / "post-b-out"
    out.mkdir()
    return key, export_bundle(path, key, [hq_keys.recipient], out).path


def _history_of(hq, form_uuid: str) -> list[str]:
    db = Database.open(hq)
    try:
        return [r[0] for r in db.conn.execute("SELECT device FROM audit_log WHERE "
                                              "response_uuid = ?", (form_uuid,))]
    finally:
        db.close()


def test_audit_rows_about_another_posts_forms_are_held(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers):
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    key_b, b_bundle = _post_b_writes_history(tmp_path, hq_keys, field_db, valid_answers, 4)
    enrol_fingerprints(hq, key_b.fingerprint)
    before = db_state(hq)
    [result] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (result.status, result.refusal) == ("held", "foreign_round_audit"), \
        (result.message, result.new)
    english = result.message_in("en")
    assert key_b.device_id in english and "Demo 3" in english, english
    assert "riskmap devices allow" in english
    assert "filas de auditoría" in result.message_in("es")
    assert db_state(hq) == before
    a_form = _a_form(field_db, 4)[0]["uuid"]
    assert key_b.device_id not in _history_of(hq, a_form)
    # HQ decides both laptops key that round: the rows then import.
    allow_in_round(hq, key_b.device_id, "Demo 3")
    [allowed] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (allowed.status, allowed.new) == ("imported", 1), allowed.message
    assert key_b.device_id in _history_of(hq, a_form)


def test_audit_rows_about_its_own_forms_import(
        tmp_path, hq_keys, bundle, field_db, valid_answers):
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    key_b, b_bundle = _post_b_writes_history(tmp_path, hq_keys, field_db, valid_answers, None)
    enrol_fingerprints(hq, key_b.fingerprint)
    [result] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (result.status, result.new) == ("imported", 1), result.message
