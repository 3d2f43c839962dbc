"""The progress view shows the ledger and the operator figures the services compute."""

from __future__ import annotations

import pytest

from desktop.services.form_service import Actor
from desktop.services.verification_service import VerificationService
from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.progress_view import ProgressView


@pytest.fixture
def view(qtbot, project, round_uuid):
    context = AppContext(project, operator="JR", lang="en",
                         runner=SynchronousRunner())
    widget = ProgressView(context)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    return widget


def test_ledger_and_operator_rows(view, project, round_uuid, service, valid_answers):
    for number in (1, 2, 3, 5):
        service.save_new(round_uuid, number, valid_answers, keystrokes=100,
                         entry_seconds=120)
    uuid = service.save_new(round_uuid, 7, valid_answers, keystrokes=100,
                            entry_seconds=120).uuid
    verifier = VerificationService(project.db, project.questionnaire, Actor("JR", "d"))
    second = dict(valid_answers, c4_pay_sufficient="1" if valid_answers[
        "c4_pay_sufficient"] != "1" else "2")
    result = verifier.compare(uuid, second)
    verifier.resolve(result.verification_id, "c4_pay_sufficient", "keep_second")
    verifier.finish(result.verification_id)
    view.context.forms_changed.emit(None)

    table = view.ledger_table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(7)] == [
        "Ronda 1", "1–500", "416", "5", "1", "0", "411"]  # the target, not the range
    assert view.missing_text.text() == "4, 6, 8-500"
    assert view.missing_title.text() == ("Ronda 1: 411 forms of the target still to key; "
                                         "form numbers not keyed (495, some unused):")
    assert view.entered_bar.format() == "5 of 416 forms (1%)"
    rows = view.operator_table
    assert rows.rowCount() == 1
    assert rows.item(0, 0).text() == "AM"
    assert rows.item(0, 2).text() == "5"
    assert rows.item(0, 3).text() == "3,000"  # 500 keystrokes in 10 minutes
    assert rows.item(0, 6).text() == "29.4"  # 1 error in 34 fields


def test_spanish_numbers(view, round_uuid, service, valid_answers):
    view.context.set_language("es")
    for number in range(1, 4):
        service.save_new(round_uuid, number, valid_answers, keystrokes=500,
                         entry_seconds=120)
    view.refresh()
    assert view.operator_table.item(0, 3).text() in ("15,000", "15.000", "15 000")


def test_hidden_view_refreshes_when_shown(view, round_uuid, service, valid_answers):
    view.hide()
    service.save_new(round_uuid, 1, valid_answers)
    view.context.forms_changed.emit(None)
    assert view.ledger_table.item(0, 3).text() == "0"  # not read while hidden
    view.show()
    assert view.ledger_table.item(0, 3).text() == "1"


def test_views_without_any_round(qtbot, project):
    from desktop.ui.verification_view import VerificationView
    context = AppContext(project, operator="JR", runner=SynchronousRunner())
    progress = ProgressView(context)
    verification = VerificationView(context)
    for widget in (progress, verification):
        qtbot.addWidget(widget)
        widget.show()
    assert progress.ledger_table.rowCount() == 0
    assert progress.missing_title.text() == "No collection round yet."
    assert verification.due_label.text() == "No collection round yet."
    verification.open_next()  # nothing to open, nothing breaks
    assert verification.form_uuid is None


def test_the_share_is_never_complete_before_the_last_form():
    from desktop.ui.progress_view import entered_share
    assert [entered_share(e, t) for e, t in [(414, 416), (415, 416), (416, 416), (5, 416),
                                             (0, 0), (430, 416)]] == [99, 99, 100, 1, 0, 103]
