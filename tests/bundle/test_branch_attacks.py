"""A post holding its laptop, passphrase and device key attacks HQ's acceptance of a
restored copy's branch (docs/bundles.md "A copy restored from a backup"): every bundle
here is signed with the device's real key. HQ must lose, replace or hide nothing it holds,
and must take no branch the rules do not allow."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from desktop.bundle import age_crypto
from desktop.bundle.manifest import AUDIT, MANIFEST
from desktop.services.export_service import export_bundle
from desktop.storage import audit_chain, bundle_store
from desktop.storage.database import Database

from bundle_helpers import db_state, identities, resigned
from test_restored_backup import _edit, _import_one, _key_forms, _lost_and_restored

FIELDS = ("uuid", "time", "operator", "device", "action", "response_uuid", "question_id",
          "old", "new", "reason")


def _members(bundle_path, keys) -> dict[str, bytes]:
    plain = age_crypto.decrypt(bundle_path.read_bytes(), identities(keys))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _forged(bundle_path, keys, device_key, path, *, manifest=None, rechain=None):
    """The bundle re-signed by the device's own key, with manifest fields replaced and, with
    `rechain` = (old prev, new prev), the audit rows from the one following `old prev`
    chained again from `new prev` (hashes recomputed: a signer can always do this)."""
    members = _members(bundle_path, keys)
    if rechain is not None:
        old, new = rechain
        lines, prev, moving = [], None, False
        for line in members[AUDIT].decode().splitlines():
            row = json.loads(line)
            if not moving and row["prev_hash"] == old:
                moving, prev = True, new
            if moving:
                row["prev_hash"] = prev
                row["hash"] = prev = audit_chain.row_hash(prev, [row[f] for f in FIELDS])
            lines.append(json.dumps(row, sort_keys=True, separators=(",", ":")))
        assert moving
        members[AUDIT] = ("\n".join(lines) + "\n").encode()
    fields = json.loads(members[MANIFEST])
    fields["files"][AUDIT] = hashlib.sha256(members[AUDIT]).hexdigest()
    fields.update(manifest or {})
    members[MANIFEST] = (json.dumps(fields, sort_keys=True, indent=2) + "\n").encode()
    return resigned(members, keys, device_key, path)


def _form_state(hq, number):
    """(revision, status, comment) of HQ's form `number` in round 'Keyed', and how many
    conflicts HQ keeps for it."""
    db = Database.open(hq)
    try:
        uuid, revision, status = db.conn.execute(
            "SELECT r.uuid, r.revision, r.status FROM response r JOIN round "
            "ON round.uuid = r.round_uuid WHERE round.name = 'Keyed' AND form_number = ?",
            (number,)).fetchone()
        comment = db.conn.execute("SELECT value FROM answer WHERE response_uuid = ? AND "
                                  "question_id = 'comment'", (uuid,)).fetchone()
        conflicts = db.conn.execute("SELECT COUNT(*) FROM response_conflict WHERE "
                                    "response_uuid = ?", (uuid,)).fetchone()[0]
        return revision, status, comment[0] if comment else None, conflicts
    finally:
        db.close()


def _branch_point(hq, bundle_path, keys, device_id):
    """The hash of HQ's row the bundle's first new row of `device_id` follows."""
    db = Database.open(hq)
    try:
        held = {r[0] for r in db.conn.execute("SELECT hash FROM audit_log WHERE device = ?",
                                              (device_id,))}
    finally:
        db.close()
    for line in _members(bundle_path, keys)[AUDIT].decode().splitlines():
        row = json.loads(line)
        if row["device"] == device_id and row["hash"] not in held:
            return row["prev_hash"]
    raise AssertionError("no new row")


def _lost_copy_edits_form_3(tmp_path, hq_keys, field_key, out_dir):
    """The lost copy (found, or still in use) edits form 3, which the backup holds as
    keyed and never sent; its bundle 4 reaches HQ before the restored copy's bundle 2."""
    lost = tmp_path / "lost.db"
    _edit(lost, field_key.device_id, 3, "the lost copy's edit")
    return export_bundle(lost, field_key, [hq_keys.recipient], out_dir)


def test_an_edit_on_the_branch_never_overwrites_the_other_copys_edit(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """Form 3 was keyed before the backup and first sent by the lost copy, which then
    edited it (revision 2 at HQ). The restored copy, which never sent form 3 (no base),
    edits it twice (revision 3): both copies edited the same version, so a conflict for
    the analyst, never the restored copy's version silently replacing HQ's."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    assert _import_one(hq, hq_keys, _lost_copy_edits_form_3(
        tmp_path, hq_keys, field_key, out_dir).path).status == "imported"
    for comment in ("restored one", "restored two"):
        _edit(field_db, field_key.device_id, 3, comment)
    result = _import_one(hq, hq_keys, send().path)
    assert (result.status, result.updated, result.conflicting) == ("imported", 0, 1), \
        result.message
    assert _form_state(hq, 3) == (2, "entered", "the lost copy's edit", 1)


def test_a_deletion_on_the_branch_never_deletes_hqs_form(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """The restored copy deletes forms the lost copy edited (form 1, sent before the
    backup, and form 3, never sent by the backup): conflicts, HQ's forms stay live."""
    from desktop.services.form_service import Actor, FormService
    from desktop.services.project import Project
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    assert _import_one(hq, hq_keys, _lost_copy_edits_form_3(
        tmp_path, hq_keys, field_key, out_dir).path).status == "imported"
    _edit(field_db, field_key.device_id, 3, "restored")
    project = Project.open(field_db)
    try:
        service = FormService(project.db, project.questionnaire,
                              Actor("OP", field_key.device_id))
        for number in (1, 3):
            uuid = project.db.conn.execute(
                "SELECT r.uuid FROM response r JOIN round ON round.uuid = r.round_uuid "
                "WHERE round.name = 'Keyed' AND form_number = ?", (number,)).fetchone()[0]
            service.delete(uuid, "hide it")
    finally:
        project.close()
    result = _import_one(hq, hq_keys, send().path)
    assert (result.status, result.updated, result.conflicting) == ("imported", 0, 2), \
        result.message
    assert _form_state(hq, 1)[:3] == (3, "entered", "lost two")
    assert _form_state(hq, 3)[:3] == (2, "entered", "the lost copy's edit")


def test_a_branch_keeps_every_row_and_form_hq_holds(tmp_path, hq_keys, field_key, field_db,
                                                     out_dir, valid_answers):
    """Nothing HQ held before the branch is gone or changed after it."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)

    def held():
        db = Database.open(hq)
        try:
            rows = set(db.conn.execute("SELECT uuid, hash FROM audit_log"))
            forms = set(db.conn.execute("SELECT uuid, revision, status FROM response"))
            return rows, forms
        finally:
            db.close()

    rows, forms = held()
    _key_forms(field_db, field_key.device_id, valid_answers, [6])
    _edit(field_db, field_key.device_id, 1, "restored")
    assert _import_one(hq, hq_keys, send().path).status == "imported"
    rows_after, forms_after = held()
    assert rows <= rows_after and forms <= forms_after


def _restored_bundle_2(tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    hq, sent, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                        valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [6])
    again = send()
    return hq, sent, again


def test_a_branch_from_genesis_is_refused(tmp_path, hq_keys, field_key, field_db, out_dir,
                                          valid_answers):
    hq, _, again = _restored_bundle_2(tmp_path, hq_keys, field_key, field_db, out_dir,
                                      valid_answers)
    point = _branch_point(hq, again.path, hq_keys, field_key.device_id)
    forged = _forged(again.path, hq_keys, field_key, tmp_path / "genesis.zip.age",
                     rechain=(point, audit_chain.GENESIS))
    before = db_state(hq)
    result = _import_one(hq, hq_keys, forged)
    assert result.status in ("refused", "held") and not result.branch_from, result.message
    assert db_state(hq) == before


def test_a_branch_from_a_row_hq_does_not_hold_is_refused(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """From another device's row (HQ's own, written by its imports) or a made-up hash."""
    hq, _, again = _restored_bundle_2(tmp_path, hq_keys, field_key, field_db, out_dir,
                                      valid_answers)
    point = _branch_point(hq, again.path, hq_keys, field_key.device_id)
    db = Database.open(hq)
    try:
        other = db.conn.execute("SELECT hash FROM audit_log WHERE device <> ? AND hash "
                                "IS NOT NULL LIMIT 1", (field_key.device_id,)).fetchone()[0]
    finally:
        db.close()
    before = db_state(hq)
    for new_prev in (other, "ab" * 32):
        forged = _forged(again.path, hq_keys, field_key, tmp_path / "other.zip.age",
                         rechain=(point, new_prev))
        result = _import_one(hq, hq_keys, forged)
        assert result.status in ("refused", "held") and not result.branch_from, \
            result.message
        assert db_state(hq) == before


def test_a_branch_needs_the_held_bundles_predecessor(tmp_path, hq_keys, field_key, field_db,
                                                    out_dir, valid_answers):
    """previous_bundle_uuid pointing elsewhere than bundle 1 (bundle 2 or 3 of the lost
    copy, a made-up uuid, none), or `created` not a time after the held bundle 2's (made
    before it, not a time, a time to come): held."""
    hq, sent, again = _restored_bundle_2(tmp_path, hq_keys, field_key, field_db, out_dir,
                                         valid_answers)
    before = db_state(hq)
    for fields in ({"previous_bundle_uuid": sent[1].manifest.bundle_uuid},
                   {"previous_bundle_uuid": sent[2].manifest.bundle_uuid},
                   {"previous_bundle_uuid": "00000000-0000-4000-8000-000000000000"},
                   {"previous_bundle_uuid": None},
                   {"created": sent[0].manifest.created},
                   {"created": "9"},  # after every date, as text
                   {"created": "2026-13-45T99:00:00Z"},
                   {"created": "2099-01-01T00:00:00.000000Z"},  # ahead: after any copy
                   {"created": "2999-01-01T00:00:00"}):  # no time zone
        forged = _forged(again.path, hq_keys, field_key, tmp_path / "prev.zip.age",
                         manifest=fields)
        result = _import_one(hq, hq_keys, forged)
        assert (result.status, result.refusal) == ("held", "sequence_reused"), \
            (fields, result.status, result.message)
        assert db_state(hq) == before


def test_a_replayed_branch_stays_a_replay(tmp_path, hq_keys, field_key, field_db, out_dir,
                                          valid_answers):
    hq, _, again = _restored_bundle_2(tmp_path, hq_keys, field_key, field_db, out_dir,
                                      valid_answers)
    assert _import_one(hq, hq_keys, again.path).status == "imported"
    before = db_state(hq)
    assert _import_one(hq, hq_keys, again.path).status == "replay"
    assert db_state(hq) == before


def test_branching_again_keeps_everything_and_check_still_sees_disorder(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """A second copy of the same backup sends its own bundle 2 (a second branch at the
    same number, after the first): HQ keeps both branches and every form, each branch is
    reported, `check` accepts the recorded branch points only."""
    hq, _, again = _restored_bundle_2(tmp_path, hq_keys, field_key, field_db, out_dir,
                                      valid_answers)
    second_copy = tmp_path / "second.db"
    import shutil
    shutil.copy(tmp_path / "backup.db", second_copy)
    first = _import_one(hq, hq_keys, again.path)
    assert first.branch_from
    _key_forms(second_copy, field_key.device_id, valid_answers, [7])
    other = export_bundle(second_copy, field_key, [hq_keys.recipient], out_dir)
    assert other.manifest.sequence == 2
    second = _import_one(hq, hq_keys, other.path)
    assert second.status == "imported" and second.branch_from, second.message
    db = Database.open(hq)
    try:
        numbers = {row[0] for row in db.conn.execute(
            "SELECT form_number FROM response r JOIN round ON round.uuid = r.round_uuid "
            "WHERE round.name = 'Keyed'")}
        assert numbers == {1, 2, 3, 4, 5, 6, 7, 8}
        assert audit_chain.verify_chains(db.conn).ok
    finally:
        db.close()
    # The first restored copy, set aside, cannot go on beside the second.
    _key_forms(field_db, field_key.device_id, valid_answers, [9])
    before = db_state(hq)
    result = _import_one(hq, hq_keys, export_bundle(field_db, field_key, [hq_keys.recipient],
                                                    out_dir).path)
    assert result.status in ("refused", "held"), result.message
    assert db_state(hq) == before


def test_the_restored_copys_next_edit_of_a_conflicting_form_is_a_conflict_too(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """After the branch left form 3 in conflict (the restored copy's revision 3 beside
    the lost copy's revision 2 that HQ keeps), the restored copy's next bundle (numbered
    on, no longer a branch) edits form 3 again from its revision 3: a descendant of the
    version HQ set aside, not of HQ's; it must not replace the lost copy's edit."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    assert _import_one(hq, hq_keys, _lost_copy_edits_form_3(
        tmp_path, hq_keys, field_key, out_dir).path).status == "imported"
    for comment in ("restored one", "restored two"):
        _edit(field_db, field_key.device_id, 3, comment)
    assert _import_one(hq, hq_keys, send().path).conflicting == 1
    _edit(field_db, field_key.device_id, 3, "restored three")
    result = _import_one(hq, hq_keys, send().path)
    assert (result.status, result.updated, result.conflicting) == ("imported", 0, 1), \
        result.message
    assert _form_state(hq, 3)[:3] == (2, "entered", "the lost copy's edit")


def test_the_branch_stays_visible_to_check_and_devices_in_both_languages(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers, capsys,
        monkeypatch):
    """After the import, `check` (which accepts the branch) and `devices list` still name
    the device and the bundle that came from another copy, in the user's language."""
    from desktop.cli import main
    hq, _, again = _restored_bundle_2(tmp_path, hq_keys, field_key, field_db, out_dir,
                                      valid_answers)
    assert _import_one(hq, hq_keys, again.path).branch_from
    for lang, words in (("en", "bundle 2, imported"), ("es", "el paquete 2, importado")):
        monkeypatch.setenv("RISKMAP_LANG", lang)
        for command in (["check", "--db", str(hq)], ["devices", "list", "--db", str(hq)]):
            capsys.readouterr()
            assert main(command) == 0
            out = capsys.readouterr().out
            assert f"{field_key.device_id}: {words}" in out, (command, out)
    capsys.readouterr()
    assert main(["check", "--db", str(hq), "--json"]) == 0
    (branch,) = json.loads(capsys.readouterr().out)["restored_copy_branches"]
    assert (branch["device"], branch["sequence"]) == (field_key.device_id, 2)


def test_a_post_blocked_by_a_branch_is_told_why(tmp_path, hq_keys, field_key, field_db,
                                                out_dir, valid_answers):
    """Someone at the post sends a copy's bundle numbered again: the branch is taken, and
    the laptop still in use is refused from then on (two copies cannot take turns). Its
    refusals say that a restored copy carries on the device's line since that import,
    instead of only "import the earlier bundles first"."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [6])
    assert _import_one(hq, hq_keys, send().path).branch_from
    lost = tmp_path / "lost.db"  # the laptop the post goes on keying into
    _key_forms(lost, field_key.device_id, valid_answers, [10])
    refused = _import_one(hq, hq_keys, export_bundle(lost, field_key, [hq_keys.recipient],
                                                     out_dir).path)
    assert refused.refusal == "audit_chain"
    assert "restored from a backup carries on from its bundle 2" in refused.message_in("en")
    assert "restaurada de una copia de seguridad continúa desde su paquete 2" in \
        refused.message_in("es")
    assert refused.message == refused.message_in("en")


def test_a_held_bundle_without_a_branch_says_nothing_of_restored_copies(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    hq, sent, _ = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    other = _forged(sent[1].path, hq_keys, field_key, tmp_path / "again.zip.age",
                    manifest={"bundle_uuid": "00000000-0000-4000-8000-000000000002"})
    result = _import_one(hq, hq_keys, other)
    assert result.refusal == "sequence_reused", result.message
    assert "restored" not in result.message_in("en")


def test_a_branch_inside_a_series_is_held(tmp_path, hq_keys, field_key, field_db, out_dir,
                                          valid_answers):
    """A restored copy's export numbered again that comes as a series of parts is not
    taken as a branch (only a single bundle may be): the parts numbered like bundles HQ
    holds are held, no branch is recorded, and so are the parts numbered above them (the
    series could never be complete: services/series_numbers.py; before, they were merged
    while their audit rows waited for ever)."""
    from desktop.services.export_service import PartLimits
    from desktop.services.import_service import import_bundles
    hq, _, _ = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                  valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [6, 7, 9])
    parts = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir,
                          limits=PartLimits(forms=1))
    assert len(parts.paths) > 1 and parts.manifest.sequence == 2
    report = import_bundles(hq, hq_keys.identity_path, list(parts.paths))
    assert not any(b.branch_from for b in report.bundles)
    assert [b.status for b in report.bundles] == ["held"] * len(parts.paths)
    assert [b.refusal for b in report.bundles if b.sequence > 3] == \
        ["series_number_used"] * (len(parts.paths) - 2)
    db = Database.open(hq)
    try:
        assert bundle_store.recorded_branches(db.conn) == []
        assert audit_chain.verify_chains(db.conn).ok
    finally:
        db.close()


def _late_round(db_path, device_id, answers, numbers):
    """A round 'Late' made after the backup, with `numbers` keyed into it."""
    from desktop.services.form_service import Actor, FormService
    from desktop.services.project import Project
    project = Project.open(db_path)
    try:
        round_ = project.create_round("Late", form_min=1, form_max=500)
        service = FormService(project.db, project.questionnaire, Actor("OP", device_id))
        for number in numbers:
            service.save_new(round_.uuid, number, answers)
    finally:
        project.close()


def test_a_round_made_again_in_the_restored_copy_is_said(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers, capsys,
        monkeypatch):
    """The lost copy made round 'Late' after the backup and sent forms 1 and 2 in it; the
    restored copy makes 'Late' again and keys the same paper forms: another round at HQ
    (its uuid is the copy's), so the forms would count twice unseen. The import says so,
    in the user's language."""
    from desktop.cli import main
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    lost = tmp_path / "lost.db"
    _late_round(lost, field_key.device_id, valid_answers, [1, 2])
    assert _import_one(hq, hq_keys, export_bundle(
        lost, field_key, [hq_keys.recipient], out_dir).path).status == "imported"
    _late_round(field_db, field_key.device_id, valid_answers, [1, 2])
    again = send().path
    monkeypatch.setenv("RISKMAP_LANG", "es")
    capsys.readouterr()
    assert main(["import", "--db", str(hq), "--identity", str(hq_keys.identity_path),
                 str(again)]) == 0
    out = capsys.readouterr().out
    assert f"La ronda Late se volvió a crear en esta copia (se guardó como Late " \
           f"({field_key.device_id}))" in out, out
    db = Database.open(hq)
    try:
        (report,) = [json.loads(r[0]) for r in db.conn.execute(
            "SELECT report FROM bundle_ledger WHERE json_extract(report, '$.branch_from') "
            "<> ''")]
        assert report["rounds_again"] == [["Late", f"Late ({field_key.device_id})"]]
    finally:
        db.close()


def test_a_round_of_another_device_with_the_same_name_is_not_said(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """Only a restored copy's round named like one holding its own device's forms."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    _late_round(field_db, field_key.device_id, valid_answers, [1])
    result = _import_one(hq, hq_keys, send().path)
    assert result.branch_from and result.rounds_again == []


def test_a_paper_form_keyed_again_in_the_restored_copy_is_a_conflict(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """Forms 4 and 5 reached HQ from the lost copy after the backup; the restored copy
    keys them again from paper (new uuids, same numbers, same round): conflicts, never
    counted twice."""
    hq, _, send = _lost_and_restored(tmp_path, hq_keys, field_key, field_db, out_dir,
                                     valid_answers)
    _key_forms(field_db, field_key.device_id, valid_answers, [4, 5])
    result = _import_one(hq, hq_keys, send().path)
    assert (result.status, result.new, result.conflicting) == ("imported", 0, 2), \
        result.message
    db = Database.open(hq)
    try:
        assert db.conn.execute(
            "SELECT COUNT(*) FROM response r JOIN round ON round.uuid = r.round_uuid "
            "WHERE round.name = 'Keyed' AND form_number IN (4, 5)").fetchone()[0] == 2
    finally:
        db.close()
