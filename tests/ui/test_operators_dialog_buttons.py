"""Settings > Operators used through its buttons, as a supervisor does: Add… and Reset PIN…
open a form that stays open on a refusal (nothing typed is lost) and closes once the change
is made; the buttons' clicked(bool) must not reach the methods' optional arguments."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services.form_service import Actor
from desktop.services.operator_service import OperatorService
from desktop.ui.operators_dialog import OperatorForm, OperatorsDialog
from tests.ui.window_helpers import answer_modal


def _operators(qtbot, context):
    sara = OperatorService(context.workspace.db).create_first_supervisor("SR", "246813")
    context.sign_in(sara)
    dialog = OperatorsDialog(context.workspace.operator_service())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _answer_the_form(qtbot, steps):
    return answer_modal(OperatorForm, steps)


def _type(qtbot, field, text):
    field.setFocus()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_add_button_keeps_the_form_open_until_the_pins_agree(qtbot, context):
    dialog = _operators(qtbot, context)
    said = []

    def steps(form):
        _type(qtbot, form.name, "Kim")
        form.role.setCurrentIndex(form.role.findData("keyer"))
        _type(qtbot, form.pin, "1357")
        _type(qtbot, form.pin_again, "1358")
        said.append((form.isVisible(), form.message.text(), form.name.text(),
                     form.pin.text(), form.focusWidget() is form.pin))
        _type(qtbot, form.pin, "1357")
        _type(qtbot, form.pin_again, "1357")

    seen = _answer_the_form(qtbot, steps)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert said == [(True, "The two PINs differ; type the same PIN twice.", "Kim", "", True)]
    assert dialog.message.text() == "Kim was added."
    kim = dialog.selected()
    assert kim.name == "Kim" and kim.role == "keyer"
    assert OperatorService(context.workspace.db).sign_in("Kim", "1357").id == kim.id


def test_a_taken_name_sends_the_focus_back_to_the_name(qtbot, context):
    dialog = _operators(qtbot, context)
    said = []

    def steps(form):
        _type(qtbot, form.name, "sr")
        _type(qtbot, form.pin, "1357")
        _type(qtbot, form.pin_again, "1357")
        said.append((form.isVisible(), form.focusWidget() is form.name,
                     form.pin.text()))

    _answer_the_form(qtbot, steps)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert said == [(True, True, "1357")]
    assert [op.name for op in dialog.operators] == ["SR"]
    assert dialog.message.text() == ""  # cancelled: nothing happened, nothing to say


def test_reset_pin_button(qtbot, context):
    dialog = _operators(qtbot, context)
    service = context.workspace.operator_service()
    kim = service.add("Kim", "keyer", "1357")
    dialog.refresh(select=kim.id)

    def steps(form):
        _type(qtbot, form.pin, "8642")
        _type(qtbot, form.pin_again, "8642")

    _answer_the_form(qtbot, steps)
    qtbot.mouseClick(dialog.pin_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Kim has a new PIN."
    assert OperatorService(context.workspace.db, Actor("x", "dev")).sign_in(
        "Kim", "8642").id == kim.id


def test_a_two_line_refusal_is_shown_whole(qtbot, context):
    dialog = _operators(qtbot, context)
    said = []

    def steps(form):
        _type(qtbot, form.name, "Kim")
        _type(qtbot, form.pin, "12")
        _type(qtbot, form.pin_again, "12")
        message = form.message
        qtbot.waitUntil(lambda: message.height() >= message.heightForWidth(message.width()))
        said.append((message.text(),
                     message.heightForWidth(message.width()) > message.fontMetrics().height()))

    _answer_the_form(qtbot, steps)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert said == [("A PIN needs 4 to 64 characters, without spaces at either end.", True)]


def test_the_state_column_fills_the_table_after_an_addition(qtbot, context):
    dialog = _operators(qtbot, context)
    dialog.add_operator(_filled(qtbot, "Kim Lee"))
    header = dialog.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() >= dialog.table.viewport().width())
    assert header.sectionSize(0) >= header.fontMetrics().horizontalAdvance("Kim Lee")


def _filled(qtbot, name):
    form = OperatorForm("add", True)
    qtbot.addWidget(form)
    form.name.setText(name)
    form.pin.setText("1357")
    form.pin_again.setText("1357")
    return form
