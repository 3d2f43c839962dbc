"""Settings > Operators: Rename… and Reactivate… clicked as a supervisor does. Each opens a
name form that stays open on a refusal (a name an active operator has) and makes the change
once the name is free; the buttons' clicked(bool) must not reach the methods' `name`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.services.form_service import Actor
from desktop.services.operator_service import OperatorService
from desktop.ui.operator_name_form import OperatorNameForm
from desktop.ui.operators_dialog import OperatorsDialog
from desktop.ui.translation import install_translator
from tests.ui.window_helpers import answer_modal

KIM_PIN = "1357"


def _operators(qtbot, context, lang="en"):
    sara = OperatorService(context.workspace.db).create_first_supervisor("SR", "246813")
    context.sign_in(sara)
    service = context.workspace.operator_service()
    kim = service.add("Kim", "keyer", KIM_PIN)
    dialog = OperatorsDialog(service, lang)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, service, kim


def _answer(steps):
    return answer_modal(OperatorNameForm, steps)


def _retype(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def _audit(context, action):
    return [tuple(r) for r in context.workspace.db.conn.execute(
        "SELECT operator, question_id, old, new FROM audit_log WHERE action = ?",
        (action,))]


def test_rename_button_keeps_the_form_open_on_a_taken_name(qtbot, context):
    dialog, service, kim = _operators(qtbot, context)
    dialog.refresh(select=kim.id)
    said = []

    def steps(form):
        said.append((form.windowTitle(), form.name.text(), form.ok_button.text()))
        _retype(qtbot, form.name, "sr")  # the supervisor's name, another case
        said.append((form.isVisible(), form.message.text(), form.name.selectedText()))
        _retype(qtbot, form.name, "Kim  Lee ")

    seen = _answer(steps)
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert said == [("Rename Kim", "Kim", "&Rename"),
                    (True, "An active operator is already called sr; choose another name.",
                     "sr")]
    assert dialog.message.text() == "Kim is now called Kim Lee."
    assert dialog.selected().name == "Kim Lee" and dialog.selected().id == kim.id
    fresh = OperatorService(context.workspace.db, Actor("x", "dev"))
    assert fresh.sign_in("Kim Lee", KIM_PIN).id == kim.id
    assert _audit(context, "operator_rename") == [("SR", kim.id, "Kim", "Kim -> Kim Lee")]


def test_reactivate_button_asks_for_another_name_when_the_old_one_is_taken(qtbot, context):
    dialog, service, kim = _operators(qtbot, context)
    service.deactivate(kim.id)
    other = service.add("Kim", "verifier", "8642")  # a new Kim meanwhile
    dialog.refresh(select=kim.id)
    assert not dialog.selected().active
    assert dialog.reactivate_button.isEnabled() and not dialog.deactivate_button.isEnabled()
    said = []

    def steps(form):
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)  # "Kim" is taken
        said.append((form.isVisible(), form.message.text(), form.name.text()))
        _retype(qtbot, form.name, "Kim Ruiz")

    _answer(steps)
    qtbot.mouseClick(dialog.reactivate_button, Qt.MouseButton.LeftButton)
    assert said == [(True, "An active operator is already called Kim; choose another name.",
                     "Kim")]
    assert dialog.message.text() == "Kim Ruiz can sign in again."
    back = service.get(kim.id)
    assert back.active and back.name == "Kim Ruiz" and back.role == "keyer"
    assert service.get(other.id).name == "Kim"
    assert not dialog.reactivate_button.isEnabled() and dialog.deactivate_button.isEnabled()
    fresh = OperatorService(context.workspace.db, Actor("x", "dev"))
    assert fresh.sign_in("Kim Ruiz", KIM_PIN).id == kim.id  # with the PIN they had
    assert _audit(context, "operator_reactivate") == [
        ("SR", kim.id, "Kim", "active as Kim Ruiz")]


def test_reactivate_under_the_old_name_and_cancel_changes_nothing(qtbot, context):
    dialog, service, kim = _operators(qtbot, context)
    service.deactivate(kim.id)
    dialog.refresh(select=kim.id)
    _answer(lambda form: form.reject())
    qtbot.mouseClick(dialog.reactivate_button, Qt.MouseButton.LeftButton)
    assert not service.get(kim.id).active and dialog.message.text() == ""

    _answer(lambda form: qtbot.keyClick(form.name, Qt.Key.Key_Return))
    qtbot.mouseClick(dialog.reactivate_button, Qt.MouseButton.LeftButton)
    assert service.get(kim.id).active and service.get(kim.id).name == "Kim"
    assert dialog.message.text() == "Kim can sign in again."


def test_the_forms_speak_spanish(qtbot, context, qapp, tmp_path):
    install_translator(qapp, "es")
    try:
        dialog, service, kim = _operators(qtbot, context, "es")
        assert dialog.rename_button.text() == "Re&nombrar…"
        assert dialog.reactivate_button.text() == "Reac&tivar…"
        dialog.refresh(select=kim.id)
        shots = []

        def steps(form):
            _retype(qtbot, form.name, "SR")
            form.resize(form.sizeHint())
            shots.append((form.windowTitle(), form.ok_button.text(), form.message.text(),
                          form.explanation.text()))
            form.grab().save(str(tmp_path / "rename_es.png"))

        _answer(steps)
        qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
        [(title, ok, refusal, explanation)] = shots
        assert (title, ok) == ("Renombrar a Kim", "&Renombrar")
        assert refusal == "Ya hay un operador activo llamado SR; elija otro nombre."
        assert explanation.startswith("Kim inicia sesión con el nuevo nombre")
        assert Path(tmp_path / "rename_es.png").stat().st_size > 0
    finally:
        install_translator(qapp, "en")
