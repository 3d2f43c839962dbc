"""A post that knows another post's round uuid writes into that round at HQ: it adds
flattering forms to it, or replaces one of its forms. Every bundle here is real and signed
by an enrolled laptop's own key (the hostile post needs no forgery: it makes the round in
its own project, with the other post's uuid, and keys). HQ records which device brought a
round first (its origin) and holds a bundle of another device that adds or changes forms
in it, unless HQ said that device keys that round too (`riskmap devices allow`)."""

from __future__ import annotations

from desktop.cli import main
from desktop.services.device_identity import project_device_key
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage.database import Database

from bundle_helpers import db_state, make_hq_db
from trust_helpers import enrol_fingerprints, import_trusted

FLATTERING = "nobody here ever took anything"


def _post_a(hq, hq_keys, bundle):
    """Post A's full bundle (30 demo forms of round 'Demo 3') imported at HQ."""
    [result] = import_trusted(hq, hq_keys.identity_path, [bundle]).bundles
    assert result.status == "imported", result.message


def _a_round(field_db, round_uuid: str | None = None) -> dict:
    """Post A's round (its first, or `round_uuid`) as its own database holds it (what post
    B learnt)."""
    db = Database.open(field_db)
    try:
        db.conn.row_factory = None
        cursor = db.conn.execute("SELECT * FROM round WHERE ? IS NULL OR uuid = ? "
                                 "ORDER BY created", (round_uuid, round_uuid))
        names = [c[0] for c in cursor.description]
        return dict(zip(names, cursor.fetchone()))
    finally:
        db.close()


def _a_form(field_db, number: int) -> tuple[dict, str]:
    """Post A's form `number`: its response row and its answers text."""
    db = Database.open(field_db)
    try:
        cursor = db.conn.execute("SELECT * FROM response WHERE form_number = ?", (number,))
        names = [c[0] for c in cursor.description]
        row = dict(zip(names, cursor.fetchone()))
        answers = db.conn.execute("SELECT answers FROM form_answers WHERE response_uuid = ?",
                                  (row["uuid"],)).fetchone()[0]
        return row, answers
    finally:
        db.close()


def _insert(conn, table: str, row: dict) -> None:
    conn.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES "
                 f"({', '.join('?' for _ in row)})", tuple(row.values()))


def _post_b(tmp_path, hq_keys, field_db, valid_answers, *, new_numbers=(), replace=None,
            own_round=False, round_uuid=None):
    """Post B's project (its own key and device id, enrolled at HQ by the caller) holding
    post A's round under A's uuid. B keys forms `new_numbers` into it, and with `replace`
    takes A's form of that number and edits it (revision 2, never sent by B: no base).
    With `own_round`, B also keys a form into a round of its own. Returns (B's key, its
    bundle path)."""
    path = tmp_path / "post-b" / "b.db"
    project = Project.open(path)
    try:
        key = project_device_key(path)
        with project.db.transaction() as conn:
            # A range widened in B's copy: HQ takes the bundle's range (docs/bundles.md).
            _insert(conn, "round", {**_a_round(field_db, round_uuid), "form_max": 500})
            if replace is not None:
                row, answers = _a_form(field_db, replace)
                _insert(conn, "response", row)
                _insert(conn, "form_answers", {"response_uuid": row["uuid"],
                                               "answers": answers})
        round_uuid = _a_round(field_db, round_uuid)["uuid"]
        service = FormService(project.db, project.questionnaire, Actor("B", key.device_id))
        for number in new_numbers:
            service.save_new(round_uuid, number, {**valid_answers, "comment": FLATTERING})
        if replace is not None:
            uuid = _a_form(field_db, replace)[0]["uuid"]
            service.update(uuid, {**service.load(uuid).answers, "comment": FLATTERING})
        if own_round:
            mine = project.create_round("Puesto B", form_min=1, form_max=100)
            service.save_new(mine.uuid, 1, valid_answers)
    finally:
        project.close()
    out = tmp_path / "post-b-out"
    out.mkdir(exist_ok=True)
    return key, export_bundle(path, key, [hq_keys.recipient], out).path


def _flattering_forms(hq) -> int:
    db = Database.open(hq)
    try:
        return db.conn.execute("SELECT COUNT(*) FROM answer WHERE question_id = 'comment' "
                               "AND value = ?", (FLATTERING,)).fetchone()[0]
    finally:
        db.close()


def test_forms_added_to_another_posts_round_are_held(
        tmp_path, hq_keys, bundle, field_db, valid_answers):
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=range(101, 111))
    enrol_fingerprints(hq, key_b.fingerprint)
    before = db_state(hq)
    [result] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (result.status, result.refusal) == ("held", "foreign_round"), \
        (result.message, result.new, result.updated)
    assert key_b.device_id in result.message_in("en") and "Demo 3" in result.message_in("en")
    assert "otro dispositivo" in result.message_in("es")
    assert db_state(hq) == before
    assert _flattering_forms(hq) == 0


def test_a_form_of_another_posts_round_is_never_replaced(
        tmp_path, hq_keys, bundle, field_db, valid_answers):
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers, replace=4)
    enrol_fingerprints(hq, key_b.fingerprint)
    before = db_state(hq)
    [result] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (result.status, result.refusal) == ("held", "foreign_round"), \
        (result.message, result.new, result.updated)
    assert db_state(hq) == before


def test_a_form_moved_out_of_another_posts_round_is_held(
        tmp_path, hq_keys, bundle, field_db, valid_answers):
    """B takes A's form 4 into a round of its own (same uuid, higher revision): the form
    HQ holds in A's round would leave it; held like an edit in place."""
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    path = tmp_path / "post-b" / "b.db"
    project = Project.open(path)
    try:
        key_b = project_device_key(path)
        mine = project.create_round("Puesto B", form_min=1, form_max=100)
        row, answers = _a_form(field_db, 4)
        with project.db.transaction() as conn:
            _insert(conn, "response", {**row, "round_uuid": mine.uuid})
            _insert(conn, "form_answers", {"response_uuid": row["uuid"], "answers": answers})
        service = FormService(project.db, project.questionnaire, Actor("B", key_b.device_id))
        service.update(row["uuid"], {**service.load(row["uuid"]).answers,
                                     "comment": FLATTERING})
    finally:
        project.close()
    (tmp_path / "b-out").mkdir()
    b_bundle = export_bundle(path, key_b, [hq_keys.recipient], tmp_path / "b-out").path
    enrol_fingerprints(hq, key_b.fingerprint)
    before = db_state(hq)
    [result] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (result.status, result.refusal) == ("held", "foreign_round"), \
        (result.message, result.new, result.updated)
    assert db_state(hq) == before


def test_a_round_hq_allowed_the_device_into_imports(
        tmp_path, hq_keys, bundle, field_db, valid_answers, capsys):
    """Two laptops of one team keying one round: once HQ allows B into A's round (an
    audited act, `riskmap devices allow`), B's bundle imports as it did before."""
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101, 102), own_round=True)
    enrol_fingerprints(hq, key_b.fingerprint)
    [held] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert held.status == "held"
    assert main(["devices", "allow", "--db", str(hq), key_b.device_id,
                 "--round", "Demo 3", "--reason", "second laptop of post A"]) == 0
    assert key_b.device_id in capsys.readouterr().out
    [result] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (result.status, result.new) == ("imported", 3), result.message
    assert _flattering_forms(hq) == 2
    db = Database.open(hq)
    try:
        actions = [r[0] for r in db.conn.execute("SELECT action FROM audit_log WHERE "
                                                 "action = 'round_device_allow'")]
    finally:
        db.close()
    assert actions == ["round_device_allow"]


def test_a_device_that_brought_the_round_keys_on(
        tmp_path, hq_keys, bundle, field_db, field_key, out_dir, valid_answers):
    """The origin's own next bundle, and a round a device brings that HQ never held, are
    never held."""
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    project = Project.open(field_db)
    try:
        round_uuid = project.rounds()[0].uuid
        service = FormService(project.db, project.questionnaire,
                              Actor("A", field_key.device_id))
        uuid = project.db.conn.execute("SELECT uuid FROM response WHERE form_number = 5 "
                                       "AND round_uuid = ?", (round_uuid,)).fetchone()[0]
        service.update(uuid, {**service.load(uuid).answers, "comment": "A again"})
    finally:
        project.close()
    nxt = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    [result] = import_bundles(hq, hq_keys.identity_path, [nxt]).bundles
    assert (result.status, result.updated) == ("imported", 1), result.message
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers, own_round=True)
    enrol_fingerprints(hq, key_b.fingerprint)
    [result] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert (result.status, result.new) == ("imported", 1), result.message


def test_forms_of_another_round_sent_again_unchanged_are_not_held(
        tmp_path, hq_keys, bundle, field_db, valid_answers):
    """A laptop started from a copy of another's project sends everything (`--all`): the
    other post's forms come again unchanged, which changes nothing, so the bundle is not
    held for them; its own round's forms are imported."""
    import shutil

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.bundle.device_key import DeviceKey
    from desktop.domain.round_maker import new_round_uuid
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    copy = tmp_path / "copy" / "b.db"
    copy.parent.mkdir()
    shutil.copy(field_db, copy)
    key_b = DeviceKey("dev-copyb00000", Ed25519PrivateKey.generate())
    project = Project.open(copy)
    try:
        # Made by the copy's own key (the key this test signs with), as a project with a
        # key of its own makes its rounds (domain/round_maker.py).
        mine = project.create_round("Puesto B", form_min=1, form_max=100,
                                    uuid=new_round_uuid(key_b.fingerprint))
        FormService(project.db, project.questionnaire,
                    Actor("B", key_b.device_id)).save_new(mine.uuid, 1, valid_answers)
    finally:
        project.close()
    (tmp_path / "copy-out").mkdir()
    full = export_bundle(copy, key_b, [hq_keys.recipient], tmp_path / "copy-out",
                         full=True).path
    [result] = import_trusted(hq, hq_keys.identity_path, [full]).bundles
    assert (result.status, result.new, result.unchanged) == ("imported", 1, 30), \
        result.message


def test_the_command_line_says_why_and_how(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers, capsys, monkeypatch):
    """`riskmap import` prints the held bundle's sentence with the command that allows it
    (exit 1); `riskmap devices allow` refuses what makes no sense, in one sentence."""
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers, new_numbers=(101,))
    enrol_fingerprints(hq, key_b.fingerprint)
    monkeypatch.setenv("RISKMAP_LANG", "es")
    capsys.readouterr()
    assert main(["import", "--db", str(hq), "--identity", str(hq_keys.identity_path),
                 str(b_bundle)]) == 1
    err = capsys.readouterr().err
    assert f"El dispositivo {key_b.device_id} envió formularios a la ronda Demo 3" in err
    assert f'riskmap devices allow --db {hq} {key_b.device_id} --round "Demo 3"' in err
    monkeypatch.setenv("RISKMAP_LANG", "en")
    for args, said in (([key_b.device_id, "--round", "Nope"], "no round named Nope"),
                       ([field_key.device_id, "--round", "Demo 3"], "brought round Demo 3"),
                       (["bad\x1bid", "--round", "Demo 3"], "is not a device id")):
        assert main(["devices", "allow", "--db", str(hq), *args]) == 2
        assert said in capsys.readouterr().err
    assert main(["devices", "allow", "--db", str(hq), key_b.device_id, "--round",
                 "Demo 3"]) == 0
    assert main(["devices", "allow", "--db", str(hq), key_b.device_id, "--round",
                 "Demo 3"]) == 2
    assert "already allowed" in capsys.readouterr().err
