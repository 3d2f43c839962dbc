"""Entry form rules seen from the keyboard: duplicate form numbers, out-of-range values
(refused, or kept after a recorded confirmation in operator-controlled mode), the
unsaved-changes guard, drafts, and editing a verified form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services.records_service import RecordFilter
from desktop.storage import response_store
from desktop.ui import entry_view as entry_module
from desktop.ui.entry_view import EntryView


def focused():
    return QApplication.focusWidget()


def enter(qtbot, text: str) -> None:
    if text:
        qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def key_until(qtbot, view, answers: dict[str, str], stop: str | None = None) -> None:
    """Key answers question by question until `stop` (not keyed) or the end."""
    while (qid := view.form.current_question()) is not None and qid != stop:
        last = qid == view.form.applicable_ids()[-1]
        enter(qtbot, answers.get(qid, ""))
        if last:
            break


def save(qtbot, view, draft: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if draft:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(focused(), Qt.Key.Key_S, modifiers)


def test_duplicate_form_number_refused_when_leaving_the_field(qtbot, view, context,
                                                              service, round_uuid,
                                                              valid_answers):
    service.save_new(round_uuid, 12, valid_answers)
    enter(qtbot, "12")
    assert focused() is view.number  # the cursor stays on the form number
    assert "12" in view.number_message.text()
    qtbot.keyClick(view.number, Qt.Key.Key_Backspace)
    enter(qtbot, "3")  # 13 is free
    assert focused().objectName() == "answer_institution"


def test_form_number_outside_the_round_range_refused(qtbot, view):
    enter(qtbot, "900")  # the round takes 1-500
    assert focused() is view.number
    assert "500" in view.number_message.text()


def test_out_of_range_refused(qtbot, view, valid_answers):
    answers = dict(valid_answers, exp_offered="1")
    enter(qtbot, "20")
    key_until(qtbot, view, answers, stop="exp_times")
    assert view.form.current_question() == "exp_times"
    enter(qtbot, "75")  # exp_times takes 1-50
    assert view.form.current_question() == "exp_times"
    field = view.form.fields["exp_times"]
    assert field.message.isVisible() and "50" in field.message.text()
    enter(qtbot, "")  # a second Enter does not help outside operator-controlled mode
    assert view.form.current_question() == "exp_times"
    assert view.form.confirmations() == set()


def test_out_of_range_confirmed_in_operator_controlled_mode_is_audited(
        qtbot, context, valid_answers):
    context.project.set_setting("operator_controlled", "1")
    context.settings_changed.emit()
    view = EntryView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.focus_form_number()
    qtbot.waitUntil(lambda: view.number.hasFocus())
    answers = dict(valid_answers, exp_offered="1", exp_times="75", exp_offered_by="2",
                   exp_reported="2")
    answers.pop("comment", None)
    enter(qtbot, "21")
    key_until(qtbot, view, answers, stop="exp_times")
    answered = view.form.answered_count()
    enter(qtbot, "75")
    field = view.form.fields["exp_times"]
    assert view.form.current_question() == "exp_times"  # first Enter: asks to confirm
    assert "Enter" in field.message.text()
    assert view.form.answered_count() == answered  # not an answer until it is kept
    enter(qtbot, "")  # second Enter on the same value: kept, and recorded
    assert view.form.current_question() == "exp_offered_by"
    assert view.counts.text().startswith(f"{answered + 1} ")
    assert view.form.confirmations() == {"exp_times"}
    key_until(qtbot, view, answers)
    with qtbot.waitSignal(view.form_saved) as saved:
        save(qtbot, view)
    uuid = saved.args[0].uuid
    assert response_store.get_form(context.project.db.conn, uuid).answers["exp_times"] == "75"
    history = context.form_service().history(uuid)
    confirmations = [row for row in history if row["action"] == "confirm_out_of_range"]
    assert [(row["question_id"], row["new"]) for row in confirmations] == [("exp_times", "75")]


def test_invalid_form_is_not_saved_but_a_draft_is(qtbot, view, context):
    enter(qtbot, "30")
    enter(qtbot, "2")  # institution only
    save(qtbot, view)
    assert "Not saved" in view.number_message.text()
    assert view.form.fields["post"].message.isVisible()  # the first problem, in place
    assert context.records_service().count(RecordFilter(status="")) == 0
    with qtbot.waitSignal(view.form_saved) as saved:
        save(qtbot, view, draft=True)
    stored = response_store.get_form(context.project.db.conn, saved.args[0].uuid)
    assert stored.response.status == "draft"
    assert stored.answers == {"institution": "2"}


@pytest.mark.parametrize("answer, kept", [(QMessageBox.StandardButton.Cancel, True),
                                          (QMessageBox.StandardButton.Discard, False)])
def test_unsaved_changes_guard(qtbot, view, monkeypatch, answer, kept):
    asked = []

    def fake_question(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return answer

    monkeypatch.setattr(entry_module.QMessageBox, "question", fake_question)
    assert view.confirm_discard()  # nothing typed: no question
    assert asked == []
    enter(qtbot, "40")
    enter(qtbot, "1")
    assert view.has_unsaved_changes()
    assert view.confirm_discard() is (not kept)
    assert len(asked) == 1
    assert (view.form.values() == {"institution": "1"}) is kept


def test_edit_after_verify_needs_a_reason(qtbot, view, context, service, round_uuid,
                                          valid_answers, monkeypatch):
    uuid = service.save_new(round_uuid, 50, valid_answers).uuid
    with context.project.db.transaction() as conn:
        response_store.update_response(conn, uuid, status="verified")
    assert view.load_form(uuid)
    assert "50" in view.mode.text()
    reasons = iter([None, "Corrected against the paper form"])
    monkeypatch.setattr(entry_module.ReasonDialog, "ask",
                        staticmethod(lambda *args, **kwargs: next(reasons)))
    view.form.focus_question("institution")
    new_code = "3" if valid_answers["institution"] != "3" else "4"
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), new_code)
    save(qtbot, view)  # reason dialog cancelled: not saved
    assert response_store.get_form(context.project.db.conn, uuid).answers["institution"] \
        == valid_answers["institution"]
    with qtbot.waitSignal(view.form_saved):
        save(qtbot, view)
    stored = response_store.get_form(context.project.db.conn, uuid)
    assert stored.answers["institution"] == new_code
    assert stored.response.status == "verified"
    edits = [row for row in service.history(uuid) if row["action"] == "edit"]
    assert [(r["question_id"], r["old"], r["new"], r["reason"]) for r in edits] == [
        ("institution", valid_answers["institution"], new_code,
         "Corrected against the paper form")]


def test_confirmed_value_stays_confirmed_when_the_form_is_edited(qtbot, view, context,
                                                                 service, round_uuid,
                                                                 valid_answers):
    answers = dict(valid_answers, exp_offered="1", exp_times="80", exp_offered_by="1",
                   exp_reported="2")
    uuid = service.save_new(round_uuid, 60, answers, confirmed=["exp_times"]).uuid
    assert view.load_form(uuid)
    assert view.form.confirmations() == {"exp_times"}
    view.form.focus_question("exp_reported")
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "1")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "2")  # exp_report_outcome now applies
    with qtbot.waitSignal(view.form_saved):
        save(qtbot, view)
    stored = response_store.get_form(context.project.db.conn, uuid).answers
    assert (stored["exp_times"], stored["exp_reported"], stored["exp_report_outcome"]) == (
        "80", "1", "2")
