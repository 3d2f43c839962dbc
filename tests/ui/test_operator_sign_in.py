"""Operator sign-in in the window: the first supervisor, name + PIN with the keyboard, a
wrong PIN, settings read-only for a keyer, Settings > Operators, sign out / switch."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.services.form_service import Actor
from desktop.services.operator_service import FREE_TRIES, OperatorService
from desktop.ui.operator_dialog import OperatorDialog
from desktop.ui.operators_dialog import OperatorForm, OperatorsDialog
from desktop.ui.settings_dialog import SettingsDialog

PIN = "246813"


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _with_keyer(project):
    """Supervisor SR and keyer KY; returns (supervisor, keyer)."""
    sara = OperatorService(project.db).create_first_supervisor("SR", PIN)
    kim = OperatorService(project.db, Actor("SR", "dev", sara.id)).add("KY", "keyer", "1357")
    return sara, kim


def test_first_supervisor_with_the_keyboard_alone(qtbot, project, settings):
    dialog = _shown(qtbot, OperatorDialog(OperatorService(project.db), settings))
    assert dialog.first and "first supervisor" in dialog.windowTitle()
    qtbot.waitUntil(dialog.name.lineEdit().hasFocus)
    qtbot.keyClicks(dialog.name.lineEdit(), "Ana")
    qtbot.keyClick(dialog.name.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.pin.hasFocus)
    qtbot.keyClicks(dialog.pin, PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.pin_again.hasFocus)
    qtbot.keyClicks(dialog.pin_again, "000000")
    qtbot.keyClick(dialog.pin_again, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "differ" in dialog.message.text() and dialog.pin.text() == ""
    qtbot.keyClicks(dialog.pin, PIN)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.pin_again, PIN)
    qtbot.keyClick(dialog.pin_again, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.signed_in.name == "Ana" and dialog.signed_in.role == "supervisor"


def test_wrong_pin_one_sentence_then_a_wait(qtbot, project, settings):
    _with_keyer(project)
    dialog = _shown(qtbot, OperatorDialog(OperatorService(project.db), settings, "KY"))
    qtbot.waitUntil(dialog.pin.hasFocus)  # the name is there: straight to the PIN
    qtbot.keyClicks(dialog.pin, "9999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.message.text() == "The name or the PIN is not right; type them again."
    assert dialog.pin.text() == "" and dialog.result() != QDialog.DialogCode.Accepted
    for _ in range(FREE_TRIES - 1):
        dialog.pin.setText("9999")
        dialog._accept()
    assert "wait" in dialog.message.text() and not dialog.ok.isEnabled()
    dialog._may_try_again()  # what the timer does when the wait is over
    assert dialog.ok.isEnabled() and dialog.pin.isEnabled()


def test_the_wait_is_still_there_in_a_new_session(qtbot, project, settings):
    """Wrong PINs typed before the program was closed still hold the next sign-in up: the
    count is in the project, not in the dialog or its service."""
    import time

    from desktop.storage import pin_attempt_store
    _, kim = _with_keyer(project)
    with project.db.transaction() as conn:  # as the last session left it, a moment ago
        for _ in range(FREE_TRIES + 5):
            pin_attempt_store.record_failure(conn, kim.id, time.time())
    dialog = _shown(qtbot, OperatorDialog(OperatorService(project.db), settings, "KY"))
    qtbot.waitUntil(dialog.pin.hasFocus)
    qtbot.keyClicks(dialog.pin, "1357")  # the right PIN
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.signed_in is None
    assert re.fullmatch(r"Too many wrong PINs; wait (\d+) seconds and try again\.",
                        dialog.message.text())
    assert not dialog.ok.isEnabled() and not dialog.pin.isEnabled()


def test_window_shows_the_role_and_sign_out_switches(qtbot, window, signing_in):
    assert window.sign_in()  # creates AM, the first supervisor (conftest's signer)
    assert "AM (supervisor)" in window.operator_label.text()
    service = window.context.workspace.operator_service()
    service.add("KY", "keyer", "1357")
    signing_in.sign_as(("KY", "0000"), ("KY", "1357"))
    assert window.sign_out()
    assert "KY (keyer)" in window.operator_label.text()
    assert signing_in.shown[-2][0] is False and "PIN" in signing_in.shown[-2][1]
    # Nobody signing in after a sign-out closes the window.
    signing_in.sign_as(("KY", "0000"))
    assert not window.sign_out()
    assert not window.isVisible() and window.context.operator == ""


def test_a_keyer_sees_settings_read_only(qtbot, context, settings):
    _sara, kim = _with_keyer(context.workspace)
    context.sign_in(kim)
    before = context.workspace.min_group_size
    dialog = SettingsDialog(context, settings)
    qtbot.addWidget(dialog)
    assert not dialog.min_group.isEnabled() and not dialog.operator_controlled.isEnabled()
    assert not dialog.operators_button.isEnabled()
    assert not dialog.read_only_note.isHidden()
    assert "Only a supervisor" in dialog.read_only_note.text() and "keyer" in \
        dialog.read_only_note.text()
    dialog.min_group.setValue(before + 3)
    dialog.save()  # the language only: nothing refused, nothing changed
    assert context.workspace.min_group_size == before


def test_a_supervisor_edits_settings_and_manages_operators(qtbot, context, settings):
    sara, kim = _with_keyer(context.workspace)
    context.sign_in(sara)
    dialog = SettingsDialog(context, settings)
    qtbot.addWidget(dialog)
    assert dialog.min_group.isEnabled() and dialog.read_only_note.isHidden()
    dialog.min_group.setValue(9)
    dialog.save()
    assert context.workspace.min_group_size == 9
    operators = OperatorsDialog(context.workspace.operator_service())
    qtbot.addWidget(operators)
    assert operators.table.rowCount() == 2
    form = OperatorForm("add", True)
    qtbot.addWidget(form)
    form.name.setText("VE")
    form.role.setCurrentIndex(form.role.findData("verifier"))
    form.pin.setText("8642")
    form.pin_again.setText("8642")
    added = operators.add_operator(form)
    assert added.role == "verifier" and operators.selected() == added
    assert operators.set_role("keyer").role == "keyer"
    assert operators.deactivate(confirmed=True).active is False
    operators.table.selectRow(next(i for i, op in enumerate(operators.operators)
                                   if op.id == sara.id))
    assert operators.deactivate(confirmed=True) is None  # the last supervisor stays
    assert "last active supervisor" in operators.message.text()
    assert [op.name for op in operators.operators if not op.active] == ["VE"]


def test_a_keyer_edits_a_round_but_not_its_verification_sample(qtbot, context):
    from desktop.ui.round_dialog import RoundDialog
    sara, kim = _with_keyer(context.workspace)
    context.sign_in(kim)
    round_ = context.current_round()
    dialog = RoundDialog(context.round_service(), round_)
    qtbot.addWidget(dialog)
    assert not dialog.verify_mode.isEnabled()
    dialog.place.setText("Puesto Sur")
    dialog.save()
    assert context.current_round().place == "Puesto Sur"
    # The service refuses the sample change even when the widget is bypassed.
    dialog = RoundDialog(context.round_service(), context.current_round())
    qtbot.addWidget(dialog)
    dialog.verify_mode.setCurrentIndex(dialog.verify_mode.findData("all"))
    dialog.save()
    assert "supervisor" in dialog.message.text()
    assert context.current_round().verify_mode == round_.verify_mode
    context.sign_in(sara)  # a supervisor's change is audited
    dialog.save()
    assert context.current_round().verify_mode == "all"
    audited = context.workspace.db.conn.execute(
        "SELECT operator, new FROM audit_log WHERE action = 'verify_rule'").fetchall()
    assert [tuple(r) for r in audited] == [("SR", "all 1")]
