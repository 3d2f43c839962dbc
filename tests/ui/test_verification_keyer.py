"""A keyer in the Verification view: told at Alt+N (or a typed number) that a verifier or a
supervisor re-keys forms, before keying a whole form blind for nothing; the sample rule, a
supervisor's setting, is shown read-only with the reason."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.form_service import Actor
from desktop.services.operator_service import OperatorService
from desktop.services.verification_service import VerificationService
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.verification_view import IDLE, KEYING, VerificationView
from tests.ui.window_helpers import shown_active


@pytest.fixture
def signed(qtbot, project, round_uuid, service, valid_answers):
    service.save_new(round_uuid, 7, valid_answers)  # keyed by AM
    VerificationService(project.db, project.questionnaire, Actor("AM", "dev"), "en").set_rule(
        round_uuid, "all", 1)  # before the project has operators: anybody may
    sara = OperatorService(project.db).create_first_supervisor("SR", "246813")
    supervisor = OperatorService(project.db, Actor("SR", "dev", sara.id))
    kim = supervisor.add("KY", "keyer", "1357")
    vera = supervisor.add("VE", "verifier", "8642")
    context = AppContext(project, lang="en", runner=SynchronousRunner())
    view = shown_active(qtbot, VerificationView(context))
    return view, {"keyer": kim, "verifier": vera, "supervisor": sara}


def test_a_keyer_is_refused_before_keying(qtbot, signed):
    view, operators = signed
    view.context.sign_in(operators["keyer"])
    view.reload_rounds()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert view.pages.currentIndex() == IDLE and view.form_uuid is None
    assert view.message.text() == ("You are signed in as a keyer; a verifier or a "
                                   "supervisor re-keys forms for verification.")
    rule = view.start_page.rule_combo
    assert not rule.isEnabled() and "supervisor" in rule.toolTip()


def test_a_verifier_keys_and_a_supervisor_sets_the_sample(qtbot, signed):
    view, operators = signed
    view.context.sign_in(operators["verifier"])
    view.reload_rounds()
    assert not view.start_page.rule_combo.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert view.pages.currentIndex() == KEYING and view.form_number == 7
    view.cancel()
    view.context.sign_in(operators["supervisor"])
    view.reload_rounds()
    assert view.start_page.rule_combo.isEnabled()
    assert view.start_page.rule_combo.toolTip() == ""
