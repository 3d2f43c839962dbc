"""Two copies of one device's project, identical up to the bundle HQ held: HQ keeps one
copy on the team's word, and the kept bundle brings no audit row of its own (both copies
sent the same rows), so no branch point is recorded. The other copy's next bundle still
continues HQ's audit chain; it must be held all the same, with the sentence naming HQ's
decision, and must never set the kept copy aside (services/copy_keeper.py,
services/import_gate.py `set_aside_line`). Real signed bundles of one enrolled key."""

from __future__ import annotations

import shutil

from desktop.cli import main
from desktop.services.check_service import check_project
from desktop.services.copy_keeper import keep_copy
from desktop.services.export_service import export_bundle
from desktop.storage import audit_chain, bundle_store
from desktop.storage.database import Database

from bundle_helpers import db_state, make_hq_db
from test_copy_keeper import _copy_sent_first, _numbers
from test_restored_backup import _import_one, _key_forms
from trust_helpers import enrol_fingerprints


def _identical_copies(tmp_path, hq_keys, field_key, field_db, out_dir, answers):
    """The laptop sends bundle 1 and keys form 3; its project is copied then, before
    bundle 2. The copy's bundle 2 reaches HQ first; the laptop's bundle 2, made later with
    the very same audit rows, is held. Returns (HQ, the laptop's bundle 2, the copy)."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    _key_forms(field_db, field_key.device_id, answers, [1, 2])
    first = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    assert _import_one(hq, hq_keys, first.path).status == "imported"
    _key_forms(field_db, field_key.device_id, answers, [3])
    copy = tmp_path / "post-copy.db"
    shutil.copy(field_db, copy)
    other = export_bundle(copy, field_key, [hq_keys.recipient], out_dir)
    assert _import_one(hq, hq_keys, other.path).status == "imported"
    genuine = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir)
    assert other.manifest.sequence == genuine.manifest.sequence == 2
    held = _import_one(hq, hq_keys, genuine.path)
    assert (held.status, held.refusal) == ("held", "sequence_reused")
    return hq, genuine, copy


def _send(db_path, field_key, hq_keys, out_dir, answers, numbers):
    _key_forms(db_path, field_key.device_id, answers, numbers)
    return export_bundle(db_path, field_key, [hq_keys.recipient], out_dir)


def test_the_other_copys_next_bundle_is_held_though_its_chain_continues(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    hq, genuine, copy = _identical_copies(tmp_path, hq_keys, field_key, field_db, out_dir,
                                          valid_answers)
    done = keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    assert done.report.status == "imported" and not done.branches  # no branch point
    # The copy set aside keys a flattering form and sends its bundle 3: its audit rows
    # continue the chain HQ holds, and its number is free.
    late = _send(copy, field_key, hq_keys, out_dir, valid_answers, [9])
    assert late.manifest.sequence == 3
    before = db_state(hq)
    result = _import_one(hq, hq_keys, late.path)
    assert (result.status, result.refusal) == ("held", "set_aside_line"), result.message
    assert result.another_copy
    assert "decided that the post keeps the copy" in result.message_in("en")
    assert "la sede decidió que el puesto conserva la copia" in result.message_in("es")
    assert db_state(hq) == before
    # The laptop the post keeps goes on; the copy's bundle, tried again, cannot undo it.
    assert _import_one(hq, hq_keys, _send(field_db, field_key, hq_keys, out_dir,
                                          valid_answers, [4]).path).status == "imported"
    again = _import_one(hq, hq_keys, late.path)
    assert again.status == "held" and "decided that the post keeps" in again.message_in("en")
    assert _import_one(hq, hq_keys, _send(field_db, field_key, hq_keys, out_dir,
                                          valid_answers, [5]).path).status == "imported"
    assert _numbers(hq) == {1, 2, 3, 4, 5}
    db = Database.open(hq)
    try:
        assert bundle_store.line_head(db.conn, field_key.device_id)[0] == 4
        assert audit_chain.verify_chains(db.conn).ok
    finally:
        db.close()


def test_the_copys_later_bundles_stay_held_and_it_cannot_take_the_line_back(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """The copy set aside sends its bundles 3 and 4 before the kept laptop sends again:
    both held; the laptop's bundle 3, arriving after, is imported as the kept line's."""
    hq, genuine, copy = _identical_copies(tmp_path, hq_keys, field_key, field_db, out_dir,
                                          valid_answers)
    keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    three = _send(copy, field_key, hq_keys, out_dir, valid_answers, [9])
    four = _send(copy, field_key, hq_keys, out_dir, valid_answers, [10])
    assert _import_one(hq, hq_keys, three.path).status == "held"
    # Its bundle 4 follows a bundle HQ never imported: its chain does not continue.
    result = _import_one(hq, hq_keys, four.path)
    assert result.status in ("held", "refused")
    assert "decided that the post keeps the copy" in result.message_in("en")
    laptop = _send(field_db, field_key, hq_keys, out_dir, valid_answers, [4])
    assert _import_one(hq, hq_keys, laptop.path).status == "imported"
    assert _numbers(hq) == {1, 2, 3, 4}


def test_hq_may_still_change_its_mind_explicitly(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """The held bundle of the copy set aside can be kept in its turn, on HQ's word only
    (the team said it got the copies mixed up): an audited decision, never a silent one."""
    hq, genuine, copy = _identical_copies(tmp_path, hq_keys, field_key, field_db, out_dir,
                                          valid_answers)
    keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    late = _send(copy, field_key, hq_keys, out_dir, valid_answers, [9])
    assert _import_one(hq, hq_keys, late.path).status == "held"
    done = keep_copy(hq, hq_keys.identity_path, late.path, reason="mixed up", do=True)
    assert done.report.status == "imported" and done.report.new == 1
    after = _import_one(hq, hq_keys, _send(field_db, field_key, hq_keys, out_dir,
                                           valid_answers, [4]).path)
    assert after.status in ("held", "refused")
    assert "decided that the post keeps the copy" in after.message_in("en")
    db = Database.open(hq)
    try:
        assert db.conn.execute("SELECT count(*) FROM audit_log WHERE action = "
                               "'copy_keep'").fetchone()[0] == 2
    finally:
        db.close()


def test_the_kept_bundle_is_listed_as_kept_not_as_a_restored_copys_branch(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers, capsys):
    """A kept bundle whose audit rows branch: its ledger keeps the branch point (the
    chain check needs it), but check and `devices list` name it once, as HQ's decision,
    not also as a backup restored after a loss."""
    hq, _, genuine, _ = _copy_sent_first(tmp_path, hq_keys, field_key, field_db, out_dir,
                                         valid_answers)
    assert _import_one(hq, hq_keys, genuine.path).status == "held"
    done = keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    assert done.branches and done.report.kept_copy
    result = check_project(hq)
    assert result.ok
    assert [(d, n) for d, n, _ in result.kept] == [(field_key.device_id, 2)]
    assert result.branches == []
    capsys.readouterr()
    for command in (["check", "--db", str(hq)], ["devices", "list", "--db", str(hq)]):
        assert main(command) == 0
        said = capsys.readouterr().out
        assert said.count("headquarters decided that the post keeps the copy") == 1
        assert "restored after a loss" not in said


def test_the_copy_set_aside_cannot_skip_a_bundle_to_take_the_line_back(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """The copy set aside makes a full export that brings no audit row (its bundle 3) and
    keeps it back, then keys a form and sends its bundle 4: the rows continue HQ's chain
    and the number is free, but it follows a bundle HQ never received after the line's
    start: held. Nor does a bundle naming no previous bundle get in (a signer can write
    any manifest). The kept laptop's bundle 3 then imports."""
    from test_branch_attacks import _forged
    hq, genuine, copy = _identical_copies(tmp_path, hq_keys, field_key, field_db, out_dir,
                                          valid_answers)
    keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    withheld = export_bundle(copy, field_key, [hq_keys.recipient], out_dir, full=True)
    assert withheld.manifest.sequence == 3
    four = _send(copy, field_key, hq_keys, out_dir, valid_answers, [9])
    before = db_state(hq)
    result = _import_one(hq, hq_keys, four.path)
    assert (result.status, result.refusal) == ("held", "line_gap"), result.message
    assert "import bundle 3 first" in result.message_in("en")
    assert "importe primero el paquete 3" in result.message_in("es")
    blank = _forged(four.path, hq_keys, field_key, tmp_path / "blank.zip.age",
                    manifest={"previous_bundle_uuid": None})
    assert _import_one(hq, hq_keys, blank).refusal == "line_gap"
    assert db_state(hq) == before
    laptop = _send(field_db, field_key, hq_keys, out_dir, valid_answers, [4])
    assert _import_one(hq, hq_keys, laptop.path).status == "imported"
    assert _numbers(hq) == {1, 2, 3, 4}


def test_a_later_part_of_a_series_alone_does_not_take_the_line_back(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """The copy set aside exports in parts and sends only part 2 (its forms would merge at
    once): held until the series' first part is in. The kept laptop's own series after
    the decision imports once its part 1 is in, its other parts then in any order."""
    from desktop.services.export_service import PartLimits
    hq, genuine, copy = _identical_copies(tmp_path, hq_keys, field_key, field_db, out_dir,
                                          valid_answers)
    keep_copy(hq, hq_keys.identity_path, genuine.path, do=True)
    _key_forms(copy, field_key.device_id, valid_answers, [9, 10])
    parts = export_bundle(copy, field_key, [hq_keys.recipient], out_dir,
                          limits=PartLimits(forms=1))
    assert len(parts.paths) > 1
    before = db_state(hq)
    result = _import_one(hq, hq_keys, parts.paths[1])
    assert (result.status, result.refusal) == ("held", "line_gap"), result.message
    assert "import bundle 3 first" in result.message_in("en")
    assert db_state(hq) == before
    _key_forms(field_db, field_key.device_id, valid_answers, [4, 5])
    mine = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir,
                         limits=PartLimits(forms=1))
    assert _import_one(hq, hq_keys, mine.paths[1]).refusal == "line_gap"
    assert _import_one(hq, hq_keys, mine.paths[0]).status == "imported"
    for path in mine.paths[1:]:
        assert _import_one(hq, hq_keys, path).status == "imported"
    assert _numbers(hq) == {1, 2, 3, 4, 5}
