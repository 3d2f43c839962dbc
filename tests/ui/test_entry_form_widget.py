"""FormWidget on its own (the API the verification view reuses): values in and out, skip
logic, confirmations, keystroke counting, signals, language."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from desktop.ui.form_widget import FormWidget


@pytest.fixture
def form(qtbot, questionnaire):
    widget = FormWidget(questionnaire, "es")
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def test_set_values_values_and_clear(form, valid_answers):
    form.set_values(valid_answers)
    assert form.values() == valid_answers
    assert form.keystrokes == 0
    assert not form.fields["exp_times"].isEnabled()  # exp_offered=2 skips D2-D5
    form.clear()
    assert form.values() == {} and form.fields["exp_times"].isEnabled() is False
    assert form.confirmations() == set()


def test_values_of_skipped_questions_are_dropped(form, valid_answers):
    form.set_values(dict(valid_answers, exp_times="4"))
    assert "exp_times" not in form.values()


def test_typing_counts_keys_and_emits_answers_changed(qtbot, form):
    edit = form.fields["institution"].edit
    with qtbot.waitSignal(form.answers_changed):
        qtbot.keyClicks(edit, "3")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, "2")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert form.keystrokes == 4
    assert form.values() == {"institution": "2"}
    chosen = re.findall(r"<b[^>]*>(.*?)</b>", form.fields["institution"].codes.text())
    assert chosen == ["2&nbsp;Policía Nacional"]


def test_unknown_code_shown_in_place_and_refused(qtbot, form):
    form.focus_question("institution")
    edit = form.fields["institution"].edit
    qtbot.keyClicks(edit, "7")
    message = form.fields["institution"].message
    assert message.isVisible() and "7" in message.text()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert form.current_question() == "institution"


def test_multichoice_and_missing_code_rules(qtbot, form):
    form.set_values({"exp_offered": "1"})
    edit = form.fields["exp_offered_by"].edit
    qtbot.keyClicks(edit, "2 5")
    assert not form.fields["exp_offered_by"].message.isVisible()
    assert form.fields["exp_offered_by"].codes.text().count("<b") == 2
    form.fields["exp_times"].edit.setText("")
    qtbot.keyClicks(form.fields["exp_times"].edit, "9")  # a missing code is accepted
    assert not form.fields["exp_times"].message.isVisible()


def test_operator_controlled_confirmation_is_cleared_by_a_new_value(qtbot, form):
    form.set_operator_controlled(True)
    form.set_values({"exp_offered": "1"})
    form.focus_question("exp_times")
    edit = form.fields["exp_times"].edit
    qtbot.keyClicks(edit, "60")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert form.confirmations() == {"exp_times"}
    form.focus_question("exp_times")
    qtbot.keyClicks(edit, "61")
    assert form.confirmations() == set()
    assert len(form.show_problems(draft=True)) == 1  # 61 unconfirmed is a problem again


def test_language_switch(form):
    form.set_language("en")
    assert form.fields["institution"].text.text().startswith("Which institution")
    assert "Border service" in form.fields["institution"].codes.text()


def test_values_survive_a_disabled_parent(form, valid_answers):
    form.set_values(valid_answers)
    form.setEnabled(False)
    assert form.values() == valid_answers


def test_multichoice_hint_and_a_comment_box_of_several_lines(qtbot, form):
    form.set_values({"exp_offered": "1"})
    hint = form.fields["exp_offered_by"].codes.text()
    assert "separate the codes with a space, e.g. 1 4" in hint
    comment = form.fields["comment"]
    assert comment.edit.height() >= 3 * comment.edit.fontMetrics().lineSpacing()
    assert comment.edit.minimumWidth() >= 360
    form.focus_question("comment")
    qtbot.keyClicks(comment.edit, "Line one")
    qtbot.keyClick(comment.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(comment.edit, "two")
    assert form.values()["comment"] == "Line one\ntwo"
    comment.edit.setText("x" * 999)
    qtbot.keyClicks(comment.edit, "yz")  # the box stops at the question's 1,000 characters
    assert len(comment.edit.text()) == 1000
