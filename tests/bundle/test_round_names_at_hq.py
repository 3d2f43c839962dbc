"""A round whose name at HQ differs from the laptop's (HQ added the device id because
another round had the name, or the analyst renamed it): the laptop's next bundles import.
Before, HQ rebuilt responses.csv with its own name and refused every later bundle of that
round ("responses.csv does not agree with its records")."""

from __future__ import annotations

from desktop.services.device_identity import project_device_key
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage.database import Database

from bundle_helpers import make_hq_db
from trust_helpers import import_trusted


def _keys_and_sends(path, key, round_uuid, number, answers, out, hq_keys):
    project = Project.open(path)
    try:
        FormService(project.db, project.questionnaire, Actor("B", key.device_id)).save_new(
            round_uuid, number, answers)
    finally:
        project.close()
    out.mkdir()
    return export_bundle(path, key, [hq_keys.recipient], out).path


def test_a_round_named_like_another_keeps_importing(tmp_path, hq_keys, bundle, valid_answers):
    hq = make_hq_db(tmp_path / "hq.db")
    [a] = import_trusted(hq, hq_keys.identity_path, [bundle]).bundles
    assert a.status == "imported", a.message
    path = tmp_path / "b" / "b.db"
    project = Project.open(path)
    try:
        key = project_device_key(path)
        mine = project.create_round("Demo 3", form_min=1, form_max=100)  # A's round's name
    finally:
        project.close()
    first = _keys_and_sends(path, key, mine.uuid, 1, valid_answers, tmp_path / "o1",
                            hq_keys)
    [r1] = import_trusted(hq, hq_keys.identity_path, [first]).bundles
    assert (r1.status, r1.rounds_added) == ("imported", [f"Demo 3 ({key.device_id})"])
    second = _keys_and_sends(path, key, mine.uuid, 2, valid_answers, tmp_path / "o2",
                             hq_keys)
    [r2] = import_bundles(hq, hq_keys.identity_path, [second]).bundles
    assert (r2.status, r2.new) == ("imported", 1), r2.message


def test_a_round_renamed_at_hq_keeps_importing(tmp_path, hq_keys, bundle, field_db,
                                               field_key, out_dir):
    hq = make_hq_db(tmp_path / "hq.db")
    [a] = import_trusted(hq, hq_keys.identity_path, [bundle]).bundles
    assert a.status == "imported", a.message
    db = Database.open(hq)
    try:
        with db.transaction() as conn:
            conn.execute("UPDATE round SET name = 'Demo 3 (norte)' WHERE name = 'Demo 3'")
    finally:
        db.close()
    project = Project.open(field_db)
    try:
        uuid = project.db.conn.execute(
            "SELECT uuid FROM response WHERE form_number = 5").fetchone()[0]
        service = FormService(project.db, project.questionnaire,
                              Actor("A", field_key.device_id))
        service.update(uuid, {**service.load(uuid).answers, "comment": "again"})
    finally:
        project.close()
    nxt = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    [r] = import_bundles(hq, hq_keys.identity_path, [nxt]).bundles
    assert (r.status, r.updated) == ("imported", 1), r.message
