"""Two copies of one device's project both in use (one key, real signed bundles): without
HQ's decision the genuine copy stays held for ever; `keep_copy` lets HQ follow the copy
the team names, says first what it would do, drops nothing, and tells the other copy's
later bundles why they are held (services/copy_keeper.py)."""

from __future__ import annotations

import shutil

import pytest

from desktop.services.copy_keeper import CopyKeepRefused, keep_copy
from desktop.services.export_service import export_bundle
from desktop.storage import audit_chain
from desktop.storage.database import Database

from bundle_helpers import db_state, make_hq_db
from test_restored_backup import _edit, _import_one, _key_forms
from trust_helpers import enrol_fingerprints


def _numbers(hq) -> set[int]:
    db = Database.open(hq)
    try:
        return {row[0] for row in db.conn.execute(
            "SELECT form_number FROM response r JOIN round ON round.uuid = r.round_uuid "
            "WHERE round.name = 'Keyed' AND r.status != 'deleted'")}
    finally:
        db.close()


def _copy_sent_first(tmp_path, hq_keys, field_key, field_db, out_dir, answers):
    """The laptop sends bundle 1; someone at the post copies its project, keys a form of
    their own and edits form 1; the laptop makes its bundle 2 first, but the copy's
    bundle 2 reaches HQ first. Returns (HQ, a function sending the laptop's next bundle,
    the laptop's bundle 2, the copy's path)."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    send = lambda: export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    _key_forms(field_db, field_key.device_id, answers, [1, 2])
    assert _import_one(hq, hq_keys, send().path).status == "imported"
    copy = tmp_path / "post-copy.db"
    shutil.copy(field_db, copy)
    _key_forms(field_db, field_key.device_id, answers, [3])
    genuine = send()
    _key_forms(copy, field_key.device_id, answers, [9])
    _edit(copy, field_key.device_id, 1, "flattering")
    other = export_bundle(copy, field_key, [hq_keys.recipient], out_dir)
    assert other.manifest.sequence == genuine.manifest.sequence == 2
    assert _import_one(hq, hq_keys, other.path).status == "imported"
    return hq, send, genuine, copy


def test_the_genuine_copy_stays_held_for_ever_without_a_decision(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    hq, send, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db,
                                            out_dir, valid_answers)
    result = _import_one(hq, hq_keys, genuine.path)
    assert (result.status, result.refusal) == ("held", "sequence_reused")
    for number in (4, 5):  # every later bundle of the laptop in use: never imported
        _key_forms(field_db, field_key.device_id, valid_answers, [number])
        result = _import_one(hq, hq_keys, send().path)
        assert result.status in ("held", "refused") and result.refusal == "audit_chain"
    assert _numbers(hq) == {1, 2, 9}


def test_hq_keeps_the_genuine_copy_on_the_teams_word(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    hq, send, genuine, copy = _copy_sent_first(tmp_path, hq_keys, field_key, field_db,
                                               out_dir, valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [4])
    later = send()
    assert _import_one(hq, hq_keys, later.path).status != "imported"
    before = db_state(hq)
    # Its bundle 3 cannot start the line: HQ does not hold bundle 2 it follows.
    with pytest.raises(CopyKeepRefused) as refused:
        keep_copy(hq, hq_keys.identity_path, later.path, do=True)
    assert refused.value.key == "copy_keep.earlier_first"
    # What it would do, said first; nothing changes.
    choice = keep_copy(hq, hq_keys.identity_path, genuine.path)
    assert db_state(hq) == before
    assert (choice.done, choice.sequence, choice.current[0]) == (False, 2, 2)
    assert (choice.report.new, choice.report.updated, choice.report.conflicting) == \
        (1, 0, 0)
    assert choice.branches
    done = keep_copy(hq, hq_keys.identity_path, genuine.path, reason="team lead, phone",
                     operator="Ana", do=True)
    assert done.done and done.report.status == "imported" and done.report.kept_copy
    assert _import_one(hq, hq_keys, later.path).status == "imported"
    _key_forms(field_db, field_key.device_id, valid_answers, [5])
    assert _import_one(hq, hq_keys, send().path).status == "imported"
    # Nothing the copy sent is dropped: its form 9 and its edit of form 1 stay.
    assert _numbers(hq) == {1, 2, 3, 4, 5, 9}
    db = Database.open(hq)
    try:
        assert audit_chain.verify_chains(db.conn).ok
        (row,) = db.conn.execute("SELECT operator, new, reason FROM audit_log WHERE "
                                 "action = 'copy_keep'").fetchall()
        assert tuple(row) == ("Ana", f"{field_key.device_id} #2 "
                                     f"{genuine.manifest.bundle_uuid}", "team lead, phone")
        comment = db.conn.execute(
            "SELECT a.value FROM answer a JOIN response r ON r.uuid = a.response_uuid "
            "JOIN round ON round.uuid = r.round_uuid WHERE round.name = 'Keyed' AND "
            "r.form_number = 1 AND a.question_id = 'comment'").fetchone()[0]
        assert comment == "flattering"  # said to the analyst, never silently undone
    finally:
        db.close()
    # The other copy's next bundle: held or refused, with a sentence naming the decision.
    _key_forms(copy, field_key.device_id, valid_answers, [10])
    before = db_state(hq)
    result = _import_one(hq, hq_keys, export_bundle(copy, field_key, [hq_keys.recipient],
                                                    out_dir).path)
    assert result.status in ("held", "refused")
    assert "headquarters decided that the post keeps the copy" in result.message_in("en")
    assert "la sede decidió que el puesto conserva la copia" in result.message_in("es")
    assert db_state(hq) == before
    # Twice: imported already.
    with pytest.raises(CopyKeepRefused) as refused:
        keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    assert refused.value.key == "copy_keep.replay"
    assert db_state(hq) == before


def test_a_laptop_blocked_by_a_copys_branch_is_kept(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """Someone at the post restores an old backup and sends its bundle 2 after the
    laptop's bundles 1 to 3: HQ takes it as a restored copy's branch, and the laptop still
    in use is refused from then on. The team says the laptop is genuine: HQ keeps its
    copy from its bundle 4, and the backup's next bundle is told so."""
    from test_restored_backup import _lost_and_restored
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    backup, laptop = field_db, tmp_path / "lost.db"  # the laptop was never lost
    _key_forms(backup, field_key.device_id, valid_answers, [6])
    assert _import_one(hq, hq_keys, send().path).branch_from
    _key_forms(laptop, field_key.device_id, valid_answers, [10])
    blocked = export_bundle(laptop, field_key, [hq_keys.recipient], out_dir)
    assert blocked.manifest.sequence == 4
    assert _import_one(hq, hq_keys, blocked.path).refusal == "audit_chain"
    choice = keep_copy(hq, hq_keys.identity_path, blocked.path)
    assert (choice.sequence, choice.report.new) == (4, 1)
    keep_copy(hq, hq_keys.identity_path, blocked.path, do=True)
    _key_forms(laptop, field_key.device_id, valid_answers, [11])
    assert _import_one(hq, hq_keys, export_bundle(
        laptop, field_key, [hq_keys.recipient], out_dir).path).status == "imported"
    _key_forms(backup, field_key.device_id, valid_answers, [12])
    result = _import_one(hq, hq_keys, send().path)
    assert result.status in ("held", "refused")
    assert "decided that the post keeps the copy" in result.message_in("en")
    assert _numbers(hq) == {1, 2, 3, 4, 5, 6, 8, 10, 11}
    db = Database.open(hq)
    try:
        assert audit_chain.verify_chains(db.conn).ok
    finally:
        db.close()


def test_a_backup_from_before_the_decision_cannot_set_the_kept_copy_aside(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """After HQ kept the laptop's copy from bundle 2, someone at the post restores a copy
    of the project from before bundle 2 and sends its bundle 2, made later: a restored
    copy's branch by the automatic rules, which would set the kept copy aside again. It is
    held instead, and the sentence names HQ's decision."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    send = lambda: export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    _key_forms(field_db, field_key.device_id, valid_answers, [1])
    assert _import_one(hq, hq_keys, send().path).status == "imported"
    before_2 = tmp_path / "before-2.db"
    shutil.copy(field_db, before_2)
    again = tmp_path / "again.db"
    shutil.copy(field_db, again)
    _key_forms(field_db, field_key.device_id, valid_answers, [2])
    genuine = send()
    _key_forms(before_2, field_key.device_id, valid_answers, [8])
    assert _import_one(hq, hq_keys, export_bundle(
        before_2, field_key, [hq_keys.recipient], out_dir).path).status == "imported"
    assert _import_one(hq, hq_keys, genuine.path).status == "held"
    keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    _key_forms(again, field_key.device_id, valid_answers, [7])
    late = export_bundle(again, field_key, [hq_keys.recipient], out_dir)
    assert late.manifest.sequence == 2
    before = db_state(hq)
    result = _import_one(hq, hq_keys, late.path)
    assert (result.status, result.refusal) == ("held", "sequence_reused"), result.message
    assert not result.branch_from and result.another_copy
    assert "decided that the post keeps the copy" in result.message_in("en")
    assert db_state(hq) == before
    _key_forms(field_db, field_key.device_id, valid_answers, [3])
    assert _import_one(hq, hq_keys, send().path).status == "imported"


def test_a_part_of_a_series_is_not_kept(tmp_path, hq_keys, field_key, field_db, out_dir,
                                       valid_answers):
    """A copy is kept from a single bundle: a restored copy's export in parts, numbered
    again and held, is refused in one sentence, nothing changed."""
    from desktop.services.export_service import PartLimits
    from test_restored_backup import _lost_and_restored
    series_hq, _, _ = _lost_and_restored(tmp_path / "series", hq_keys, field_key,
                                         field_db, out_dir, valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [6, 7, 9])
    parts = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir,
                          limits=PartLimits(forms=1))
    assert len(parts.paths) > 1 and parts.manifest.sequence == 2
    before = db_state(series_hq)
    with pytest.raises(CopyKeepRefused) as refused:
        keep_copy(series_hq, hq_keys.identity_path, parts.paths[0], do=True)
    assert refused.value.key == "copy_keep.series"
    assert db_state(series_hq) == before


def test_a_changed_log_is_not_a_copy(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers):
    from test_branch_attacks import _forged
    hq, _, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db, out_dir,
                                         valid_answers)
    before = db_state(hq)
    # The laptop's bundle 2 re-signed as a bundle 3 following the copy's bundle 2: its
    # log does not continue HQ's, and no copy started a line (the copy's bundle 2 came
    # first, no branch): a changed log, refused as it stands.
    db = Database.open(hq)
    try:
        (copy_2,) = db.conn.execute("SELECT bundle_uuid FROM bundle_ledger WHERE "
                                    "sequence = 2").fetchone()
    finally:
        db.close()
    forged = _forged(genuine.path, hq_keys, field_key, tmp_path / "f.zip.age",
                     manifest={"sequence": 3, "previous_bundle_uuid": copy_2,
                               "bundle_uuid": "00000000-0000-4000-8000-000000000003"})
    with pytest.raises(CopyKeepRefused) as refused:
        keep_copy(hq, hq_keys.identity_path, forged, do=True)
    assert refused.value.key == "copy_keep.not_a_copy"
    assert "does not continue the one headquarters holds" in refused.value.in_language("en")
    assert db_state(hq) == before
