"""Keying whole forms with the keyboard alone: no mouse event anywhere in this module."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.storage import response_store


def focused():
    return QApplication.focusWidget()


def key_answer(qtbot, expected_name: str, text: str) -> None:
    """Type `text` where the cursor is (checking it is the expected box), then Enter."""
    widget = focused()
    assert widget is not None and widget.objectName() == expected_name
    if text:
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def key_form(qtbot, view, number: int, answers: dict[str, str]) -> None:
    """Key the form number and then every question the cursor lands on."""
    key_answer(qtbot, "form_number", str(number))
    while True:
        qid = view.form.current_question()
        if qid is None:
            break
        last = qid == view.form.applicable_ids()[-1]
        key_answer(qtbot, f"answer_{qid}", answers.get(qid, ""))
        if last:
            break


def test_complete_form_keyed_with_keyboard_alone(qtbot, view, context, valid_answers,
                                                 round_uuid):
    answers = dict(valid_answers)
    assert answers["exp_offered"] == "2"  # D2-D5 do not apply and must be jumped over
    answers["r03_impact"] = "8"  # a missing code on a likert question
    answers["comment"] = "Falta personal en el turno de noche."
    visited: list[str] = []
    key_answer(qtbot, "form_number", "17")
    while (qid := view.form.current_question()) is not None:
        visited.append(qid)
        last = qid == view.form.applicable_ids()[-1]
        key_answer(qtbot, f"answer_{qid}", answers.get(qid, ""))
        if last:
            break
    assert "exp_times" not in visited and "exp_report_outcome" not in visited
    assert visited[-1] == "comment"
    assert not view.form.fields["exp_times"].isEnabled()
    with qtbot.waitSignal(view.form_saved) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = response_store.get_form(context.project.db.conn, saved.args[0].uuid)
    assert stored.answers == answers
    assert stored.response.form_number == 17
    assert stored.response.status == "entered"
    assert stored.response.operator == "AM"
    assert stored.response.keystrokes >= sum(len(v) + 1 for v in answers.values())
    # A blank form opens with the cursor on the form number.
    assert focused() is view.number and view.number.text() == ""
    assert view.form.values() == {}


def test_skipped_answers_are_cleared_when_they_stop_applying(qtbot, view, valid_answers):
    answers = dict(valid_answers)
    answers.update(exp_offered="1", exp_times="3", exp_offered_by="1 4", exp_reported="2")
    key_form(qtbot, view, 5, answers)
    assert view.form.values()["exp_times"] == "3"
    view.form.focus_question("exp_offered")
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    qtbot.keyClicks(focused(), "2")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    values = view.form.values()
    assert "exp_times" not in values and "exp_offered_by" not in values
    assert view.form.fields["exp_times"].edit.text() == ""
    assert focused().objectName() == "answer_comment"


def test_shift_tab_goes_back_and_code_label_shows_choice(qtbot, view):
    key_answer(qtbot, "form_number", "3")
    key_answer(qtbot, "answer_institution", "1")
    assert focused().objectName() == "answer_post"
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused().objectName() == "answer_institution"
    assert "<b" in view.form.fields["institution"].codes.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is view.number


def test_a_refused_value_is_not_counted_as_answered(qtbot, view):
    """'7 of 34 answered' beside the red message under the seventh answer read as if the
    form were further along: a refused value counts once it is corrected."""
    key_answer(qtbot, "form_number", "6")
    key_answer(qtbot, "answer_institution", "1")
    assert view.counts.text().startswith("1 ")
    qtbot.keyClicks(focused(), "77")  # post: not one of its codes
    assert view.form.fields["post"].refused()
    assert view.counts.text().startswith("1 "), view.counts.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    assert not view.form.fields["post"].refused()
    assert view.counts.text().startswith("2 "), view.counts.text()
