"""The verification view driven by the keyboard alone: blind second keying with two
deliberate discrepancies, one kept from the first keying, one typed from the paper."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain.form_rules import applicable
from desktop.storage import audit_store, response_store
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.services.verification_service import VerificationService
from desktop.ui.verification_view import KEYING, RESOLVING, VerificationView
from tests.ui.window_helpers import shown_active

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def view(qtbot, project, round_uuid):
    context = AppContext(project, operator="JR", lang="en",
                         runner=SynchronousRunner())
    return shown_active(qtbot, VerificationView(context))


def _focused():
    return QApplication.focusWidget()


def _key_form(qtbot, view, answers):
    """Type every applicable answer into the focused box, Enter after each."""
    form = view.form
    typed = []
    for _ in range(60):
        qid = form.current_question()
        if qid is None:
            break
        typed.append(qid)
        qtbot.keyClicks(_focused(), answers.get(qid, ""))
        qtbot.keyClick(_focused(), Qt.Key.Key_Return)
        if form.current_question() == qid:  # the last question: the form is complete
            break
    return typed


def test_verify_with_keyboard_alone(qtbot, view, project, round_uuid, service,
                                    valid_answers):
    first = service.save_new(round_uuid, 23, valid_answers)  # keyed by AM
    second = dict(valid_answers)
    wrong_r01 = "5" if valid_answers["r01_likelihood"] != "5" else "4"
    second["r01_likelihood"] = wrong_r01  # the second operator mistypes
    paper_c4 = "1" if valid_answers["c4_pay_sufficient"] != "1" else "2"
    second["c4_pay_sufficient"] = paper_c4  # the first operator mistyped this one

    VerificationService(project.db, project.questionnaire, view.context.actor).set_rule(
        round_uuid, "all", 0)
    view.refresh_due()
    qtbot.waitUntil(view.number_edit.hasFocus)  # the view starts on the form number
    qtbot.keyClick(_focused(), Qt.Key.Key_N, ALT)  # the next form due: form 23
    assert view.form_uuid == first.uuid
    assert view.pages.currentIndex() == KEYING
    assert "23" in view.header.text()
    assert view.form.values() == {}  # blind: the first keying is not shown
    typed = _key_form(qtbot, view, second)
    assert typed == applicable(project.questionnaire, second)
    qtbot.keyClick(_focused(), Qt.Key.Key_S, CTRL)

    assert view.pages.currentIndex() == RESOLVING
    rows = [item.question_id for item in view.table.items_shown]
    assert rows == ["r01_likelihood", "c4_pay_sufficient"]
    assert view.table.item(0, 2).text().startswith(valid_answers["r01_likelihood"])
    assert view.table.item(0, 3).text().startswith(wrong_r01)

    qtbot.keyClick(_focused(), Qt.Key.Key_1, ALT)  # keep first for r01
    assert view.table.currentRow() == 1
    qtbot.keyClick(_focused(), Qt.Key.Key_3, ALT)  # type the value on the paper for c4
    assert _focused() is view.typed_edit
    qtbot.keyClicks(view.typed_edit, paper_c4)
    qtbot.keyClick(view.typed_edit, Qt.Key.Key_Return)
    assert view.table.item(1, 4).text().startswith("Typed: " + paper_c4)
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, CTRL)  # finish

    stored = response_store.get_form(project.db.conn, first.uuid)
    assert stored.response.status == "verified"
    expected = service.prepare(valid_answers)
    expected["c4_pay_sufficient"] = paper_c4
    assert stored.answers == expected
    history = audit_store.history(project.db.conn, first.uuid)
    decisions = [(h["question_id"], h["old"], h["new"], h["reason"], h["operator"])
                 for h in history if h["action"] == "verify_decision"]
    assert decisions == [
        ("r01_likelihood", valid_answers["r01_likelihood"], valid_answers["r01_likelihood"],
         "keep_first", "JR"),
        ("c4_pay_sufficient", valid_answers["c4_pay_sufficient"], paper_c4, "typed", "JR")]
    edits = [(h["question_id"], h["old"], h["new"]) for h in history
             if h["action"] == "verify_edit"]
    assert edits == [("c4_pay_sufficient", valid_answers["c4_pay_sufficient"], paper_c4)]
    assert [(h["old"], h["new"]) for h in history if h["action"] == "status"] == [
        ("entered", "verified")]
    assert "verified" in view.message.text()


def test_first_keyer_cannot_verify_own_form(qtbot, view, round_uuid, service,
                                            valid_answers, project):
    view.context.operator = "AM"
    service.save_new(round_uuid, 5, valid_answers)
    view.number_edit.setFocus()
    qtbot.keyClicks(view.number_edit, "5")
    qtbot.keyClick(view.number_edit, Qt.Key.Key_Return)
    assert view.form_uuid is None
    assert "another operator" in view.message.text()


def test_sample_rule_from_the_keyboard(qtbot, view, project, round_uuid, service,
                                       valid_answers):
    for number in range(1, 13):
        service.save_new(round_uuid, number, valid_answers)
    view.reload_rounds()
    combo = view.start_page.rule_combo
    qtbot.keyClick(_focused(), Qt.Key.Key_S, ALT)  # the label's mnemonic: "&Sample to verify"
    assert _focused() is combo
    index = combo.findData("every_nth")
    while combo.currentIndex() != index:  # arrows on a closed combo choose at once
        qtbot.keyClick(combo, Qt.Key.Key_Up if combo.currentIndex() > index
                       else Qt.Key.Key_Down)
    rounds = {r.uuid: r for r in project.rounds()}
    assert rounds[round_uuid].verify_mode == "every_nth"
    assert "10" in view.start_page.due_list.text()


def test_language_switch_retranslates_at_once(qtbot, qapp, view, round_uuid, service,
                                              valid_answers, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.ui.translation import install_translator, switch_language
    service.save_new(round_uuid, 4, valid_answers)
    view.number_edit.setText("4")
    view.open_typed_number()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    try:
        switch_language(qapp, view.context, "es", settings)
        assert view.next_button.text().startswith("Siguiente")
        assert view.form.fields["institution"].text.text() == "¿En qué institución trabaja?"
    finally:
        install_translator(qapp, "en")
        view.context.set_language("en")
    assert view.next_button.text().startswith("Next form due")


def test_open_decisions_are_resumed(qtbot, view, project, round_uuid, service,
                                    valid_answers):
    uuid = service.save_new(round_uuid, 9, valid_answers).uuid
    second = dict(valid_answers, c4_pay_sufficient="1" if valid_answers[
        "c4_pay_sufficient"] != "1" else "2")
    VerificationService(project.db, project.questionnaire, view.context.actor).compare(
        uuid, second)  # keyed, then the program was closed before the decisions
    qtbot.keyClicks(view.number_edit, "9")
    qtbot.keyClick(view.number_edit, Qt.Key.Key_Return)
    assert view.pages.currentIndex() == RESOLVING
    assert [i.question_id for i in view.table.items_shown] == ["c4_pay_sufficient"]
    qtbot.keyClick(_focused(), Qt.Key.Key_2, ALT)
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, CTRL)
    assert response_store.get_form(project.db.conn, uuid).response.status == "verified"
