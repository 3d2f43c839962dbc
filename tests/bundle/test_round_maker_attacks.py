"""A post that learns another post's round uuid before that post's first bundle reaches HQ
brings the round first. HQ used to make it the round's origin: the hostile post's
flattering forms went in, and the genuine post was held. A round's uuid now names the key
whose project made it (domain/round_maker.py): HQ gives the round to its maker whoever
brings it first, when the maker is enrolled, and takes it back from the first bringer
when the maker is enrolled later. Every bundle here is real and signed by its laptop's own
key."""

from __future__ import annotations

import uuid

from desktop.cli import main
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage.database import Database

from bundle_helpers import db_state, make_hq_db
from test_round_origin_attacks import FLATTERING, _flattering_forms, _post_b
from trust_helpers import enrol_fingerprints, import_trusted


def _a_round_uuid(field_db) -> str:
    project = Project.open(field_db)
    try:
        return project.rounds()[0].uuid
    finally:
        project.close()


def test_a_round_made_on_a_laptop_names_its_key(field_db, field_key):
    from desktop.domain.round_maker import made_by
    round_uuid = _a_round_uuid(field_db)
    assert uuid.UUID(round_uuid).version == 8
    assert made_by(round_uuid, field_key.fingerprint)
    assert not made_by(round_uuid, "0" * 32)


def test_the_genuine_post_is_never_held_in_its_own_round(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers):
    """A is enrolled and has sent nothing yet; B, who learnt A's round uuid, sends first.
    Before: B became the round's origin and A's genuine bundle was held. Now A's bundle
    imports (its key made the round), and B's next forms in it are held."""
    hq = make_hq_db(tmp_path / "hq.db")
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101,))
    enrol_fingerprints(hq, field_key.fingerprint, key_b.fingerprint)
    [first] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert first.status == "imported", first.message  # A has not spoken here yet
    [genuine] = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert (genuine.status, genuine.new) == ("imported", 30), genuine.message
    before = db_state(hq)
    b_next = _b_keys_again(tmp_path, hq_keys, key_b, field_db, valid_answers, 102)
    [held] = import_bundles(hq, hq_keys.identity_path, [b_next]).bundles
    assert (held.status, held.refusal) == ("held", "foreign_round_made"), held.message
    assert field_key.device_id in held.message_in("en")
    assert "se creó en el dispositivo" in held.message_in("es")
    assert db_state(hq) == before
    assert _flattering_forms(hq) == 1  # B's first form, kept (HQ could not know then)


def test_a_round_of_a_maker_that_sent_before_is_held_whoever_brings_it_first(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers):
    """A's key has signed bundles here; A makes a new round and B, who learnt its uuid,
    sends first: held, nothing imported (the sentence says to import A's bundles first)."""
    hq = make_hq_db(tmp_path / "hq.db")
    [genuine] = import_trusted(hq, hq_keys.identity_path, [bundle]).bundles
    assert genuine.status == "imported", genuine.message
    project = Project.open(field_db)
    try:
        second = project.create_round("Demo 3b", form_min=1, form_max=100)
    finally:
        project.close()
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101,), round_uuid=second.uuid)
    enrol_fingerprints(hq, key_b.fingerprint)
    before = db_state(hq)
    [held] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (held.status, held.refusal) == ("held", "foreign_round_unsent"), held.message
    assert field_key.device_id in held.message_in("en")
    assert "aún no la han traído" in held.message_in("es")
    assert db_state(hq) == before
    assert _flattering_forms(hq) == 0


def test_a_maker_enrolled_later_takes_its_round_back(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers, capsys):
    """A is not enrolled when B's bundle brings A's round: B brings it first (nothing
    tells HQ otherwise yet). Enrolling A finds A made it (the command says so, audited);
    A's bundle imports, and B's next forms in it are held until HQ allows B."""
    hq = make_hq_db(tmp_path / "hq.db")
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101,))
    enrol_fingerprints(hq, key_b.fingerprint)
    [first] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (first.status, first.new) == ("imported", 1), first.message
    db = Database.open(hq)
    try:  # a round name from a bundle may hold a terminal escape: printed as text
        with db.transaction() as conn:
            conn.execute("UPDATE round SET name = 'Demo 3\x1b[2J' WHERE name = 'Demo 3'")
    finally:
        db.close()
    capsys.readouterr()
    assert main(["devices", "trust", "--db", str(hq), field_key.fingerprint,
                 "--name", "post A"]) == 0
    said = capsys.readouterr().out
    assert "Round Demo 3\\x1b[2J was made on this laptop" in said, said
    assert key_b.device_id in said and "1 form there" in said and "\x1b" not in said
    [genuine] = import_bundles(hq, hq_keys.identity_path, [bundle]).bundles
    assert genuine.status == "imported", genuine.message
    db = Database.open(hq)
    try:
        actions = [r[0] for r in db.conn.execute(
            "SELECT action FROM audit_log WHERE action = 'round_maker_found'")]
    finally:
        db.close()
    assert actions == ["round_maker_found"]
    # B keys on in the round it does not own: held, the sentence names the maker.
    b_next = _b_keys_again(tmp_path, hq_keys, key_b, field_db, valid_answers, 102)
    [held] = import_bundles(hq, hq_keys.identity_path, [b_next]).bundles
    assert (held.status, held.refusal) == ("held", "foreign_round_made"), held.message
    assert field_key.device_id in held.message_in("en")
    assert key_b.device_id in held.message_in("en")
    # One team after all: HQ allows the device that brought the round first.
    assert main(["devices", "allow", "--db", str(hq), key_b.device_id, "--round",
                 "Demo 3\x1b[2J"]) == 0
    [allowed] = import_bundles(hq, hq_keys.identity_path, [b_next]).bundles
    assert (allowed.status, allowed.new) == ("imported", 1), allowed.message


def _b_keys_again(tmp_path, hq_keys, key_b, field_db, valid_answers, number):
    """Post B keys form `number` into A's round in its project, and sends it."""
    from desktop.services.export_service import export_bundle
    from desktop.services.form_service import Actor, FormService
    path = tmp_path / "post-b" / "b.db"
    project = Project.open(path)
    try:
        FormService(project.db, project.questionnaire, Actor("B", key_b.device_id)).save_new(
            _a_round_uuid(field_db), number, {**valid_answers, "comment": FLATTERING})
    finally:
        project.close()
    out = tmp_path / f"post-b-out-{number}"
    out.mkdir()
    return export_bundle(path, key_b, [hq_keys.recipient], out).path


def test_a_round_from_before_keeps_the_first_bringer_rule(
        tmp_path, hq_keys, field_db, field_key, valid_answers):
    """A round uuid of the old layout (version 7) names no maker: the first bringer keeps
    it, as before."""
    from desktop.storage.clock import new_uuid
    old = new_uuid()
    db = Database.open(field_db)
    try:
        with db.transaction() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")
            current = conn.execute("SELECT uuid FROM round").fetchone()[0]
            conn.execute("UPDATE round SET uuid = ? WHERE uuid = ?", (old, current))
            conn.execute("UPDATE response SET round_uuid = ? WHERE round_uuid = ?",
                         (old, current))
    finally:
        db.close()
    hq = make_hq_db(tmp_path / "hq.db")
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101,))
    enrol_fingerprints(hq, field_key.fingerprint, key_b.fingerprint)
    [first] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (first.status, first.new) == ("imported", 1), first.message
