"""A team restores its project from a backup copy after bundles left the lost copy: its
next bundles must still reach HQ, and HQ keeps everything it held."""

from __future__ import annotations

import shutil

from desktop.cli import main
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage import audit_chain
from desktop.storage.database import Database

from bundle_helpers import db_state, make_hq_db
from trust_helpers import enrol_fingerprints


def _key_forms(db_path, device_id, answers, numbers):
    project = Project.open(db_path)
    try:
        round_ = next((r for r in project.rounds() if r.name == "Keyed"), None) \
            or project.create_round("Keyed", form_min=1, form_max=500)
        service = FormService(project.db, project.questionnaire, Actor("OP", device_id))
        for number in numbers:
            service.save_new(round_.uuid, number, answers)
    finally:
        project.close()


def _edit(db_path, device_id, number, comment):
    project = Project.open(db_path)
    try:
        uuid = project.db.conn.execute(
            "SELECT r.uuid FROM response r JOIN round ON round.uuid = r.round_uuid "
            "WHERE round.name = 'Keyed' AND form_number = ?", (number,)).fetchone()[0]
        service = FormService(project.db, project.questionnaire, Actor("OP", device_id))
        service.update(uuid, {**service.load(uuid).answers, "comment": comment})
    finally:
        project.close()


def _backup(db_path, target):
    project = Project.open(db_path)
    try:
        project.backup_to(target)
    finally:
        project.close()


def _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir, answers):
    """Bundles 1 to 3 reach HQ from a copy that is then lost; the backup made after
    bundle 1 is restored. Returns (HQ database, bundles 1 to 3, a function sending the
    next bundle of the restored copy)."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    send = lambda: export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    _key_forms(field_db, field_key.device_id, answers, [1, 2])
    sent = [send()]
    _key_forms(field_db, field_key.device_id, answers, [3])
    _backup(field_db, tmp_path / "backup.db")
    _key_forms(field_db, field_key.device_id, answers, [4, 5])
    sent.append(send())  # from the copy that will be lost
    _key_forms(field_db, field_key.device_id, answers, [8])
    for comment in ("lost one", "lost two"):  # form 1 at revision 3 in the lost copy
        _edit(field_db, field_key.device_id, 1, comment)
    sent.append(send())
    report = import_bundles(hq, hq_keys.identity_path, [b.path for b in sent])
    assert [b.status for b in report.bundles] == ["imported"] * 3
    shutil.copy(field_db, tmp_path / "lost.db")
    shutil.copy(tmp_path / "backup.db", field_db)  # the laptop is lost: the backup back
    return hq, sent, send


def _import_one(hq, hq_keys, path):
    (result,) = import_bundles(hq, hq_keys.identity_path, [path]).bundles
    return result


def test_bundles_of_a_restored_backup_reach_hq(tmp_path, hq_keys, field_key, field_db,
                                               out_dir, valid_answers):
    hq, sent, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                        valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [6, 7])
    again = send()
    assert again.manifest.sequence == 2  # numbered again from where the backup was made
    result = _import_one(hq, hq_keys, again.path)
    assert result.status == "imported", result.message
    assert (result.new, result.unchanged) == (2, 1)  # form 3 went with the lost bundle 2
    assert result.branch_from
    _key_forms(field_db, field_key.device_id, valid_answers, [9])
    later = send()
    assert later.manifest.sequence == 3  # the lost copy's number 3 as well
    result = _import_one(hq, hq_keys, later.path)
    assert (result.status, result.new) == ("imported", 1), result.message
    db = Database.open(hq)
    try:
        numbers = {row[0] for row in db.conn.execute(
            "SELECT form_number FROM response r JOIN round ON round.uuid = r.round_uuid "
            "WHERE round.name = 'Keyed'")}
        assert numbers == set(range(1, 10))  # both copies' forms kept
        assert audit_chain.verify_chains(db.conn).ok  # HQ's check accepts the branch
    finally:
        db.close()
    assert main(["check", "--db", str(hq)]) == 0
    # Bundles HQ holds stay replays.
    assert _import_one(hq, hq_keys, sent[1].path).status == "replay"
    # A branch no import recorded is still a row out of order for `check`.
    db = Database.open(hq)
    try:
        db.conn.execute("UPDATE bundle_ledger SET report = json_set(report, "
                        "'$.branch_from', '') WHERE direction = 'import'")
        db.conn.commit()
        findings = audit_chain.verify_chains(db.conn).findings
        assert [f.key for f in findings] == ["out.check_finding_chain_order"]
    finally:
        db.close()


def test_the_lost_copy_cannot_carry_on_after_the_restore(tmp_path, hq_keys, field_key,
                                                        field_db, out_dir, valid_answers):
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [6])
    assert _import_one(hq, hq_keys, send().path).status == "imported"
    lost = tmp_path / "lost.db"  # found again, keyed into, sent: one branch goes on only
    _key_forms(lost, field_key.device_id, valid_answers, [10])
    before = db_state(hq)
    result = _import_one(hq, hq_keys, export_bundle(lost, field_key, [hq_keys.recipient],
                                                    out_dir).path)
    assert (result.status, result.refusal) == ("refused", "audit_chain")
    assert db_state(hq) == before


def test_a_number_reused_without_a_branch_is_still_held(tmp_path, hq_keys, field_key,
                                                       field_db, out_dir, valid_answers):
    """A copy made before bundle 2 and sent again with the same rows: nothing branches,
    so it is two bundles numbered 2 and the team is asked which is genuine."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    _key_forms(field_db, field_key.device_id, valid_answers, [1])
    first = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    _key_forms(field_db, field_key.device_id, valid_answers, [2])
    shutil.copy(field_db, tmp_path / "copy.db")
    second = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    other = export_bundle(tmp_path / "copy.db", field_key, [hq_keys.recipient], out_dir)
    assert other.manifest.sequence == second.manifest.sequence == 2
    import_bundles(hq, hq_keys.identity_path, [first.path, second.path])
    before = db_state(hq)
    result = _import_one(hq, hq_keys, other.path)
    assert (result.status, result.refusal) == ("held", "sequence_reused")
    assert db_state(hq) == before


def test_the_import_says_so_in_the_users_language(tmp_path, hq_keys, field_key, field_db,
                                                  out_dir, valid_answers, capsys,
                                                  monkeypatch):
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [6])
    again = send().path
    monkeypatch.setenv("RISKMAP_LANG", "es")
    capsys.readouterr()
    assert main(["import", "--db", str(hq), "--identity", str(hq_keys.identity_path),
                 str(again)]) == 0
    out = capsys.readouterr().out
    assert "copia de seguridad restaurada tras una pérdida" in out
    assert "numeró dos veces el paquete 2" in out and "restored" not in out


def test_an_edit_in_both_copies_is_a_conflict(tmp_path, hq_keys, field_key, field_db,
                                              out_dir, valid_answers):
    """The restored copy edits form 1 (revision 2), which the lost copy had edited twice
    (revision 3, at HQ): a conflict for the analyst, not an older version arriving late."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    _edit(field_db, field_key.device_id, 1, "restored")
    result = _import_one(hq, hq_keys, send().path)
    assert (result.status, result.conflicting) == ("imported", 1), result.message


def test_two_copies_in_use_cannot_take_turns(tmp_path, hq_keys, field_key, field_db,
                                             out_dir, valid_answers):
    """Once the restored copy's branch is taken, the lost copy's line is set aside: a
    bundle of it numbered like one of the restored copy's is held, not another branch."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    for number in (6, 9, 11):  # the restored copy's bundles 2, 3 and 4
        _key_forms(field_db, field_key.device_id, valid_answers, [number])
        assert _import_one(hq, hq_keys, send().path).status == "imported"
    lost = tmp_path / "lost.db"  # its bundle 4 follows its own 3, which was set aside
    _key_forms(lost, field_key.device_id, valid_answers, [10])
    bundle = export_bundle(lost, field_key, [hq_keys.recipient], out_dir)
    assert bundle.manifest.sequence == 4
    before = db_state(hq)
    result = _import_one(hq, hq_keys, bundle.path)
    assert (result.status, result.refusal) == ("held", "sequence_reused")
    assert db_state(hq) == before


def test_a_bundle_of_the_lost_copy_arriving_late_is_held(tmp_path, hq_keys, field_key,
                                                         field_db, out_dir, valid_answers):
    """The lost copy's bundle 2, made before the loss, reaches HQ after the restored
    copy's bundle 2: it is held, and the restored copy's bundle 3 is still taken."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    send = lambda: export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    _key_forms(field_db, field_key.device_id, valid_answers, [1])
    assert _import_one(hq, hq_keys, send().path).status == "imported"
    _key_forms(field_db, field_key.device_id, valid_answers, [2])
    _backup(field_db, tmp_path / "backup.db")
    _key_forms(field_db, field_key.device_id, valid_answers, [3])
    late = send()  # on a USB stick in the post
    shutil.copy(tmp_path / "backup.db", field_db)
    _key_forms(field_db, field_key.device_id, valid_answers, [4])
    assert _import_one(hq, hq_keys, send().path).status == "imported"
    result = _import_one(hq, hq_keys, late.path)
    assert (result.status, result.refusal) == ("held", "sequence_reused")
    _key_forms(field_db, field_key.device_id, valid_answers, [5])
    result = _import_one(hq, hq_keys, send().path)
    assert (result.status, result.new) == ("imported", 1), result.message
