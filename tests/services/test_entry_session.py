"""EntrySession (Qt-free): form-number checks, new and edited forms, drafts, reasons."""

from __future__ import annotations

import pytest

from desktop.services.entry_session import EntrySession
from desktop.services.form_service import FormRefused
from desktop.storage import response_store


@pytest.fixture
def session(service, round_uuid):
    return EntrySession(service, round_uuid, clock=iter(range(0, 1000, 30)).__next__)


def test_form_number_problems(session, service, round_uuid, valid_answers):
    service.save_new(round_uuid, 4, valid_answers)
    assert session.form_number_problem("5") is None
    assert "4" in session.form_number_problem("4")
    assert "500" in session.form_number_problem("501")
    assert session.form_number_problem("") and session.form_number_problem("x1")
    assert EntrySession(service, None).form_number_problem("5")


def test_new_form_saved_with_effort(session, service, valid_answers):
    change = session.save(8, valid_answers, keystrokes=120)
    stored = service.load(change.uuid)
    assert stored.answers == valid_answers
    assert stored.response.keystrokes == 120 and stored.response.entry_seconds == 30


def test_edit_keeps_number_check_and_needs_reason_when_verified(session, service, round_uuid,
                                                                 valid_answers, project):
    uuid = service.save_new(round_uuid, 10, valid_answers).uuid
    service.save_new(round_uuid, 11, valid_answers)
    session.start_edit(uuid)
    assert session.form_number_problem("10") is None  # its own number is fine
    assert session.form_number_problem("11")
    assert not session.needs_reason
    with project.db.transaction() as conn:
        response_store.update_response(conn, uuid, status="verified")
    session.start_edit(uuid)
    assert session.needs_reason
    changed = dict(valid_answers, shift="3" if valid_answers["shift"] != "3" else "2")
    with pytest.raises(FormRefused):
        session.save(10, changed)
    session.start_edit(uuid)
    change = session.save(10, changed, reason="paper says so")
    assert change.changed_questions == ("shift",) and change.status == "verified"
    assert session.editing is None


def test_draft_then_completed(session, service, valid_answers):
    draft = session.save(12, {"institution": "1"}, draft=True)
    assert draft.status == "draft"
    session.start_edit(draft.uuid)
    done = session.save(12, valid_answers)
    assert done.status == "entered" and service.load(draft.uuid).answers == valid_answers


def test_deleted_form_cannot_be_edited(session, service, round_uuid, valid_answers):
    uuid = service.save_new(round_uuid, 13, valid_answers).uuid
    service.delete(uuid, "duplicate")
    with pytest.raises(FormRefused):
        session.start_edit(uuid)


def test_absurd_form_numbers_refused(session):
    assert session.form_number_problem("12345678901234567890")
    assert session.form_number_problem("-3")
