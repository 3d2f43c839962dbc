"""Verification view: a message for one operator goes when another signs in; forms verified
outside the sample are counted; one discrepancy does not fill the table; a long list of
forms due shows the first few and how many more."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.verification_service import VerificationService
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.verification_start import DUE_SHOWN
from desktop.ui.verification_view import RESOLVING, VerificationView
from tests.ui.window_helpers import shown_active

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def view(qtbot, project, round_uuid):
    context = AppContext(project, operator="AM", lang="en",
                         runner=SynchronousRunner())
    return shown_active(qtbot, VerificationView(context))


def _rule(project, view, round_uuid, mode, value):
    VerificationService(project.db, project.questionnaire, view.context.actor).set_rule(
        round_uuid, mode, value)
    view.refresh_due()


def test_an_old_refusal_goes_when_another_operator_signs_in(qtbot, view, project,
                                                            round_uuid, service,
                                                            valid_answers):
    service.save_new(round_uuid, 102, valid_answers)  # keyed by AM, the operator signed in
    _rule(project, view, round_uuid, "all", 0)
    view.number_edit.setFocus()
    view.number_edit.clear()
    qtbot.keyClicks(view.number_edit, "102")
    qtbot.keyClick(view.number_edit, Qt.Key.Key_Return)
    assert view.message.isVisible() and "102" in view.message.text()
    view.context.set_operator("LC")
    assert view.message.isHidden()


def test_a_form_verified_outside_the_sample_is_counted(qtbot, view, project, round_uuid,
                                                       service, valid_answers):
    service.save_new(round_uuid, 7, valid_answers)
    _rule(project, view, round_uuid, "every_nth", 10)  # form 7 is not in the sample
    view.context.set_operator("LC")
    view.number_edit.setFocus()
    view.number_edit.clear()
    qtbot.keyClicks(view.number_edit, "7")
    qtbot.keyClick(view.number_edit, Qt.Key.Key_Return)
    view.form.set_values(dict(valid_answers))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL)
    assert "verified" in view.message.text()
    assert view.due_label.text() == ("0 of 0 sampled forms verified. 1 more verified outside "
                                     "the sample.")


def test_one_discrepancy_keeps_a_normal_row_height(qtbot, view, project, round_uuid,
                                                   service, valid_answers):
    _one_discrepancy(view, project, round_uuid, service, valid_answers)
    assert view.pages.currentIndex() == RESOLVING and view.table.rowCount() == 1
    view.table.resize(1200, 600)
    assert view.table.rowHeight(0) <= view.table.fontMetrics().lineSpacing() * 4 + 10
    assert view.table.rowHeight(0) < view.table.viewport().height() / 4


def test_a_long_list_of_forms_due_is_cut(view):
    page = view.start_page
    numbers = list(range(2, 20_000, 2))
    text = page.due_text(numbers)
    assert text.startswith("Forms due (9,999): 2, 4, 6")
    assert text.endswith(f"and {len(numbers) - DUE_SHOWN:,} more")
    assert str(2 * (DUE_SHOWN + 1)) not in text.split(":")[1].split("and")[0]
    assert page.due_text([5, 6, 7]) == "Forms due (3): 5-7"


def test_a_wrapped_row_has_room_around_its_lines(qtbot, view, project, round_uuid,
                                                 service, valid_answers):
    _one_discrepancy(view, project, round_uuid, service, valid_answers)
    table = view.table
    table.resize(880, 400)  # a narrow question column: the question wraps
    column = table.columnWidth(1)
    text = table.item(0, 1).text()
    wrapped = table.fontMetrics().boundingRect(
        0, 0, column - 8, 10_000, int(Qt.TextFlag.TextWordWrap), text).height()
    lines = table.fontMetrics().lineSpacing()
    assert 2 * lines <= wrapped <= 3 * lines  # two or three lines, under the cap of four
    assert table.rowHeight(0) >= wrapped + 6


def _one_discrepancy(view, project, round_uuid, service, valid_answers) -> None:
    """Form 3 keyed, then keyed again with one answer changed and compared: the view
    shows one discrepancy to resolve."""
    service.save_new(round_uuid, 3, valid_answers)
    _rule(project, view, round_uuid, "all", 0)
    view.context.set_operator("LC")
    view.open_next()
    second = dict(valid_answers)
    second["r01_likelihood"] = "5" if valid_answers["r01_likelihood"] != "5" else "4"
    view.form.set_values(second)
    view.compare()
