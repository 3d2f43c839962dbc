"""Import service: the report (pins, gaps, new/updated/unchanged), rounds of two teams side
by side (same names renamed, uuids kept), form-number clashes kept as conflicts, the
ledger keeping the report, and the command line."""

from __future__ import annotations

import shutil

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.bundle.device_key import DeviceKey
from desktop.services.device_identity import project_device_key
from desktop.cli import main
from desktop.services.demo_service import fill_demo
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from trust_helpers import allow_in_round, import_trusted
from desktop.services.keys_service import hq_init
from desktop.services.project import Project
from desktop.storage import bundle_store


@pytest.fixture
def keys(tmp_path):
    return hq_init(tmp_path / "keys")


def _team(tmp_path, name, n, seed, round_name="Ronda 1"):
    path = tmp_path / name / "field.db"
    project = Project.open(path)
    fill_demo(project, n, seed=seed, round_name=round_name)
    project.close()
    out = tmp_path / name / "out"
    out.mkdir()
    return path, project_device_key(path), out


def _touch(db, key, comment):
    """Edit the comment of the first form (by uuid)."""
    project = Project.open(db)
    service = FormService(project.db, project.questionnaire, Actor("AM", key.device_id))
    uuid = project.db.conn.execute("SELECT uuid FROM response ORDER BY uuid "
                                   "LIMIT 1").fetchone()[0]
    service.update(uuid, {**service.load(uuid).answers, "comment": comment})
    project.close()


def test_gaps_pins_and_counts_are_reported_and_kept(tmp_path, keys):
    db, key, out = _team(tmp_path, "a", 8, 1)
    first = export_bundle(db, key, [keys.recipient], out).path
    _touch(db, key, "second version")
    second = export_bundle(db, key, [keys.recipient], out).path
    _touch(db, key, "third version")
    # A full bundle carries the whole audit chain, so it can arrive before the second.
    third = export_bundle(db, key, [keys.recipient], out, full=True).path
    hq = tmp_path / "hq.db"
    report = import_trusted(hq, keys.identity_path, [first, third])
    one, three = report.bundles
    assert one.newly_pinned and one.new == 8 and one.gaps == []
    assert not three.newly_pinned and three.updated == 1 and three.gaps == [(2, 2)]
    late = import_trusted(hq, keys.identity_path, [second]).bundles[0]
    assert late.status == "imported" and late.gaps == []
    assert late.updated == 0 and late.unchanged == 1  # an older version arriving late
    project = Project.open(hq)
    try:
        ledger = bundle_store.ledger(project.db.conn)
        assert [r["sequence"] for r in ledger] == [2, 3, 1]
        assert ledger[1]["report"]["gaps"] == [[2, 2]]  # runs (first, last)
        (pin,) = bundle_store.device_pins(project.db.conn)
        assert pin.device_id == key.device_id and pin.last_sequence == 3
        assert pin.fingerprint == key.fingerprint
        assert project.db.conn.execute("SELECT value FROM answer WHERE question_id = "
                                       "'comment' AND value LIKE '%version'").fetchone()[0] \
            == "third version"
    finally:
        project.close()


def test_two_teams_with_the_same_round_name_sit_side_by_side(tmp_path, keys):
    db_a, key_a, out_a = _team(tmp_path, "a", 5, 1)
    db_b, key_b, out_b = _team(tmp_path, "b", 6, 2)
    bundles = [export_bundle(db_a, key_a, [keys.recipient], out_a).path,
               export_bundle(db_b, key_b, [keys.recipient], out_b).path]
    hq = tmp_path / "hq.db"
    report = import_trusted(hq, keys.identity_path, bundles)
    assert [b.new for b in report.bundles] == [5, 6]
    assert report.bundles[1].rounds_added == [f"Ronda 1 ({key_b.device_id})"]
    project = Project.open(hq)
    try:
        rounds = {r.name: r.uuid for r in project.rounds()}
        field = Project.open(db_b)
        assert rounds[f"Ronda 1 ({key_b.device_id})"] == field.rounds()[0].uuid
        field.close()
        assert project.db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 11
    finally:
        project.close()


def test_same_paper_number_keyed_on_two_laptops_is_a_conflict(tmp_path, keys, valid_answers):
    db_a = tmp_path / "a.db"
    project = Project.open(db_a)
    round_uuid = project.create_round("Ronda 1", form_min=1, form_max=500).uuid
    project.close()
    db_b = tmp_path / "b.db"
    shutil.copy(db_a, db_b)  # laptop B got the round (same uuid) from laptop A
    out = tmp_path / "out"
    out.mkdir()
    key_a = project_device_key(db_a)
    key_b = DeviceKey("dev-b", Ed25519PrivateKey.generate())
    for db, key, comment in ((db_a, key_a, "A"), (db_b, key_b, "B")):
        project = Project.open(db)
        service = FormService(project.db, project.questionnaire, Actor("OP", key.device_id))
        service.save_new(round_uuid, 1, valid_answers)
        service.save_new(round_uuid, 7, {**valid_answers, "comment": comment})
        project.close()
    hq = tmp_path / "hq.db"
    a = export_bundle(db_a, key_a, [keys.recipient], out).path
    b = export_bundle(db_b, key_b, [keys.recipient], out).path
    first, second = import_trusted(hq, keys.identity_path, [a, b]).bundles
    assert first.new == 2
    # B keys the round A brought: held until HQ says both laptops key it.
    assert (second.status, second.refusal) == ("held", "foreign_round")
    allow_in_round(hq, key_b.device_id, "Ronda 1")
    [second] = import_trusted(hq, keys.identity_path, [b]).bundles
    assert second.status == "imported" and second.conflicting == 2 and second.new == 0
    project = Project.open(hq)
    try:
        conflicts = bundle_store.open_conflicts(project.db.conn)
        assert {c["reason"] for c in conflicts} == {"form_number"}
        assert project.db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 2
    finally:
        project.close()


def test_command_line_round_trip(tmp_path, capsys):
    keys_dir = tmp_path / "keys"
    assert main(["keys", "hq-init", "--out", str(keys_dir)]) == 0
    assert main(["keys", "hq-init", "--out", str(keys_dir)]) == 2  # never overwrites
    db, out = tmp_path / "field.db", tmp_path / "out"
    out.mkdir()
    assert main(["demo", "--db", str(db), "--n", "7"]) == 0
    assert main(["export", "--db", str(db), "--to", str(keys_dir / "hq-recipient.txt"),
                 "--out", str(out)]) == 0
    assert main(["export", "--db", str(db), "--to", "age1notakey", "--out", str(out)]) == 2
    assert "recipient is not a valid age public key" in capsys.readouterr().err
    (bundle,) = out.iterdir()
    hq = tmp_path / "hq.db"
    identity = str(keys_dir / "hq-identity.txt")
    # The laptop is not enrolled yet: refused, with its fingerprint and the command.
    assert main(["import", "--db", str(hq), "--identity", identity, str(bundle)]) == 1
    err = capsys.readouterr().err
    assert "not enrolled" in err and "riskmap devices trust" in err
    assert main(["keys", "device", "--db", str(db)]) == 0
    fingerprint = capsys.readouterr().out.split("fingerprint:")[1].splitlines()[0].strip()
    assert fingerprint in err
    assert main(["devices", "trust", "--db", str(hq), fingerprint, "--name", "Team A"]) == 0
    assert main(["devices", "trust", "--db", str(hq), "not a fingerprint"]) == 2
    capsys.readouterr()
    assert main(["import", "--db", str(hq), "--identity", identity, str(bundle)]) == 0
    assert "7 new" in capsys.readouterr().out
    assert main(["devices", "list", "--db", str(hq)]) == 0
    assert "Team A" in capsys.readouterr().out
    assert main(["import", "--db", str(hq), "--identity", identity, str(bundle)]) == 0
    assert "imported before" in capsys.readouterr().out
    assert main(["import", "--db", str(hq), "--identity", str(bundle), str(bundle)]) == 2
    assert "not an age identity" in capsys.readouterr().err


def test_a_refused_import_leaves_no_database_behind(tmp_path, keys, capsys):
    junk = tmp_path / "not-a-bundle.zip.age"
    junk.write_bytes(b"age-encryption.org/v1\nnonsense")
    hq = tmp_path / "new-hq" / "hq.db"
    hq.parent.mkdir()
    assert main(["import", "--db", str(hq), "--identity", str(keys.identity_path),
                 str(junk)]) != 0
    assert list(hq.parent.iterdir()) == []  # no empty database, no -wal or -shm
    capsys.readouterr()
    # An existing database is kept, of course.
    Project.open(hq).close()
    main(["import", "--db", str(hq), "--identity", str(keys.identity_path), str(junk)])
    assert hq.exists()
