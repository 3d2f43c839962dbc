"""Saving, editing and deleting forms through the service: validation, duplicates, audit
in the same transaction, reasons, soft delete."""

import json

import pytest

from desktop.services.form_service import FormRefused
from desktop.storage import response_store


def _audit(project, uuid):
    return [dict(r) for r in project.db.conn.execute(
        "SELECT action, question_id, old, new, reason FROM audit_log WHERE response_uuid = ? "
        "ORDER BY id", (uuid,))]


def test_save_new_writes_form_answers_and_audit(project, service, round_uuid, valid_answers):
    change = service.save_new(round_uuid, 12, valid_answers, keystrokes=120)
    stored = response_store.get_form(project.db.conn, change.uuid)
    assert stored.answers == valid_answers
    assert stored.response.status == "entered" and stored.response.revision == 1
    assert stored.response.operator == "AM" and stored.response.keystrokes == 120
    audit = _audit(project, change.uuid)
    assert [a["action"] for a in audit] == ["create"]
    assert json.loads(audit[0]["new"]) == valid_answers


def test_answers_are_stored_canonical_and_skips_cleared(project, service, round_uuid,
                                                        valid_answers):
    answers = {**valid_answers, "exp_times": "4", "comment": "  ok  "}
    change = service.save_new(round_uuid, 1, answers)
    stored = response_store.get_form(project.db.conn, change.uuid).answers
    assert "exp_times" not in stored  # exp_offered = 2 skips it
    assert stored["comment"] == "ok"


def test_duplicate_form_number_refused(service, round_uuid, valid_answers):
    service.save_new(round_uuid, 7, valid_answers)
    with pytest.raises(FormRefused, match="already used"):
        service.save_new(round_uuid, 7, valid_answers)
    assert service.form_number_taken(round_uuid, 7)


def test_form_number_outside_round_range_refused(service, round_uuid, valid_answers):
    with pytest.raises(FormRefused, match="outside this round's range"):
        service.save_new(round_uuid, 501, valid_answers)


def test_invalid_form_refused_with_every_problem(project, service, round_uuid, valid_answers):
    answers = {**valid_answers, "r01_likelihood": "7"}
    del answers["institution"]
    with pytest.raises(FormRefused) as caught:
        service.save_new(round_uuid, 2, answers)
    assert {p.question_id for p in caught.value.problems} == {"institution", "r01_likelihood"}
    assert project.db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 0


def test_draft_saves_incomplete_form(service, round_uuid):
    change = service.save_new(round_uuid, 3, {"institution": "1"}, draft=True)
    assert change.status == "draft"


def test_confirmed_out_of_range_is_recorded(project, service, round_uuid, valid_answers):
    answers = {**valid_answers, "exp_offered": "1", "exp_times": "80", "exp_offered_by": "1",
               "exp_reported": "2"}
    with pytest.raises(FormRefused):
        service.save_new(round_uuid, 4, answers)
    change = service.save_new(round_uuid, 4, answers, confirmed=["exp_times"])
    confirmations = [a for a in _audit(project, change.uuid)
                     if a["action"] == "confirm_out_of_range"]
    assert confirmations == [{"action": "confirm_out_of_range", "question_id": "exp_times",
                              "old": None, "new": "80", "reason": None}]


def test_edit_is_audited_with_old_and_new(project, service, round_uuid, valid_answers):
    change = service.save_new(round_uuid, 5, valid_answers)
    edited = {**valid_answers, "r02_impact": "1", "comment": "corrected"}
    result = service.update(change.uuid, edited)
    assert result.revision == 2 and set(result.changed_questions) == {"r02_impact", "comment"}
    edits = [a for a in _audit(project, change.uuid) if a["action"] == "edit"]
    assert {(a["question_id"], a["old"], a["new"]) for a in edits} == {
        ("r02_impact", valid_answers["r02_impact"], "1"),
        ("comment", valid_answers.get("comment"), "corrected")}
    assert service.update(change.uuid, edited).action == "unchanged"


def test_edit_after_verify_needs_a_reason(project, service, round_uuid, valid_answers):
    change = service.save_new(round_uuid, 6, valid_answers)
    with project.db.transaction() as conn:
        response_store.update_response(conn, change.uuid, status="verified")
    edited = {**valid_answers, "r03_impact": "2" if valid_answers["r03_impact"] != "2" else "3"}
    with pytest.raises(FormRefused, match="give a reason"):
        service.update(change.uuid, edited)
    result = service.update(change.uuid, edited, reason="paper re-read")
    assert result.status == "verified"
    reasons = {a["reason"] for a in _audit(project, change.uuid) if a["action"] == "edit"}
    assert reasons == {"paper re-read"}


def test_soft_delete_keeps_the_row(project, service, round_uuid, valid_answers):
    change = service.save_new(round_uuid, 8, valid_answers)
    with pytest.raises(FormRefused, match="reason"):
        service.delete(change.uuid, "  ")
    service.delete(change.uuid, "duplicate paper")
    stored = response_store.get_form(project.db.conn, change.uuid)
    assert stored.response.status == "deleted"
    assert stored.response.deleted_reason == "duplicate paper"
    assert stored.answers == valid_answers
    # the number is free again, and the deleted form cannot be edited
    service.save_new(round_uuid, 8, valid_answers)
    with pytest.raises(FormRefused):
        service.update(change.uuid, valid_answers)
    assert [a["action"] for a in _audit(project, change.uuid)] == ["create", "delete"]


def test_spanish_messages(project, round_uuid, valid_answers):
    from desktop.services.form_service import Actor, FormService
    service = FormService(project.db, project.questionnaire, Actor("LC", "d"), lang="es")
    service.save_new(round_uuid, 9, valid_answers)
    with pytest.raises(FormRefused, match="ya se usó en esta ronda"):
        service.save_new(round_uuid, 9, valid_answers)
