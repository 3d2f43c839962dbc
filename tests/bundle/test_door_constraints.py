"""HQ's door and the questionnaire's constraints: a value the operator kept after its
constraint warned is accepted with the operator's confirmation, as an out-of-range value
is (before, only out-of-range confirmations were looked for, and HQ refused the bundle);
without one, the bundle is refused and HQ holds no form of it."""

from __future__ import annotations

import json

from desktop.services.device_identity import project_device_key
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor
from desktop.services.project import Project
from desktop.storage.database import Database

from bundle_helpers import import_into, make_hq_db


def _field_project(tmp_path, questionnaire):
    """A field project whose instrument says "at most 40 times" (`exp_times`, range 1-50)."""
    data = json.loads(questionnaire.source_text)
    times = next(q for s in data["sections"] for q in s["questions"] if q["id"] == "exp_times")
    times["constraint"] = ". <= 40"
    path = tmp_path / "field" / "q.json"
    path.parent.mkdir()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    project = Project.open(tmp_path / "field" / "field.db", path)
    round_ = project.create_round("Ronda 1", form_min=1, form_max=10)
    return project, round_


def _keyed_bundle(tmp_path, questionnaire, hq_keys, valid_answers, confirmed):
    project, round_ = _field_project(tmp_path, questionnaire)
    try:
        service = project.form_service(Actor("LC", "laptop-1"))
        answers = {**valid_answers, "exp_offered": "1", "exp_times": "45",
                   "exp_offered_by": "1", "exp_reported": "2"}
        if confirmed:
            service.save_new(round_.uuid, 1, answers, confirmed=["exp_times"])
        else:  # as a hand-edited database would hold it: the value, no confirmation
            service.save_new(round_.uuid, 1, {**answers, "exp_times": "30"})
            project.db.conn.execute("UPDATE form_answers SET answers = "
                                    "json_set(answers, '$.exp_times', '45')")
            project.db.conn.commit()
        kept = [row[0] for row in project.db.conn.execute(
            "SELECT action FROM audit_log WHERE question_id = 'exp_times'")]
    finally:
        project.close()
    out = tmp_path / "out"
    out.mkdir()
    key = project_device_key(tmp_path / "field" / "field.db")
    return export_bundle(tmp_path / "field" / "field.db", key, [hq_keys.recipient], out,
                         full=True).path, kept


def test_a_value_kept_against_its_constraint_is_accepted_at_hq(
        tmp_path, questionnaire, hq_keys, valid_answers):
    bundle, kept = _keyed_bundle(tmp_path, questionnaire, hq_keys, valid_answers, True)
    assert kept == ["confirm_constraint"]
    hq = make_hq_db(tmp_path / "hq.db")
    [report] = import_into(hq, hq_keys, bundle).bundles
    assert report.status == "imported", report.message
    db = Project.open(hq)
    try:
        assert db.db.conn.execute(
            "SELECT value FROM answer WHERE question_id = 'exp_times'").fetchone()[0] == "45"
    finally:
        db.close()


def test_a_value_breaking_its_constraint_without_confirmation_is_refused(
        tmp_path, questionnaire, hq_keys, valid_answers):
    bundle, kept = _keyed_bundle(tmp_path, questionnaire, hq_keys, valid_answers, False)
    assert kept == []
    hq = make_hq_db(tmp_path / "hq.db")
    [report] = import_into(hq, hq_keys, bundle).bundles
    assert report.refusal == "bad_answer" and "exp_times" in report.message
    db = Database.open(hq)
    try:
        assert db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 0
    finally:
        db.close()
