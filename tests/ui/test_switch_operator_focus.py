"""Switching operator from the window (File > Sign out / switch operator): the next operator
is not offered the name of the one who just left, and keying goes on at the form number
without a click."""

from __future__ import annotations

from tests.ui.conftest import UI_TEST_PIN


def test_after_a_switch_the_cursor_is_on_the_form_number(qtbot, window, signing_in):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.sign_in()  # AM, the first supervisor
    window.context.workspace.operator_service().add("KY", "keyer", "1357")
    window.show_page("entry")
    qtbot.waitUntil(window.entry_view.number.hasFocus)
    signing_in.sign_as(("KY", "1357"))
    assert window.sign_out()
    assert "KY (keyer)" in window.operator_label.text()
    qtbot.waitUntil(window.entry_view.number.hasFocus)
    signing_in.sign_as(("AM", UI_TEST_PIN))
    assert window.sign_out()
    qtbot.waitUntil(window.entry_view.number.hasFocus)


def test_the_name_offered_is_not_the_one_who_just_left(qtbot, project, settings):
    from desktop.services.form_service import Actor
    from desktop.services.operator_service import OperatorService
    from desktop.ui.operator_dialog import OperatorDialog, remember_operator
    service = OperatorService(project.db)
    sara = service.create_first_supervisor("Sara", "246813")
    OperatorService(project.db, Actor("Sara", "dev", sara.id)).add("Kim", "keyer", "1357")
    remember_operator(settings, "Kim")
    remember_operator(settings, "Sara")  # Sara signed in last, and now signs out
    dialog = OperatorDialog(service, settings, "", leaving="Sara")
    qtbot.addWidget(dialog)
    assert dialog.operator() == "Kim"
    alone = OperatorDialog(service, settings, "")
    qtbot.addWidget(alone)
    assert alone.operator() == "Sara"  # a start: the last one is the likely one
    OperatorService(project.db, Actor("Sara", "dev", sara.id)).deactivate(
        next(op.id for op in service.operators() if op.name == "Kim"))
    again = OperatorDialog(service, settings, "", leaving="Sara")
    qtbot.addWidget(again)
    assert again.operator() == "" and again.focusWidget() is again.name  # type the name
