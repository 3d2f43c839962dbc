"""Double-entry verification: sampling rules, comparison, resolution, audit."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.services.form_service import Actor, FormService
from desktop.services.verification_service import (VerificationRefused, VerificationService,
                                                   in_sample)
from desktop.storage import audit_store, response_store, round_store


def _set_rule(project, round_uuid, mode, value):
    round_ = round_store.get_round(project.db.conn, round_uuid)
    with project.db.transaction() as conn:
        round_store.update_round(conn, dataclasses.replace(round_, verify_mode=mode,
                                                           verify_value=value))
    return round_store.get_round(project.db.conn, round_uuid)


def _key_forms(service, round_uuid, answers, numbers):
    return {n: service.save_new(round_uuid, n, answers).uuid for n in numbers}


@pytest.fixture
def verifier(project):
    return VerificationService(project.db, project.questionnaire, Actor("JR", "dev-test"))


def test_sampling_all_every_nth_share_none(project, round_uuid, service, verifier,
                                           valid_answers):
    _key_forms(service, round_uuid, valid_answers, range(1, 61))
    _set_rule(project, round_uuid, "all", 0)
    assert len(verifier.sample(round_uuid)) == 60
    _set_rule(project, round_uuid, "every_nth", 10)
    assert [n for _u, n, _s in verifier.sample(round_uuid)] == [10, 20, 30, 40, 50, 60]
    _set_rule(project, round_uuid, "none", 0)
    assert verifier.sample(round_uuid) == []
    _set_rule(project, round_uuid, "share", 0.25)
    first = {u for u, _n, _s in verifier.sample(round_uuid)}
    assert 5 <= len(first) <= 25
    # Stable: more forms never change whether an earlier form is in the sample.
    _key_forms(service, round_uuid, valid_answers, range(61, 301))
    later = {u for u, _n, _s in verifier.sample(round_uuid)}
    assert first <= later
    assert 0.15 < len(later) / 300 < 0.35


def test_share_is_deterministic_by_uuid(project, round_uuid):
    round_ = dataclasses.replace(round_store.get_round(project.db.conn, round_uuid),
                                 verify_mode="share", verify_value=0.5)
    picks = [in_sample(round_, f"uuid-{i}", i) for i in range(200)]
    assert picks == [in_sample(round_, f"uuid-{i}", i) for i in range(200)]
    assert 70 < sum(picks) < 130
    assert not in_sample(dataclasses.replace(round_, verify_value=0.0), "uuid-1", 1)


def test_next_due_skips_own_forms_and_verified(project, round_uuid, service, verifier,
                                               valid_answers):
    _set_rule(project, round_uuid, "all", 0)
    uuids = _key_forms(service, round_uuid, valid_answers, [3, 1, 2])
    assert verifier.next_due(round_uuid) == (uuids[1], 1)
    result = verifier.compare(uuids[1], valid_answers)
    assert result.verified and result.items == ()
    assert verifier.next_due(round_uuid) == (uuids[2], 2)
    own = VerificationService(project.db, project.questionnaire, Actor("AM", "dev"))
    assert own.next_due(round_uuid) is None
    with pytest.raises(VerificationRefused, match="another operator"):
        own.find(round_uuid, 2)
    with pytest.raises(VerificationRefused, match="not in this round"):
        verifier.find(round_uuid, 99)


def test_no_discrepancy_verifies_at_once(project, round_uuid, service, verifier,
                                         valid_answers):
    uuid = service.save_new(round_uuid, 7, valid_answers).uuid
    result = verifier.compare(uuid, valid_answers)
    assert result.verified
    stored = response_store.get_form(project.db.conn, uuid)
    assert stored.response.status == "verified"
    assert stored.answers == service.prepare(valid_answers)
    actions = [row["action"] for row in audit_store.history(project.db.conn, uuid)]
    assert actions == ["create", "verify_keyed", "status"]


def test_two_discrepancies_resolved_and_audited(project, round_uuid, service, verifier,
                                                valid_answers):
    uuid = service.save_new(round_uuid, 8, valid_answers).uuid
    second = dict(valid_answers)
    second["r01_likelihood"] = "5" if valid_answers["r01_likelihood"] != "5" else "4"
    second["c4_pay_sufficient"] = "1" if valid_answers["c4_pay_sufficient"] != "1" else "2"
    result = verifier.compare(uuid, second)
    assert not result.verified
    assert [i.question_id for i in result.items] == ["r01_likelihood", "c4_pay_sufficient"]
    assert result.fields_compared == 34  # 6 + 20 + 6 + D1 + E1: D2-D5 skipped
    with pytest.raises(VerificationRefused, match="1 discrepancies|2 discrepancies"):
        verifier.finish(result.verification_id)
    verifier.resolve(result.verification_id, "r01_likelihood", "keep_first")
    with pytest.raises(VerificationRefused):
        verifier.resolve(result.verification_id, "c4_pay_sufficient", "typed", "7")
    verifier.resolve(result.verification_id, "c4_pay_sufficient", "typed", " 3 ")
    assert verifier.finish(result.verification_id) == (
        0 if valid_answers["c4_pay_sufficient"] == "3" else 1)
    stored = response_store.get_form(project.db.conn, uuid)
    assert stored.response.status == "verified"
    assert stored.answers["r01_likelihood"] == valid_answers["r01_likelihood"]
    assert stored.answers["c4_pay_sufficient"] == "3"
    history = audit_store.history(project.db.conn, uuid)
    decisions = [(h["question_id"], h["old"], h["new"], h["reason"]) for h in history
                 if h["action"] == "verify_decision"]
    assert decisions == [
        ("r01_likelihood", valid_answers["r01_likelihood"], valid_answers["r01_likelihood"],
         "keep_first"),
        ("c4_pay_sufficient", valid_answers["c4_pay_sufficient"], "3", "typed")]
    status = [h for h in history if h["action"] == "status"]
    assert [(h["old"], h["new"], h["operator"]) for h in status] == [
        ("entered", "verified", "JR")]
    assert verifier.open_for(uuid) is None


def test_skip_discrepancy_follows_skip_logic(project, round_uuid, service, verifier,
                                             valid_answers):
    uuid = service.save_new(round_uuid, 9, valid_answers).uuid  # exposure 'no' (2)
    second = dict(valid_answers, exp_offered="1", exp_times="2", exp_offered_by="1 3",
                  exp_reported="2")
    result = verifier.compare(uuid, second)
    assert [i.question_id for i in result.items] == [
        "exp_offered", "exp_times", "exp_offered_by", "exp_reported"]
    verifier.resolve(result.verification_id, "exp_offered", "keep_first")
    for item in result.items[1:]:
        verifier.resolve(result.verification_id, item.question_id, "keep_second")
    # The paper says 'no', so the extra answers stop applying and are dropped.
    assert verifier.finish(result.verification_id) == 0
    stored = response_store.get_form(project.db.conn, uuid)
    assert stored.answers == service.prepare(valid_answers)
    assert stored.response.status == "verified"


def test_invalid_final_form_is_refused_and_nothing_written(project, round_uuid, service,
                                                          verifier, valid_answers):
    uuid = service.save_new(round_uuid, 10, valid_answers).uuid
    second = dict(valid_answers, exp_offered="1", exp_times="2", exp_offered_by="1",
                  exp_reported="2")
    result = verifier.compare(uuid, second)
    verifier.resolve(result.verification_id, "exp_offered", "keep_second")
    for item in result.items[1:]:
        verifier.resolve(result.verification_id, item.question_id, "keep_first")  # blank
    with pytest.raises(VerificationRefused, match="D2"):
        verifier.finish(result.verification_id)
    assert response_store.get_form(project.db.conn, uuid).response.status == "entered"
    verifier.resolve(result.verification_id, "exp_times", "keep_second")
    verifier.resolve(result.verification_id, "exp_offered_by", "keep_second")
    verifier.resolve(result.verification_id, "exp_reported", "keep_second")
    assert verifier.finish(result.verification_id) == 4


def test_spanish_refusal(project, round_uuid, service, valid_answers):
    service.save_new(round_uuid, 11, valid_answers)
    own = VerificationService(project.db, project.questionnaire, Actor("AM", "d"), "es")
    with pytest.raises(VerificationRefused, match="debe verificarlo otra persona"):
        own.find(round_uuid, 11)


def test_set_rule_is_audited(project, round_uuid, verifier):
    changed = verifier.set_rule(round_uuid, "every_nth", 4.4)
    assert (changed.verify_mode, changed.verify_value) == ("every_nth", 4.0)
    assert round_store.get_round(project.db.conn, round_uuid).verify_mode == "every_nth"
    row = project.db.conn.execute(
        "SELECT old, new, operator FROM audit_log WHERE action = 'verify_rule'").fetchone()
    assert tuple(row) == ("share 0.1", "every_nth 4", "JR")
    with pytest.raises(VerificationRefused):
        verifier.set_rule(round_uuid, "half", 0.5)


def test_demo_verifications(demo_project):
    from desktop.services.progress_service import ProgressService
    from desktop.services.verification_demo import simulate_verifications
    round_uuid = demo_project.rounds()[0].uuid
    _set_rule(demo_project, round_uuid, "all", 0)
    done = simulate_verifications(demo_project.db, demo_project.questionnaire, round_uuid,
                                  share=0.5, first_error_rate=0.05)
    assert done == 30
    ledger = ProgressService(demo_project.db).ledger(round_uuid)
    assert ledger.verified == 30
    days = ProgressService(demo_project.db).operator_days(round_uuid)
    assert sum(d.forms_verified for d in days) == 30
    assert sum(d.errors for d in days) > 0
