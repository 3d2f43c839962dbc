"""V17_ROUND_ORIGIN on an HQ database of schema 16: each round's origin comes from the
import ledger (the bundle that added it), else from the device of its first form when that
device signed bundles here (a round renamed at HQ); a round made at HQ gets none; a device
that already holds forms in a round another device brought is allowed into it, so its next
bundle is not held. `riskmap check` says whose rounds are whose.

The schema-16 copy is an HQ database of this version with V17's tables dropped (so it holds
what an HQ holds that imported before the check existed, B's forms in A's round included)."""

from __future__ import annotations

import json

from desktop.cli import main
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage.connection import connect_raw
from desktop.storage.database import Database, DatabaseLocator
from desktop.storage.schema_steps import MIGRATIONS, V17_ROUND_ORIGIN

from bundle_helpers import make_hq_db
from test_round_origin_attacks import _post_a, _post_b
from trust_helpers import allow_in_round, enrol_fingerprints


def _downgrade(path) -> None:
    """This HQ database as schema 16 (before whose rounds were recorded)."""
    conn = connect_raw(path, DatabaseLocator.of(path).key)
    try:
        conn.execute("BEGIN")
        conn.execute("DROP TABLE round_origin")
        conn.execute("DROP TABLE round_device")
        conn.execute("DROP TABLE round_maker")  # V18_ROUND_MAKER, after it
        conn.execute("UPDATE schema_version SET version = ?",
                     (MIGRATIONS.index(V17_ROUND_ORIGIN),))
        conn.execute("COMMIT")
    finally:
        conn.close()


def _origins(path) -> tuple[dict, dict]:
    db = Database.open(path)
    try:
        origins = {name: (device, source) for name, device, source in db.conn.execute(
            "SELECT r.name, o.device_id, o.source FROM round r "
            "LEFT JOIN round_origin o ON o.round_uuid = r.uuid")}
        allowed = {(name, device): reason for name, device, reason in db.conn.execute(
            "SELECT r.name, d.device_id, d.reason FROM round_device d "
            "JOIN round r ON r.uuid = d.round_uuid")}
        return origins, allowed
    finally:
        db.close()


def test_an_hq_of_schema_16_learns_whose_rounds_are_whose(
        tmp_path, hq_keys, bundle, field_db, field_key, valid_answers, capsys):
    hq = make_hq_db(tmp_path / "hq.db")
    _post_a(hq, hq_keys, bundle)
    key_b, b_bundle = _post_b(tmp_path, hq_keys, field_db, valid_answers,
                              new_numbers=(101,), own_round=True)
    enrol_fingerprints(hq, key_b.fingerprint)
    allow_in_round(hq, key_b.device_id, "Demo 3")  # as the check did not exist yet
    [result] = import_bundles(hq, hq_keys.identity_path, [b_bundle]).bundles
    assert result.status == "imported", result.message
    db = Database.open(hq)
    try:
        with db.transaction() as conn:  # renamed at HQ; and a round HQ made itself
            conn.execute("UPDATE round SET name = 'Puesto B renombrado' "
                         "WHERE name = 'Puesto B'")
            conn.execute("INSERT INTO round (uuid, name, questionnaire_sha256, created) "
                         "SELECT 'hq-own-round', 'HQ own', questionnaire_sha256, created "
                         "FROM round LIMIT 1")
    finally:
        db.close()
    _downgrade(hq)

    origins, allowed = _origins(hq)  # opening migrates
    assert origins == {"Demo 3": (field_key.device_id, "ledger"),
                       "Puesto B renombrado": (key_b.device_id, "forms"),
                       "HQ own": (None, None)}
    assert list(allowed) == [("Demo 3", key_b.device_id)]
    assert "before round origins were recorded" in allowed["Demo 3", key_b.device_id]

    # B keys on in A's round: HQ had accepted its forms there, so it is not held.
    project = Project.open(tmp_path / "post-b" / "b.db")
    try:
        service = FormService(project.db, project.questionnaire, Actor("B", key_b.device_id))
        round_uuid = next(r.uuid for r in project.rounds() if r.name == "Demo 3")
        service.save_new(round_uuid, 102, valid_answers)
    finally:
        project.close()
    nxt = export_bundle(tmp_path / "post-b" / "b.db", key_b, [hq_keys.recipient],
                        tmp_path / "post-b-out").path
    [result] = import_bundles(hq, hq_keys.identity_path, [nxt]).bundles
    assert (result.status, result.new) == ("imported", 1), result.message

    capsys.readouterr()
    assert main(["check", "--db", str(hq)]) == 0
    out = capsys.readouterr().out
    assert "whose rounds:    2 of a device (its maker's once the maker has signed a " \
           "bundle here, else the one whose bundle brought it first), 1 made here" in out
    assert f"round Demo 3: device {key_b.device_id} may add forms too" in out
    assert f"(the round of {field_key.device_id})" in out
    assert main(["check", "--db", str(hq), "--json"]) == 0
    rounds = json.loads(capsys.readouterr().out)["round_origins"]
    assert (rounds["known"], rounds["made_here_or_unknown"]) == (2, 1)
    assert [(s["round"], s["device"], s["origin"]) for s in rounds["shared"]] == [
        ("Demo 3", key_b.device_id, field_key.device_id)]


def test_a_field_laptops_database_records_no_origin(field_db, capsys):
    """A laptop's own rounds: no bundle brought them, nothing to say in `check`."""
    _origins(field_db)
    assert _origins(field_db)[0] == {"Demo 3": (None, None)}
    assert main(["check", "--db", str(field_db)]) == 0
    assert "whose rounds" not in capsys.readouterr().out
